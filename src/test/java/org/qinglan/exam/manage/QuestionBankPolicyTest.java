package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qinglan.exam.manage.QuestionBankPolicy.Change.ALLOWED;
import static org.qinglan.exam.manage.QuestionBankPolicy.Change.FORBIDDEN;
import static org.qinglan.exam.manage.QuestionBankPolicy.Change.READ_ONLY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.PolicyFixtures;
import org.qinglan.exam.PolicyFixtures.Scope;
import org.qinglan.people.Account;
import org.qinglan.people.Role;

/** Role x where the category sits x action (see, change, create a category for its unit), as a table. */
class QuestionBankPolicyTest {
  private static final List<Boolean> NONE = List.of(false, false, false, false, false);

  /** Seeing a category in each scope, in {@link Scope} order: own unit, below, above, sibling, shipped. */
  private static final Map<Role, List<Boolean>> SEE = Map.of(
      Role.WORKER, NONE,
      Role.MENTOR, NONE,
      Role.JUDGE, NONE,
      Role.ORGANISER, NONE,
      Role.TRAINER, List.of(true, true, false, false, true),
      Role.ADMIN, List.of(true, true, true, true, true));

  private static final List<QuestionBankPolicy.Change> CHANGE_NONE =
      List.of(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN);
  /** Changing a category (or its questions) in each scope. */
  private static final Map<Role, List<QuestionBankPolicy.Change>> CHANGE = Map.of(
      Role.WORKER, CHANGE_NONE,
      Role.MENTOR, CHANGE_NONE,
      Role.JUDGE, CHANGE_NONE,
      Role.ORGANISER, CHANGE_NONE,
      Role.TRAINER, List.of(ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, READ_ONLY),
      Role.ADMIN, List.of(ALLOWED, ALLOWED, ALLOWED, ALLOWED, READ_ONLY));

  /** Creating a category for the unit of each scope (none for "shipped": a category made here always has a unit). */
  private static final Map<Role, List<Boolean>> CREATE = Map.of(
      Role.WORKER, NONE,
      Role.MENTOR, NONE,
      Role.JUDGE, NONE,
      Role.ORGANISER, NONE,
      Role.TRAINER, List.of(true, true, false, false, false),
      Role.ADMIN, List.of(true, true, true, true, false));

  @Test
  void theBankFollowsTheTable() {
    List<String> wrong = new ArrayList<>();
    for (Role role : Role.values()) {
      Account a = PolicyFixtures.account(role);
      for (Scope scope : Scope.values()) {
        int i = scope.ordinal();
        if (QuestionBankPolicy.maySee(a, scope.unit) != SEE.get(role).get(i)) {
          wrong.add(role + " see " + scope + ": expected " + SEE.get(role).get(i));
        }
        if (QuestionBankPolicy.mayChange(a, scope.unit) != CHANGE.get(role).get(i)) {
          wrong.add(role + " change " + scope + ": expected " + CHANGE.get(role).get(i) + ", was "
              + QuestionBankPolicy.mayChange(a, scope.unit));
        }
        if (QuestionBankPolicy.mayCreateFor(a, scope.unit) != CREATE.get(role).get(i)) {
          wrong.add(role + " create for " + scope + ": expected " + CREATE.get(role).get(i));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
