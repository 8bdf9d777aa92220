package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.KnowledgeScorer.AnsweredItem;
import org.qinglan.exam.bank.QuestionType;

class KnowledgeScorerTest {
  private static final Duration T = Duration.ofSeconds(20);
  private static int next;

  private static AnsweredItem single(int key, Integer chosen, double seconds) {
    return new AnsweredItem("s" + next++, QuestionType.SINGLE_CHOICE, Set.of(key),
        chosen == null ? null : Set.of(chosen), chosen == null ? null : ms(seconds), T);
  }

  private static AnsweredItem multi(Set<Integer> key, Set<Integer> chosen, double seconds) {
    return new AnsweredItem("m" + next++, QuestionType.MULTIPLE_CHOICE, key, chosen, ms(seconds), T);
  }

  private static Duration ms(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static RoundScore correctThenTime(AnsweredItem... items) {
    return KnowledgeScorer.score(RoundScoring.CORRECT_THEN_TIME, List.of(items));
  }

  private static RoundScore speed(AnsweredItem... items) {
    return KnowledgeScorer.score(RoundScoring.SPEED_POINTS, List.of(items));
  }

  @Test
  void correctThenTimeCountsTheExamMarksAndEveryQuestionsTime() {
    RoundScore s = correctThenTime(
        single(0, 0, 4),                            // right: 1
        single(0, 1, 6),                            // wrong: 0
        multi(Set.of(0, 2, 4), Set.of(0, 2, 4), 10), // all correct options: 2
        multi(Set.of(0, 2, 4), Set.of(0, 4), 8),     // two of three: 2 × 0.5
        single(0, null, 0));                        // not answered: its whole allowance
    assertEquals(4.0, s.points());
    assertEquals(2, s.correct());
    assertEquals(1, s.wrong());
    assertEquals(Duration.ofSeconds(4 + 6 + 10 + 8 + 20), s.totalTime());
  }

  @Test
  void multipleChoiceFollowsTheExamRule() {
    Set<Integer> key = Set.of(0, 2, 4);
    assertEquals(new RoundScore(2.0, 1, 0, ms(5)), correctThenTime(multi(key, Set.of(0, 2, 4), 5)), "all: full marks");
    assertEquals(new RoundScore(1.0, 0, 0, ms(5)), correctThenTime(multi(key, Set.of(0, 4), 5)), "0.5 per correct option");
    assertEquals(new RoundScore(0.5, 0, 0, ms(5)), correctThenTime(multi(key, Set.of(2), 5)));
    assertEquals(new RoundScore(0.0, 0, 1, ms(5)), correctThenTime(multi(key, Set.of(0, 1), 5)), "a wrong option: 0");
    assertEquals(new RoundScore(0.0, 0, 1, ms(5)), correctThenTime(multi(key, Set.of(0, 1, 2, 3, 4), 5)));
    assertEquals(new RoundScore(0.0, 0, 0, T), correctThenTime(multi(key, Set.of(), 5)),
        "nothing chosen is no answer, not a wrong one, and takes the whole allowance");
    assertEquals(new RoundScore(2.0, 1, 0, ms(5)), correctThenTime(multi(Set.of(1, 3), Set.of(1, 3), 5)),
        "both of two: full marks, not 2 × 0.5");
  }

  @Test
  void trueFalseAndSingleChoiceAreAllOrNothing() {
    AnsweredItem tf = new AnsweredItem("tf", QuestionType.TRUE_FALSE, Set.of(1), Set.of(1), ms(3), T);
    assertEquals(new RoundScore(1.0, 1, 0, ms(3)), correctThenTime(tf));
    assertEquals(new RoundScore(0.0, 0, 1, ms(3)), correctThenTime(single(2, 1, 3)));
    AnsweredItem two = new AnsweredItem("x", QuestionType.SINGLE_CHOICE, Set.of(2), Set.of(1, 2), ms(3), T);
    assertEquals(new RoundScore(0.0, 0, 1, ms(3)), correctThenTime(two), "two options for a single choice is wrong");
  }

  @Test
  void speedPointsFollowTheStatedFormula() {
    assertEquals(1000.0, speed(single(0, 0, 0)).points(), "at once: 1000");
    assertEquals(750.0, speed(single(0, 0, 10)).points(), "half the allowance: 1000 × (1 − 0.5 / 2)");
    assertEquals(875.0, speed(single(0, 0, 5)).points());
    assertEquals(500.0, speed(single(0, 0, 20)).points(), "on the last moment: 500");
    assertEquals(500.0, speed(single(0, 0, 25)).points(), "a late answer counts as the whole allowance");
    assertEquals(Duration.ofSeconds(20), speed(single(0, 0, 25)).totalTime());
    assertEquals(999.0, speed(single(0, 0, 0.039)).points(), "1000 − 500 × 0.039 / 20 = 999.025, rounded");
    assertEquals(0.0, speed(single(0, 1, 1)).points(), "wrong: nothing");
    assertEquals(0.0, speed(single(0, null, 0)).points(), "missing: nothing");
  }

  @Test
  void aStreakEarnsAGrowingCappedBonus() {
    List<AnsweredItem> seven = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      seven.add(single(0, 0, 0));
    }
    assertEquals(1000 + 1100 + 1200 + 1300 + 1400.0, KnowledgeScorer.score(RoundScoring.SPEED_POINTS,
        seven.subList(0, 5)).points());
    assertEquals(1000 + 1100 + 1200 + 1300 + 1400 + 1500 + 1500.0,
        KnowledgeScorer.score(RoundScoring.SPEED_POINTS, seven).points(), "the bonus stops growing at +500");
    assertEquals(7, KnowledgeScorer.score(RoundScoring.SPEED_POINTS, seven).correct());
  }

