package org.qinglan.people;

import java.util.Set;

/**
 * Who may do what with accounts, org units and workers, by role and org-unit scope. The services
 * of this package consult it; routes only name who may open a page.
 *
 * <p>Scope: an admin reaches every unit; anyone else reaches their own unit and the units below it
 * (never above, never a sibling).
 */
public final class PeoplePolicy {
  /** What someone does to something that belongs to an org unit. */
  public enum Action {
    /** List, create and change staff and other accounts (roles, unit, enabled). */
    MANAGE_ACCOUNTS,
    /** Give an account a new one-time password. */
    RESET_PASSWORD,
    /** Add and rename org units. */
    EDIT_ORG_UNITS,
    /** Create, edit and bulk-import workers and their profiles. */
    MANAGE_WORKERS,
    /** See workers and their profiles (lists, details, exports; trainers to assign courses). */
    VIEW_WORKERS
  }

  private PeoplePolicy() {
  }

  /**
   * Whether {@code actor} may take {@code action} on what belongs to {@code unit} (null: something
   * of no unit, such as the list of all staff or a top-level province, which only admins reach).
   */
  public static boolean may(Account actor, Action action, OrgUnit unit) {
    if (actor == null || !actor.active()) {
      return false;
    }
    boolean admin = actor.has(Role.ADMIN);
    return switch (action) {
      case MANAGE_ACCOUNTS, RESET_PASSWORD, EDIT_ORG_UNITS -> admin;
      case MANAGE_WORKERS -> admin || actor.has(Role.ORGANISER) && reaches(actor, unit);
      // Trainers look workers up to assign them courses.
      case VIEW_WORKERS -> admin || actor.hasAny(Set.of(Role.ORGANISER, Role.TRAINER)) && reaches(actor, unit);
    };
  }

  /** Whether {@code unit} lies in the actor's scope (their unit and below; everywhere for an admin). */
  public static boolean reaches(Account actor, OrgUnit unit) {
    return actor != null && actor.canReach(unit);
  }

  public static boolean mayManageAccount(Account actor, Account target) {
    return may(actor, Action.MANAGE_ACCOUNTS, target == null ? null : target.orgUnit());
  }

  public static boolean mayResetPassword(Account actor, Account target) {
    return may(actor, Action.RESET_PASSWORD, target == null ? null : target.orgUnit());
  }

  public static boolean mayEditOrgUnit(Account actor, OrgUnit unit) {
    return may(actor, Action.EDIT_ORG_UNITS, unit);
  }

  public static boolean mayManageWorkers(Account actor, OrgUnit unit) {
    return may(actor, Action.MANAGE_WORKERS, unit);
  }

  public static boolean mayViewWorkers(Account actor, OrgUnit unit) {
    return may(actor, Action.VIEW_WORKERS, unit);
  }
}
