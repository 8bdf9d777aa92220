package org.qinglan.exam.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.QuestionType;

class BlueprintChoiceOnlyTest {
  private static Blueprint paper(Blueprint.Section... sections) {
    return new Blueprint("p", "试卷", "助理社会工作师", "综合能力", "助理社会工作师/综合能力", 120, 60, List.of(sections),
        Map.of("01", 0.5, "02", 0.5));
  }

  private static Blueprint.Section section(QuestionType type, int count, double marks) {
    return new Blueprint.Section(type, count, marks, null, null);
  }

  @Test
  void theChoiceSectionsAreScaledToTheCountByTheLargestRemainder() {
    Blueprint b = paper(section(QuestionType.SINGLE_CHOICE, 60, 1), section(QuestionType.MULTIPLE_CHOICE, 20, 2));
    Blueprint thirty = b.choiceOnly(30);
    // 30 × 60/80 = 22.5 and 30 × 20/80 = 7.5: the tie goes to the earlier section
    assertEquals(List.of(23, 7), thirty.sections().stream().map(Blueprint.Section::count).toList());
    assertEquals(30, thirty.questionCount());
    assertEquals(b.chapters(), thirty.chapters(), "the chapters' shares are kept");
    assertEquals(List.of(3, 1), b.choiceOnly(4).sections().stream().map(Blueprint.Section::count).toList());
    assertEquals(List.of(QuestionType.SINGLE_CHOICE), b.choiceOnly(1).sections().stream()
        .map(Blueprint.Section::type).toList(), "a section scaled to nothing is left out");
    assertEquals(List.of(150, 50), b.choiceOnly(200).sections().stream().map(Blueprint.Section::count).toList());
  }

  @Test
  void caseAnalysesAreLeftOutAndAPaperWithoutChoicesHasNone() {
    Blueprint mixed = paper(section(QuestionType.CASE_ANALYSIS, 4, 20), section(QuestionType.SINGLE_CHOICE, 10, 1));
    assertEquals(List.of(QuestionType.SINGLE_CHOICE), mixed.choiceOnly(5).sections().stream()
        .map(Blueprint.Section::type).toList());
    assertEquals(5, mixed.choiceOnly(5).questionCount());
    assertNull(paper(section(QuestionType.CASE_ANALYSIS, 4, 20)).choiceOnly(5));
    assertThrows(IllegalArgumentException.class, () -> mixed.choiceOnly(0));
  }
}
