package org.qinglan.exam.manage;

import java.util.EnumSet;
import java.util.Set;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what with the question bank, in one place that {@link QuestionBankService}
 * consults: trainers and admins manage it; a unit's categories are seen and changed by those who
 * reach the unit (their own unit and those below it; admins everywhere); shipped categories are
 * seen by every one of them and changed by none (their files are their source).
 */
public final class QuestionBankPolicy {
  /** Those who manage the bank. */
  public static final Set<Role> MANAGERS = EnumSet.of(Role.TRAINER, Role.ADMIN);

  private QuestionBankPolicy() {
  }

  /** What may be done with a category. */
  public enum Change {
    ALLOWED,
    /** Shipped: shown and exported, never changed here (403 read_only). */
    READ_ONLY,
    /** Not this account's to change (403). */
    FORBIDDEN
  }

  public static boolean mayManage(Account a) {
    return a.hasAny(MANAGERS);
  }

  /** Whether the account may see a category of {@code unit} (null: shipped), its questions, statistics and export. */
  public static boolean maySee(Account a, OrgUnit unit) {
    return mayManage(a) && (unit == null || a.canReach(unit));
  }

  /** Whether the account may change a category of {@code unit} (null: shipped) and its questions. */
  public static Change mayChange(Account a, OrgUnit unit) {
    if (!maySee(a, unit)) {
      return Change.FORBIDDEN;
    }
    return unit == null ? Change.READ_ONLY : Change.ALLOWED;
  }

  /** Whether the account may create a category for {@code unit}. */
  public static boolean mayCreateFor(Account a, OrgUnit unit) {
    return unit != null && mayChange(a, unit) == Change.ALLOWED;
  }
}
