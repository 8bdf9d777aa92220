package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qinglan.exam.ExamPolicy.Practice.ALLOWED;
import static org.qinglan.exam.ExamPolicy.Practice.IN_OPEN_EXAM;
import static org.qinglan.exam.ExamPolicy.Practice.NOT_A_LEARNER;
import static org.qinglan.exam.ExamPolicy.Practice.NOT_VISIBLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.PolicyFixtures.Scope;
import org.qinglan.people.Account;
import org.qinglan.people.Role;

/** Role x where the question's category sits x action, as a table. */
class ExamPolicyTest {
  /** For each role: practising a question of a category in each scope (no open exam), in {@link Scope} order. */
  private static final Map<Role, List<ExamPolicy.Practice>> PRACTISE = Map.of(
      Role.WORKER, List.of(ALLOWED, NOT_VISIBLE, ALLOWED, NOT_VISIBLE, ALLOWED),
      Role.MENTOR, List.of(ALLOWED, NOT_VISIBLE, ALLOWED, NOT_VISIBLE, ALLOWED),
      Role.TRAINER, List.of(NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER),
      Role.JUDGE, List.of(NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER),
      Role.ORGANISER, List.of(NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER),
      Role.ADMIN, List.of(NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER, NOT_A_LEARNER));
  /** Seeing a question of a category in each scope: a unit's trainers write for the units below, not above. */
  private static final List<Boolean> SEE = List.of(true, false, true, false, true);

  @Test
  void practisingAndSeeingFollowTheTable() {
    List<String> wrong = new ArrayList<>();
    for (Role role : Role.values()) {
      Account a = PolicyFixtures.account(role);
      for (Scope scope : Scope.values()) {
        UUID unit = scope.unit == null ? null : scope.unit.id();
        ExamPolicy.Practice expected = PRACTISE.get(role).get(scope.ordinal());
        ExamPolicy.Practice actual = ExamPolicy.mayPractise(a, unit, false);
        if (expected != actual) {
          wrong.add(role + " practise " + scope + ": expected " + expected + ", was " + actual);
        }
        if (ExamPolicy.maySee(a, unit) != SEE.get(scope.ordinal())) {
          wrong.add(role + " see " + scope + ": expected " + SEE.get(scope.ordinal()));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aQuestionOnAnOpenExamOfTheirsWaitsUntilItIsSubmittedWhereverItIsSeen() {
    Account worker = PolicyFixtures.account(Role.WORKER);
    for (Scope scope : Scope.values()) {
      UUID unit = scope.unit == null ? null : scope.unit.id();
      ExamPolicy.Practice expected = SEE.get(scope.ordinal()) ? IN_OPEN_EXAM : NOT_VISIBLE;
      assertEquals(expected, ExamPolicy.mayPractise(worker, unit, true), scope.name());
    }
  }

  @Test
  void mockExamsAreTakenByLearnersAndUsedByTheirTakerAlone() {
    for (Role role : Role.values()) {
      Account a = PolicyFixtures.account(role);
      assertEquals(role == Role.WORKER || role == Role.MENTOR, ExamPolicy.mayTakeMockExam(a), role.name());
      assertTrue(ExamPolicy.mayUseMockExam(a, a.id()), role.name());
      assertFalse(ExamPolicy.mayUseMockExam(a, PolicyFixtures.account(role).id()), role.name());
      assertTrue(ExamPolicy.mayUsePracticeOf(a, a.id()), role.name());
      assertFalse(ExamPolicy.mayUsePracticeOf(a, UUID.randomUUID()), role.name());
    }
  }

  @Test
  void anAccountWithoutAUnitSeesOnlyShippedQuestions() {
    Account admin = new Account(UUID.randomUUID(), "admin", "", "管理员", java.util.Set.of(Role.ADMIN, Role.WORKER), null,
        false, true);
    assertEquals(List.of(), ExamPolicy.visibleUnits(admin));
    assertTrue(ExamPolicy.maySee(admin, null));
    assertFalse(ExamPolicy.maySee(admin, PolicyFixtures.DISTRICT.id()));
  }

  @Test
  void theVisibleUnitsAreTheAccountsUnitAndThoseAboveIt() {
    assertEquals(List.of(PolicyFixtures.DISTRICT.id(), PolicyFixtures.STREET.id()),
        ExamPolicy.visibleUnits(PolicyFixtures.account(Role.WORKER)));
  }
}
