package org.qinglan.exam.review;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.qinglan.exam.review.ReviewCard.State;

/**
 * The FSRS-6 spaced-repetition scheduler (Free Spaced Repetition Scheduler, model version 6),
 * written from the published formulas. Its behaviour follows open-spaced-repetition's py-fsrs:
 * a card starts in learning, walks through the learning steps, is then scheduled in whole days
 * so that it is reviewed when the predicted probability of recall has fallen to the desired
 * retention, and goes through the relearning steps again when it is forgotten.
 *
 * <p>Time is counted in whole elapsed days ({@code floor((now - lastReview) / 24h)}), as in
 * py-fsrs. A review less than a day after the previous one uses the short-term stability formula.
 *
 * <p>Two places follow fsrs-rs (the model's reference, whose formulas trained the default
 * weights) and ts-fsrs rather than py-fsrs: a same-day HARD never lowers stability (py-fsrs
 * floors the short-term increase at 1 for GOOD and EASY only), and the fuzzed day is drawn
 * uniformly from the fuzz range (py-fsrs rounds a draw from [min, max + 1), which makes the
 * two ends half as likely and can exceed the range by a day). With AGAIN and GOOD only, and
 * fuzzing off, the schedule is the same as py-fsrs's.
 *
 * <p>Pure: no clock, no I/O. The only state is the random generator for fuzz, which is used only
 * when fuzzing is enabled; draws from it are synchronized so a scheduler can be shared.
 */
public final class FsrsScheduler {
  private static final double STABILITY_MIN = 0.001;
  private static final double DIFFICULTY_MIN = 1.0;
  private static final double DIFFICULTY_MAX = 10.0;
  private static final long SECONDS_PER_DAY = 86_400;

  private final FsrsParameters parameters;
  private final RandomGenerator fuzzRandom;
  private final double decay;
  private final double factor;

