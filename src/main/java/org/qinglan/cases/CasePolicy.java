package org.qinglan.cases;

import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what in the case library. Trainers (and admins) write; a case is changed only by its
 * author; organisers decide on cases of their own unit and the units below it (admins on all);
 * a published case is for every signed-in reader, anything else for its author and its reviewers.
 */
public final class CasePolicy {
  /**
   * What the rules look at in a case: its author, its org unit (null when it has none) and whether
   * what is asked about is live in the library (the published revision, not retracted).
   */
  public record Subject(UUID authorId, OrgUnit unit, boolean live) {
  }

  private CasePolicy() {
  }

  /** Writes new cases and keeps a list of their own. */
  public static boolean mayWrite(Account a) {
    return a.has(Role.TRAINER) || a.has(Role.ADMIN);
  }

  /** Changes a case (saves, attaches files): its author, while a writer. */
  public static boolean mayEdit(Account a, Subject c) {
    return mayWrite(a) && isAuthor(a, c);
  }

  /** Submits a case for review: as {@link #mayEdit}. */
  public static boolean maySubmit(Account a, Subject c) {
    return mayEdit(a, c);
  }

  /** Opens a case's edit page (with its drafts and review record): its author. */
  public static boolean mayOpenEditor(Account a, Subject c) {
    return isAuthor(a, c);
  }

  /** Has a review queue at all: organisers and admins. */
  public static boolean mayReviewAny(Account a) {
    return a.has(Role.ORGANISER) || a.has(Role.ADMIN);
  }

  /** Approves or returns a case: an admin, or an organiser whose unit is the case's or above it. */
  public static boolean mayReview(Account a, Subject c) {
    return a.has(Role.ADMIN) || a.has(Role.ORGANISER) && c.unit() != null && a.canReach(c.unit());
  }

  /** Takes a published case out of the library: whoever may review it. */
  public static boolean mayRetract(Account a, Subject c) {
    return mayReview(a, c);
  }

  /** Reads a case (or an attachment): live ones everyone signed in; others their author and reviewers. */
  public static boolean maySee(Account a, Subject c) {
    return c.live() || isAuthor(a, c) || mayReview(a, c);
  }

  /** Reads a case's review record: its author, its reviewers, and staff reading a live case. */
  public static boolean maySeeHistory(Account a, Subject c) {
    return isAuthor(a, c) || isStaff(a) && c.live() || mayReview(a, c);
  }

  /** Trainers, organisers and admins: they see the review record of live cases. */
  public static boolean isStaff(Account a) {
    return a.has(Role.TRAINER) || a.has(Role.ORGANISER) || a.has(Role.ADMIN);
  }

  private static boolean isAuthor(Account a, Subject c) {
    return a.id().equals(c.authorId());
  }
}
