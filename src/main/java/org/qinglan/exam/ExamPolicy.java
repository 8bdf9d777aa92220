package org.qinglan.exam;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.Role;

/**
 * Who may do what with practice and mock exams, in one place that the services consult. A
 * question is seen by a worker when its category is shipped or belongs to the worker's unit or a
 * unit above it (a unit's trainers write for the units below); it is practised only while it is
 * on no open mock exam of theirs (practice shows the key). A mock exam or a practice session is
 * its owner's alone.
 */
public final class ExamPolicy {
  /** Those who practise and take mock exams. */
  public static final Set<Role> LEARNERS = EnumSet.of(Role.WORKER, Role.MENTOR);

  private ExamPolicy() {
  }

  /** Whether a question may be practised, and if not, why. */
  public enum Practice {
    ALLOWED,
    /** Not for this worker: answered as if it did not exist (404). */
    NOT_VISIBLE,
    /** On a mock exam of theirs still open (409 until it is submitted). */
    IN_OPEN_EXAM,
    /** Not a learner (403). */
    NOT_A_LEARNER
  }

  public static boolean isLearner(Account a) {
    return a.hasAny(LEARNERS);
  }

  /**
   * The org units whose categories the account sees besides the shipped ones: its own and every unit
   * above it. Lists in SQL filter by these ids.
   */
  public static List<UUID> visibleUnits(Account a) {
    return OrgUnitService.unitAndAbove(a);
  }

  /** Whether a question of a category of {@code categoryUnit} (null: shipped) is seen by the account. */
  public static boolean maySee(Account a, UUID categoryUnit) {
    return categoryUnit == null || visibleUnits(a).contains(categoryUnit);
  }

  /** Whether the account may practise a question of a category of {@code categoryUnit} (null: shipped). */
  public static Practice mayPractise(Account a, UUID categoryUnit, boolean inOpenExamOfTheirs) {
    if (!isLearner(a)) {
      return Practice.NOT_A_LEARNER;
    }
    if (!maySee(a, categoryUnit)) {
      return Practice.NOT_VISIBLE;
    }
    return inOpenExamOfTheirs ? Practice.IN_OPEN_EXAM : Practice.ALLOWED;
  }

  /** Whether the account may start a mock exam. */
  public static boolean mayTakeMockExam(Account a) {
    return isLearner(a);
  }

  /** Whether the account may see, answer, submit or assess a mock exam taken by {@code taker}. */
  public static boolean mayUseMockExam(Account a, UUID taker) {
    return a.id().equals(taker);
  }

  /** Whether the account may see and answer a practice session (or a written case answer) of {@code owner}. */
  public static boolean mayUsePracticeOf(Account a, UUID owner) {
    return a.id().equals(owner);
  }
}
