package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qinglan.course.CoursePolicy.Supervision;
import org.qinglan.course.TaskReportRules.Decision;
import org.qinglan.course.TaskReportRules.Status;
import org.qinglan.course.TaskReportStore.Action;
import org.qinglan.course.TaskReportStore.Report;
import org.qinglan.course.TaskReportStore.Step;
import org.qinglan.course.TaskReportStore.Task;
import org.qinglan.course.TaskReportStore.Waiting;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Audit;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;

/**
 * Practice tasks (实践任务): a worker writes a report on a task of a course they study, saves drafts
 * and hands it in; a supervisor ({@link CoursePolicy#maySupervise}) signs it off, which completes
 * the lesson, or returns it with feedback, and the worker revises and hands it in again. Every
 * hand-in and decision is kept as a step; decisions are audited, and a sign-off is the lesson's
 * learning event.
 */
public final class TaskReportService {
  private final Pool pool;
  private final CourseService courses;
  private final OrgUnitService orgUnits;
  private final TaskReportStore store = new TaskReportStore();
  private final EnrolmentStore enrolments = new EnrolmentStore();

  public TaskReportService(Pool pool, CourseService courses, OrgUnitService orgUnits) {
    this.pool = pool;
    this.courses = courses;
    this.orgUnits = orgUnits;
  }

  /** A task as its worker sees it: the course, the task's lesson, the report (null before the first save) and its history. */
  public record TaskView(CourseService.CourseView course, CourseService.LessonState state, Report report,
                         List<Step> steps) {
    /** The worker may still change the report and hand it in. */
    public boolean editable() {
      return report == null || report.status().editable();
    }

    /** What the form shows: the draft, or nothing yet. */
    public String draft() {
      return report == null ? "" : report.draft();
    }

    /** The feedback of the return the worker is revising for; null unless the report is returned. */
    public String returnedWith() {
      if (report == null || report.status() != Status.RETURNED) {
        return null;
      }
      return steps.stream().filter(s -> s.action() == Action.RETURN).reduce((a, b) -> b).map(Step::body)
          .orElse(null);
    }
  }

  /** A report as its supervisor sees it, with the task and the history. */
  public record ReportView(Report report, Task task, List<Step> steps) {
    /** It waits for a decision. */
    public boolean waiting() {
      return report.status() == Status.SUBMITTED;
    }
  }

  // ---- the worker ----

