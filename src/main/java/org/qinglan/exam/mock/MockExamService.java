package org.qinglan.exam.mock;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.exam.practice.PracticeService;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Account;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock exams drawn from a blueprint: the server keeps the clock, every answer is saved as it
 * is given, the paper is submitted by the worker or automatically at the deadline, and scored
 * by the exam's rules ({@link ExamScorer}).
 */
public final class MockExamService {
  private static final Logger log = LoggerFactory.getLogger(MockExamService.class);
  public static final String VERB_ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted";
  public static final String VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed";

  private static final String INSERT = """
      INSERT INTO mock_exam (id, account_id, blueprint_id, title, paper, max_score, pass_mark, deadline)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String EXAM = """
      SELECT id, account_id, blueprint_id, title, paper, max_score, pass_mark, started_at, deadline, submitted_at,
             auto_submitted, score, passed, by_chapter
      FROM mock_exam WHERE id = $1
      """;
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
  private static final String FINISH = """
      UPDATE mock_exam SET submitted_at = now(), auto_submitted = $2, score = $3, passed = $4, by_chapter = $5
      WHERE id = $1
      """;
  private static final String RESCORE = "UPDATE mock_exam SET score = $2, passed = $3, by_chapter = $4 WHERE id = $1";
  private static final String HISTORY = """
      SELECT id, account_id, blueprint_id, title, paper, max_score, pass_mark, started_at, deadline, submitted_at,
             auto_submitted, score, passed, by_chapter
      FROM mock_exam WHERE account_id = $1 ORDER BY started_at DESC LIMIT 30
      """;
  private static final String OVERDUE = """
      SELECT id FROM mock_exam WHERE submitted_at IS NULL AND deadline <= now() ORDER BY deadline LIMIT 50
      """;

  /** A mock exam as stored. */
  public record Exam(UUID id, UUID accountId, String blueprintId, String title, List<ExamScorer.Item> paper,
                     double maxScore, double passMark, Instant startedAt, Instant deadline, Instant submittedAt,
                     boolean autoSubmitted, Double score, Boolean passed, JsonArray byChapter,
                     Map<UUID, Integer> revisions) {
    public boolean open() {
      return submittedAt == null;
    }

    /** The revisions drawn of these questions (what the worker saw and is marked on). */
    public Map<UUID, Integer> revisionsOf(java.util.Collection<UUID> questionIds) {
      Map<UUID, Integer> out = new LinkedHashMap<>();
      questionIds.forEach(id -> out.put(id, revisions.get(id)));
      return out;
    }

    public long secondsLeft() {
      return Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
    }
  }

  private final Pool pool;
  private final QuestionStore questions;
  private final PracticeService practice;
  private final Map<String, Blueprint> blueprints;

  public MockExamService(Pool pool, QuestionStore questions, PracticeService practice, List<Blueprint> blueprints) {
    this.pool = pool;
    this.questions = questions;
    this.practice = practice;
    this.blueprints = new LinkedHashMap<>();
    blueprints.forEach(b -> this.blueprints.put(b.id(), b));
  }

  public List<Blueprint> blueprints() {
    return List.copyOf(blueprints.values());
  }

  public java.util.Optional<Blueprint> blueprint(String id) {
    return java.util.Optional.ofNullable(id == null ? null : blueprints.get(id));
  }

  /** Draws a paper and starts the clock. */
  public Future<Exam> start(Account a, String blueprintId) {
    Blueprint b = blueprints.get(blueprintId);
    if (b == null) {
      return Future.failedFuture(Problem.badRequest("没有这套模拟试卷：" + blueprintId));
    }
    return questions.candidates(pool, b.category()).compose(pool -> {
      PaperDrawer.Draw draw = PaperDrawer.draw(b, pool, Set.of(), new Random());
      if (!draw.ok()) {
        return Future.failedFuture(new Problem(409, "bank_too_small", draw.problem()));
      }
      List<UUID> ids = draw.questions().stream().map(c -> UUID.fromString(c.id())).toList();
      return questions.byIds(this.pool, ids).compose(stored -> {
        List<ExamScorer.Item> items = new ArrayList<>();
        Map<UUID, Integer> revisions = new LinkedHashMap<>();
        JsonArray paper = new JsonArray();
        int sectionIndex = 0;
        int inSection = 0;
        for (UUID id : ids) {
          while (inSection >= b.sections().get(sectionIndex).count()) {
            sectionIndex++;
            inSection = 0;
          }
          Blueprint.Section section = b.sections().get(sectionIndex);
          inSection++;
          StoredQuestion q = stored.get(id);
          double rubricTotal = q.question().rubric().stream().mapToDouble(RubricPoint::marks).sum();
          ExamScorer.Item item = new ExamScorer.Item(id.toString(), q.type(), q.chapter(), section.marks(),
              new TreeSet<>(q.question().correctChoiceIndexes()), rubricTotal);
          items.add(item);
          paper.add(itemJson(item).put("revision", q.revision()));
          revisions.put(id, q.revision());
        }
        UUID examId = UUID.randomUUID();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(b.minutes()));
        return this.pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(examId)
                .addUUID(a.id()).addString(b.id()).addString(b.title()).addValue(paper).addDouble(b.totalMarks())
                .addDouble(b.passMark()).addOffsetDateTime(deadline.atOffset(ZoneOffset.UTC)))
            .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), VERB_ATTEMPTED, b.id(), "mock-exam")
                .withContext(new JsonObject().put("mockExamId", examId.toString())))))
            .map(new Exam(examId, a.id(), b.id(), b.title(), items, b.totalMarks(), b.passMark(), Instant.now(),
                deadline, null, false, null, null, null, revisions));
      });
    });
  }

  /** The exam if it is this worker's; an exam past its deadline is submitted first. */
  public Future<Exam> get(Account a, UUID id) {
    return load(id).compose(e -> {
      if (!e.accountId().equals(a.id())) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (e.open() && !Instant.now().isBefore(e.deadline())) {
        return submit(id, true);
      }
      return Future.succeededFuture(e);
    });
  }

  public Future<Map<UUID, Response>> answers(UUID examId) {
    return pool.preparedQuery(ANSWERS).execute(Tuple.of(examId)).map(rows -> {
      Map<UUID, Response> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getUUID("question_id"), Response.fromJson(r.getJsonObject("response")));
      }
      return out;
    });
  }

  /** What a save did: stored at {@code seq}, or not stored because {@code seq} (a higher one) stands. */
  public record Saved(boolean saved, long seq) {
  }

  /**
   * Saves one answer. {@code seq} grows with each save a client makes, so an older save that
   * arrives late never replaces a newer one; such a save is answered as not stored, with the seq
   * that stands. A save after the exam was submitted is a 409.
   */
  public Future<Saved> save(Account a, UUID examId, UUID questionId, Response response, long seq) {
    JsonObject json = response.toJson();
    return pool.preparedQuery(SAVE).execute(Tuple.tuple().addUUID(examId).addUUID(questionId)
        .addValue(json).addLong(seq).addUUID(a.id())).compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(new Saved(true, seq));
          }
          // Not saved: say exactly why.
          return get(a, examId).compose(e -> {
            if (!e.open()) {
              return Future.failedFuture(new Problem(409, "exam_submitted",
                  e.autoSubmitted() ? "考试时间已到，试卷已自动交卷。" : "试卷已经交卷，不能再修改答案。"));
            }
            if (e.paper().stream().noneMatch(i -> i.questionId().equals(questionId.toString()))) {
              return Future.failedFuture(Problem.badRequest("这道题不在本试卷中。"));
            }
            return pool.preparedQuery(STORED).execute(Tuple.of(examId, questionId)).map(stored -> {
              Row r = stored.iterator().next();
              long standing = r.getLong("seq");
              // The same save sent twice (a retry after a lost reply) was stored the first time.
              boolean same = standing == seq && json.equals(r.getJsonObject("response"));
              return new Saved(same, standing);
            });
          });
        });
  }

  /** The highest seq stored for the exam's answers: a page counts its saves on from there. */
  public Future<Long> maxSeq(UUID examId) {
    return pool.preparedQuery(MAX_SEQ).execute(Tuple.of(examId)).map(rows -> rows.iterator().next().getLong("seq"));
  }

  /** Submits (once): scores the paper, records every answer and writes the learning events. */
  public Future<Exam> submit(UUID examId, boolean automatic) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(examId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Exam e = map(rows.iterator().next());
      if (!e.open()) {
        return Future.succeededFuture(e);
      }
      return tx.preparedQuery(ANSWERS).execute(Tuple.of(examId)).compose(answerRows -> {
        Map<String, Response> responses = new HashMap<>();
        for (Row r : answerRows) {
          responses.put(r.getUUID("question_id").toString(), Response.fromJson(r.getJsonObject("response")));
        }
        ExamScorer.Result result = ExamScorer.score(e.paper(), scorerResponses(e.paper(), responses), e.passMark());
        JsonArray byChapter = chaptersJson(result);
        boolean late = automatic || !Instant.now().isBefore(e.deadline());
        return recordAnswers(tx, e, responses)
            .compose(v -> tx.preparedQuery(FINISH).execute(Tuple.of(examId, late, result.score(), result.passed(),
                byChapter)))
            .compose(v -> LearningEvents.append(tx, LearningEvent.of(e.accountId(), VERB_COMPLETED, e.blueprintId(),
                    "mock-exam")
                .withResult(result.score() / result.max(), result.passed(), Duration.between(e.startedAt(), Instant.now()))
                .withContext(new JsonObject().put("mockExamId", examId.toString()).put("score", result.score())
                    .put("max", result.max()).put("autoSubmitted", late))))
            .compose(v -> load(tx, examId));
      });
    }));
  }

  /** After submission, a case analysis is scored by the rubric points the worker ticks. */
  public Future<Exam> assess(Account a, UUID examId, UUID questionId, Set<Integer> coveredPoints) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(examId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Exam e = map(rows.iterator().next());
      if (!e.accountId().equals(a.id())) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (e.open()) {
        return Future.failedFuture(new Problem(409, "open", "交卷后才能对照评分要点自评。"));
      }
      ExamScorer.Item item = e.paper().stream().filter(i -> i.questionId().equals(questionId.toString())).findFirst()
          .orElse(null);
      if (item == null || item.type() != QuestionType.CASE_ANALYSIS) {
        return Future.failedFuture(Problem.badRequest("这道题不是本试卷中的案例分析题。"));
      }
      return questions.byId(tx, questionId).compose(q -> {
        List<RubricPoint> rubric = q.question().rubric();
        JsonArray covered = new JsonArray();
        coveredPoints.stream().filter(i -> i >= 0 && i < rubric.size()).sorted().forEach(covered::add);
        return tx.preparedQuery("""
                UPDATE mock_exam_answer SET response = response || jsonb_build_object('covered', $3::jsonb)
                WHERE mock_exam_id = $1 AND question_id = $2
                """).execute(Tuple.of(examId, questionId, covered))
            .compose(v -> tx.preparedQuery(ANSWERS).execute(Tuple.of(examId)))
            .compose(answerRows -> {
              Map<String, JsonObject> raw = new HashMap<>();
              for (Row r : answerRows) {
                raw.put(r.getUUID("question_id").toString(), r.getJsonObject("response"));
              }
              return rubricsOf(tx, e).compose(rubrics -> {
                Map<String, ExamScorer.Response> scorer = new HashMap<>();
                for (ExamScorer.Item i : e.paper()) {
                  JsonObject resp = raw.get(i.questionId());
                  if (resp == null) {
                    continue;
                  }
                  if (i.type() == QuestionType.CASE_ANALYSIS) {
                    scorer.put(i.questionId(), ExamScorer.Response.rubric(coveredMarks(resp, rubrics.get(i.questionId()))));
                  } else {
                    scorer.put(i.questionId(), ExamScorer.Response.choices(Response.fromJson(resp).choices()));
                  }
                }
                ExamScorer.Result result = ExamScorer.score(e.paper(), scorer, e.passMark());
                return tx.preparedQuery(RESCORE).execute(Tuple.of(examId, result.score(), result.passed(),
                    chaptersJson(result))).compose(v -> load(tx, examId));
              });
            });
      });
    }));
  }

  public Future<List<Exam>> history(Account a) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(a.id())).map(rows -> {
      List<Exam> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Submits every exam whose time is up; safe to run on every node. */
  public Future<Integer> submitOverdue() {
    return pool.query(OVERDUE).execute().compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Row r : rows) {
        UUID id = r.getUUID("id");
        chain = chain.compose(n -> submit(id, true).map(e -> n + 1)
            .recover(t -> {
              log.warn("Auto-submit of mock exam {} failed: {}", id, t.getMessage());
              return Future.succeededFuture(n);
            }));
      }
      return chain;
    });
  }

  private Future<Void> recordAnswers(SqlConnection tx, Exam e, Map<String, Response> responses) {
    List<UUID> answered = new ArrayList<>();
    for (ExamScorer.Item i : e.paper()) {
      Response r = responses.get(i.questionId());
      if (r != null && !r.isEmpty() && i.type() != QuestionType.CASE_ANALYSIS) {
        answered.add(UUID.fromString(i.questionId()));
      }
    }
    if (answered.isEmpty()) {
      return Future.succeededFuture();
    }
    return questions.atRevisions(tx, e.revisionsOf(answered)).compose(stored -> {
      Future<Void> chain = Future.succeededFuture();
      for (UUID id : answered) {
        StoredQuestion q = stored.get(id);
        if (q != null) {
          chain = chain.compose(v -> practice.record(tx, e.accountId(), q, responses.get(id.toString()), null, e.id(),
              "MOCK_EXAM").mapEmpty());
        }
      }
      return chain;
    });
  }

  private Future<Map<String, List<RubricPoint>>> rubricsOf(SqlConnection tx, Exam e) {
    List<UUID> cases = e.paper().stream().filter(i -> i.type() == QuestionType.CASE_ANALYSIS)
        .map(i -> UUID.fromString(i.questionId())).toList();
    if (cases.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return questions.atRevisions(tx, e.revisionsOf(cases)).map(m -> {
      Map<String, List<RubricPoint>> out = new HashMap<>();
      m.forEach((k, v) -> out.put(k.toString(), v.question().rubric()));
      return out;
    });
  }

  private static double coveredMarks(JsonObject response, List<RubricPoint> rubric) {
    JsonArray covered = response.getJsonArray("covered", new JsonArray());
    double sum = 0;
    Set<Integer> seen = new HashSet<>();
    for (Object o : covered) {
      if (o instanceof Number n && seen.add(n.intValue()) && rubric != null && n.intValue() < rubric.size()) {
        sum += rubric.get(n.intValue()).marks();
      }
    }
    return sum;
  }

  private static Map<String, ExamScorer.Response> scorerResponses(List<ExamScorer.Item> paper, Map<String, Response> r) {
    Map<String, ExamScorer.Response> out = new HashMap<>();
    for (ExamScorer.Item i : paper) {
      Response resp = r.get(i.questionId());
      if (resp != null && i.type() != QuestionType.CASE_ANALYSIS) {
        out.put(i.questionId(), ExamScorer.Response.choices(resp.choices()));
      }
    }
    return out;
  }

  private static JsonArray chaptersJson(ExamScorer.Result result) {
    JsonArray out = new JsonArray();
    for (ExamScorer.ChapterScore c : result.byChapter()) {
      out.add(new JsonObject().put("chapter", c.chapter()).put("score", c.score()).put("max", c.max())
          .put("correct", c.correct()).put("questions", c.questions()));
    }
    return out;
  }

  private static JsonObject itemJson(ExamScorer.Item i) {
    return new JsonObject().put("questionId", i.questionId()).put("type", i.type().name()).put("chapter", i.chapter())
        .put("marks", i.marks()).put("correct", new JsonArray(new ArrayList<>(i.correct())))
        .put("rubricTotal", i.rubricTotal());
  }

  private Future<Exam> load(UUID id) {
    return pool.preparedQuery(EXAM).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(map(rows.iterator().next())));
  }

  private static Future<Exam> load(SqlConnection tx, UUID id) {
    return tx.preparedQuery(EXAM).execute(Tuple.of(id)).map(rows -> map(rows.iterator().next()));
  }

  static Exam map(Row r) {
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
    return new Exam(r.getUUID("id"), r.getUUID("account_id"), r.getString("blueprint_id"), r.getString("title"), items,
        r.getDouble("max_score"), r.getDouble("pass_mark"), instant(r.getOffsetDateTime("started_at")),
        instant(r.getOffsetDateTime("deadline")), instant(r.getOffsetDateTime("submitted_at")),
        r.getBoolean("auto_submitted"), r.getDouble("score"), r.getBoolean("passed"),
        r.getValue("by_chapter") instanceof JsonArray a ? a : null, revisions);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
