package org.qinglan.exam.practice;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.qinglan.exam.ExamPolicy;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.review.FsrsScheduler;
import org.qinglan.exam.review.Rating;
import org.qinglan.exam.review.ReviewCard;
import org.qinglan.people.Account;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;

/**
 * Practice for a signed-in worker: sessions of questions (chapter, random, daily, review,
 * mistake book, favourites), instant checking, and the per-question state behind the mistake
 * book and the spaced-review schedule. Every answer is kept and written as a learning event.
 */
public final class PracticeService {
  public static final String VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered";
  static final int DAILY_SIZE = 10;
  static final int RANDOM_SIZE = 20;

  /** How well a worker knows a chapter: the share of its questions whose last answer was right. */
  public record ChapterMastery(String level, String paper, String chapter, String name, long total, long attempted,
                               long mastered) {
    public int percent() {
      return total == 0 ? 0 : (int) Math.round(100.0 * mastered / total);
    }

    public String title() {
      String n = name == null ? chapter : name;
      return n.startsWith(chapter + " ") ? n.substring(chapter.length() + 1) : n;
    }
  }

  /** A knowledge point (tag) the worker has met, with how many of its questions they now get right. */
  public record KnowledgePoint(String tag, long attempted, long mastered) {
    public int percent() {
      return attempted == 0 ? 0 : (int) Math.round(100.0 * mastered / attempted);
    }
  }

  /** The exam a worker prepares for. */
  public record ExamGoal(ExamLevel level, LocalDate examDate) {
  }

  /** The sizes of a worker's lists, for the practice home. */
  public record ListSizes(long mistakes, long favourites, long dueReviews) {
  }

  private final Pool pool;
  private final QuestionStore questions;
  private final PracticeStore store = new PracticeStore();
  private final FsrsScheduler scheduler;
  private final ZoneId zone;

  public PracticeService(Pool pool, QuestionStore questions, FsrsScheduler scheduler, ZoneId zone) {
    this.pool = pool;
    this.questions = questions;
    this.scheduler = scheduler;
    this.zone = zone;
  }

  /** What answering told the worker. */
  public record Outcome(UUID answerId, StoredQuestion question, Response response, boolean correct,
                        Set<Integer> correctChoices, boolean inMistakeBook) {
  }

  static List<UUID> units(Account a) {
    return ExamPolicy.visibleUnits(a);
  }

  // ---- starting sessions ----

  public Future<PracticeSession> startChapter(Account a, String level, String paper, String chapter, boolean shuffled) {
    return practisableOf(a, questions.inChapter(pool, units(a), level, paper, chapter)).compose(ids -> {
      if (ids.isEmpty()) {
        return Future.failedFuture(Problem.notFound());
      }
      List<UUID> order = new ArrayList<>(ids);
      if (shuffled) {
        Collections.shuffle(order);
      }
      return create(a, PracticeMode.CHAPTER, paper + " · 第 " + chapter + " 章" + (shuffled ? "（乱序）" : ""), order, null);
    });
  }

  public Future<PracticeSession> startRandom(Account a, String level, String paper, int count) {
    return practisableOf(a, questions.objective(pool, units(a), level, paper)).compose(ids -> {
      if (ids.isEmpty()) {
        return Future.failedFuture(Problem.notFound());
      }
      List<UUID> pick = new ArrayList<>(ids);
      Collections.shuffle(pick);
      int n = Math.max(1, Math.min(count <= 0 ? RANDOM_SIZE : count, Math.min(pick.size(), 100)));
      return create(a, PracticeMode.RANDOM, (paper == null ? "全部题目" : paper) + " · 随机 " + n + " 题",
          pick.subList(0, n), null);
    });
  }

