package org.qinglan.exam.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qinglan.exam.review.Rating.AGAIN;
import static org.qinglan.exam.review.Rating.EASY;
import static org.qinglan.exam.review.Rating.GOOD;
import static org.qinglan.exam.review.Rating.HARD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.review.ReviewCard.State;

/**
 * The single FSRS-6 formulas with the default weights, against the values asserted by
 * open-spaced-repetition/ts-fsrs (packages/fsrs/__tests__, commit cdec8d2f), which uses the
 * same FSRS-6 default weights as py-fsrs. ts-fsrs rounds its results to 8 decimals, hence the
 * tolerances.
 */
class FsrsFormulaTest {
  private static final List<Rating> GRADES = List.of(AGAIN, HARD, GOOD, EASY);
  private final FsrsScheduler scheduler =
      new FsrsScheduler(FsrsParameters.defaults().withEnableFuzzing(false), () -> 0L);

  // ts-fsrs __tests__/algorithm.test.ts, describe 'forgetting_curve', it 'retrievability'
  @Test
  void forgettingCurveForStabilityOne() {
    double[] expected = {1.0, 0.9, 0.84588465, 0.8093881};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], scheduler.forgettingCurve(t, 1.0), 1e-8, "t = " + t);
    }
  }

  // ts-fsrs __tests__/FSRS-6.test.ts, describe 'FSRS-6', it 'first repeat'
  @Test
  void firstReviewOfANewCard() {
    Instant now = Instant.parse("2022-12-29T12:30:00Z");
    double[] stability = {0.212, 1.2931, 2.3065, 8.2956};
    double[] difficulty = {6.4133, 5.11217071, 2.11810397, 1};
    long[] scheduledDays = {0, 0, 0, 8};
    State[] states = {State.LEARNING, State.LEARNING, State.LEARNING, State.REVIEW};
    for (int i = 0; i < GRADES.size(); i++) {
      ReviewCard card = scheduler.review(ReviewCard.newCard(now), GRADES.get(i), now);
      String grade = GRADES.get(i).name();
      assertEquals(stability[i], card.stability(), 1e-12, grade);
      assertEquals(difficulty[i], card.difficulty(), 1e-8, grade);
      assertEquals(scheduledDays[i], Duration.between(now, card.due()).toDays(), grade);
      assertEquals(states[i], card.state(), grade);
    }
  }

  // ts-fsrs __tests__/FSRS-6.test.ts, describe 'get retrievability',
  // test 'return retrievability percentage for review cards' (r_number)
  @Test
  void retrievabilityAtTheDueTimeOfTheFirstReview() {
    Instant created = Instant.parse("2023-12-01T04:00:00Z");
    Instant reviewed = Instant.parse("2023-12-01T04:05:00Z");
    double[] expected = {1, 1, 1, 0.9024733};
    for (int i = 0; i < GRADES.size(); i++) {
      ReviewCard card = scheduler.review(ReviewCard.newCard(created), GRADES.get(i), reviewed);
      assertEquals(expected[i], scheduler.retrievability(card, card.due()), 1e-7, GRADES.get(i).name());
    }
  }

  // ts-fsrs __tests__/algorithm.test.ts, describe 'next_ds', it 'next_difficulty'
  @Test
  void nextDifficultyFromFive() {
    double[] expected = {8.34176237, 6.66599536, 4.99022837, 3.31446137};
    for (int i = 0; i < GRADES.size(); i++) {
      assertEquals(expected[i], scheduler.nextDifficulty(5.0, GRADES.get(i)), 1e-7, GRADES.get(i).name());
    }
  }

  // ts-fsrs __tests__/algorithm.test.ts, describe 'next_ds', it 'next_stability':
  // s = 5, d = 1..4, r = 0.9, 0.8, 0.7, 0.6 paired with the grades AGAIN..EASY.
  @Test
  void nextStabilities() {
    double[] d = {1, 2, 3, 4};
    double[] r = {0.9, 0.8, 0.7, 0.6};
    double[] recall = {25.60252118, 28.22657096, 58.65599107, 127.2266925};
    double[] forget = {1.05253961, 1.18943295, 1.36808387, 1.58498896};
    double[] shortTerm = {1.596818, 5, 5, 8.12960956};
    for (int i = 0; i < GRADES.size(); i++) {
      Rating g = GRADES.get(i);
      assertEquals(recall[i], scheduler.recallStability(d[i], 5, r[i], g), 1e-7, "recall " + g);
      assertEquals(forget[i], scheduler.forgetStability(d[i], 5, r[i]), 1e-7, "forget " + g);
      assertEquals(shortTerm[i], scheduler.shortTermStability(5, g), 1e-7, "short-term " + g);
    }
  }

  // ts-fsrs __tests__/algorithm.test.ts, describe 'next_interval', it 'next_ivl':
  // stability 1, desired retention 0.1 .. 1.0, no practical maximum.
  @Test
  void nextIntervalForEachDesiredRetention() {
    long[] expected = {3116769, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};
    for (int i = 0; i < expected.length; i++) {
      double retention = (i + 1) / 10.0;
      FsrsScheduler s = new FsrsScheduler(FsrsParameters.defaults().withEnableFuzzing(false)
          .withDesiredRetention(retention).withMaximumInterval(Integer.MAX_VALUE), () -> 0L);
      assertEquals(expected[i], s.intervalDays(1.0), "retention " + retention);
    }
  }

  // With the default retention 0.9 the interval equals the stability: R(S, S) = 0.9.
  // ts-fsrs __tests__/algorithm.test.ts, 'change Params': "I(r,s),r=0.9 then I(r,s)=s".
  @Test
  void atNinetyPercentTheIntervalIsTheStability() {
    assertEquals(0.9, scheduler.forgettingCurve(8.2956, 8.2956), 1e-12);
    assertEquals(8, scheduler.intervalDays(8.2956));
    assertEquals(163, scheduler.intervalDays(162.99981577472244));
    assertEquals(1, scheduler.intervalDays(0.2));
  }

  // Retrievability counts whole days since the last review, as py-fsrs's
  // get_card_retrievability does ((now - last_review).days).
  @Test
  void retrievabilityCountsWholeElapsedDays() {
    Instant last = Instant.parse("2024-03-01T10:00:00Z");
    ReviewCard card = new ReviewCard(State.REVIEW, null, 10.0, 5.0, last.plus(Duration.ofDays(10)), last);
    double oneDay = scheduler.forgettingCurve(1, 10.0);
    assertEquals(1.0, scheduler.retrievability(card, last.plus(Duration.ofHours(23))));
    assertEquals(oneDay, scheduler.retrievability(card, last.plus(Duration.ofHours(24))));
    assertEquals(oneDay, scheduler.retrievability(card, last.plus(Duration.ofHours(47))));
    assertEquals(0.9, scheduler.retrievability(card, last.plus(Duration.ofDays(10))), 1e-12);
    assertEquals(1.0, scheduler.retrievability(card, last.minus(Duration.ofDays(3))));
  }
}
