package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for drawn quizzes and final assessments: what was drawn, and once submitted what was answered. */
public final class AttemptStore {
  private static final String INSERT = "INSERT INTO quiz_attempt (id, enrolment_id, lesson_id, questions) VALUES ($1, $2, $3, $4)";
  private static final String BY_ID = """
      SELECT a.id, a.enrolment_id, a.lesson_id, a.questions, a.answers, a.score, a.passed, a.started_at, a.submitted_at,
             e.account_id, e.course_id
      FROM quiz_attempt a JOIN enrolment e ON e.id = a.enrolment_id WHERE a.id = $1
      """;
  private static final String FINISH = """
      UPDATE quiz_attempt SET answers = $2, score = $3, passed = $4, submitted_at = now() WHERE id = $1 AND submitted_at IS NULL
      """;

  /** Keeps a drawn attempt. */
  public Future<Void> insert(SqlClient db, Attempt at) {
    JsonObject questions = new JsonObject()
        .put("ids", new JsonArray(at.questionIds().stream().map(UUID::toString).toList()))
        .put("passMark", at.passMark());
    return db.preparedQuery(INSERT).execute(Tuple.of(at.id(), at.enrolmentId(), at.lessonId(), questions)).mapEmpty();
  }

  /** The attempt, or null when there is none. */
  public Future<Attempt> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : attempt(rows.iterator().next()));
  }

  /** Records the marked answers; nothing changes when the attempt was submitted before. */
  public Future<Void> finish(SqlClient db, UUID id, Map<UUID, Attempt.Answer> answers, double score, boolean passed) {
    return db.preparedQuery(FINISH).execute(Tuple.of(id, CourseJson.answers(answers), score, passed)).mapEmpty();
  }

  private static Attempt attempt(Row r) {
    JsonObject questions = r.getJsonObject("questions");
    List<UUID> ids = new ArrayList<>();
    questions.getJsonArray("ids").forEach(x -> ids.add(UUID.fromString((String) x)));
    return new Attempt(r.getUUID("id"), r.getUUID("enrolment_id"), r.getString("lesson_id"), r.getString("course_id"),
        r.getUUID("account_id"), List.copyOf(ids), questions.getInteger("passMark", 60),
        CourseJson.answers(r.getJsonObject("answers")), r.getDouble("score"), r.getBoolean("passed"),
        r.getOffsetDateTime("submitted_at") == null ? null : r.getOffsetDateTime("submitted_at").toInstant());
  }
}
