package org.qinglan.exam.mock;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
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
import org.qinglan.exam.ExamPolicy;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.StoredQuestion;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.exam.practice.PracticeService;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Account;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Page;
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

  /** Where an exam stands. */
  public enum Status {
    /** The clock runs; answers may be saved. */
    OPEN,
    /** Submitted by the worker. */
    SUBMITTED,
    /** Submitted when its time was up. */
    AUTO_SUBMITTED
  }

  /** A mock exam as stored. */
  public record Exam(UUID id, UUID accountId, String blueprintId, String title, List<ExamScorer.Item> paper,
                     double maxScore, double passMark, Instant startedAt, Instant deadline, Instant submittedAt,
                     boolean autoSubmitted, Double score, Boolean passed, List<ExamScorer.ChapterScore> byChapter,
                     Map<UUID, Integer> revisions) {
    public boolean open() {
      return submittedAt == null;
    }

    public Status status() {
      return open() ? Status.OPEN : autoSubmitted ? Status.AUTO_SUBMITTED : Status.SUBMITTED;
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
  private final MockExamStore store = new MockExamStore();
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
    if (!ExamPolicy.mayTakeMockExam(a)) {
      return Future.failedFuture(Problem.forbidden());
    }
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
          items.add(new ExamScorer.Item(id.toString(), q.type(), q.chapter(), section.marks(),
              new TreeSet<>(q.question().correctChoiceIndexes()), rubricTotal));
          revisions.put(id, q.revision());
        }
        UUID examId = UUID.randomUUID();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(b.minutes()));
        return this.pool.withTransaction(tx -> store.insert(tx, examId, a.id(), b, items, revisions, deadline)
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
      if (!ExamPolicy.mayUseMockExam(a, e.accountId())) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (e.open() && !Instant.now().isBefore(e.deadline())) {
        return submit(id, true);
      }
      return Future.succeededFuture(e);
    });
  }

  /** The answers saved for the exam, by question. */
  public Future<Map<UUID, Response>> answers(UUID examId) {
    return store.answers(pool, examId).map(saved -> {
      Map<UUID, Response> out = new HashMap<>();
      saved.forEach((id, s) -> out.put(id, s.response()));
      return out;
    });
  }

  /** The questions of the exam as they were drawn (whatever a trainer edited since). */
  public Future<Map<UUID, StoredQuestion>> questionsOf(Exam e) {
    return questions.atRevisions(pool, e.revisions());
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
    return store.save(pool, examId, a.id(), questionId, response, seq).compose(saved -> {
      if (saved) {
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
        return store.standing(pool, examId, questionId).map(standing -> {
          if (standing == null) {
            return new Saved(false, 0);
          }
          // The same save sent twice (a retry after a lost reply) was stored the first time.
          boolean same = standing.seq() == seq && response.equals(standing.response());
          return new Saved(same, standing.seq());
        });
      });
    });
  }

  /** The highest seq stored for the exam's answers: a page counts its saves on from there. */
  public Future<Long> maxSeq(UUID examId) {
    return store.maxSeq(pool, examId);
  }

  /** Submits (once): scores the paper, records every answer and writes the learning events. */
  public Future<Exam> submit(UUID examId, boolean automatic) {
    return pool.withTransaction(tx -> store.lock(tx, examId).compose(e -> {
      if (e == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!e.open()) {
        return Future.succeededFuture(e);
      }
      return store.answers(tx, examId).compose(saved -> {
        Map<String, Response> responses = new HashMap<>();
        saved.forEach((id, s) -> responses.put(id.toString(), s.response()));
        ExamScorer.Result result = ExamScorer.score(e.paper(), scorerResponses(e.paper(), responses), e.passMark());
        boolean late = automatic || !Instant.now().isBefore(e.deadline());
        return recordAnswers(tx, e, responses)
            .compose(v -> store.finish(tx, examId, late, result))
            .compose(v -> LearningEvents.append(tx, LearningEvent.of(e.accountId(), VERB_COMPLETED, e.blueprintId(),
                    "mock-exam")
                .withResult(result.score() / result.max(), result.passed(), Duration.between(e.startedAt(), Instant.now()))
                .withContext(new JsonObject().put("mockExamId", examId.toString()).put("score", result.score())
                    .put("max", result.max()).put("autoSubmitted", late))))
            .compose(v -> store.exam(tx, examId));
      });
    }));
  }

  /** After submission, a case analysis is scored by the rubric points the worker ticks. */
  public Future<Exam> assess(Account a, UUID examId, UUID questionId, Set<Integer> coveredPoints) {
    return pool.withTransaction(tx -> store.lock(tx, examId).compose(e -> {
      if (e == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!ExamPolicy.mayUseMockExam(a, e.accountId())) {
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
        List<Integer> covered = coveredPoints.stream().filter(i -> i >= 0 && i < rubric.size()).sorted().toList();
        return store.setCovered(tx, examId, questionId, covered)
            .compose(v -> store.answers(tx, examId))
            .compose(saved -> rubricsOf(tx, e).compose(rubrics -> {
              Map<String, ExamScorer.Response> scorer = new HashMap<>();
              for (ExamScorer.Item i : e.paper()) {
                MockExamStore.SavedAnswer answer = saved.get(UUID.fromString(i.questionId()));
                if (answer == null) {
                  continue;
                }
                if (i.type() == QuestionType.CASE_ANALYSIS) {
                  scorer.put(i.questionId(), ExamScorer.Response.rubric(coveredMarks(answer.covered(),
                      rubrics.get(i.questionId()))));
                } else {
                  scorer.put(i.questionId(), ExamScorer.Response.choices(answer.response().choices()));
                }
              }
              ExamScorer.Result result = ExamScorer.score(e.paper(), scorer, e.passMark());
              return store.rescore(tx, examId, result).compose(v -> store.exam(tx, examId));
            }));
      });
    }));
  }

  /** The worker's exams, newest first, one page at a time with how many there are in all. */
  public Future<Page<Exam>> history(Account a, int page, int size) {
    int p = Math.max(1, page);
    int n = Math.max(1, size);
    return Future.all(store.history(pool, a.id(), n, (long) (p - 1) * n), store.count(pool, a.id()))
        .map(all -> new Page<>(all.resultAt(0), p, n, all.<Long>resultAt(1)));
  }

  /** The worker's latest exams (the first page of {@link #history(Account, int, int)}). */
  public Future<List<Exam>> history(Account a) {
    return history(a, 1, HISTORY_PAGE).map(Page::items);
  }

  /** How many exams a page of history shows unless asked otherwise. */
  public static final int HISTORY_PAGE = 30;

  /** Submits every exam whose time is up; safe to run on every node. */
  public Future<Integer> submitOverdue() {
    return store.overdue(pool).compose(ids -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (UUID id : ids) {
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

  private static double coveredMarks(List<Integer> covered, List<RubricPoint> rubric) {
    double sum = 0;
    Set<Integer> seen = new HashSet<>();
    for (Integer i : covered) {
      if (seen.add(i) && rubric != null && i >= 0 && i < rubric.size()) {
        sum += rubric.get(i).marks();
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

  private Future<Exam> load(UUID id) {
    return store.exam(pool, id).compose(e -> e == null ? Future.failedFuture(Problem.notFound())
        : Future.succeededFuture(e));
  }
}
