package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StudyOrderTest {
  private static CourseDefinition course(String id, Tier tier, String... prerequisites) {
    return new CourseDefinition(id, id, tier, "简介", Audience.anyone(), List.of(prerequisites), 4, 60, false,
        CourseRulesTest.QUIZ, List.of());
  }

  private static List<String> ids(List<CourseDefinition> courses) {
    return courses.stream().map(CourseDefinition::id).toList();
  }

  @Test
  void aCourseComesAfterWhatItRequiresAndOtherwiseKeepsItsPlace() {
    // As the catalogue query gives them (tier, then id): the shipped induction courses.
    List<CourseDefinition> given = List.of(
        course("induction-post-entry", Tier.INDUCTION, "induction-role-ethics-law", "induction-working-with-residents"),
        course("induction-role-ethics-law", Tier.INDUCTION),
        course("induction-working-with-residents", Tier.INDUCTION, "induction-role-ethics-law"),
        course("inservice-grid-governance", Tier.IN_SERVICE));
    assertEquals(List.of("induction-role-ethics-law", "induction-working-with-residents", "induction-post-entry",
        "inservice-grid-governance"), ids(StudyOrder.of(given)));
  }

  @Test
  void unknownPrerequisitesAndCyclesLeaveTheOrderAlone() {
    List<CourseDefinition> given = List.of(course("a", Tier.INDUCTION, "not-visible"), course("b", Tier.INDUCTION, "c"),
        course("c", Tier.INDUCTION, "b"), course("d", Tier.IN_SERVICE));
    assertEquals(List.of("a", "d", "b", "c"), ids(StudyOrder.of(given)));
  }
}
