package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for enrolments and the progress on each lesson: studied, watched time, best quiz score. */
public final class EnrolmentStore {
  private static final String ENROLMENTS = """
      SELECT e.id, e.course_id, e.enrolled_at, e.completed_at, e.final_score,
             (SELECT count(*) FROM lesson_progress p JOIN course_lesson l ON l.course_id = e.course_id AND l.id = p.lesson_id
              WHERE p.enrolment_id = e.id AND p.completed_at IS NOT NULL AND l.retired_at IS NULL) AS done,
             (SELECT count(*) FROM course_lesson l WHERE l.course_id = e.course_id AND l.retired_at IS NULL) AS total
      FROM enrolment e WHERE e.account_id = $1
      """;
  private static final String ENROL = """
      INSERT INTO enrolment (id, account_id, course_id) VALUES ($1, $2, $3) ON CONFLICT (account_id, course_id) DO NOTHING
      """;
  private static final String PROGRESS = "SELECT lesson_id, completed_at, best_score FROM lesson_progress WHERE enrolment_id = $1";
  private static final String COMPLETE_LESSON = """
      INSERT INTO lesson_progress (enrolment_id, lesson_id, completed_at) VALUES ($1, $2, now())
      ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET completed_at = coalesce(lesson_progress.completed_at, now())
      """;
  /** Opening a video lesson starts (or restarts) its watch clock. */
  private static final String START_WATCH_CLOCK = """
      INSERT INTO lesson_progress (enrolment_id, lesson_id, watch_clock) VALUES ($1, $2, now())
      ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET watch_clock = now()
      """;
  /**
   * Counts a report of $3 seconds played, but never more than the whole seconds elapsed on the
   * watch clock; the clock then moves on by what was counted (the rest of a second carries over),
   * or to now when less was claimed than elapsed (a pause is not counted later). The total stays
   * at most $4. The row lock makes parallel reports count one after the other.
   */
  private static final String WATCH = """
      WITH p AS (
        SELECT watch_clock, greatest(0, floor(extract(epoch FROM now() - watch_clock)))::int AS elapsed
        FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2 AND watch_clock IS NOT NULL FOR UPDATE
      ), counted AS (
        UPDATE lesson_progress l SET
          seconds_watched = least(l.seconds_watched + least($3, p.elapsed), $4),
          watch_clock = CASE WHEN $3 >= p.elapsed THEN p.watch_clock + make_interval(secs => p.elapsed) ELSE now() END
        FROM p WHERE l.enrolment_id = $1 AND l.lesson_id = $2
        RETURNING l.seconds_watched, least($3, p.elapsed) AS seconds_counted
      )
      SELECT seconds_watched, seconds_counted FROM counted
      UNION ALL
      SELECT coalesce((SELECT seconds_watched FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2), 0), 0
      WHERE NOT EXISTS (SELECT 1 FROM counted)
      """;
  private static final String WATCHED = "SELECT seconds_watched FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2";
  private static final String QUIZ_SCORE = """
      INSERT INTO lesson_progress (enrolment_id, lesson_id, best_score, completed_at)
      VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
      ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET
        best_score = greatest(coalesce(lesson_progress.best_score, 0), excluded.best_score),
        completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at)
      """;
  private static final String COMPLETE_COURSE = """
      UPDATE enrolment SET completed_at = now(), final_score = $2 WHERE id = $1 AND completed_at IS NULL
      """;
  private static final String BEST_FINAL = "UPDATE enrolment SET final_score = greatest(coalesce(final_score, 0), $2) WHERE id = $1";
  /** Completed courses of these accounts, with the credit hours they gave. */
  private static final String COMPLETIONS = """
      SELECT e.account_id, e.course_id, e.completed_at, c.credit_hours FROM enrolment e JOIN course c ON c.id = e.course_id
      WHERE e.account_id = ANY($1::uuid[]) AND e.completed_at IS NOT NULL
      """;

  /** A worker's enrolment with how far they are. */
  public record Enrolment(UUID id, String courseId, Instant enrolledAt, Instant completedAt, Double finalScore,
                          long done, long total) {
    public boolean completed() {
      return completedAt != null;
    }

    public int percent() {
      return total == 0 ? 0 : (int) Math.min(100, Math.round(100.0 * done / total));
    }
  }

  /** The progress on one lesson. */
  public record LessonProgress(String lessonId, boolean completed, Double bestScore) {
  }

