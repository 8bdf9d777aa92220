package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;

import org.qinglan.people.WorkerService;
import org.qinglan.people.WorkerView;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;

/** Training compliance for organisers, and course assignments with due dates. */
public final class ComplianceService {
  /** An overdue worker and why. */
  public record Overdue(WorkerView worker, List<String> reasons) {
  }

  private final Pool pool;
  private final EnrolmentStore enrolments = new EnrolmentStore();
  private final AssignmentStore assignments = new AssignmentStore();
  private final WorkerService workers;
  private final OrgUnitService orgUnits;
  private final CourseService courses;
  private final ZoneId zone;

  public ComplianceService(Pool pool, WorkerService workers, OrgUnitService orgUnits, CourseService courses, ZoneId zone) {
    this.pool = pool;
    this.workers = workers;
    this.orgUnits = orgUnits;
    this.courses = courses;
    this.zone = zone;
  }

  /**
   * Overdue workers in the viewer's scope (or in {@code unitId}), ordered by street and community.
   * The workers come from people's service once; their completions are read by their ids.
   */
  public Future<List<Overdue>> overdue(Account viewer, UUID unitId) {
    if (!viewer.hasAny(CoursePolicy.ORGANISERS)) {
      return Future.failedFuture(Problem.forbidden());
    }
    LocalDate today = LocalDate.now(zone);
    Future<OrgUnit> unit = unitId == null ? Future.succeededFuture(viewer.orgUnit()) : orgUnits.reachable(viewer, unitId);
    return unit.compose(u -> u != null && !CoursePolicy.may(viewer, CoursePolicy.Action.SEE_COMPLIANCE, u)
        ? Future.failedFuture(Problem.forbidden()) : workers.all(viewer, unitId)).compose(list -> {
      List<UUID> ids = list.stream().map(WorkerView::id).toList();
      Set<UUID> units = new HashSet<>();
      list.forEach(w -> units.addAll(CoursePolicy.unitAndAbove(w.community())));
      return Future.all(enrolments.completions(pool, ids), assignments.forWorkers(pool, ids, units)).map(all -> {
        Map<UUID, List<EnrolmentStore.Completion>> done = new HashMap<>();
        for (EnrolmentStore.Completion c : all.<List<EnrolmentStore.Completion>>resultAt(0)) {
          done.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c);
        }
        List<AssignmentStore.Assignment> assigned = all.resultAt(1);
        List<Overdue> out = new ArrayList<>();
        for (WorkerView w : list) {
          List<LocalDate> dates = new ArrayList<>();
          List<Double> hours = new ArrayList<>();
          Set<String> completedCourses = new HashSet<>();
          for (EnrolmentStore.Completion c : done.getOrDefault(w.id(), List.of())) {
            dates.add(c.completedAt().atZoneSameInstant(zone).toLocalDate());
            hours.add(c.creditHours());
            completedCourses.add(c.courseId());
          }
          Set<UUID> containing = CoursePolicy.unitAndAbove(w.community());
          List<ComplianceRules.Assignment> mine = new ArrayList<>();
          for (AssignmentStore.Assignment a : assigned) {
            if (appliesTo(a, w, containing)) {
              mine.add(new ComplianceRules.Assignment(a.title(), a.due(), completedCourses.contains(a.courseId())));
            }
          }
          ComplianceRules.Facts facts = new ComplianceRules.Facts(w.secretaryOrDirector(), w.hireDate(),
              w.qualification(), w.certificateDate(), dates, hours, mine);
          List<String> reasons = ComplianceRules.overdue(facts, today);
          if (!reasons.isEmpty()) {
            out.add(new Overdue(w, reasons));
          }
        }
        return out;
      });
    });
  }

  /** Whether an assignment reaches the worker: to them, or to a unit containing them ({@code units}). */
  private static boolean appliesTo(AssignmentStore.Assignment a, WorkerView w, Set<UUID> units) {
    if (w.id().equals(a.accountId())) {
      return true;
    }
    if (a.orgUnitId() == null || !units.contains(a.orgUnitId())) {
      return false;
    }
    if (!a.audienceOnly()) {
      return true;
    }
    return Eligibility.admits(a.audience(), new Eligibility.Learner(
        w.postCategory(), w.grade(), w.qualification(), w.secretaryOrDirector(), Set.of()));
  }

  /**
   * Assigns a course with a due date to one worker (by username) or to an org unit (optionally
   * only those matching the course's audience), within the assigner's scope.
   */
  public Future<Void> assign(Account actor, String courseId, String username, UUID unitId, boolean audienceOnly,
                             LocalDate due) {
    if (due == null || due.isBefore(LocalDate.now(zone))) {
      return Future.failedFuture(Problem.badRequest("请填写不早于今天的截止日期。"));
    }
    if ((username == null || username.isBlank()) == (unitId == null)) {
      return Future.failedFuture(Problem.badRequest("请指定一名学员，或选择一个单位。"));
    }
    Future<WorkerView> worker = Future.succeededFuture(null);
    if (username != null && !username.isBlank()) {
      worker = workers.all(actor, null).compose(list -> list.stream()
          .filter(w -> w.username().equalsIgnoreCase(username.strip()) || username.strip().equals(w.mobile()))
          .findFirst().map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(Problem.badRequest("在您的管辖范围内没有找到学员“" + username.strip() + "”。"))));
    }
    Future<OrgUnit> unit = unitId == null ? Future.succeededFuture(null) : orgUnits.reachable(actor, unitId);
    return Future.all(courses.course(actor, courseId), worker, unit).compose(all -> {
      WorkerView w = all.resultAt(1);
      OrgUnit u = all.resultAt(2);
      if (!CoursePolicy.may(actor, CoursePolicy.Action.ASSIGN, u != null ? u : w.community())) {
        return Future.failedFuture(Problem.forbidden());
      }
      // A course written for an org unit reaches only the workers inside it: assign it only there.
      return courses.coursesIn(u != null ? u : w.community()).compose(offered -> {
        if (offered.stream().noneMatch(c -> c.id().equals(courseId))) {
          return Future.failedFuture(Problem.badRequest("这门课程只面向所属单位的学员，不能指派给该单位以外的学员。"));
        }
        AssignmentStore.Assignment a = new AssignmentStore.Assignment(UUID.randomUUID(), courseId, null, null,
            w == null ? null : w.id(), u == null ? null : u.id(), audienceOnly && u != null, due);
        return pool.withTransaction(tx -> assignments.insert(tx, a, actor.id())
            .compose(v -> Audit.record(tx, actor.id(), "course.assign", a.id().toString(), new JsonObject()
                .put("course", courseId).put("due", due.toString()))));
      });
    });
  }

}
