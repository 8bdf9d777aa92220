package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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
  private static final String COMPLETIONS = """
      SELECT e.account_id, e.course_id, e.completed_at, c.credit_hours FROM enrolment e JOIN course c ON c.id = e.course_id
      WHERE e.account_id = ANY($1) AND e.completed_at IS NOT NULL
      """;
  private static final String ASSIGNMENTS = """
      SELECT a.id, a.course_id, c.title, c.audience, a.account_id, u.path AS unit_path, a.audience_only, a.due_date
      FROM course_assignment a JOIN course c ON c.id = a.course_id LEFT JOIN org_unit u ON u.id = a.org_unit_id
      """;
  private static final String INSERT_ASSIGNMENT = """
      INSERT INTO course_assignment (id, course_id, assigned_by, account_id, org_unit_id, audience_only, due_date)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  /** An overdue worker and why. */
  public record Overdue(WorkerView worker, List<String> reasons) {
  }

  private final Pool pool;
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

  /** Overdue workers in the viewer's scope (or in {@code unitId}), ordered by street and community. */
  public Future<List<Overdue>> overdue(Account viewer, UUID unitId) {
    LocalDate today = LocalDate.now(zone);
    return workers.all(viewer, unitId).compose(list -> {
      UUID[] ids = list.stream().map(WorkerView::id).toArray(UUID[]::new);
      return Future.all(pool.preparedQuery(COMPLETIONS).execute(Tuple.of((Object) ids)), pool.query(ASSIGNMENTS).execute())
          .map(all -> {
            Map<UUID, List<Row>> done = new HashMap<>();
            for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
              done.computeIfAbsent(r.getUUID("account_id"), k -> new ArrayList<>()).add(r);
            }
            List<Row> assignments = new ArrayList<>();
            all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1).forEach(assignments::add);
            List<Overdue> out = new ArrayList<>();
            for (WorkerView w : list) {
              List<Row> mine = done.getOrDefault(w.id(), List.of());
              List<LocalDate> dates = new ArrayList<>();
              List<Double> hours = new ArrayList<>();
              Set<String> completedCourses = new HashSet<>();
              for (Row r : mine) {
                dates.add(r.getOffsetDateTime("completed_at").atZoneSameInstant(zone).toLocalDate());
                hours.add(r.getDouble("credit_hours"));
                completedCourses.add(r.getString("course_id"));
              }
              List<ComplianceRules.Assignment> assigned = new ArrayList<>();
              for (Row a : assignments) {
                if (appliesTo(a, w)) {
                  assigned.add(new ComplianceRules.Assignment(a.getString("title"), a.getLocalDate("due_date"),
                      completedCourses.contains(a.getString("course_id"))));
                }
              }
              ComplianceRules.Facts facts = new ComplianceRules.Facts(w.secretaryOrDirector(), w.hireDate(),
                  w.qualification(), w.certificateDate(), dates, hours, assigned);
              List<String> reasons = ComplianceRules.overdue(facts, today);
              if (!reasons.isEmpty()) {
                out.add(new Overdue(w, reasons));
              }
            }
            return out;
          });
    });
  }

  private static boolean appliesTo(Row a, WorkerView w) {
    if (w.id().equals(a.getUUID("account_id"))) {
      return true;
    }
    String unitPath = a.getString("unit_path");
    if (unitPath == null || !w.community().path().startsWith(unitPath)) {
      return false;
    }
    if (!a.getBoolean("audience_only")) {
      return true;
    }
    return Eligibility.admits(CourseJson.audience(a.getJsonObject("audience")), new Eligibility.Learner(
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
      // A course written for an org unit reaches only the workers inside it: assign it only there.
      return courses.coursesIn(u != null ? u : w.community()).compose(offered -> {
        if (offered.stream().noneMatch(c -> c.id().equals(courseId))) {
          return Future.failedFuture(Problem.badRequest("这门课程只面向所属单位的学员，不能指派给该单位以外的学员。"));
        }
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_ASSIGNMENT).execute(Tuple.tuple().addUUID(id)
                .addString(courseId).addUUID(actor.id()).addUUID(w == null ? null : w.id())
                .addUUID(u == null ? null : u.id()).addBoolean(audienceOnly && u != null).addLocalDate(due))
            .compose(v -> Audit.record(tx, actor.id(), "course.assign", id.toString(), new JsonObject()
                .put("course", courseId).put("due", due.toString()))));
      });
    });
  }

}