  /** A completed course of an account and the credit hours it gave. */
  public record Completion(UUID accountId, String courseId, OffsetDateTime completedAt, double creditHours) {
  }

  /** Total seconds watched of a video lesson, and how many of a report's seconds were counted. */
  public record Watched(int total, int counted) {
  }

  /** The account's enrolments by course id. */
  public Future<Map<String, Enrolment>> enrolments(SqlClient db, UUID accountId) {
    return db.preparedQuery(ENROLMENTS).execute(Tuple.of(accountId)).map(rows -> {
      Map<String, Enrolment> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.put(r.getString("course_id"), new Enrolment(r.getUUID("id"), r.getString("course_id"),
            r.getOffsetDateTime("enrolled_at").toInstant(), instant(r.getOffsetDateTime("completed_at")),
            r.getDouble("final_score"), r.getLong("done"), r.getLong("total")));
      }
      return out;
    });
  }

  /** Enrols the account (nothing happens when it is enrolled already). */
  public Future<Void> enrol(SqlClient db, UUID accountId, String courseId) {
    return db.preparedQuery(ENROL).execute(Tuple.of(UUID.randomUUID(), accountId, courseId)).mapEmpty();
  }

  /** The progress of an enrolment by lesson id. */
  public Future<Map<String, LessonProgress>> progress(SqlClient db, UUID enrolmentId) {
    return db.preparedQuery(PROGRESS).execute(Tuple.of(enrolmentId)).map(rows -> {
      Map<String, LessonProgress> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString("lesson_id"), new LessonProgress(r.getString("lesson_id"),
          r.getOffsetDateTime("completed_at") != null, r.getDouble("best_score"))));
      return out;
    });
  }

  public Future<Void> completeLesson(SqlClient db, UUID enrolmentId, String lessonId) {
    return db.preparedQuery(COMPLETE_LESSON).execute(Tuple.of(enrolmentId, lessonId)).mapEmpty();
  }

  public Future<Void> startWatchClock(SqlClient db, UUID enrolmentId, String lessonId) {
    return db.preparedQuery(START_WATCH_CLOCK).execute(Tuple.of(enrolmentId, lessonId)).mapEmpty();
  }

  /** Counts a report of seconds played against the watch clock, the total capped at {@code maxTotal}. */
  public Future<Watched> watch(SqlClient db, UUID enrolmentId, String lessonId, int seconds, int maxTotal) {
    return db.preparedQuery(WATCH).execute(Tuple.of(enrolmentId, lessonId, seconds, maxTotal)).map(rows -> {
      Row r = rows.iterator().next();
      return new Watched(r.getInteger("seconds_watched"), r.getInteger("seconds_counted"));
    });
  }

  /** Seconds watched of a video lesson (0 when never opened). */
  public Future<Integer> watched(SqlClient db, UUID enrolmentId, String lessonId) {
    return db.preparedQuery(WATCHED).execute(Tuple.of(enrolmentId, lessonId))
        .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("seconds_watched"));
  }

  /** Keeps the best score of a module quiz; a pass completes the lesson. */
  public Future<Void> quizScore(SqlClient db, UUID enrolmentId, String lessonId, double score, boolean passed) {
    return db.preparedQuery(QUIZ_SCORE).execute(Tuple.of(enrolmentId, lessonId, score, passed)).mapEmpty();
  }

  /** Keeps the best score of the final assessment. */
  public Future<Void> bestFinal(SqlClient db, UUID enrolmentId, double score) {
    return db.preparedQuery(BEST_FINAL).execute(Tuple.of(enrolmentId, score)).mapEmpty();
  }

  /** Completes the course; false when it was completed before. */
  public Future<Boolean> completeCourse(SqlClient db, UUID enrolmentId, double score) {
    return db.preparedQuery(COMPLETE_COURSE).execute(Tuple.of(enrolmentId, score)).map(rows -> rows.rowCount() > 0);
  }

  /** The completed courses of these accounts (one query for a list). */
  public Future<List<Completion>> completions(SqlClient db, Collection<UUID> accountIds) {
    return db.preparedQuery(COMPLETIONS).execute(Tuple.of((Object) accountIds.toArray(UUID[]::new))).map(rows -> {
      List<Completion> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Completion(r.getUUID("account_id"), r.getString("course_id"),
          r.getOffsetDateTime("completed_at"), r.getDouble("credit_hours"))));
      return out;
    });
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
