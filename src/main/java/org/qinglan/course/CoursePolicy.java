package org.qinglan.course;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what with courses, by role and org-unit scope. The course services consult it; the
 * routes only turn away the roles that have no business on a page at all ({@link #LEARNERS},
 * {@link #STAFF}, {@link #WRITERS}, {@link #ORGANISERS}). Whether a worker may enrol in a course
 * they see is the audience's and prerequisites' matter ({@link Eligibility}).
 */
public final class CoursePolicy {
  /** Study courses: enrol, learn, take quizzes, hold certificates. */
  public static final Set<Role> LEARNERS = Collections.unmodifiableSet(EnumSet.of(Role.WORKER, Role.MENTOR));
  /** See the courses of their scope (to assign them) and assign courses. */
  public static final Set<Role> STAFF = Collections.unmodifiableSet(EnumSet.of(Role.TRAINER, Role.ORGANISER, Role.ADMIN));
  /** Write courses in the editor and publish them. */
  public static final Set<Role> WRITERS = Collections.unmodifiableSet(EnumSet.of(Role.TRAINER, Role.ADMIN));
  /** See training compliance. */
  public static final Set<Role> ORGANISERS = Collections.unmodifiableSet(EnumSet.of(Role.ORGANISER, Role.ADMIN));
  /**
   * Supervise practice tasks by scope: sign off or return the reports of the workers of their unit
   * and below. (A worker's own mentor is a supervisor too once mentor pairing names one: {@link Supervision}.)
   */
  public static final Set<Role> SUPERVISORS = Collections.unmodifiableSet(EnumSet.of(Role.TRAINER, Role.ORGANISER,
      Role.ADMIN));

  /** What someone may do with a course of an org unit, or within an org unit. */
  public enum Action {
    /** See a published course written for the unit. */
    SEE,
    /** Enrol in a published course written for the unit (when its audience admits them). */
    ENROL,
    /** Change a course of the unit in the editor. */
    EDIT,
    /** Publish or withdraw a course of the unit. */
    PUBLISH,
    /** Assign a course to the unit or to a worker of it. */
    ASSIGN,
    /** See the training compliance of the unit's workers. */
    SEE_COMPLIANCE,
    /** See the practice-task reports of the unit's workers, sign them off or return them (通过 / 退回修改). */
    SUPERVISE
  }

  /**
   * Whom a worker's practice-task report answers to: the worker, the org unit they handed it in
   * from, and the accounts named as their mentors (青蓝结对). Mentor pairing is not built yet, so
   * the services pass no mentors; when it is, naming them here is all the policy needs.
   */
  public record Supervision(UUID workerId, OrgUnit workerUnit, Set<UUID> mentorIds) {
    public Supervision {
      mentorIds = Set.copyOf(mentorIds);
    }

    public static Supervision byScope(UUID workerId, OrgUnit workerUnit) {
      return new Supervision(workerId, workerUnit, Set.of());
    }
  }

  private CoursePolicy() {
  }

  /** Whether {@code a} may do {@code action} with (a course of) {@code unit}. */
  public static boolean may(Account a, Action action, OrgUnit unit) {
    return switch (action) {
      case SEE -> reachesFromBelow(a, unit) || seesScope(a) && a.canReach(unit);
      case ENROL -> isLearner(a) && reachesFromBelow(a, unit);
      case EDIT, PUBLISH -> isWriter(a) && a.canReach(unit);
      case ASSIGN -> a.hasAny(STAFF) && a.canReach(unit);
      case SEE_COMPLIANCE -> a.hasAny(ORGANISERS) && a.canReach(unit);
      case SUPERVISE -> a.hasAny(SUPERVISORS) && a.canReach(unit);
    };
  }

  /**
   * Whether {@code a} may sign off or return this worker's report: a supervisor whose scope covers
   * the worker's unit, or a mentor named as the worker's; never the worker themself.
   */
  public static boolean maySupervise(Account a, Supervision s) {
    if (a.id().equals(s.workerId())) {
      return false;
    }
    return may(a, Action.SUPERVISE, s.workerUnit()) || a.has(Role.MENTOR) && s.mentorIds().contains(a.id());
  }

  /** Whether the person has a queue of practice-task reports to look at (a page of their own). */
  public static boolean supervises(Account a) {
    return a.hasAny(SUPERVISORS);
  }

  public static boolean isLearner(Account a) {
    return a.hasAny(LEARNERS);
  }

  /** Trainers and admins write courses (within their scope). */
  public static boolean isWriter(Account a) {
    return a.hasAny(WRITERS);
  }

  /** Staff see the published courses of every unit in their scope, not only those written for them. */
  public static boolean seesScope(Account a) {
    return a.hasAny(STAFF);
  }

  /** Staff with a scope to look into: admins, and staff who belong to an org unit. */
  public static boolean seesScopeWithin(Account a) {
    return seesScope(a) && (a.has(Role.ADMIN) || a.orgUnit() != null);
  }

  /**
   * The org units whose published courses {@code a} sees: their own unit and those above it (a
   * course written for a unit reaches everyone in it and below), and for staff every unit of their
   * scope ({@code scope}, as {@code OrgUnitService.within} lists it; empty for others).
   */
  public static Set<UUID> visibleCourseUnits(Account a, Collection<OrgUnit> scope) {
    Set<UUID> out = new LinkedHashSet<>(unitAndAbove(a.orgUnit()));
    if (seesScope(a)) {
      scope.forEach(u -> out.add(u.id()));
    }
    return out;
  }

  /** The unit and every unit above it, from the root down (its path lists their ids); empty for none. */
  public static Set<UUID> unitAndAbove(OrgUnit unit) {
    return unit == null ? new LinkedHashSet<>() : new LinkedHashSet<>(unit.selfAndAncestorIds());
  }

  /** The course's unit is the person's own or above it: the course was written for them. */
  private static boolean reachesFromBelow(Account a, OrgUnit courseUnit) {
    return courseUnit != null && a.orgUnit() != null && courseUnit.contains(a.orgUnit());
  }
}
