package org.qinglan.exam.practice;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.people.Account;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;

/**
 * Case-analysis practice: the worker writes an answer, then compares it with the reference
 * answer and marks the rubric points they covered. Their text is kept as written.
 */
public final class CasePracticeService {
  static final int MAX_ANSWER_CHARS = 10_000;

  private static final String INSERT = """
      INSERT INTO case_practice (id, account_id, question_id, revision, answer_text) VALUES ($1, $2, $3, $4, $5)
      """;
  private static final String ATTEMPT = """
      SELECT id, account_id, question_id, answer_text, covered_points, self_score, created_at, assessed_at
      FROM case_practice WHERE id = $1
      """;
  private static final String ATTEMPTS_OF = """
      SELECT id, account_id, question_id, answer_text, covered_points, self_score, created_at, assessed_at
      FROM case_practice WHERE account_id = $1 AND question_id = $2 ORDER BY created_at DESC
      """;
  private static final String ASSESS = """
      UPDATE case_practice SET covered_points = $2, self_score = $3, assessed_at = now() WHERE id = $1
      """;

  /** One written answer and, once assessed, the points the worker ticked. */
  public record Attempt(UUID id, UUID accountId, UUID questionId, String answerText, List<Integer> coveredPoints,
                        Double selfScore, Instant createdAt, Instant assessedAt) {
    public boolean assessed() {
      return assessedAt != null;
    }
  }

  private final Pool pool;
  private final QuestionStore questions;

  public CasePracticeService(Pool pool, QuestionStore questions) {
    this.pool = pool;
    this.questions = questions;
  }

  public Future<List<QuestionStore.CaseItem>> cases(Account a) {
    return questions.cases(pool, PracticeService.unitPath(a));
  }

  /** A live case analysis this worker may practise: visible to their unit and not in a mock exam of theirs still open. */
  public Future<StoredQuestion> caseQuestion(Account a, UUID id) {
    return PracticeService.practisable(pool, questions, a, id).compose(v -> questions.byId(pool, id))
        .compose(q -> q == null || q.retired() || q.type() != QuestionType.CASE_ANALYSIS
            ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(q));
  }

  public Future<Attempt> write(Account a, UUID questionId, String answer) {
    String text = answer == null ? "" : answer.strip();
    if (text.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请先写下你的分析再提交。"));
    }
    if (text.length() > MAX_ANSWER_CHARS) {
      return Future.failedFuture(Problem.badRequest("作答不能超过 " + MAX_ANSWER_CHARS + " 字。"));
    }
    UUID id = UUID.randomUUID();
    return caseQuestion(a, questionId).compose(q -> pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, a.id(), q.id(), q.revision(), text))
        .map(new Attempt(id, a.id(), q.id(), text, List.of(), null, Instant.now(), null)));
  }

  public Future<Attempt> attempt(Account a, UUID attemptId) {
    return pool.preparedQuery(ATTEMPT).execute(Tuple.of(attemptId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Attempt at = map(rows.iterator().next());
      return at.accountId().equals(a.id()) ? Future.succeededFuture(at) : Future.failedFuture(Problem.forbidden());
    });
  }

  public Future<List<Attempt>> attempts(Account a, UUID questionId) {
    return pool.preparedQuery(ATTEMPTS_OF).execute(Tuple.of(a.id(), questionId)).map(rows -> {
      List<Attempt> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Records which rubric points the answer covered; the self-score is the sum of their marks. */
  public Future<Attempt> assess(Account a, UUID attemptId, Set<Integer> covered) {
    return attempt(a, attemptId).compose(at -> caseQuestion(a, at.questionId()).compose(q -> {
      List<RubricPoint> rubric = q.question().rubric();
      Set<Integer> valid = new TreeSet<>();
      for (Integer i : covered) {
        if (i == null || i < 0 || i >= rubric.size()) {
          return Future.failedFuture(Problem.badRequest("评分要点无效。"));
        }
        valid.add(i);
      }
      double score = valid.stream().mapToDouble(i -> rubric.get(i).marks()).sum();
      double max = rubric.stream().mapToDouble(RubricPoint::marks).sum();
      return pool.withTransaction(tx -> tx.preparedQuery(ASSESS)
              .execute(Tuple.of(attemptId, valid.toArray(Integer[]::new), score))
              .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), PracticeService.VERB_ANSWERED, q.key(),
                      "question")
                  .withResult(max == 0 ? 0 : score / max, null, null)
                  .withContext(new JsonObject().put("mode", "CASE_ANALYSIS").put("selfAssessed", true)
                      .put("score", score).put("max", max)))))
          .compose(v -> attempt(a, attemptId));
    }));
  }

  private static Attempt map(Row r) {
    Integer[] covered = r.getArrayOfIntegers("covered_points");
    return new Attempt(r.getUUID("id"), r.getUUID("account_id"), r.getUUID("question_id"), r.getString("answer_text"),
        covered == null ? List.of() : List.of(covered), r.getDouble("self_score"),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("assessed_at") == null ? null : r.getOffsetDateTime("assessed_at").toInstant());
  }
}
