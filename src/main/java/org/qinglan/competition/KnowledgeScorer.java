package org.qinglan.competition;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.mock.ExamScorer;

/**
 * Scores one contestant's knowledge round.
 *
 * <p>Every question is first marked by the exam's rules ({@link ExamScorer}, one rule for the whole
 * platform): single choice and true/false 1 mark, all or nothing; multiple choice 2 marks, all the
 * correct options 2, otherwise 0.5 per correct option chosen, any wrong option 0. A question is
 * <em>correct</em> with full marks, <em>wrong</em> when answered for 0, and neither when partly right or
 * not answered (an empty selection is no answer).
 *
 * <p>Time: an answer's time runs from the question being shown; a time beyond the allowance counts
 * as the allowance (the service refuses answers that come too late, so this only absorbs a grace
 * for network delay); an unanswered question counts its whole allowance.
 *
 * <p>{@link RoundScoring#CORRECT_THEN_TIME}: points are the marks; the ranking then looks at the
 * total time.
 *
 * <p>{@link RoundScoring#SPEED_POINTS} (Kahoot's formula), with {@code t} the answer's time and
 * {@code T} the question's allowance, {@code f} the share of the question's marks earned:
 * <pre>
 *   points = round(f × 1000 × (1 − (t / T) / 2))        500 at the last moment, 1000 at once
 *   bonus  = min(100 × (s − 1), 500)                    for the s-th fully correct answer in a row
 * </pre>
 * Rounding is half up, per question. Only a fully correct answer extends the streak; a wrong, missing
 * or partly right answer ends it (a partial multiple choice still earns {@code f} of the points).
 * The streak follows the order of the items as given, which must be the order they were asked.
 */
public final class KnowledgeScorer {
  static final int SPEED_MAX = 1000;
  static final int STREAK_STEP = 100;
  static final int STREAK_CAP = 500;

  private static final Set<QuestionType> TYPES = Set.of(QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE,
      QuestionType.TRUE_FALSE);

  private KnowledgeScorer() {
  }

  /**
   * One question as a contestant met it: its key and their response as stored option indexes
   * (see {@link OptionShuffle} for the order they were shown in).
   *
   * @param response   the options chosen; null or empty when not answered
   * @param answerTime from the question being shown to the answer; may be null when not answered
   * @param allowance  the question's time limit
   */
  public record AnsweredItem(String questionId, QuestionType type, Set<Integer> key, Set<Integer> response,
                             Duration answerTime, Duration allowance) {
    public AnsweredItem {
      Objects.requireNonNull(questionId, "questionId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(allowance, "allowance");
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("a knowledge round asks choice questions, not " + type);
      }
      key = Set.copyOf(key);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("question " + questionId + " has no key");
      }
      if (allowance.isNegative() || allowance.isZero()) {
        throw new IllegalArgumentException("question " + questionId + " has no time allowance");
      }
      response = response == null || response.isEmpty() ? null : Set.copyOf(response);
      if (response != null && (answerTime == null || answerTime.isNegative())) {
        throw new IllegalArgumentException("the answer to " + questionId + " has no valid time: " + answerTime);
      }
    }

    public boolean answered() {
      return response != null;
    }
  }

  /** A question's marks, as on the exam paper. */
  public static double marks(QuestionType type) {
    return type == QuestionType.MULTIPLE_CHOICE ? 2 : 1;
  }

  /**
   * A question already marked (by {@link #earned}) as a contestant met it: what a knowledge round
   * stores for each answer as it is saved, so that live standings and the close need not mark the
   * whole paper again.
   *
   * @param earned     the marks earned by the exam rule (0 when not answered)
   * @param answered   whether anything was chosen
   * @param answerTime from the question being shown to the answer; may be null when not answered
   */
  public record MarkedItem(double earned, double marks, boolean answered, Duration answerTime, Duration allowance) {
    public MarkedItem {
      Objects.requireNonNull(allowance, "allowance");
      if (!(marks > 0) || earned < 0 || earned > marks || !answered && earned != 0) {
        throw new IllegalArgumentException("not a marked question: " + earned + " of " + marks);
      }
      if (allowance.isNegative() || allowance.isZero()) {
        throw new IllegalArgumentException("a question with no time allowance");
      }
      if (answered && (answerTime == null || answerTime.isNegative())) {
        throw new IllegalArgumentException("an answer with no valid time: " + answerTime);
      }
    }

    /** A question not answered. */
    public static MarkedItem unanswered(double marks, Duration allowance) {
      return new MarkedItem(0, marks, false, null, allowance);
    }
  }

  /**
   * The marks a response earns by the exam rule ({@link ExamScorer}): {@code response} as stored
   * option indexes; null or empty is no answer and earns 0.
   */
  public static double earned(QuestionType type, Set<Integer> key, Set<Integer> response) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("a knowledge round asks choice questions, not " + type);
    }
    if (response == null || response.isEmpty()) {
      return 0;
    }
    return ExamScorer.score(new ExamScorer.Item("", type, "", marks(type), Set.copyOf(key), 0),
        ExamScorer.Response.choices(response));
  }

  /** @param items the contestant's questions in the order they were asked (streaks follow it) */
  public static RoundScore score(RoundScoring scoring, List<AnsweredItem> items) {
    List<MarkedItem> marked = new java.util.ArrayList<>(items.size());
    for (AnsweredItem item : items) {
      double marks = marks(item.type());
      marked.add(item.answered()
          ? new MarkedItem(earned(item.type(), item.key(), item.response()), marks, true, item.answerTime(),
              item.allowance())
          : MarkedItem.unanswered(marks, item.allowance()));
    }
    return scoreMarked(scoring, marked);
  }

  /** As {@link #score}, from questions marked already (in the order they were asked). */
  public static RoundScore scoreMarked(RoundScoring scoring, List<MarkedItem> items) {
    double points = 0;
    int correct = 0;
    int wrong = 0;
    Duration time = Duration.ZERO;
    int streak = 0;
    for (MarkedItem item : items) {
      double marks = item.marks();
      double earned = item.earned();
      Duration taken = item.answered() && item.answerTime().compareTo(item.allowance()) < 0 ? item.answerTime()
          : item.allowance();
      boolean full = item.answered() && earned == marks;
      correct += full ? 1 : 0;
      wrong += item.answered() && earned == 0 ? 1 : 0;
      time = time.plus(taken);
      streak = full ? streak + 1 : 0;
      points += switch (scoring) {
        case CORRECT_THEN_TIME -> earned;
        case SPEED_POINTS -> speedPoints(earned, marks, taken, item.allowance())
            + (streak > 1 ? Math.min(STREAK_STEP * (streak - 1), STREAK_CAP) : 0);
      };
    }
    return new RoundScore(points, correct, wrong, time);
  }

  /**
   * {@code round(earned / marks × 1000 × (1 − (t / T) / 2))}, half up, in whole numbers: marks come
   * in halves, so the exact fraction is {@code halves × (1000·T − 500·t) / (2·marks × T)}, and no
   * floating-point error can turn a .5 into .4999….
   */
  static long speedPoints(double earned, double marks, Duration t, Duration allowance) {
    long halves = Math.round(earned * 2);
    if (halves <= 0) {
      return 0;
    }
    long total = allowance.toNanos();
    long num = Math.multiplyExact(halves,
        Math.multiplyExact(SPEED_MAX, total) - Math.multiplyExact(SPEED_MAX / 2, t.toNanos()));
    long den = Math.multiplyExact(Math.round(marks * 2), total);
    return Math.floorDiv(Math.addExact(Math.multiplyExact(2, num), den), Math.multiplyExact(2, den));
  }
}
