package org.qinglan.exam.practice;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM + " ORDER BY s.updated_at DESC";
  private static final String FAVOURITES = """
      SELECT s.question_id FROM question_state s JOIN question q ON q.id = s.question_id
      JOIN question_category c ON c.id = q.category_id
      WHERE s.account_id = $2 AND s.favourite AND q.retired_at IS NULL AND
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM + " ORDER BY s.updated_at DESC";
  private static final String DUE = """
      SELECT s.question_id FROM question_state s JOIN question q ON q.id = s.question_id
      JOIN question_category c ON c.id = q.category_id
      WHERE s.account_id = $2 AND s.due_at <= $3 AND q.retired_at IS NULL AND
      """ + QuestionStore.VISIBLE + NOT_IN_OPEN_EXAM + " ORDER BY s.due_at LIMIT $4";
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
  public record ExamGoal(String level, LocalDate examDate) {
  }

  private final Pool pool;
  private final QuestionStore questions;
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

  static String unitPath(Account a) {
    return a.orgUnit() == null ? "/" : a.orgUnit().path();
  }

  // ---- starting sessions ----

  public Future<PracticeSession> startChapter(Account a, String level, String paper, String chapter, boolean shuffled) {
    return practisableOf(a, questions.inChapter(pool, unitPath(a), level, paper, chapter)).compose(ids -> {
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
    return practisableOf(a, questions.objective(pool, unitPath(a), level, paper)).compose(ids -> {
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
    return listFrom(MISTAKES, a).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new Problem(409, "no_mistakes", "错题本是空的，继续保持！"))
        : create(a, PracticeMode.MISTAKES, "错题本 · " + ids.size() + " 题", ids, null));
  }

  public Future<PracticeSession> startFavourites(Account a) {
    return listFrom(FAVOURITES, a).compose(ids -> ids.isEmpty()
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
    return pool.preparedQuery(DAILY_SESSION).execute(Tuple.of(a.id(), today)).compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(mapSession(rows.iterator().next()));
      }
      Future<List<UUID>> due = due(a, 4);
      Future<List<UUID>> mistakes = listFrom(MISTAKES, a);
      Future<List<UUID>> pool = practisableOf(a, questions.objective(this.pool, unitPath(a), null, null));
      Future<List<UUID>> seen = this.pool.preparedQuery(SEEN).execute(Tuple.of(a.id())).map(PracticeService::ids);
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
            .recover(t -> this.pool.preparedQuery(DAILY_SESSION).execute(Tuple.of(a.id(), today))
                .map(r -> mapSession(r.iterator().next()))); // another device made it first
      });
    });
  }

  /** The questions listed, less those on the paper of a mock exam of the worker that is still open. */
  private Future<List<UUID>> practisableOf(Account a, Future<List<UUID>> listed) {
    Future<List<UUID>> locked = pool.preparedQuery(OPEN_EXAM_QUESTIONS).execute(Tuple.of(a.id())).map(PracticeService::ids);
    return Future.all(listed, locked).map(x -> {
      Set<UUID> out = new java.util.HashSet<>(locked.result());
      return listed.result().stream().filter(id -> !out.contains(id)).toList();
    });
  }

  public Future<List<UUID>> due(Account a, int limit) {
    return pool.preparedQuery(DUE).execute(Tuple.of(unitPath(a), a.id(), Instant.now().atOffset(ZoneOffset.UTC), limit))
        .map(PracticeService::ids);
  }

  public Future<List<UUID>> mistakes(Account a) {
    return listFrom(MISTAKES, a);
  }

  public Future<List<UUID>> favourites(Account a) {
    return listFrom(FAVOURITES, a);
  }

  private Future<List<UUID>> listFrom(String sql, Account a) {
    return pool.preparedQuery(sql).execute(Tuple.of(unitPath(a), a.id())).map(PracticeService::ids);
  }

  private Future<PracticeSession> create(Account a, PracticeMode mode, String title, List<UUID> ids, LocalDate day) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(INSERT_SESSION)
        .execute(Tuple.of(id, a.id(), mode.name(), title, ids.toArray(UUID[]::new), day))
        .map(new PracticeSession(id, a.id(), mode, title, List.copyOf(ids), 0, day));
  }

  /** The session, if it is this worker's. */
  public Future<PracticeSession> session(Account a, UUID id) {
    return pool.preparedQuery(SESSION).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      PracticeSession s = mapSession(rows.iterator().next());
      return s.accountId().equals(a.id()) ? Future.succeededFuture(s) : Future.failedFuture(Problem.forbidden());
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
    return questions.practisable(pool, unitPath(a), a.id(), questionId).compose(p -> {
      if (!p.visible()) {
        return Future.failedFuture(Problem.notFound());
      }
      if (p.inOpenExam()) {
        return Future.failedFuture(new Problem(409, "exam_open", "这道题在你正在进行的模拟考试中，交卷后才能练习。"));
      }
      return Future.succeededFuture();
    });
  }

  public Future<PracticeSession> startTag(Account a, String tag) {
    Future<List<UUID>> tagged = pool.preparedQuery(WITH_TAG).execute(Tuple.of(unitPath(a), tag))
        .map(PracticeService::ids);
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
    return pool.preparedQuery(MASTERY).execute(Tuple.of(unitPath(a), a.id())).map(rows -> {
      List<ChapterMastery> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new ChapterMastery(r.getString("level"), r.getString("paper"), r.getString("chapter"),
            r.getString("chapter_name"), r.getLong("total"), r.getLong("attempted"), r.getLong("mastered")));
      }
      return out;
    });
  }

  /** Knowledge points met so far, weakest first. */
  public Future<List<KnowledgePoint>> knowledgePoints(Account a) {
    return pool.preparedQuery(KNOWLEDGE_POINTS).execute(Tuple.of(a.id())).map(rows -> {
      List<KnowledgePoint> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new KnowledgePoint(r.getString("tag"), r.getLong("attempted"), r.getLong("mastered")));
      }
      return out;
    });
  }

  public Future<ExamGoal> goal(Account a) {
    return pool.preparedQuery(GOAL).execute(Tuple.of(a.id())).map(rows -> rows.size() == 0 ? null
        : new ExamGoal(rows.iterator().next().getString("level"), rows.iterator().next().getLocalDate("exam_date")));
  }

  /** Sets the exam a worker prepares for; reviews due after the exam date are pulled before it. */
  public Future<Void> setGoal(Account a, String level, LocalDate examDate) {
    if (!List.of("ASSISTANT", "INTERMEDIATE", "SENIOR").contains(level)) {
      return Future.failedFuture(Problem.badRequest("请选择考试级别。"));
    }
    if (examDate != null && examDate.isBefore(LocalDate.now(zone))) {
      return Future.failedFuture(Problem.badRequest("考试日期不能早于今天。"));
    }
    return pool.withTransaction(tx -> tx.preparedQuery(SET_GOAL).execute(Tuple.of(a.id(), level, examDate))
        .compose(v -> examDate == null ? Future.succeededFuture() : tx.preparedQuery(CARDS).execute(Tuple.of(a.id()))
            .compose(rows -> {
              List<Tuple> pulls = new ArrayList<>();
              for (Row r : rows) {
                Instant due = r.getOffsetDateTime("due_at").toInstant();
                Instant pulled = FsrsScheduler.dueBeforeExam(due, r.getOffsetDateTime("last_review_at").toInstant(),
                    examDate, zone);
                if (!pulled.equals(due)) {
                  pulls.add(Tuple.of(a.id(), r.getUUID("question_id"), pulled.atOffset(ZoneOffset.UTC)));
                }
              }
              return pulls.isEmpty() ? Future.succeededFuture()
                  : tx.preparedQuery(PULL_DUE).executeBatch(pulls).mapEmpty();
            })).mapEmpty());
  }

  /** How many of a session's questions were answered, and how many right. */
  public Future<int[]> sessionScore(UUID sessionId) {
    return pool.preparedQuery(SESSION_SCORE).execute(Tuple.of(sessionId)).map(rows -> {
      Row r = rows.iterator().next();
      return new int[] {r.getLong("answered").intValue(), r.getLong("correct").intValue()};
    });
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
        tx.preparedQuery(LOCK_SESSION).execute(Tuple.of(sessionId)).compose(rows -> {
          Row r = rows.iterator().next();
          int position = r.getInteger("position");
          UUID[] ids = (UUID[]) r.getArrayOfUUIDs("question_ids");
          if (position >= ids.length || !ids[position].equals(questionId)) {
            return Future.failedFuture(new Problem(409, "stale", "这道题已经作答过了，请刷新页面继续。"));
          }
          return record(tx, a.id(), q, response, sessionId, null, s.mode().name())
              .compose(outcome -> tx.preparedQuery(ADVANCE).execute(Tuple.of(sessionId)).map(outcome));
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
    return tx.preparedQuery(INSERT_ANSWER)
        .execute(Tuple.of(answerId, accountId, q.id(), q.revision(), sessionId, mockExamId, response.toJson(), correct))
        .compose(v -> Future.all(tx.preparedQuery(STATE_FOR_UPDATE).execute(Tuple.of(accountId, q.id())),
            tx.preparedQuery(EXAM_DATE).execute(Tuple.of(accountId))))
        .compose(both -> {
          io.vertx.sqlclient.RowSet<Row> stateRows = both.resultAt(0);
          io.vertx.sqlclient.RowSet<Row> goalRows = both.resultAt(1);
          Row st = stateRows.size() == 0 ? null : stateRows.iterator().next();
          QuestionProgress progress = st == null ? QuestionProgress.fresh()
              : new QuestionProgress(st.getInteger("attempts"), st.getInteger("correct_count"),
                  st.getInteger("consecutive_right"), st.getBoolean("in_mistake_book"));
          QuestionProgress next = progress.after(correct);
          ReviewCard card = st == null || st.getString("fsrs_state") == null ? ReviewCard.newCard(now) : card(st);
          ReviewCard reviewed = scheduler.review(card, Rating.of(correct), now);
          LocalDate examDate = goalRows.size() == 0 ? null : goalRows.iterator().next().getLocalDate("exam_date");
          Instant due = FsrsScheduler.dueBeforeExam(reviewed.due(), reviewed.lastReview(), examDate, zone);
          Tuple t = Tuple.tuple().addUUID(accountId).addUUID(q.id()).addInteger(next.attempts())
              .addInteger(next.correctCount()).addBoolean(correct).addInteger(next.consecutiveRight())
              .addBoolean(next.inMistakeBook()).addString(reviewed.state().name()).addInteger(reviewed.step())
              .addDouble(reviewed.stability()).addDouble(reviewed.difficulty())
              .addOffsetDateTime(due.atOffset(ZoneOffset.UTC))
              .addOffsetDateTime(reviewed.lastReview().atOffset(ZoneOffset.UTC));
          return tx.preparedQuery(UPSERT_STATE).execute(t).map(next);
        })
        .compose(next -> LearningEvents.append(tx, LearningEvent.of(accountId, VERB_ANSWERED, q.key(), "question")
                .withResult(correct ? 1.0 : 0.0, correct, null)
                .withContext(new JsonObject().put("mode", context).put("chapter", q.chapter()).put("paper", q.paper())))
            .map(new Outcome(answerId, q, response, correct, AnswerChecker.correctChoices(q.question()),
                next.inMistakeBook())));
  }

  /** A past answer of this worker, to show its feedback again. */
  public Future<Outcome> pastAnswer(Account a, UUID answerId) {
    return pool.preparedQuery(ANSWER_BY_ID).execute(Tuple.of(answerId, a.id())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Row r = rows.iterator().next();
      return practisable(pool, questions, a, r.getUUID("question_id")).compose(v -> question(r.getUUID("question_id")))
          .map(q -> new Outcome(answerId, q,
          Response.fromJson(r.getJsonObject("response")), r.getBoolean("correct"),
          AnswerChecker.correctChoices(q.question()), false));
    });
  }

  public Future<Boolean> toggleFavourite(Account a, UUID questionId) {
    return questions.practisable(pool, unitPath(a), a.id(), questionId)
        .compose(p -> p.visible() ? question(questionId) : Future.failedFuture(Problem.notFound()))
        .compose(q -> pool.preparedQuery(TOGGLE_FAVOURITE).execute(Tuple.of(a.id(), questionId)))
        .map(rows -> rows.iterator().next().getBoolean("favourite"));
  }

  public Future<Boolean> isFavourite(Account a, UUID questionId) {
    return pool.preparedQuery(FAVOURITE_OF).execute(Tuple.of(a.id(), questionId))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("favourite"));
  }

  private static ReviewCard card(Row st) {
    ReviewCard.State state = ReviewCard.State.valueOf(st.getString("fsrs_state"));
    Integer step = state == ReviewCard.State.REVIEW ? null : st.getInteger("fsrs_step");
    return new ReviewCard(state, step, st.getDouble("stability"), st.getDouble("difficulty"),
        st.getOffsetDateTime("due_at").toInstant(),
        st.getOffsetDateTime("last_review_at") == null ? null : st.getOffsetDateTime("last_review_at").toInstant());
  }

  static PracticeSession mapSession(Row r) {
    UUID[] ids = (UUID[]) r.getArrayOfUUIDs("question_ids");
    return new PracticeSession(r.getUUID("id"), r.getUUID("account_id"), PracticeMode.valueOf(r.getString("mode")),
        r.getString("title"), List.of(ids), r.getInteger("position"), r.getLocalDate("day"));
  }

  private static List<UUID> ids(io.vertx.sqlclient.RowSet<Row> rows) {
    List<UUID> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getUUID(0)));
    return out;
  }

}