  /**
   * @param fuzzRandom where the fuzz comes from; pass a seeded generator for repeatable
   *                   schedules. Not used when fuzzing is disabled.
   */
  public FsrsScheduler(FsrsParameters parameters, RandomGenerator fuzzRandom) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.fuzzRandom = Objects.requireNonNull(fuzzRandom, "fuzzRandom");
    // Forgetting curve constants: DECAY = -w[20]; FACTOR = 0.9^(1/DECAY) - 1, so that R(S, S) = 0.9.
    this.decay = -parameters.w(20);
    this.factor = Math.pow(0.9, 1.0 / decay) - 1.0;
  }

  /** A scheduler whose fuzz comes from a generator seeded with {@code seed}. */
  public static FsrsScheduler seeded(FsrsParameters parameters, long seed) {
    return new FsrsScheduler(parameters, new SplittableRandom(seed));
  }

  public FsrsParameters parameters() {
    return parameters;
  }

  /**
   * The predicted probability that the card is recalled at {@code now}: 0 for a card never
   * reviewed, otherwise the FSRS-6 forgetting curve at the whole days elapsed since the last review.
   */
  public double retrievability(ReviewCard card, Instant now) {
    if (card.lastReview() == null || card.stability() == null) {
      return 0;
    }
    long elapsed = Math.max(0, elapsedDays(card.lastReview(), now));
    return forgettingCurve(elapsed, card.stability());
  }

  /** The card after a review with {@code rating} at {@code now}. */
  public ReviewCard review(ReviewCard card, Rating rating, Instant now) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(now, "now");

    // 1. Memory state: stability and difficulty.
    double stability;
    double difficulty;
    if (card.isNew()) {
      stability = initialStability(rating);
      difficulty = clampDifficulty(initialDifficulty(rating));
    } else {
      boolean sameDay = card.lastReview() != null && elapsedDays(card.lastReview(), now) < 1;
      if (sameDay) {
        stability = shortTermStability(card.stability(), rating);
      } else {
        double r = retrievability(card, now);
        stability = rating == Rating.AGAIN
            ? forgetStability(card.difficulty(), card.stability(), r)
            : recallStability(card.difficulty(), card.stability(), r, rating);
      }
      difficulty = nextDifficulty(card.difficulty(), rating);
    }

    // 2. Next state, step and interval.
    State state;
    Integer step;
    Duration interval;
    switch (card.state()) {
      case LEARNING, RELEARNING -> {
        List<Duration> steps = card.state() == State.LEARNING
            ? parameters.learningSteps() : parameters.relearningSteps();
        int current = card.step();
        // The first test also covers a card whose step is beyond the steps configured now
        // (it was scheduled with more steps): any passing grade graduates it.
        if (steps.isEmpty() || (current >= steps.size() && rating != Rating.AGAIN)) {
          state = State.REVIEW;
          step = null;
          interval = Duration.ofDays(intervalDays(stability));
        } else {
          switch (rating) {
            case AGAIN -> {
              state = card.state();
              step = 0;
              interval = steps.get(0);
            }
            case HARD -> {
              // Hard repeats the current step; on the first step it waits 1.5 times the only
              // step, or halfway between the first two steps.
              state = card.state();
              step = current;
              if (current == 0 && steps.size() == 1) {
                interval = scale(steps.get(0), 1.5);
              } else if (current == 0) {
                interval = steps.get(0).plus(steps.get(1)).dividedBy(2);
              } else {
                interval = steps.get(current);
              }
            }
            case GOOD -> {
              if (current + 1 >= steps.size()) {
                state = State.REVIEW;
                step = null;
                interval = Duration.ofDays(intervalDays(stability));
              } else {
                state = card.state();
                step = current + 1;
                interval = steps.get(step);
              }
            }
            default -> { // EASY graduates at once
              state = State.REVIEW;
              step = null;
              interval = Duration.ofDays(intervalDays(stability));
            }
          }
        }
      }
      default -> { // REVIEW: a lapse goes to relearning, anything else stays in review
        if (rating == Rating.AGAIN && !parameters.relearningSteps().isEmpty()) {
          state = State.RELEARNING;
          step = 0;
          interval = parameters.relearningSteps().get(0);
        } else {
          state = State.REVIEW;
          step = null;
          interval = Duration.ofDays(intervalDays(stability));
        }
      }
    }

    // 3. Fuzz applies to day intervals only.
    if (parameters.enableFuzzing() && state == State.REVIEW) {
      interval = Duration.ofDays(fuzzedDays(interval.toDays()));
    }
    return new ReviewCard(state, step, stability, difficulty, now.plus(interval), now);
  }

  /**
   * Exam date pulls reviews before it. A worker preparing for an exam should see every card at
   * least once before the exam rather than after it. When {@code due} falls on or after the exam
   * date (in the worker's zone), it is moved to the start of the day before the exam, but never
   * to less than one day after {@code lastReview} (a card just reviewed is not shown again the
   * same day) and never later than {@code due} itself (short learning steps are left alone). If
   * the exam is not after the day of the last review, or there is no exam date or last review,
   * {@code due} is returned unchanged.
   */
  public static Instant dueBeforeExam(Instant due, Instant lastReview, LocalDate examDate, ZoneId zone) {
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(zone, "zone");
    if (examDate == null || lastReview == null) {
      return due;
    }
    if (!examDate.isAfter(LocalDate.ofInstant(lastReview, zone))) {
      return due; // the exam is today or already over
    }
    if (LocalDate.ofInstant(due, zone).isBefore(examDate)) {
      return due; // already before the exam
    }
    Instant dayBeforeExam = examDate.minusDays(1).atStartOfDay(zone).toInstant();
    Instant earliest = lastReview.plus(Duration.ofDays(1));
    Instant pulled = dayBeforeExam.isBefore(earliest) ? earliest : dayBeforeExam;
    return pulled.isBefore(due) ? pulled : due;
  }

  // ---- FSRS-6 formulas (package-private so the tests can check each one) ----

  /** Forgetting curve: R(t, S) = (1 + FACTOR * t / S)^DECAY. */
  double forgettingCurve(double elapsedDays, double stability) {
    return Math.pow(1 + factor * elapsedDays / stability, decay);
  }

  /**
   * Next interval, the inverse of the forgetting curve at the desired retention r:
   * I(S) = S / FACTOR * (r^(1/DECAY) - 1), rounded to whole days (half to even, as Python's
   * round), at least 1 day and at most the maximum interval.
   */
  long intervalDays(double stability) {
    double days = stability / factor * (Math.pow(parameters.desiredRetention(), 1.0 / decay) - 1);
    long rounded = (long) Math.rint(days);
    return Math.min(Math.max(rounded, 1), parameters.maximumInterval());
  }

  /** Initial stability: S0(G) = w[G-1]. */
  double initialStability(Rating rating) {
    return clampStability(parameters.w(rating.grade() - 1));
  }

  /** Initial difficulty, unclamped: D0(G) = w[4] - e^(w[5] * (G - 1)) + 1. */
  double initialDifficulty(Rating rating) {
    return parameters.w(4) - Math.exp(parameters.w(5) * (rating.grade() - 1)) + 1;
  }

  /**
   * Next difficulty: delta = -w[6] * (G - 3); linear damping D' = D + delta * (10 - D) / 9;
   * mean reversion towards D0(EASY): D'' = w[7] * D0(4) + (1 - w[7]) * D'; clamped to [1, 10].
   */
  double nextDifficulty(double difficulty, Rating rating) {
    double delta = -parameters.w(6) * (rating.grade() - 3);
    double damped = difficulty + delta * (10 - difficulty) / 9;
    double w7 = parameters.w(7);
    return clampDifficulty(w7 * initialDifficulty(Rating.EASY) + (1 - w7) * damped);
  }

  /**
   * Short-term (same-day) stability: SInc = e^(w[17] * (G - 3 + w[18])) * S^(-w[19]);
   * S' = S * SInc, where SInc is at least 1 for HARD, GOOD and EASY (only AGAIN can lower it).
   */
  double shortTermStability(double stability, Rating rating) {
    double increase = Math.exp(parameters.w(17) * (rating.grade() - 3 + parameters.w(18)))
        * Math.pow(stability, -parameters.w(19));
    if (rating != Rating.AGAIN) {
      increase = Math.max(increase, 1.0);
    }
    return clampStability(stability * increase);
  }

  /**
   * Stability after a successful recall:
   * S' = S * (1 + e^w[8] * (11 - D) * S^(-w[9]) * (e^(w[10] * (1 - R)) - 1) * hardPenalty * easyBonus),
   * with hardPenalty = w[15] for HARD and easyBonus = w[16] for EASY, 1 otherwise.
   */
  double recallStability(double difficulty, double stability, double retrievability, Rating rating) {
    double hardPenalty = rating == Rating.HARD ? parameters.w(15) : 1;
    double easyBonus = rating == Rating.EASY ? parameters.w(16) : 1;
    double next = stability * (1 + Math.exp(parameters.w(8)) * (11 - difficulty)
        * Math.pow(stability, -parameters.w(9))
        * (Math.exp((1 - retrievability) * parameters.w(10)) - 1)
        * hardPenalty * easyBonus);
    return clampStability(next);
  }

  /** Long-term stability after a lapse: S'f = w[11] * D^(-w[12]) * ((S + 1)^w[13] - 1) * e^(w[14] * (1 - R)). */
  double longTermForgetStability(double difficulty, double stability, double retrievability) {
    return parameters.w(11) * Math.pow(difficulty, -parameters.w(12))
        * (Math.pow(stability + 1, parameters.w(13)) - 1)
        * Math.exp((1 - retrievability) * parameters.w(14));
  }

  /** Stability after a lapse: min(S'f, S / e^(w[17] * w[18])), at least the minimum stability. */
  double forgetStability(double difficulty, double stability, double retrievability) {
    double longTerm = longTermForgetStability(difficulty, stability, retrievability);
    double shortTermCap = stability / Math.exp(parameters.w(17) * parameters.w(18));
    return clampStability(Math.min(longTerm, shortTermCap));
  }

  /**
   * Fuzz: intervals of 3 days and more are spread over [I - delta, I + delta], where delta
   * = 1 + 15% of the part of I between 2.5 and 7 days + 10% of the part between 7 and 20
   * + 5% of the part above 20; the bounds are rounded, at least 2 and at most the maximum
   * interval. A day is drawn uniformly from that range.
   */
  long fuzzedDays(long days) {
    if (days < 2.5) {
      return days;
    }
    double delta = 1.0
        + 0.15 * Math.max(Math.min(days, 7.0) - 2.5, 0)
        + 0.10 * Math.max(Math.min(days, 20.0) - 7.0, 0)
        + 0.05 * Math.max(days - 20.0, 0);
    long max = Math.min((long) Math.rint(days + delta), parameters.maximumInterval());
    long min = Math.min(Math.max(2, (long) Math.rint(days - delta)), max);
    double draw;
    synchronized (fuzzRandom) {
      draw = fuzzRandom.nextDouble();
    }
    long fuzzed = min + (long) Math.floor(draw * (max - min + 1));
    return Math.min(fuzzed, max);
  }

  private static long elapsedDays(Instant from, Instant to) {
    return Math.floorDiv(Duration.between(from, to).getSeconds(), SECONDS_PER_DAY);
  }

  private static double clampStability(double stability) {
    return Math.max(stability, STABILITY_MIN);
  }

  private static double clampDifficulty(double difficulty) {
    return Math.min(Math.max(difficulty, DIFFICULTY_MIN), DIFFICULTY_MAX);
  }

  private static Duration scale(Duration d, double by) {
    return Duration.ofNanos(Math.round(d.toNanos() * by));
  }
}
