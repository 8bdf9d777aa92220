package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.manage.ItemAnalysis.FirstAnswer;
import org.qinglan.exam.manage.ItemAnalysis.Result;

class ItemAnalysisTest {
  private static final double EPS = 1e-6;

  /*
   * Hand computation for right = 1 1 0 0 1, score = .8 .6 .4 .2 .5:
   * p = 3/5 = .6; M1 = (.8 + .6 + .5) / 3 = .633333; M0 = (.4 + .2) / 2 = .3;
   * mean = 2.5 / 5 = .5; squares = .09 + .01 + .01 + .09 + 0 = .2; s = √(.2 / 5) = .2;
   * r = (.633333 − .3) / .2 · √(.6 · .4) = 1.666667 · .489898 = .816497 (= 2 / √6).
   */
  @Test
  void pointBiserialMatchesTheHandComputedValue() {
    boolean[] right = {true, true, false, false, true};
    double[] score = {.8, .6, .4, .2, .5};
    assertEquals(0.816497, ItemAnalysis.pointBiserial(right, score), EPS);
    assertEquals(2 / Math.sqrt(6), ItemAnalysis.pointBiserial(right, score), 1e-12);
    boolean[] reversed = {false, false, true, true, false};
    assertEquals(-0.816497, ItemAnalysis.pointBiserial(reversed, score), EPS);
  }

  /*
   * right = 1 0 1 0, score = .9 .1 .5 .5: p = .5, M1 = .7, M0 = .3, mean = .5,
   * squares = .16 + .16 + 0 + 0 = .32, s = √.08 = .282843; r = .4 / .282843 · .5 = .707107 (= 1/√2).
   */
  @Test
  void aSecondHandComputedValue() {
    assertEquals(1 / Math.sqrt(2), ItemAnalysis.pointBiserial(new boolean[] {true, false, true, false},
        new double[] {.9, .1, .5, .5}), 1e-12);
  }

  @Test
  void undefinedWithoutVariance() {
    assertNull(ItemAnalysis.pointBiserial(new boolean[] {true, true, true}, new double[] {.1, .5, .9}));
    assertNull(ItemAnalysis.pointBiserial(new boolean[] {false, false}, new double[] {.1, .5}));
    assertNull(ItemAnalysis.pointBiserial(new boolean[] {true, false, true}, new double[] {.4, .4, .4}));
  }

  /** Five workers whose scores on the other questions are the example's .8 .6 .4 .2 .5. */
  private static List<FirstAnswer> fivePattern() {
    return List.of(
        new FirstAnswer(true, 6, 5),   // right here, 4 of 5 others right: .8
        new FirstAnswer(true, 6, 4),   // 3 of 5: .6
        new FirstAnswer(false, 6, 2),  // 2 of 5: .4
        new FirstAnswer(false, 6, 1),  // 1 of 5: .2
        new FirstAnswer(true, 3, 2));  // 1 of 2: .5
  }

  @Test
  void discriminationUsesTheScoreOnTheOtherQuestionsAndNeedsThirtyWorkers() {
    List<FirstAnswer> firsts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      firsts.addAll(fivePattern());
    }
    // Replicating every worker leaves a correlation unchanged: the example's value.
    Result r = ItemAnalysis.analyse(41, firsts);
    assertEquals(41, r.attempts());
    assertEquals(30, r.workers());
    assertEquals(30, r.sample());
    assertEquals(0.6, r.facility(), EPS);
    assertEquals(0.816497, r.discrimination(), EPS);

    // A worker who answered nothing else has no score: counted in the facility, not in the index.
    List<FirstAnswer> withNewcomer = new ArrayList<>(firsts);
    withNewcomer.add(new FirstAnswer(false, 1, 0));
    Result r2 = ItemAnalysis.analyse(42, withNewcomer);
    assertEquals(31, r2.workers());
    assertEquals(30, r2.sample());
    assertEquals(18 / 31.0, r2.facility(), EPS);
    assertEquals(0.816497, r2.discrimination(), EPS);

    Result few = ItemAnalysis.analyse(29, firsts.subList(0, 29));
    assertEquals(29, few.sample());
    assertNull(few.discrimination(), "too few workers for an index");
    Result none = ItemAnalysis.analyse(0, List.of());
    assertNull(none.facility());
    assertNull(none.discrimination());
  }

  @Test
  void totalsMustBeConsistent() {
    assertThrows(IllegalArgumentException.class, () -> new FirstAnswer(true, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> new FirstAnswer(false, 3, 3));
    assertThrows(IllegalArgumentException.class, () -> new FirstAnswer(false, 0, 0));
  }

  @Test
  void reviewFirstListsLowAndNegativeDiscriminationWorstFirst() {
    Map<String, Result> stats = Map.of(
        "good", new Result(40, 30, .6, 0.45, 30),
        "weak", new Result(40, 30, .6, 0.15, 30),
        "negative", new Result(40, 30, .6, -0.3, 30),
        "borderline", new Result(40, 30, .6, 0.2, 30),
        "unknown", new Result(10, 10, .6, null, 10));
    List<String> review = ItemAnalysis.reviewFirst(List.of("good", "weak", "negative", "borderline", "unknown"),
        stats::get);
    assertEquals(List.of("negative", "weak"), review);
    assertTrue(stats.get("negative").needsReview());
  }
}