  /** The worker's own task page; 409 when not enrolled, 404 when the lesson is not a task of a course they see. */
  public Future<TaskView> task(Account a, String courseId, String lessonId) {
    if (!CoursePolicy.isLearner(a)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return courses.view(a, courseId).compose(v -> {
      if (v.enrolment() == null) {
        return Future.failedFuture(new Problem(409, "not_enrolled", "请先报名这门课程。"));
      }
      CourseService.LessonState state = v.lessons().stream().filter(s -> s.lesson().id().equals(lessonId))
          .findFirst().orElse(null);
      if (state == null || state.lesson().kind() != LessonKind.TASK) {
        return Future.failedFuture(Problem.notFound());
      }
      return store.byLesson(pool, v.enrolment().id(), lessonId).compose(r -> r == null
          ? Future.succeededFuture(new TaskView(v, state, null, List.of()))
          : store.steps(pool, r.id()).map(steps -> new TaskView(v, state, r, steps)));
    });
  }

  /**
   * Saves what the worker wrote as the draft, and with {@code handIn} hands it in for a supervisor
   * of the worker's org unit. 400 for an empty hand-in or an over-long text, 409 while the report
   * waits for a decision or once it is signed off.
   */
  public Future<Report> save(Account a, String courseId, String lessonId, String text, boolean handIn) {
    String report = TaskReportRules.normalise(text);
    String problem = TaskReportRules.reportProblem(report, handIn);
    if (problem != null) {
      return Future.failedFuture(Problem.badRequest(problem));
    }
    OrgUnit unit = a.orgUnit();
    if (handIn && unit == null) {
      return Future.failedFuture(Problem.conflict("你的账号还没有所属单位，无法确定由谁审阅，请联系管理员。"));
    }
    return task(a, courseId, lessonId).compose(t -> pool.withTransaction(tx -> store.lockOrCreate(tx,
        t.course().enrolment().id(), courseId, lessonId, a.id(), a.displayName()).compose(r -> {
          String locked = TaskReportRules.whyLocked(r.status());
          if (locked != null) {
            return Future.failedFuture(Problem.conflict(locked));
          }
          if (!handIn) {
            return store.saveDraft(tx, r.id(), report);
          }
          return store.handIn(tx, r.id(), report, unit.id(), a.displayName(), unit.name())
              .compose(n -> store.step(tx, r.id(), Action.HAND_IN, n, a.id(), a.displayName(), report));
        }).compose(v -> store.byLesson(tx, t.course().enrolment().id(), lessonId))));
  }

  // ---- the supervisor ----

  /** The reports waiting for this supervisor (their scope, and later their mentees), newest hand-in first. */
  public Future<Page<Waiting>> queue(Account a, int page, int size) {
    if (!CoursePolicy.supervises(a)) {
      return Future.failedFuture(Problem.forbidden());
    }
    Future<List<OrgUnit>> scope = CoursePolicy.seesScopeWithin(a) ? orgUnits.within(a)
        : Future.succeededFuture(List.of());
    return scope.compose(units -> {
      List<UUID> unitIds = units.stream().map(OrgUnit::id).toList();
      Set<UUID> mentees = Set.of(); // mentor pairing (planned) will list the workers a mentor is paired with
      return Future.all(store.waiting(pool, unitIds, mentees, a.id(), size, (page - 1) * size),
              store.waitingCount(pool, unitIds, mentees, a.id()))
          .map(all -> new Page<>(all.<List<Waiting>>resultAt(0), page, size, all.<Long>resultAt(1)));
    });
  }

  /** A report for its supervisor: 404 when there is none, 403 when it is not theirs to supervise. */
  public Future<ReportView> report(Account a, UUID id) {
    return supervised(a, id).compose(r -> Future.all(store.task(pool, r.courseId(), r.lessonId()),
        store.steps(pool, r.id())).map(all -> new ReportView(r, all.resultAt(0), all.resultAt(1))));
  }

  /**
   * Signs off or returns the hand-in {@code handInSeen} of a report (the one the supervisor read).
   * A sign-off completes the worker's lesson with its learning event; both are audited. 400 for
   * missing or over-long feedback, 403 outside the supervisor's scope, 409 when the report is not
   * waiting or was handed in again meanwhile.
   */
  public Future<Report> decide(Account a, UUID id, Decision decision, String feedback, int handInSeen) {
    String text = TaskReportRules.normalise(feedback);
    String problem = TaskReportRules.feedbackProblem(decision, text);
    if (problem != null) {
      return Future.failedFuture(Problem.badRequest(problem));
    }
    return supervised(a, id).compose(seen -> pool.withTransaction(tx -> store.lock(tx, id).compose(r -> {
      String why = TaskReportRules.whyNoDecision(r.status(), r.handIns(), handInSeen);
      if (why != null) {
        return Future.failedFuture(Problem.conflict(why));
      }
      boolean signOff = decision == Decision.SIGN_OFF;
      JsonObject detail = new JsonObject().put("course", r.courseId()).put("lesson", r.lessonId())
          .put("worker", r.accountId().toString()).put("handIn", r.handIns());
      return store.decide(tx, id, signOff ? Status.SIGNED_OFF : Status.RETURNED)
          .compose(v -> store.step(tx, id, signOff ? Action.SIGN_OFF : Action.RETURN, r.handIns(), a.id(),
              a.displayName(), text))
          .compose(v -> Audit.record(tx, a.id(), signOff ? "course.task.sign_off" : "course.task.return",
              id.toString(), detail))
          .compose(v -> signOff ? completeLesson(tx, r, a) : Future.succeededFuture())
          .compose(v -> store.byId(tx, id));
    })));
  }

  /** The lesson is done, recorded as other lessons are, with who signed it off. */
  private Future<Void> completeLesson(SqlConnection tx, Report r, Account supervisor) {
    return enrolments.completeLesson(tx, r.enrolmentId(), r.lessonId())
        .compose(v -> LearningEvents.append(tx, LearningEvent.of(r.accountId(), CourseService.VERB_EXPERIENCED,
                r.courseId() + "/" + r.lessonId(), "lesson")
            .withResult(null, true, null)
            .withContext(new JsonObject().put("course", r.courseId()).put("kind", LessonKind.TASK.name())
                .put("signedOffBy", supervisor.id().toString()).put("handIns", r.handIns()))));
  }

  /** The report, if {@code a} supervises its worker: 404 when there is none, 403 otherwise. */
  private Future<Report> supervised(Account a, UUID id) {
    return store.byId(pool, id).compose(r -> {
      if (r == null || r.handIns() == 0) {
        // A draft never handed in is the worker's alone: as if it did not exist.
        return Future.failedFuture(Problem.notFound());
      }
      return orgUnits.unit(r.orgUnitId()).compose(unit -> CoursePolicy.maySupervise(a,
          Supervision.byScope(r.accountId(), unit)) ? Future.succeededFuture(r) : Future.failedFuture(Problem.forbidden()));
    });
  }
}
