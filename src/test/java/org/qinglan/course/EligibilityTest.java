package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Qualification;

class EligibilityTest {
  private static CourseDefinition course(Audience audience, List<String> prerequisites) {
    return new CourseDefinition("c", "课程", Tier.IN_SERVICE, "简介", audience, prerequisites, 8, 60, false,
        new QuizSpec(List.of("培训课程"), List.of(), 10, 60), List.of());
  }

  private static Eligibility.Learner learner(String post, int grade, Qualification q, boolean secretary,
                                             String... done) {
    return new Eligibility.Learner(post, grade, q, secretary, Set.of(done));
  }

  @Test
  void anyoneMayEnrolInAnOpenCourse() {
    assertEquals(List.of(), Eligibility.reasons(course(Audience.anyone(), List.of()),
        learner("OTHER", 1, Qualification.NONE, false), Map.of()));
  }

  @Test
  void anAudienceAdmitsByItsRulesAloneWhateverTheLearnerHasCompleted() {
    Audience a = new Audience(Set.of("HEAD"), 10, 18, Set.of(Qualification.NONE), true);
    assertTrue(Eligibility.admits(a, learner("HEAD", 12, Qualification.NONE, true)));
    assertFalse(Eligibility.admits(a, learner("OTHER", 12, Qualification.NONE, true)));
    assertFalse(Eligibility.admits(a, learner("HEAD", 9, Qualification.NONE, true)));
    assertFalse(Eligibility.admits(a, learner("HEAD", 12, Qualification.ASSISTANT, true)));
    assertFalse(Eligibility.admits(a, learner("HEAD", 12, Qualification.NONE, false)));
    assertTrue(Eligibility.admits(Audience.anyone(), learner(null, 0, null, false)));
  }

  @Test
  void eachRuleGivesItsReason() {
    Audience a = new Audience(Set.of("HEAD"), 10, 18, Set.of(Qualification.NONE), true);
    CourseDefinition c = course(a, List.of("induction-role-ethics-law"));
    List<String> reasons = Eligibility.reasons(c, learner("OTHER", 3, Qualification.ASSISTANT, false),
        Map.of("induction-role-ethics-law", "社区工作者的角色、职业伦理与法律基础"));
    assertEquals(List.of("面向正职岗位", "面向岗位等级 10–18 级", "面向尚无职业资格者", "面向社区党组织书记、居委会主任",
        "需先完成《社区工作者的角色、职业伦理与法律基础》"), reasons);
    assertEquals(List.of(), Eligibility.reasons(c, learner("HEAD", 12, Qualification.NONE, true,
        "induction-role-ethics-law"), Map.of()));
  }

  @Test
  void staffWithoutAProfileMeetOnlyOpenRules() {
    Eligibility.Learner staff = new Eligibility.Learner(null, null, null, false, Set.of());
    assertEquals(List.of("面向正职、副职岗位"), Eligibility.reasons(course(new Audience(Set.of("HEAD", "DEPUTY"), null, null,
        Set.of(), null), List.of()), staff, Map.of()));
  }
}
