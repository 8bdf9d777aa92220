package org.qinglan.competition;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what with a skills competition, by role and org-unit scope. The competition services
 * consult it; routes only turn away roles that have no business on a page at all.
 *
 * <p>A competition belongs to the org unit that runs it. Its organisers, and the organisers of the
 * units above, manage it (an admin is an organiser everywhere in their scope). Organisers of the
 * units below it nominate contestants from their own unit when the competition is entered by
 * nomination; those who manage it may nominate for any lower unit's quota too (a unit without
 * organisers of its own is not left out, and an admin without a unit is not shut out). Workers
 * and mentors of the unit and below see it and may enter it, when its audience admits them (the
 * service checks the audience and the registration window).
 */
public final class CompetitionPolicy {
  /** Set up, run and publish competitions of their scope. */
  public static final Set<Role> ORGANISERS = Collections.unmodifiableSet(EnumSet.of(Role.ORGANISER, Role.ADMIN));
  /** Enter competitions as contestants. */
  public static final Set<Role> CONTESTANTS = Collections.unmodifiableSet(EnumSet.of(Role.WORKER, Role.MENTOR));

  /** What someone may do with a competition run by a given org unit. */
  public enum Action {
    /** See that the competition exists and read its rules. */
    SEE,
    /** Set it up, change it, move it through its stages, open and close rounds, publish results. */
    MANAGE,
    /** Watch live standings and read the results before publication, the audit trail, the CSV exports. */
    WATCH,
    /** Nominate contestants from their own unit (nomination entry: the unit's quota applies). */
    NOMINATE,
    /** Register oneself and take its rounds (the audience and the window are the service's matter). */
    ENTER
  }

  private CompetitionPolicy() {
  }

  /** Whether {@code a} may do {@code action} with a competition run by {@code runBy}. */
  public static boolean may(Account a, Action action, OrgUnit runBy) {
    if (runBy == null) {
      return false;
    }
    return switch (action) {
      case SEE -> reachesFromBelow(a, runBy) || manages(a, runBy);
      case MANAGE, WATCH -> manages(a, runBy);
      case NOMINATE -> a.hasAny(ORGANISERS) && (reachesFromBelow(a, runBy) || manages(a, runBy));
      case ENTER -> a.hasAny(CONTESTANTS) && reachesFromBelow(a, runBy);
    };
  }

  /**
   * Whether an organiser who may nominate may nominate for {@code quotaUnit}'s quota: their own
   * unit or one below it.
   */
  public static boolean mayNominateFor(Account a, OrgUnit quotaUnit) {
    return a.hasAny(ORGANISERS) && quotaUnit != null && a.canReach(quotaUnit);
  }

  private static boolean manages(Account a, OrgUnit runBy) {
    return a.hasAny(ORGANISERS) && a.canReach(runBy);
  }

  /** The competition's unit is the person's own or above it: it was set up for them. */
  private static boolean reachesFromBelow(Account a, OrgUnit runBy) {
    return a.orgUnit() != null && runBy.contains(a.orgUnit());
  }
}