  public Future<PracticeSession> startMistakes(Account a) {
    return mistakes(a).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new Problem(409, "no_mistakes", "错题本是空的，继续保持！"))
        : create(a, PracticeMode.MISTAKES, "错题本 · " + ids.size() + " 题", ids, null));
  }

  public Future<PracticeSession> startFavourites(Account a) {
    return favourites(a).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new Problem(409, "no_favourites", "还没有收藏的题目。"))
        : create(a, PracticeMode.FAVOURITES, "收藏 · " + ids.size() + " 题", ids, null));
  }

  public Future<PracticeSession> startReview(Account a) {
    return due(a, 50).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new Problem(409, "no_reviews", "现在没有需要复习的题目。"))
        : create(a, PracticeMode.REVIEW, "间隔复习 · " + ids.size() + " 题", ids, null));
  }

  /**
   * Today's daily practice (每日一练), made once per day: reviews that are due first, then
   * questions from the mistake book, then questions not yet seen.
   */
  public Future<PracticeSession> daily(Account a) {
    LocalDate today = LocalDate.now(zone);
    return store.dailySession(pool, a.id(), today).compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture(existing);
      }
      Future<List<UUID>> due = due(a, 4);
      Future<List<UUID>> mistakes = mistakes(a);
      Future<List<UUID>> pool = practisableOf(a, questions.objective(this.pool, units(a), null, null));
      Future<List<UUID>> seen = store.seen(this.pool, a.id());
      return Future.all(due, mistakes, pool, seen).compose(x -> {
        Set<UUID> chosen = new LinkedHashSet<>(due.result());
        for (UUID id : mistakes.result()) {
          if (chosen.size() >= 7) {
            break;
          }
          chosen.add(id);
        }
        List<UUID> fresh = new ArrayList<>(pool.result());
        fresh.removeAll(new java.util.HashSet<>(seen.result()));
        // The same day gives the same draw, whichever node or device asks first.
        Collections.shuffle(fresh, new Random(a.id().getMostSignificantBits() ^ today.toEpochDay()));
        List<UUID> fill = fresh.isEmpty() ? new ArrayList<>(pool.result()) : fresh;
        for (UUID id : fill) {
          if (chosen.size() >= DAILY_SIZE) {
            break;
          }
          chosen.add(id);
        }
        if (chosen.isEmpty()) {
          return Future.failedFuture(Problem.notFound());
        }
        return create(a, PracticeMode.DAILY, "每日一练 · " + today, new ArrayList<>(chosen), today)
            .recover(t -> store.dailySession(this.pool, a.id(), today)); // another device made it first
      });
    });
  }

  /** The questions listed, less those on the paper of a mock exam of the worker that is still open. */
  private Future<List<UUID>> practisableOf(Account a, Future<List<UUID>> listed) {
    Future<List<UUID>> locked = store.openExamQuestions(pool, a.id());
    return Future.all(listed, locked).map(x -> {
      Set<UUID> out = new java.util.HashSet<>(locked.result());
      return listed.result().stream().filter(id -> !out.contains(id)).toList();
    });
  }

  public Future<List<UUID>> due(Account a, int limit) {
    return store.due(pool, units(a), a.id(), Instant.now(), limit);
  }

  public Future<List<UUID>> mistakes(Account a) {
    return store.mistakes(pool, units(a), a.id());
  }

  public Future<List<UUID>> favourites(Account a) {
    return store.favourites(pool, units(a), a.id());
  }

  /** How many questions are in the worker's mistake book and favourites, and how many reviews are due: counted in SQL. */
  public Future<ListSizes> listSizes(Account a) {
    return store.counts(pool, units(a), a.id(), Instant.now())
        .map(c -> new ListSizes(c.mistakes(), c.favourites(), c.due()));
  }

  /** How many case analyses the worker may practise. */
  public Future<Long> caseCount(Account a) {
    return questions.countCases(pool, units(a));
  }

  private Future<PracticeSession> create(Account a, PracticeMode mode, String title, List<UUID> ids, LocalDate day) {
    PracticeSession s = new PracticeSession(UUID.randomUUID(), a.id(), mode, title, List.copyOf(ids), 0, day);
    return store.insertSession(pool, s).map(s);
  }

  /** The session, if it is this worker's. */
  public Future<PracticeSession> session(Account a, UUID id) {
    return store.session(pool, id).compose(s -> {
      if (s == null) {
        return Future.failedFuture(Problem.notFound());
      }
      return ExamPolicy.mayUsePracticeOf(a, s.accountId()) ? Future.succeededFuture(s)
          : Future.failedFuture(Problem.forbidden());
    });
  }

  public Future<StoredQuestion> question(UUID id) {
    return questions.byId(pool, id).compose(q -> q == null ? Future.failedFuture(Problem.notFound())
        : Future.succeededFuture(q));
  }

  /**
   * Succeeds if the worker may practise the question: 404 if their unit does not see it, 409 while
   * it is on the paper of a mock exam of theirs that is not submitted yet (practice shows the key).
   */
  public static Future<Void> practisable(Pool pool, QuestionStore questions, Account a, UUID questionId) {
    return questions.practiseFacts(pool, a.id(), questionId).compose(facts -> {
      ExamPolicy.Practice decision = facts == null ? ExamPolicy.Practice.NOT_VISIBLE
          : ExamPolicy.mayPractise(a, facts.categoryUnit(), facts.inOpenExam());
      return switch (decision) {
        case ALLOWED -> Future.succeededFuture();
        case NOT_VISIBLE -> Future.failedFuture(Problem.notFound());
        case NOT_A_LEARNER -> Future.failedFuture(Problem.forbidden());
        case IN_OPEN_EXAM -> Future.failedFuture(new Problem(409, "exam_open",
            "这道题在你正在进行的模拟考试中，交卷后才能练习。"));
      };
    });
  }

  public Future<PracticeSession> startTag(Account a, String tag) {
    Future<List<UUID>> tagged = store.withTag(pool, units(a), tag);
    return practisableOf(a, tagged).compose(ids -> {
      if (ids.isEmpty()) {
        return Future.failedFuture(Problem.notFound());
      }
      List<UUID> order = new ArrayList<>(ids);
      Collections.shuffle(order);
      return create(a, PracticeMode.RANDOM, "知识点 · " + tag, order.subList(0, Math.min(order.size(), RANDOM_SIZE)),
          null);
    });
  }


  public Future<List<ChapterMastery>> mastery(Account a) {
    return store.mastery(pool, units(a), a.id());
  }

  /** Knowledge points met so far, weakest first. */
  public Future<List<KnowledgePoint>> knowledgePoints(Account a) {
    return store.knowledgePoints(pool, a.id());
  }

  public Future<ExamGoal> goal(Account a) {
    return store.goal(pool, a.id());
  }

  /** Sets the exam a worker prepares for; reviews due after the exam date are pulled before it. */
  public Future<Void> setGoal(Account a, String levelName, LocalDate examDate) {
    ExamLevel level = ExamLevel.parse(levelName);
    if (level == null) {
      return Future.failedFuture(Problem.badRequest("请选择考试级别。"));
    }
    if (examDate != null && examDate.isBefore(LocalDate.now(zone))) {
      return Future.failedFuture(Problem.badRequest("考试日期不能早于今天。"));
    }
    return pool.withTransaction(tx -> store.setGoal(tx, a.id(), level, examDate)
        .compose(v -> examDate == null ? Future.succeededFuture() : store.cards(tx, a.id()).compose(cards -> {
          Map<UUID, Instant> pulls = new LinkedHashMap<>();
          for (PracticeStore.Card c : cards) {
            Instant pulled = FsrsScheduler.dueBeforeExam(c.due(), c.lastReview(), examDate, zone);
            if (!pulled.equals(c.due())) {
              pulls.put(c.questionId(), pulled);
            }
          }
          return store.pullDue(tx, a.id(), pulls);
        })).mapEmpty());
  }

  /** How many of a session's questions were answered, and how many right. */
  public Future<int[]> sessionScore(UUID sessionId) {
    return store.sessionScore(pool, sessionId);
  }

  // ---- answering ----

  /**
   * Checks and records the answer to the session's current question and moves on. Answering a
   * question that is no longer current (a second tab, a double click) is a 409, not a new answer.
   */
  public Future<Outcome> answer(Account a, UUID sessionId, UUID questionId, Response response) {
    if (response.isEmpty()) {
      return Future.failedFuture(new Problem(400, "no_answer", "请先选择答案再提交。"));
    }
    return session(a, sessionId).compose(s -> practisable(pool, questions, a, questionId).compose(v -> question(questionId))
        .compose(q -> pool.withTransaction(tx ->
        store.lockSession(tx, sessionId).compose(at -> {
          List<UUID> ids = at.questionIds();
          if (at.position() >= ids.size() || !ids.get(at.position()).equals(questionId)) {
            return Future.failedFuture(new Problem(409, "stale", "这道题已经作答过了，请刷新页面继续。"));
          }
          return record(tx, a.id(), q, response, sessionId, null, s.mode().name())
              .compose(outcome -> store.advance(tx, sessionId).map(outcome));
        }))));
  }

  /**
   * Records one answer (practice or mock exam) with its effects: the answer row, the mistake
   * book, the review schedule and a learning event. Runs in the caller's transaction.
   */
  public Future<Outcome> record(SqlConnection tx, UUID accountId, StoredQuestion q, Response response,
                                UUID sessionId, UUID mockExamId, String context) {
    boolean correct = AnswerChecker.isCorrect(q.question(), response);
    UUID answerId = UUID.randomUUID();
    Instant now = Instant.now();
    return store.insertAnswer(tx, answerId, accountId, q.id(), q.revision(), sessionId, mockExamId, response, correct)
        .compose(v -> Future.all(store.stateForUpdate(tx, accountId, q.id()), store.examDate(tx, accountId)))
        .compose(both -> {
          PracticeStore.State st = both.resultAt(0);
          LocalDate examDate = both.resultAt(1);
          QuestionProgress next = (st == null ? QuestionProgress.fresh() : st.progress()).after(correct);
          ReviewCard card = st == null || st.card() == null ? ReviewCard.newCard(now) : st.card();
          ReviewCard reviewed = scheduler.review(card, Rating.of(correct), now);
          Instant due = FsrsScheduler.dueBeforeExam(reviewed.due(), reviewed.lastReview(), examDate, zone);
          return store.upsertState(tx, accountId, q.id(), next, correct, reviewed, due).map(next);
        })
        .compose(next -> LearningEvents.append(tx, LearningEvent.of(accountId, VERB_ANSWERED, q.key(), "question")
                .withResult(correct ? 1.0 : 0.0, correct, null)
                .withContext(new JsonObject().put("mode", context).put("chapter", q.chapter()).put("paper", q.paper())))
            .map(new Outcome(answerId, q, response, correct, AnswerChecker.correctChoices(q.question()),
                next.inMistakeBook())));
  }

  /** A past answer of this worker, to show its feedback again. */
  public Future<Outcome> pastAnswer(Account a, UUID answerId) {
    return store.answer(pool, answerId, a.id()).compose(past -> {
      if (past == null) {
        return Future.failedFuture(Problem.notFound());
      }
      return practisable(pool, questions, a, past.questionId()).compose(v -> question(past.questionId()))
          .map(q -> new Outcome(answerId, q, past.response(), past.correct(),
              AnswerChecker.correctChoices(q.question()), false));
    });
  }

  public Future<Boolean> toggleFavourite(Account a, UUID questionId) {
    return questions.practiseFacts(pool, a.id(), questionId)
        .compose(f -> f != null && ExamPolicy.maySee(a, f.categoryUnit()) ? question(questionId)
            : Future.failedFuture(Problem.notFound()))
        .compose(q -> store.toggleFavourite(pool, a.id(), questionId));
  }

  public Future<Boolean> isFavourite(Account a, UUID questionId) {
    return store.isFavourite(pool, a.id(), questionId);
  }
}
