package org.qinglan.exam.mock;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.ResponseJson;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.practice.Response;

/**
 * SQL of mock exams: the paper (as JSON, with the revision of each question drawn), the answers
 * as saved, and the result. The JSON forms of a paper and of a result by chapter are made here.
 */
public final class MockExamStore {
  private static final String INSERT = """
      INSERT INTO mock_exam (id, account_id, blueprint_id, title, paper, max_score, pass_mark, deadline)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String COLUMNS = """
      id, account_id, blueprint_id, title, paper, max_score, pass_mark, started_at, deadline, submitted_at,
      auto_submitted, score, passed, by_chapter
      """;
  private static final String EXAM = "SELECT " + COLUMNS + " FROM mock_exam WHERE id = $1";
  private static final String LOCK = EXAM + " FOR UPDATE";
  private static final String ANSWERS = "SELECT question_id, response FROM mock_exam_answer WHERE mock_exam_id = $1";
  /**
   * One round trip for the common case: saved only while the exam is open and the question on its
   * paper. The exam row is read FOR SHARE, so a save and a submit (which holds the row FOR UPDATE
   * while it reads the answers) take turns: a save that waited for a submit sees it submitted and
   * stores nothing, and a submit that waited for a save reads what it stored.
   */
  private static final String SAVE = """
      WITH exam AS (
        SELECT e.id FROM mock_exam e
        WHERE e.id = $1 AND e.account_id = $5 AND e.submitted_at IS NULL AND e.deadline > now()
          AND e.paper @> jsonb_build_array(jsonb_build_object('questionId', $2::text))
        FOR SHARE
      )
      INSERT INTO mock_exam_answer (mock_exam_id, question_id, response, seq)
      SELECT exam.id, $2, $3, $4 FROM exam
      ON CONFLICT (mock_exam_id, question_id) DO UPDATE
        SET response = excluded.response, seq = excluded.seq, saved_at = now()
        WHERE mock_exam_answer.seq < excluded.seq
      RETURNING seq
      """;
  private static final String STORED = """
      SELECT seq, response FROM mock_exam_answer WHERE mock_exam_id = $1 AND question_id = $2
      """;
  private static final String MAX_SEQ = "SELECT coalesce(max(seq), 0) AS seq FROM mock_exam_answer WHERE mock_exam_id = $1";
  private static final String SET_COVERED = """
      UPDATE mock_exam_answer SET response = response || jsonb_build_object('covered', $3::jsonb)
      WHERE mock_exam_id = $1 AND question_id = $2
      """;
  private static final String FINISH = """
      UPDATE mock_exam SET submitted_at = now(), auto_submitted = $2, score = $3, passed = $4, by_chapter = $5
      WHERE id = $1
      """;
  private static final String RESCORE = "UPDATE mock_exam SET score = $2, passed = $3, by_chapter = $4 WHERE id = $1";
  private static final String HISTORY = "SELECT " + COLUMNS + """
      FROM mock_exam WHERE account_id = $1 ORDER BY started_at DESC, id LIMIT $2 OFFSET $3
      """;
  private static final String HISTORY_COUNT = "SELECT count(*) AS total FROM mock_exam WHERE account_id = $1";
  private static final String OVERDUE = """
      SELECT id FROM mock_exam WHERE submitted_at IS NULL AND deadline <= now() ORDER BY deadline LIMIT 50
      """;

  /** An answer as saved: the response and, for a case analysis assessed after submission, the rubric points ticked. */
  public record SavedAnswer(Response response, List<Integer> covered) {
  }

  /** The answer that stands for a question, with the seq it was saved at. */
  public record Standing(long seq, Response response) {
  }

  public Future<Void> insert(SqlClient tx, UUID examId, UUID accountId, Blueprint b, List<ExamScorer.Item> paper,
                             Map<UUID, Integer> revisions, Instant deadline) {
    JsonArray json = new JsonArray();
    for (ExamScorer.Item item : paper) {
      json.add(itemJson(item).put("revision", revisions.get(UUID.fromString(item.questionId()))));
    }
    return tx.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(examId).addUUID(accountId).addString(b.id())
        .addString(b.title()).addValue(json).addDouble(b.totalMarks()).addDouble(b.passMark())
        .addOffsetDateTime(deadline.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  /** The exam, or null. */
  public Future<MockExamService.Exam> exam(SqlClient db, UUID id) {
    return db.preparedQuery(EXAM).execute(Tuple.of(id)).map(MockExamStore::first);
  }

  /** The exam locked for the caller's transaction, or null. */
  public Future<MockExamService.Exam> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).map(MockExamStore::first);
  }

  public Future<Map<UUID, SavedAnswer>> answers(SqlClient db, UUID examId) {
    return db.preparedQuery(ANSWERS).execute(Tuple.of(examId)).map(rows -> {
      Map<UUID, SavedAnswer> out = new HashMap<>();
      for (Row r : rows) {
        JsonObject json = r.getJsonObject("response");
        List<Integer> covered = new ArrayList<>();
        if (json != null && json.getValue("covered") instanceof JsonArray a) {
          a.forEach(x -> {
            if (x instanceof Number n) {
              covered.add(n.intValue());
            }
          });
        }
        out.put(r.getUUID("question_id"), new SavedAnswer(ResponseJson.fromJson(json), covered));
      }
      return out;
    });
  }

  /** Saves the answer if the exam is open, the question on its paper and no later seq stands; true if saved. */
  public Future<Boolean> save(SqlClient db, UUID examId, UUID accountId, UUID questionId, Response response, long seq) {
    return db.preparedQuery(SAVE).execute(Tuple.tuple().addUUID(examId).addUUID(questionId)
        .addValue(ResponseJson.toJson(response)).addLong(seq).addUUID(accountId)).map(rows -> rows.size() > 0);
  }

  /** The answer stored for the question, or null. */
  public Future<Standing> standing(SqlClient db, UUID examId, UUID questionId) {
    return db.preparedQuery(STORED).execute(Tuple.of(examId, questionId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Standing(r.getLong("seq"), ResponseJson.fromJson(r.getJsonObject("response")));
    });
  }

  public Future<Long> maxSeq(SqlClient db, UUID examId) {
    return db.preparedQuery(MAX_SEQ).execute(Tuple.of(examId)).map(rows -> rows.iterator().next().getLong("seq"));
  }

  public Future<Void> setCovered(SqlClient tx, UUID examId, UUID questionId, List<Integer> covered) {
    return tx.preparedQuery(SET_COVERED).execute(Tuple.of(examId, questionId, new JsonArray(new ArrayList<>(covered))))
        .mapEmpty();
  }

  public Future<Void> finish(SqlClient tx, UUID examId, boolean automatic, ExamScorer.Result result) {
    return tx.preparedQuery(FINISH).execute(Tuple.of(examId, automatic, result.score(), result.passed(),
        chaptersJson(result.byChapter()))).mapEmpty();
  }

  public Future<Void> rescore(SqlClient tx, UUID examId, ExamScorer.Result result) {
    return tx.preparedQuery(RESCORE).execute(Tuple.of(examId, result.score(), result.passed(),
        chaptersJson(result.byChapter()))).mapEmpty();
  }

  /** The worker's exams, newest first, {@code limit} from {@code offset}. */
  public Future<List<MockExamService.Exam>> history(SqlClient db, UUID accountId, int limit, long offset) {
    return db.preparedQuery(HISTORY).execute(Tuple.of(accountId, (long) limit, offset)).map(rows -> {
      List<MockExamService.Exam> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<Long> count(SqlClient db, UUID accountId) {
    return db.preparedQuery(HISTORY_COUNT).execute(Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getLong("total"));
  }

  /** Open exams whose time is up, the longest overdue first. */
  public Future<List<UUID>> overdue(SqlClient db) {
    return db.query(OVERDUE).execute().map(rows -> {
      List<UUID> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getUUID("id")));
      return out;
    });
  }

  // ---- JSON of a paper and a result ----

  private static JsonObject itemJson(ExamScorer.Item i) {
    return new JsonObject().put("questionId", i.questionId()).put("type", i.type().name()).put("chapter", i.chapter())
        .put("marks", i.marks()).put("correct", new JsonArray(new ArrayList<>(i.correct())))
        .put("rubricTotal", i.rubricTotal());
  }

  private static JsonArray chaptersJson(List<ExamScorer.ChapterScore> chapters) {
    JsonArray out = new JsonArray();
    for (ExamScorer.ChapterScore c : chapters) {
      out.add(new JsonObject().put("chapter", c.chapter()).put("score", c.score()).put("max", c.max())
          .put("correct", c.correct()).put("questions", c.questions()));
    }
    return out;
  }

  private static List<ExamScorer.ChapterScore> chapters(JsonArray json) {
    List<ExamScorer.ChapterScore> out = new ArrayList<>();
    for (Object o : json) {
      JsonObject c = (JsonObject) o;
      out.add(new ExamScorer.ChapterScore(c.getString("chapter"), c.getDouble("score"), c.getDouble("max"),
          c.getInteger("correct"), c.getInteger("questions")));
    }
    return out;
  }

  private static MockExamService.Exam first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : map(rows.iterator().next());
  }

  static MockExamService.Exam map(Row r) {
    List<ExamScorer.Item> items = new ArrayList<>();
    Map<UUID, Integer> revisions = new LinkedHashMap<>();
    for (Object o : (JsonArray) r.getValue("paper")) {
      JsonObject j = (JsonObject) o;
      revisions.put(UUID.fromString(j.getString("questionId")), j.getInteger("revision"));
      Set<Integer> correct = new TreeSet<>();
      j.getJsonArray("correct").forEach(x -> correct.add(((Number) x).intValue()));
      items.add(new ExamScorer.Item(j.getString("questionId"), QuestionType.valueOf(j.getString("type")),
          j.getString("chapter"), j.getDouble("marks"), correct, j.getDouble("rubricTotal", 0.0)));
    }
    return new MockExamService.Exam(r.getUUID("id"), r.getUUID("account_id"), r.getString("blueprint_id"),
        r.getString("title"), items, r.getDouble("max_score"), r.getDouble("pass_mark"),
        instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("deadline")),
        instant(r.getOffsetDateTime("submitted_at")), r.getBoolean("auto_submitted"), r.getDouble("score"),
        r.getBoolean("passed"), r.getValue("by_chapter") instanceof JsonArray a ? chapters(a) : null, revisions);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