  @Test
  void aWrongMissingOrPartialAnswerBreaksTheStreak() {
    assertEquals(1000 + 1100 + 0 + 1000.0,
        speed(single(0, 0, 0), single(0, 0, 0), single(0, 1, 0), single(0, 0, 0)).points(), "wrong");
    assertEquals(1000 + 1100 + 0 + 1000.0,
        speed(single(0, 0, 0), single(0, 0, 0), single(0, null, 0), single(0, 0, 0)).points(), "missing");
    // two of three correct options: the exam gives 1.0 of 2 marks, so half the speed points, and no streak
    assertEquals(1000 + 500 + 1000.0,
        speed(single(0, 0, 0), multi(Set.of(0, 1, 2), Set.of(0, 1), 0), single(0, 0, 0)).points(), "partial");
  }

  @Test
  void partialCreditScalesTheSpeedPoints() {
    // one of four correct options at half time: 0.5 of 2 marks = 0.25 × 750 = 187.5, rounded half up
    RoundScore s = speed(multi(Set.of(0, 1, 2, 3), Set.of(0), 10));
    assertEquals(188.0, s.points());
    assertEquals(0, s.correct());
    assertEquals(0, s.wrong());
    // all the correct options count like any correct answer: 1000, then 750 + a streak bonus of 100
    assertEquals(1000 + 850.0, speed(multi(Set.of(0, 1), Set.of(0, 1), 0), multi(Set.of(0, 1), Set.of(0, 1), 10),
        single(0, 1, 0)).points());
  }

  @Test
  void theQuestionOrderMattersForStreaksOnly() {
    AnsweredItem a = single(0, 0, 0);
    AnsweredItem b = single(0, 0, 0);
    AnsweredItem w = single(0, 1, 0);
    assertEquals(2100.0, speed(a, b, w).points());
    assertEquals(2000.0, speed(a, w, b).points());
    assertEquals(correctThenTime(a, b, w), correctThenTime(a, w, b));
  }

  @Test
  void itemsOutsideAKnowledgeRoundAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new AnsweredItem("e", QuestionType.ESSAY, Set.of(0), Set.of(0), ms(1), T));
    assertThrows(IllegalArgumentException.class,
        () -> new AnsweredItem("n", QuestionType.SINGLE_CHOICE, Set.of(0), Set.of(0), Duration.ofMillis(-1), T));
    assertThrows(IllegalArgumentException.class,
        () -> new AnsweredItem("z", QuestionType.SINGLE_CHOICE, Set.of(0), Set.of(0), ms(1), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new AnsweredItem("k", QuestionType.SINGLE_CHOICE, Set.of(), Set.of(0), ms(1), T));
    assertThrows(IllegalArgumentException.class,
        () -> new AnsweredItem("t", QuestionType.SINGLE_CHOICE, Set.of(0), Set.of(0), null, T),
        "an answer without its time cannot be ranked");
    assertTrue(KnowledgeScorer.score(RoundScoring.SPEED_POINTS, List.of()).points() == 0);
  }

  @Test
  void marksAreTheExamPapers() {
    assertEquals(1.0, KnowledgeScorer.marks(QuestionType.SINGLE_CHOICE));
    assertEquals(1.0, KnowledgeScorer.marks(QuestionType.TRUE_FALSE));
    assertEquals(2.0, KnowledgeScorer.marks(QuestionType.MULTIPLE_CHOICE));
  }
}
