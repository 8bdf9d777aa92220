package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.qinglan.course.TaskReportRules.Status;

/**
 * SQL for practice-task reports: a worker's report on a task (its draft and where it stands), the
 * steps of its history (each hand-in's text, each decision's feedback) and the supervisors' queue.
 */
public final class TaskReportStore {
  private static final String COLUMNS = """
      r.id, r.enrolment_id, r.course_id, r.lesson_id, r.account_id, r.status, r.draft, r.draft_saved_at,
      r.org_unit_id, r.worker_name, r.unit_name, r.hand_ins, r.submitted_at, r.decided_at""";
  private static final String BY_LESSON = "SELECT " + COLUMNS + """

      FROM task_report r WHERE r.enrolment_id = $1 AND r.lesson_id = $2
      """;
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM task_report r WHERE r.id = $1";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  private static final String OF_ENROLMENT = "SELECT lesson_id, status FROM task_report WHERE enrolment_id = $1";
  /** A first draft or hand-in makes the row; a second request at the same moment finds it made. */
  private static final String CREATE = """
      INSERT INTO task_report (id, enrolment_id, course_id, lesson_id, account_id, status, worker_name)
      VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6)
      ON CONFLICT (enrolment_id, lesson_id) DO NOTHING
      """;
  private static final String LOCK_BY_LESSON = BY_LESSON + " FOR UPDATE";
  private static final String SAVE_DRAFT = """
      UPDATE task_report SET draft = $2, draft_saved_at = now() WHERE id = $1
      """;
  private static final String HAND_IN = """
      UPDATE task_report SET draft = $2, draft_saved_at = now(), status = 'SUBMITTED', hand_ins = hand_ins + 1,
        submitted_at = now(), decided_at = NULL, org_unit_id = $3, worker_name = $4, unit_name = $5
      WHERE id = $1
      RETURNING hand_ins
      """;
  private static final String DECIDE = "UPDATE task_report SET status = $2, decided_at = now() WHERE id = $1";
  private static final String STEP = """
      INSERT INTO task_report_step (report_id, action, hand_in, actor_id, actor_name, body) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String STEPS = """
      SELECT action, hand_in, actor_name, body, at FROM task_report_step WHERE report_id = $1 ORDER BY id
      """;
  /**
   * Reports waiting for a decision from these org units ($1) or of these workers ($2, their
   * mentees), never the supervisor's own ($3), newest hand-in first.
   */
  private static final String WAITING_WHERE = """
      FROM task_report r
      JOIN course c ON c.id = r.course_id
      JOIN course_lesson l ON l.course_id = r.course_id AND l.id = r.lesson_id
      WHERE r.status = 'SUBMITTED' AND (r.org_unit_id = ANY($1::uuid[]) OR r.account_id = ANY($2::uuid[]))
        AND r.account_id <> $3
      """;
  private static final String WAITING = """
      SELECT r.id, r.course_id, c.title AS course_title, r.lesson_id, l.title AS task_title, r.worker_name, r.unit_name,
             r.hand_ins, r.submitted_at
      """ + WAITING_WHERE + """
      ORDER BY r.submitted_at DESC, r.id
      LIMIT $4 OFFSET $5
      """;
  private static final String WAITING_COUNT = "SELECT count(*) " + WAITING_WHERE;
  private static final String TASK = """
      SELECT c.title AS course_title, l.title AS task_title, l.body FROM course c
      JOIN course_lesson l ON l.course_id = c.id AND l.id = $2 WHERE c.id = $1
      """;

  /** A report as kept. {@code orgUnitId}, the names and the times are those of the last hand-in. */
  public record Report(UUID id, UUID enrolmentId, String courseId, String lessonId, UUID accountId, Status status,
                       String draft, OffsetDateTime draftSavedAt, UUID orgUnitId, String workerName,
                       String unitName, int handIns, OffsetDateTime submittedAt, OffsetDateTime decidedAt) {
  }

  /** What happened to a report. */
  public enum Action {
    HAND_IN("提交报告"),
    RETURN("退回修改"),
    SIGN_OFF("签字通过");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A step of a report's history: who did what to which hand-in, and its text (report or feedback). */
  public record Step(Action action, int handIn, String actorName, String body, OffsetDateTime at) {
  }

  /** A report in a supervisor's queue. */
  public record Waiting(UUID id, String courseId, String courseTitle, String lessonId, String taskTitle,
                        String workerName, String unitName, int handIns, OffsetDateTime submittedAt) {
  }

  /** A task as a supervisor reads it: its course's title, its own, and its brief. */
  public record Task(String courseTitle, String title, String brief) {
  }

  /** The report of this enrolment on this task, or null. */
  public Future<Report> byLesson(SqlClient db, UUID enrolmentId, String lessonId) {
    return db.preparedQuery(BY_LESSON).execute(Tuple.of(enrolmentId, lessonId)).map(TaskReportStore::one);
  }

  public Future<Report> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(TaskReportStore::one);
  }

  /** The report, held for a change to the end of the transaction; null when there is none. */
  public Future<Report> lock(SqlClient db, UUID id) {
    return db.preparedQuery(LOCK).execute(Tuple.of(id)).map(TaskReportStore::one);
  }

  /** The report of this enrolment on this task, made (as an empty draft) when missing, and held for a change. */
  public Future<Report> lockOrCreate(SqlClient db, UUID enrolmentId, String courseId, String lessonId, UUID accountId,
                                     String workerName) {
    return db.preparedQuery(CREATE).execute(Tuple.of(UUID.randomUUID(), enrolmentId, courseId, lessonId, accountId,
            workerName))
        .compose(v -> db.preparedQuery(LOCK_BY_LESSON).execute(Tuple.of(enrolmentId, lessonId)))
        .map(TaskReportStore::one);
  }

  /** Where each task report of an enrolment stands, by lesson id. */
  public Future<java.util.Map<String, Status>> statuses(SqlClient db, UUID enrolmentId) {
    return db.preparedQuery(OF_ENROLMENT).execute(Tuple.of(enrolmentId)).map(rows -> {
      java.util.Map<String, Status> out = new java.util.HashMap<>();
      rows.forEach(r -> out.put(r.getString("lesson_id"), Status.valueOf(r.getString("status"))));
      return out;
    });
  }

  public Future<Void> saveDraft(SqlClient db, UUID id, String text) {
    return db.preparedQuery(SAVE_DRAFT).execute(Tuple.of(id, text)).mapEmpty();
  }

  /** Hands the report in from the worker's unit; returns the number of this hand-in. */
  public Future<Integer> handIn(SqlClient db, UUID id, String text, UUID orgUnitId, String workerName,
                                String unitName) {
    return db.preparedQuery(HAND_IN).execute(Tuple.of(id, text, orgUnitId, workerName, unitName))
        .map(rows -> rows.iterator().next().getInteger("hand_ins"));
  }

  public Future<Void> decide(SqlClient db, UUID id, Status status) {
    return db.preparedQuery(DECIDE).execute(Tuple.of(id, status.name())).mapEmpty();
  }

  public Future<Void> step(SqlClient db, UUID reportId, Action action, int handIn, UUID actorId, String actorName,
                           String body) {
    return db.preparedQuery(STEP).execute(Tuple.of(reportId, action.name(), handIn, actorId, actorName, body))
        .mapEmpty();
  }

  /** The report's history, oldest first. */
  public Future<List<Step>> steps(SqlClient db, UUID reportId) {
    return db.preparedQuery(STEPS).execute(Tuple.of(reportId)).map(rows -> {
      List<Step> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Step(Action.valueOf(r.getString("action")), r.getInteger("hand_in"),
          r.getString("actor_name"), r.getString("body"), r.getOffsetDateTime("at"))));
      return out;
    });
  }

  /** A page of the reports waiting for a supervisor of these units (or mentor of these workers), newest first. */
  public Future<List<Waiting>> waiting(SqlClient db, Collection<UUID> unitIds, Collection<UUID> menteeIds,
                                       UUID supervisorId, int limit, int offset) {
    return db.preparedQuery(WAITING).execute(Tuple.of(unitIds.toArray(UUID[]::new), menteeIds.toArray(UUID[]::new),
        supervisorId, limit, offset)).map(rows -> {
          List<Waiting> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Waiting(r.getUUID("id"), r.getString("course_id"), r.getString("course_title"),
                r.getString("lesson_id"), r.getString("task_title"), r.getString("worker_name"),
                r.getString("unit_name"), r.getInteger("hand_ins"), r.getOffsetDateTime("submitted_at")));
          }
          return out;
        });
  }

  public Future<Long> waitingCount(SqlClient db, Collection<UUID> unitIds, Collection<UUID> menteeIds,
                                   UUID supervisorId) {
    return db.preparedQuery(WAITING_COUNT).execute(Tuple.of(unitIds.toArray(UUID[]::new),
        menteeIds.toArray(UUID[]::new), supervisorId)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** The task as a supervisor reads it (whether or not the course is still offered), or null. */
  public Future<Task> task(SqlClient db, String courseId, String lessonId) {
    return db.preparedQuery(TASK).execute(Tuple.of(courseId, lessonId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Task(r.getString("course_title"), r.getString("task_title"), r.getString("body"));
    });
  }

  private static Report one(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Report(r.getUUID("id"), r.getUUID("enrolment_id"), r.getString("course_id"), r.getString("lesson_id"),
        r.getUUID("account_id"), Status.valueOf(r.getString("status")), r.getString("draft"),
        r.getOffsetDateTime("draft_saved_at"), r.getUUID("org_unit_id"), r.getString("worker_name"),
        r.getString("unit_name"), r.getInteger("hand_ins"), r.getOffsetDateTime("submitted_at"),
        r.getOffsetDateTime("decided_at"));
  }
}
