package org.qinglan.exam.practice;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.ExamPolicy;
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

  /** One written answer and, once assessed, the points the worker ticked. */
  public record Attempt(UUID id, UUID accountId, UUID questionId, String answerText, List<Integer> coveredPoints,
                        Double selfScore, Instant createdAt, Instant assessedAt) {
    public boolean assessed() {
      return assessedAt != null;
    }
  }

  private final Pool pool;
  private final QuestionStore questions;
  private final CasePracticeStore store = new CasePracticeStore();

  public CasePracticeService(Pool pool, QuestionStore questions) {
    this.pool = pool;
    this.questions = questions;
  }

  public Future<List<QuestionStore.CaseItem>> cases(Account a) {
    return questions.cases(pool, PracticeService.units(a));
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
    return caseQuestion(a, questionId).compose(q -> store.insert(pool, id, a.id(), q.id(), q.revision(), text)
        .map(new Attempt(id, a.id(), q.id(), text, List.of(), null, Instant.now(), null)));
  }

  public Future<Attempt> attempt(Account a, UUID attemptId) {
    return store.attempt(pool, attemptId).compose(at -> {
      if (at == null) {
        return Future.failedFuture(Problem.notFound());
      }
      return ExamPolicy.mayUsePracticeOf(a, at.accountId()) ? Future.succeededFuture(at)
          : Future.failedFuture(Problem.forbidden());
    });
  }

  public Future<List<Attempt>> attempts(Account a, UUID questionId) {
    return store.attempts(pool, a.id(), questionId);
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
      return pool.withTransaction(tx -> store.assess(tx, attemptId, valid, score)
              .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), PracticeService.VERB_ANSWERED, q.key(),
                      "question")
                  .withResult(max == 0 ? 0 : score / max, null, null)
                  .withContext(new JsonObject().put("mode", "CASE_ANALYSIS").put("selfAssessed", true)
                      .put("score", score).put("max", max)))))
          .compose(v -> attempt(a, attemptId));
    }));
  }
}
