package org.qinglan.exam.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.QuestionType;

class ExamScorerTest {
  private static final ExamScorer.Item MULTI_3 = new ExamScorer.Item("m", QuestionType.MULTIPLE_CHOICE, "01", 2,
      Set.of(0, 2, 4), 0);
  private static final ExamScorer.Item MULTI_2 = new ExamScorer.Item("m2", QuestionType.MULTIPLE_CHOICE, "01", 2,
      Set.of(1, 3), 0);

  private static double multi(ExamScorer.Item item, Integer... chosen) {
    return ExamScorer.score(item, ExamScorer.Response.choices(Set.of(chosen)));
  }

  @Test
  void multipleChoiceFollowsTheExamRule() {
    assertEquals(2.0, multi(MULTI_3, 0, 2, 4), "all correct options: full marks");
    assertEquals(1.0, multi(MULTI_3, 0, 4), "two of three correct options: 0.5 each");
    assertEquals(0.5, multi(MULTI_3, 2), "one correct option: 0.5");
    assertEquals(0.0, multi(MULTI_3, 0, 1), "a wrong option spoils the question");
    assertEquals(0.0, multi(MULTI_3, 0, 1, 2, 3, 4), "choosing everything includes wrong options");
    assertEquals(0.0, multi(MULTI_3), "nothing chosen");
    assertEquals(2.0, multi(MULTI_2, 1, 3), "both of two correct options: full marks, not 2 × 0.5");
    assertEquals(0.5, multi(MULTI_2, 3));
  }

  @Test
  void singleChoiceAndTrueFalse() {
    ExamScorer.Item single = new ExamScorer.Item("s", QuestionType.SINGLE_CHOICE, "01", 1, Set.of(2), 0);
    assertEquals(1.0, ExamScorer.score(single, ExamScorer.Response.choices(Set.of(2))));
    assertEquals(0.0, ExamScorer.score(single, ExamScorer.Response.choices(Set.of(1))));
    assertEquals(0.0, ExamScorer.score(single, null), "unanswered");
  }

  @Test
  void caseAnalysisScalesTheTickedRubricMarks() {
    ExamScorer.Item c = new ExamScorer.Item("c", QuestionType.CASE_ANALYSIS, "01", 20, Set.of(), 20);
    assertEquals(14.0, ExamScorer.score(c, ExamScorer.Response.rubric(14)));
    ExamScorer.Item scaled = new ExamScorer.Item("c", QuestionType.CASE_ANALYSIS, "01", 20, Set.of(), 25);
    assertEquals(12.0, ExamScorer.score(scaled, ExamScorer.Response.rubric(15)), "15 of 25 rubric marks = 12 of 20");
  }

  /** A whole assistant paper against a hand computation. */
  @Test
  void aWholePaperMatchesAHandComputation() {
    List<ExamScorer.Item> paper = new ArrayList<>();
    Map<String, ExamScorer.Response> answers = new HashMap<>();
    // 60 single choice, key always option 0; the worker gets 41 right (chapter 01: 20 of 30, chapter 02: 21 of 30).
    for (int i = 0; i < 60; i++) {
      String ch = i < 30 ? "01" : "02";
      paper.add(new ExamScorer.Item("s" + i, QuestionType.SINGLE_CHOICE, ch, 1, Set.of(0), 0));
      boolean right = i < 20 || (i >= 30 && i < 51);
      answers.put("s" + i, ExamScorer.Response.choices(Set.of(right ? 0 : 1)));
    }
    // 20 multiple choice, key {0,1,2}: 6 full (12), 6 with two correct (6 × 1.0 = 6), 4 with one correct (4 × 0.5 = 2),
    // 3 with a wrong option (0), 1 unanswered (0) → 20 marks.
    for (int i = 0; i < 20; i++) {
      paper.add(new ExamScorer.Item("m" + i, QuestionType.MULTIPLE_CHOICE, "03", 2, Set.of(0, 1, 2), 0));
      Set<Integer> chosen = i < 6 ? Set.of(0, 1, 2) : i < 12 ? Set.of(0, 2) : i < 16 ? Set.of(1)
          : i < 19 ? Set.of(0, 3) : null;
      if (chosen != null) {
        answers.put("m" + i, ExamScorer.Response.choices(chosen));
      }
    }
    ExamScorer.Result r = ExamScorer.score(paper, answers, 60);
    assertEquals(100.0, r.max());
    assertEquals(61.0, r.score(), "41 + 20");
    assertTrue(r.passed());
    assertEquals(List.of(new ExamScorer.ChapterScore("01", 20, 30, 20, 30), new ExamScorer.ChapterScore("02", 21, 30, 21, 30),
        new ExamScorer.ChapterScore("03", 20, 40, 6, 20)), r.byChapter());
    answers.put("s0", ExamScorer.Response.choices(Set.of(3)));
    answers.put("s1", ExamScorer.Response.choices(Set.of(3)));
    assertFalse(ExamScorer.score(paper, answers, 60).passed(), "59 fails");
  }
}
