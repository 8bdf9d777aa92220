package org.qinglan.exam.practice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.ResponseJson;
import org.qinglan.exam.review.ReviewCard;

/**
 * SQL of practice: sessions, answers, the per-question state behind the mistake book and the
 * review schedule, exam goals. Lists keep to the questions the reader's unit may see: {@code units}
 * are the ids of the reader's unit and every unit above it (see {@link QuestionStore#VISIBLE}).
 */
public final class PracticeStore {
  private static final String INSERT_SESSION = """
      INSERT INTO practice_session (id, account_id, mode, title, question_ids, day) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String SESSION = """
      SELECT id, account_id, mode, title, question_ids, position, day FROM practice_session WHERE id = $1
      """;
  private static final String DAILY_SESSION = """
      SELECT id, account_id, mode, title, question_ids, position, day FROM practice_session
      WHERE account_id = $1 AND mode = 'DAILY' AND day = $2
      """;
  private static final String LOCK_SESSION = "SELECT position, question_ids FROM practice_session WHERE id = $1 FOR UPDATE";
  private static final String ADVANCE = "UPDATE practice_session SET position = position + 1, updated_at = now() WHERE id = $1";
  private static final String INSERT_ANSWER = """
      INSERT INTO practice_answer (id, account_id, question_id, revision, session_id, mock_exam_id, response, correct)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String STATE_FOR_UPDATE = """
      SELECT attempts, correct_count, consecutive_right, in_mistake_book, fsrs_state, fsrs_step, stability, difficulty,
             due_at, last_review_at
      FROM question_state WHERE account_id = $1 AND question_id = $2 FOR UPDATE
      """;
  private static final String UPSERT_STATE = """
      INSERT INTO question_state (account_id, question_id, attempts, correct_count, last_correct, consecutive_right,
                                  in_mistake_book, fsrs_state, fsrs_step, stability, difficulty, due_at, last_review_at,
                                  updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
      ON CONFLICT (account_id, question_id) DO UPDATE SET
        attempts = excluded.attempts, correct_count = excluded.correct_count, last_correct = excluded.last_correct,
        consecutive_right = excluded.consecutive_right, in_mistake_book = excluded.in_mistake_book,
        fsrs_state = excluded.fsrs_state, fsrs_step = excluded.fsrs_step, stability = excluded.stability,
        difficulty = excluded.difficulty, due_at = excluded.due_at, last_review_at = excluded.last_review_at,
        updated_at = now()
      """;
  private static final String EXAM_DATE = "SELECT exam_date FROM exam_goal WHERE account_id = $1";
  // The worker's own lists keep to the questions their unit ($1) may see, as a category can be narrowed later,
  // and leave out the questions of their open mock exams.
  private static final String NOT_IN_OPEN_EXAM = """
      AND NOT EXISTS (SELECT 1 FROM mock_exam e WHERE e.account_id = $2 AND e.submitted_at IS NULL
                        AND e.paper @> jsonb_build_array(jsonb_build_object('questionId', s.question_id::text)))
      """;
  private static final String MISTAKES = """
      SELECT s.question_id FROM question_state s JOIN question q ON q.id = s.question_id
      JOIN question_category c ON c.id = q.category_id
      WHERE s.account_id = $2 AND s.in_mistake_book AND q.retired_at IS NULL AND
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM;
  private static final String FAVOURITES = """
      SELECT s.question_id FROM question_state s JOIN question q ON q.id = s.question_id
      JOIN question_category c ON c.id = q.category_id
      WHERE s.account_id = $2 AND s.favourite AND q.retired_at IS NULL AND
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM;
  private static final String DUE = """
      SELECT s.question_id FROM question_state s JOIN question q ON q.id = s.question_id
      JOIN question_category c ON c.id = q.category_id
      WHERE s.account_id = $2 AND s.due_at <= $3 AND q.retired_at IS NULL AND
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM;
  private static final String MISTAKES_NEWEST_FIRST = MISTAKES + " ORDER BY s.updated_at DESC";
  private static final String FAVOURITES_NEWEST_FIRST = FAVOURITES + " ORDER BY s.updated_at DESC";
  private static final String DUE_FIRST = DUE + " ORDER BY s.due_at LIMIT $4";
  /** How many of each list the worker has, counted where the rows are (the home page shows only the numbers). */
  private static final String COUNTS = "SELECT (SELECT count(*) FROM (" + MISTAKES + ") m) AS mistakes, "
      + "(SELECT count(*) FROM (" + FAVOURITES + ") f) AS favourites, "
      + "(SELECT count(*) FROM (" + DUE + ") d) AS due";
  private static final String OPEN_EXAM_QUESTIONS = """
      SELECT DISTINCT (p.item->>'questionId')::uuid FROM mock_exam e CROSS JOIN jsonb_array_elements(e.paper) AS p(item)
      WHERE e.account_id = $1 AND e.submitted_at IS NULL
      """;
  private static final String SEEN = "SELECT question_id FROM question_state WHERE account_id = $1";
  private static final String TOGGLE_FAVOURITE = """
      INSERT INTO question_state (account_id, question_id, favourite) VALUES ($1, $2, true)
      ON CONFLICT (account_id, question_id) DO UPDATE SET favourite = NOT question_state.favourite, updated_at = now()
      RETURNING favourite
      """;
  private static final String FAVOURITE_OF = "SELECT favourite FROM question_state WHERE account_id = $1 AND question_id = $2";
  private static final String ANSWER_BY_ID = """
      SELECT id, question_id, response, correct FROM practice_answer WHERE id = $1 AND account_id = $2
      """;
  private static final String MASTERY = """
      SELECT c.path[1] AS level, c.path[2] AS paper, q.chapter, min(c.path[3]) AS chapter_name, count(*) AS total,
             count(s.question_id) FILTER (WHERE s.attempts > 0) AS attempted,
             count(*) FILTER (WHERE s.last_correct) AS mastered
      FROM question q JOIN question_category c ON c.id = q.category_id
      LEFT JOIN question_state s ON s.question_id = q.id AND s.account_id = $2
      WHERE q.retired_at IS NULL AND cardinality(c.path) >= 3 AND q.type NOT IN ('CASE_ANALYSIS', 'DESCRIPTION', 'ESSAY')
        AND
      """ + QuestionStore.VISIBLE + """
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      """;
  private static final String KNOWLEDGE_POINTS = """
      SELECT t.tag, count(*) AS attempted, count(*) FILTER (WHERE s.last_correct) AS mastered
      FROM question_state s JOIN question q ON q.id = s.question_id CROSS JOIN unnest(q.tags) AS t(tag)
      WHERE s.account_id = $1 AND s.attempts > 0 AND q.retired_at IS NULL
      GROUP BY t.tag
      ORDER BY count(*) FILTER (WHERE s.last_correct)::float / count(*), count(*) DESC, t.tag
      """;
  private static final String WITH_TAG = """
      SELECT q.id FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND $2 = ANY(q.tags)
        AND q.type IN ('SINGLE_CHOICE','MULTIPLE_CHOICE','TRUE_FALSE','SHORT_ANSWER','NUMERICAL','MATCHING') AND
      """ + QuestionStore.VISIBLE;
  private static final String GOAL = "SELECT level, exam_date FROM exam_goal WHERE account_id = $1";
  private static final String SET_GOAL = """
      INSERT INTO exam_goal (account_id, level, exam_date) VALUES ($1, $2, $3)
      ON CONFLICT (account_id) DO UPDATE SET level = excluded.level, exam_date = excluded.exam_date, updated_at = now()
      """;
  private static final String PULL_DUE = """
      UPDATE question_state SET due_at = $3 WHERE account_id = $1 AND question_id = $2
      """;
  private static final String CARDS = """
      SELECT question_id, due_at, last_review_at FROM question_state
      WHERE account_id = $1 AND due_at IS NOT NULL AND last_review_at IS NOT NULL
      """;
  private static final String SESSION_SCORE = """
      SELECT count(*) AS answered, count(*) FILTER (WHERE correct) AS correct FROM practice_answer WHERE session_id = $1
      """;

  /** Where a session stands, read under lock before an answer is recorded. */
  public record Position(int position, List<UUID> questionIds) {
  }

  /** A worker's state on one question, read under lock: progress, and the review card (null before the first). */
  public record State(QuestionProgress progress, ReviewCard card) {
  }

  /** A stored practice answer. */
  public record PastAnswer(UUID id, UUID questionId, Response response, boolean correct) {
  }

  /** The sizes of a worker's lists. */
  public record Counts(long mistakes, long favourites, long due) {
  }

  /** A review card's due time and last review, to pull it before an exam date. */
  public record Card(UUID questionId, Instant due, Instant lastReview) {
  }

  // ---- sessions ----

  public Future<Void> insertSession(SqlClient db, PracticeSession s) {
    return db.preparedQuery(INSERT_SESSION)
        .execute(Tuple.of(s.id(), s.accountId(), s.mode().name(), s.title(), s.questionIds().toArray(UUID[]::new),
            s.day()))
        .mapEmpty();
  }

  /** The session, or null. */
  public Future<PracticeSession> session(SqlClient db, UUID id) {
    return db.preparedQuery(SESSION).execute(Tuple.of(id)).map(PracticeStore::firstSession);
  }

  /** The worker's daily session of that day, or null. */
  public Future<PracticeSession> dailySession(SqlClient db, UUID accountId, LocalDate day) {
    return db.preparedQuery(DAILY_SESSION).execute(Tuple.of(accountId, day)).map(PracticeStore::firstSession);
  }

  public Future<Position> lockSession(SqlClient tx, UUID sessionId) {
    return tx.preparedQuery(LOCK_SESSION).execute(Tuple.of(sessionId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Position(r.getInteger("position"), List.of((UUID[]) r.getArrayOfUUIDs("question_ids")));
    });
  }

  public Future<Void> advance(SqlClient tx, UUID sessionId) {
    return tx.preparedQuery(ADVANCE).execute(Tuple.of(sessionId)).mapEmpty();
  }

  /** How many of a session's questions were answered, and how many right. */
  public Future<int[]> sessionScore(SqlClient db, UUID sessionId) {
    return db.preparedQuery(SESSION_SCORE).execute(Tuple.of(sessionId)).map(rows -> {
      Row r = rows.iterator().next();
      return new int[] {r.getLong("answered").intValue(), r.getLong("correct").intValue()};
    });
  }

  // ---- answers and state ----

  public Future<Void> insertAnswer(SqlClient tx, UUID answerId, UUID accountId, UUID questionId, int revision,
                                   UUID sessionId, UUID mockExamId, Response response, boolean correct) {
    return tx.preparedQuery(INSERT_ANSWER).execute(Tuple.of(answerId, accountId, questionId, revision, sessionId,
        mockExamId, ResponseJson.toJson(response), correct)).mapEmpty();
  }

  /** This worker's answer, or null. */
  public Future<PastAnswer> answer(SqlClient db, UUID answerId, UUID accountId) {
    return db.preparedQuery(ANSWER_BY_ID).execute(Tuple.of(answerId, accountId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new PastAnswer(r.getUUID("id"), r.getUUID("question_id"), ResponseJson.fromJson(r.getJsonObject("response")),
          r.getBoolean("correct"));
    });
  }

  /** The worker's state on the question, locked for the caller's transaction; null before the first answer. */
  public Future<State> stateForUpdate(SqlClient tx, UUID accountId, UUID questionId) {
    return tx.preparedQuery(STATE_FOR_UPDATE).execute(Tuple.of(accountId, questionId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row st = rows.iterator().next();
      QuestionProgress progress = new QuestionProgress(st.getInteger("attempts"), st.getInteger("correct_count"),
          st.getInteger("consecutive_right"), st.getBoolean("in_mistake_book"));
      return new State(progress, st.getString("fsrs_state") == null ? null : card(st));
    });
  }

  public Future<Void> upsertState(SqlClient tx, UUID accountId, UUID questionId, QuestionProgress next,
                                  boolean lastCorrect, ReviewCard reviewed, Instant due) {
    Tuple t = Tuple.tuple().addUUID(accountId).addUUID(questionId).addInteger(next.attempts())
        .addInteger(next.correctCount()).addBoolean(lastCorrect).addInteger(next.consecutiveRight())
        .addBoolean(next.inMistakeBook()).addString(reviewed.state().name()).addInteger(reviewed.step())
        .addDouble(reviewed.stability()).addDouble(reviewed.difficulty())
        .addOffsetDateTime(due.atOffset(ZoneOffset.UTC))
        .addOffsetDateTime(reviewed.lastReview().atOffset(ZoneOffset.UTC));
    return tx.preparedQuery(UPSERT_STATE).execute(t).mapEmpty();
  }

  public Future<Boolean> toggleFavourite(SqlClient db, UUID accountId, UUID questionId) {
    return db.preparedQuery(TOGGLE_FAVOURITE).execute(Tuple.of(accountId, questionId))
        .map(rows -> rows.iterator().next().getBoolean("favourite"));
  }

  public Future<Boolean> isFavourite(SqlClient db, UUID accountId, UUID questionId) {
    return db.preparedQuery(FAVOURITE_OF).execute(Tuple.of(accountId, questionId))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("favourite"));
  }

  // ---- lists ----

  public Future<List<UUID>> mistakes(SqlClient db, List<UUID> units, UUID accountId) {
    return db.preparedQuery(MISTAKES_NEWEST_FIRST).execute(Tuple.of(units(units), accountId)).map(PracticeStore::ids);
  }

  public Future<List<UUID>> favourites(SqlClient db, List<UUID> units, UUID accountId) {
    return db.preparedQuery(FAVOURITES_NEWEST_FIRST).execute(Tuple.of(units(units), accountId)).map(PracticeStore::ids);
  }

  /** Questions due for review by {@code now}, the longest due first. */
  public Future<List<UUID>> due(SqlClient db, List<UUID> units, UUID accountId, Instant now, int limit) {
    return db.preparedQuery(DUE_FIRST)
        .execute(Tuple.of(units(units), accountId, now.atOffset(ZoneOffset.UTC), limit)).map(PracticeStore::ids);
  }

  public Future<Counts> counts(SqlClient db, List<UUID> units, UUID accountId, Instant now) {
    return db.preparedQuery(COUNTS).execute(Tuple.of(units(units), accountId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Counts(r.getLong("mistakes"), r.getLong("favourites"), r.getLong("due"));
        });
  }

  /** The questions on the papers of the worker's mock exams that are still open. */
  public Future<List<UUID>> openExamQuestions(SqlClient db, UUID accountId) {
    return db.preparedQuery(OPEN_EXAM_QUESTIONS).execute(Tuple.of(accountId)).map(PracticeStore::ids);
  }

  /** Every question the worker has a state for. */
  public Future<List<UUID>> seen(SqlClient db, UUID accountId) {
    return db.preparedQuery(SEEN).execute(Tuple.of(accountId)).map(PracticeStore::ids);
  }

  /** Live, automatically marked questions with the tag that the reader's unit may see. */
  public Future<List<UUID>> withTag(SqlClient db, List<UUID> units, String tag) {
    return db.preparedQuery(WITH_TAG).execute(Tuple.of(units(units), tag)).map(PracticeStore::ids);
  }

  // ---- progress ----

  public Future<List<PracticeService.ChapterMastery>> mastery(SqlClient db, List<UUID> units, UUID accountId) {
    return db.preparedQuery(MASTERY).execute(Tuple.of(units(units), accountId)).map(rows -> {
      List<PracticeService.ChapterMastery> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new PracticeService.ChapterMastery(r.getString("level"), r.getString("paper"), r.getString("chapter"),
            r.getString("chapter_name"), r.getLong("total"), r.getLong("attempted"), r.getLong("mastered")));
      }
      return out;
    });
  }

  /** Knowledge points met so far, weakest first. */
  public Future<List<PracticeService.KnowledgePoint>> knowledgePoints(SqlClient db, UUID accountId) {
    return db.preparedQuery(KNOWLEDGE_POINTS).execute(Tuple.of(accountId)).map(rows -> {
      List<PracticeService.KnowledgePoint> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new PracticeService.KnowledgePoint(r.getString("tag"), r.getLong("attempted"), r.getLong("mastered")));
      }
      return out;
    });
  }

  // ---- exam goal ----

  /** The worker's goal, or null. */
  public Future<PracticeService.ExamGoal> goal(SqlClient db, UUID accountId) {
    return db.preparedQuery(GOAL).execute(Tuple.of(accountId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new PracticeService.ExamGoal(ExamLevel.valueOf(r.getString("level")), r.getLocalDate("exam_date"));
    });
  }

  /** The worker's exam date, or null. */
  public Future<LocalDate> examDate(SqlClient db, UUID accountId) {
    return db.preparedQuery(EXAM_DATE).execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLocalDate("exam_date"));
  }

  public Future<Void> setGoal(SqlClient tx, UUID accountId, ExamLevel level, LocalDate examDate) {
    return tx.preparedQuery(SET_GOAL).execute(Tuple.of(accountId, level.name(), examDate)).mapEmpty();
  }

  /** The worker's review cards that have a due time and a last review. */
  public Future<List<Card>> cards(SqlClient db, UUID accountId) {
    return db.preparedQuery(CARDS).execute(Tuple.of(accountId)).map(rows -> {
      List<Card> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Card(r.getUUID("question_id"), r.getOffsetDateTime("due_at").toInstant(),
            r.getOffsetDateTime("last_review_at").toInstant()));
      }
      return out;
    });
  }

  /** Moves the due time of these cards (question id to new due time). */
  public Future<Void> pullDue(SqlClient tx, UUID accountId, java.util.Map<UUID, Instant> pulled) {
    if (pulled.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    pulled.forEach((id, due) -> batch.add(Tuple.of(accountId, id, due.atOffset(ZoneOffset.UTC))));
    return tx.preparedQuery(PULL_DUE).executeBatch(batch).mapEmpty();
  }

  // ---- mapping ----

  private static UUID[] units(List<UUID> units) {
    return units.toArray(UUID[]::new);
  }

  private static PracticeSession firstSession(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    UUID[] ids = (UUID[]) r.getArrayOfUUIDs("question_ids");
    return new PracticeSession(r.getUUID("id"), r.getUUID("account_id"), PracticeMode.valueOf(r.getString("mode")),
        r.getString("title"), List.of(ids), r.getInteger("position"), r.getLocalDate("day"));
  }

  private static ReviewCard card(Row st) {
    ReviewCard.State state = ReviewCard.State.valueOf(st.getString("fsrs_state"));
    Integer step = state == ReviewCard.State.REVIEW ? null : st.getInteger("fsrs_step");
    return new ReviewCard(state, step, st.getDouble("stability"), st.getDouble("difficulty"),
        st.getOffsetDateTime("due_at").toInstant(),
        st.getOffsetDateTime("last_review_at") == null ? null : st.getOffsetDateTime("last_review_at").toInstant());
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getUUID(0)));
    return out;
  }
}
