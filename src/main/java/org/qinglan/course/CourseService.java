package org.qinglan.course;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.UUID;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.exam.ResponseJson;
import org.qinglan.exam.practice.AnswerChecker;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Qualification;
import org.qinglan.people.Role;
import org.qinglan.people.WorkerService;
import org.qinglan.people.WorkerView;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;

/**
 * Courses for workers: the catalogue with eligibility, enrolment, lesson-by-lesson progress,
 * module quizzes and the final assessment (retakes allowed, best score kept), completion with
 * credit hours, and certificates that anyone can verify by code.
 */
public final class CourseService {
  public static final String VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
  public static final String VERB_EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced";
  public static final String FINAL = "final";

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
  private static final String ENROLMENT = "SELECT id, course_id, enrolled_at, completed_at, final_score FROM enrolment WHERE account_id = $1 AND course_id = $2";
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
  /** Share of a video that must have been watched before it counts as studied. */
  static final double VIDEO_SHARE_REQUIRED = 0.9;
  /** Longest report accepted at once; the page reports every 15 seconds. */
  static final int MAX_WATCH_REPORT_SECONDS = 60;
  private static final String QUIZ_SCORE = """
      INSERT INTO lesson_progress (enrolment_id, lesson_id, best_score, completed_at)
      VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
      ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET
        best_score = greatest(coalesce(lesson_progress.best_score, 0), excluded.best_score),
        completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at)
      """;
  private static final String INSERT_ATTEMPT = "INSERT INTO quiz_attempt (id, enrolment_id, lesson_id, questions) VALUES ($1, $2, $3, $4)";
  private static final String ATTEMPT = """
      SELECT a.id, a.enrolment_id, a.lesson_id, a.questions, a.answers, a.score, a.passed, a.started_at, a.submitted_at,
             e.account_id, e.course_id
      FROM quiz_attempt a JOIN enrolment e ON e.id = a.enrolment_id WHERE a.id = $1
      """;
  private static final String FINISH_ATTEMPT = "UPDATE quiz_attempt SET answers = $2, score = $3, passed = $4, submitted_at = now() WHERE id = $1 AND submitted_at IS NULL";
  private static final String COMPLETE_COURSE = """
      UPDATE enrolment SET completed_at = now(), final_score = $2 WHERE id = $1 AND completed_at IS NULL
      """;
  private static final String BEST_FINAL = "UPDATE enrolment SET final_score = greatest(coalesce(final_score, 0), $2) WHERE id = $1";
  private static final String INSERT_CERTIFICATE = """
      INSERT INTO certificate (code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (account_id, course_id) DO NOTHING
      """;
  private static final String CERTIFICATE = """
      SELECT code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit, issued_at
      FROM certificate WHERE code = $1
      """;
  private static final String MY_CERTIFICATES = """
      SELECT code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit, issued_at
      FROM certificate WHERE account_id = $1 ORDER BY issued_at DESC
      """;
  private static final String ISSUER = """
      SELECT u.name FROM org_unit u WHERE $1::text LIKE u.path || '%' AND u.level = 'CITY' LIMIT 1
      """;

  private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Courses assigned to a worker (to them, or to an org unit they belong to, then possibly only to
   * the course's audience); the earliest due date of a course counts.
   */
  private static final String ASSIGNED = """
      SELECT a.course_id, c.title, c.audience, a.audience_only, min(a.due_date) AS due_date
      FROM course_assignment a JOIN course c ON c.id = a.course_id LEFT JOIN org_unit u ON u.id = a.org_unit_id
      WHERE c.retired_at IS NULL AND (a.account_id = $1 OR ($2::text IS NOT NULL AND starts_with($2, u.path)))
      GROUP BY a.course_id, c.title, c.audience, a.audience_only
      """;

  /** A course assigned to the worker, its due date, and whether it is done or overdue. */
  public record Assigned(String courseId, String title, LocalDate due, boolean completed, boolean overdue) {
  }

  /** A course as offered: its definition (lessons loaded on demand), eligibility, enrolment and assignment. */
  public record Offer(CourseDefinition course, List<String> reasons, Enrolment enrolment, Assigned assignment) {
    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

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

  /** A lesson with the worker's progress on it. */
  public record LessonState(CourseDefinition.Lesson lesson, String moduleId, String moduleTitle, boolean done,
                            Double bestScore) {
  }

  /** A course page: definition, lessons with progress, and what the worker may do next. */
  public record CourseView(CourseDefinition course, List<String> reasons, Enrolment enrolment,
                           List<LessonState> lessons, boolean finalOpen, Certificate certificate, Assigned assignment) {
    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

  /** A drawn quiz or final assessment. */
  public record Attempt(UUID id, UUID enrolmentId, String lessonId, String courseId, UUID accountId,
                        List<UUID> questionIds, JsonObject answers, Double score, Boolean passed, Instant submittedAt) {
    public boolean submitted() {
      return submittedAt != null;
    }
  }

  /** An issued certificate. */
  public record Certificate(String code, UUID accountId, String courseId, String kind, String holderName,
                            String courseTitle, double creditHours, String issuingUnit, Instant issuedAt) {
    public boolean postEntry() {
      return "POST_ENTRY".equals(kind);
    }
  }

  private final Pool pool;
  private final CourseStore store = new CourseStore();
  private final QuestionCatalog questions;
  private final WorkerService workers;
  private final ZoneId zone;

  public CourseService(Pool pool, QuestionCatalog questions, WorkerService workers, ZoneId zone) {
    this.pool = pool;
    this.questions = questions;
    this.workers = workers;
    this.zone = zone;
  }

  // ---- reading courses ----

  /**
   * The courses a person may see: every shipped course, and the published courses written in the
   * editor for an org unit they belong to. Trainers, organisers and admins also see those of the
   * units in their scope (to assign them).
   */
  public Future<List<CourseDefinition>> courses(Account viewer) {
    boolean staff = viewer.has(Role.TRAINER) || viewer.has(Role.ORGANISER) || viewer.has(Role.ADMIN);
    String path = viewer.has(Role.ADMIN) ? "/" : viewer.orgUnit() == null ? null : viewer.orgUnit().path();
    return store.visible(pool, path, staff);
  }

  /** The courses the workers of an org unit may see. */
  public Future<List<CourseDefinition>> coursesIn(OrgUnit unit) {
    return store.visible(pool, unit.path(), false);
  }

  /** A course the viewer may see, with its lessons; 404 otherwise. */
  public Future<CourseDefinition> course(Account viewer, String id) {
    return courses(viewer).compose(all -> {
      CourseDefinition c = all.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      if (c == null) {
        return Future.failedFuture(Problem.notFound());
      }
      return store.withLessons(pool, c);
    });
  }

  /** The catalogue: every course with the worker's eligibility (and reasons) and enrolment. */
  public Future<List<Offer>> catalogue(Account a) {
    return Future.all(courses(a), enrolments(a), learner(a), assigned(a)).map(all -> {
      List<CourseDefinition> list = StudyOrder.of(all.resultAt(0));
      Map<String, Enrolment> enrolled = all.resultAt(1);
      Eligibility.Learner learner = all.resultAt(2);
      Map<String, Assigned> assigned = new HashMap<>();
      all.<List<Assigned>>resultAt(3).forEach(x -> assigned.put(x.courseId(), x));
      Map<String, String> titles = titles(list);
      List<Offer> out = new ArrayList<>();
      for (CourseDefinition c : list) {
        out.add(new Offer(c, Eligibility.reasons(c, learner, titles), enrolled.get(c.id()), assigned.get(c.id())));
      }
      return out;
    });
  }

  /** A learner's home page: assigned courses still to do (earliest due first) and courses in progress. */
  public Future<Map<String, Object>> homeFacts(Account a) {
    if (!a.hasAny(Set.of(Role.WORKER, Role.MENTOR))) {
      return Future.succeededFuture(Map.of());
    }
    return catalogue(a).map(offers -> Map.of(
        "assignedToDo", offers.stream().filter(o -> o.assignment() != null && !o.assignment().completed())
            .sorted(java.util.Comparator.comparing(o -> o.assignment().due())).toList(),
        "studying", offers.stream().filter(o -> o.enrolment() != null && !o.enrolment().completed()).toList()));
  }

  /** The courses assigned to this worker, earliest due date first. */
  public Future<List<Assigned>> assigned(Account a) {
    String path = a.orgUnit() == null ? null : a.orgUnit().path();
    return Future.all(pool.preparedQuery(ASSIGNED).execute(Tuple.of(a.id(), path)), learner(a)).map(all -> {
      io.vertx.sqlclient.RowSet<Row> rows = all.resultAt(0);
      Eligibility.Learner learner = all.resultAt(1);
      LocalDate today = LocalDate.now(zone);
      Map<String, Assigned> byCourse = new LinkedHashMap<>();
      for (Row r : rows) {
        if (r.getBoolean("audience_only") && !Eligibility.admits(CourseJson.audience(r.getJsonObject("audience")),
            learner)) {
          continue;
        }
        String id = r.getString("course_id");
        LocalDate due = r.getLocalDate("due_date");
        boolean completed = learner.completedCourses().contains(id);
        Assigned before = byCourse.get(id);
        if (before == null || due.isBefore(before.due())) {
          byCourse.put(id, new Assigned(id, r.getString("title"), due, completed,
              ComplianceRules.overdue(due, completed, today)));
        }
      }
      List<Assigned> out = new ArrayList<>(byCourse.values());
      out.sort(java.util.Comparator.comparing(Assigned::due).thenComparing(Assigned::title));
      return out;
    });
  }

  public Future<Map<String, Enrolment>> enrolments(Account a) {
    return pool.preparedQuery(ENROLMENTS).execute(Tuple.of(a.id())).map(rows -> {
      Map<String, Enrolment> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.put(r.getString("course_id"), new Enrolment(r.getUUID("id"), r.getString("course_id"),
            r.getOffsetDateTime("enrolled_at").toInstant(),
            r.getOffsetDateTime("completed_at") == null ? null : r.getOffsetDateTime("completed_at").toInstant(),
            r.getDouble("final_score"), r.getLong("done"), r.getLong("total")));
      }
      return out;
    });
  }

  Future<Eligibility.Learner> learner(Account a) {
    return Future.all(workers.own(a), enrolments(a)).map(all -> {
      WorkerView w = all.resultAt(0);
      Map<String, Enrolment> e = all.resultAt(1);
      Set<String> done = new HashSet<>();
      e.values().stream().filter(Enrolment::completed).forEach(x -> done.add(x.courseId()));
      if (w == null) {
        return new Eligibility.Learner(null, null, null, false, done);
      }
      return new Eligibility.Learner(w.postCategory(), w.grade(), w.qualification(), w.secretaryOrDirector(), done);
    });
  }

  public Future<CourseView> view(Account a, String courseId) {
    return Future.all(course(a, courseId), catalogue(a), myCertificates(a)).compose(all -> {
      CourseDefinition c = all.resultAt(0);
      List<Offer> offers = all.resultAt(1);
      List<Certificate> certs = all.resultAt(2);
      Offer offer = offers.stream().filter(o -> o.course().id().equals(courseId)).findFirst().orElseThrow();
      Certificate cert = certs.stream().filter(x -> x.courseId().equals(courseId)).findFirst().orElse(null);
      Future<Map<String, Row>> progress = offer.enrolment() == null ? Future.succeededFuture(Map.of())
          : progress(offer.enrolment().id());
      return progress.map(p -> {
        List<LessonState> lessons = new ArrayList<>();
        boolean allDone = true;
        for (CourseDefinition.Module m : c.modules()) {
          for (CourseDefinition.Lesson l : m.lessons()) {
            Row r = p.get(l.id());
            boolean done = r != null && r.getOffsetDateTime("completed_at") != null;
            allDone &= done;
            lessons.add(new LessonState(l, m.id(), m.title(), done, r == null ? null : r.getDouble("best_score")));
          }
        }
        boolean finalOpen = offer.enrolment() != null && allDone && !lessons.isEmpty();
        return new CourseView(c, offer.reasons(), offer.enrolment(), lessons, finalOpen, cert, offer.assignment());
      });
    });
  }

  private Future<Map<String, Row>> progress(UUID enrolmentId) {
    return pool.preparedQuery(PROGRESS).execute(Tuple.of(enrolmentId)).map(rows -> {
      Map<String, Row> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString("lesson_id"), r));
      return out;
    });
  }

  // ---- enrolling and studying ----

  public Future<Enrolment> enrol(Account a, String courseId) {
    return view(a, courseId).compose(v -> {
      if (v.enrolment() != null) {
        return Future.succeededFuture(v.enrolment());
      }
      if (!v.eligible()) {
        return Future.failedFuture(new Problem(403, "not_eligible", "暂不能报名这门课程：" + String.join("；", v.reasons())));
      }
      return pool.preparedQuery(ENROL).execute(Tuple.of(UUID.randomUUID(), a.id(), courseId))
          .compose(x -> enrolments(a)).map(m -> m.get(courseId));
    });
  }

  /** The enrolment of this worker in the course; 409 when not enrolled. */
  Future<Enrolment> enrolment(Account a, String courseId) {
    return enrolments(a).compose(m -> m.containsKey(courseId) ? Future.succeededFuture(m.get(courseId))
        : Future.failedFuture(new Problem(409, "not_enrolled", "请先报名这门课程。")));
  }

  /** Marks a reading, case or video lesson as studied. */
  public Future<Void> completeLesson(Account a, String courseId, String lessonId) {
    return Future.all(enrolment(a, courseId), course(a, courseId)).compose(all -> {
      Enrolment e = all.resultAt(0);
      CourseDefinition c = all.resultAt(1);
      CourseDefinition.Lesson l = lesson(c, lessonId);
      if (l.kind() == LessonKind.QUIZ) {
        return Future.failedFuture(Problem.badRequest("测验要通过答题完成。"));
      }
      Future<Void> watchedEnough = l.kind() != LessonKind.VIDEO ? Future.succeededFuture()
          : pool.preparedQuery(WATCHED).execute(Tuple.of(e.id(), lessonId)).compose(rows -> {
            int seconds = rows.size() == 0 ? 0 : rows.iterator().next().getInteger("seconds_watched");
            return seconds >= VIDEO_SHARE_REQUIRED * l.minutes() * 60 ? Future.succeededFuture()
                : Future.failedFuture(new Problem(409, "not_watched", "请先观看视频（已观看 " + seconds / 60 + " 分钟，需约 "
                    + Math.round(VIDEO_SHARE_REQUIRED * l.minutes()) + " 分钟）。"));
          });
      return watchedEnough.compose(ok -> pool.withTransaction(tx -> tx.preparedQuery(COMPLETE_LESSON).execute(Tuple.of(e.id(), lessonId))
          .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), VERB_EXPERIENCED,
              courseId + "/" + lessonId, "lesson").withContext(new JsonObject().put("course", courseId)
              .put("kind", l.kind().name())))))).mapEmpty();
    });
  }

  /** The total seconds watched of a video lesson, and how many of a report's seconds were counted. */
  public record Watched(int total, int counted) {
  }

  /** Starts the watch clock of a video lesson: the worker has just opened it. */
  public Future<Void> startWatchClock(Enrolment e, String lessonId) {
    return pool.preparedQuery(START_WATCH_CLOCK).execute(Tuple.of(e.id(), lessonId)).mapEmpty();
  }

  /**
   * Adds watched time to a video lesson: each report at most a minute, and never more than the
   * time that passed since the lesson was opened or the last counted report (so repeated claims
   * count nothing); the total at most twice the video.
   */
  public Future<Watched> watch(Account a, String courseId, String lessonId, int seconds) {
    if (seconds <= 0 || seconds > MAX_WATCH_REPORT_SECONDS) {
      return Future.failedFuture(Problem.badRequest("seconds 应在 1 到 " + MAX_WATCH_REPORT_SECONDS + " 之间。"));
    }
    return Future.all(enrolment(a, courseId), course(a, courseId)).compose(all -> {
      Enrolment e = all.resultAt(0);
      CourseDefinition.Lesson l = lesson(all.resultAt(1), lessonId);
      if (l.kind() != LessonKind.VIDEO) {
        return Future.failedFuture(Problem.badRequest("这个课时不是视频。"));
      }
      return pool.preparedQuery(WATCH).execute(Tuple.of(e.id(), lessonId, seconds, Math.max(60, l.minutes() * 120)))
          .map(rows -> {
            Row r = rows.iterator().next();
            return new Watched(r.getInteger("seconds_watched"), r.getInteger("seconds_counted"));
          });
    });
  }

  public static CourseDefinition.Lesson lesson(CourseDefinition c, String lessonId) {
    for (CourseDefinition.Module m : c.modules()) {
      for (CourseDefinition.Lesson l : m.lessons()) {
        if (l.id().equals(lessonId)) {
          return l;
        }
      }
    }
    throw Problem.notFound();
  }

  // ---- quizzes and the final assessment ----

  /** Draws a new attempt of a module quiz, or of the final assessment ({@link #FINAL}) once every lesson is done. */
  public Future<Attempt> startQuiz(Account a, String courseId, String lessonId) {
    return view(a, courseId).compose(v -> {
      if (v.enrolment() == null) {
        return Future.failedFuture(new Problem(409, "not_enrolled", "请先报名这门课程。"));
      }
      QuizSpec spec;
      if (FINAL.equals(lessonId)) {
        if (!v.finalOpen()) {
          return Future.failedFuture(new Problem(409, "not_ready", "学完全部课时并通过各单元测验后，才能参加结业考核。"));
        }
        spec = v.course().finalAssessment();
      } else {
        CourseDefinition.Lesson l = lesson(v.course(), lessonId);
        if (l.kind() != LessonKind.QUIZ) {
          return Future.failedFuture(Problem.badRequest("这个课时不是测验。"));
        }
        spec = l.quiz();
      }
      return questions.forQuiz(spec.categories(), spec.tags()).compose(ids -> {
        if (ids.size() < spec.count()) {
          return Future.failedFuture(new Problem(409, "bank_too_small", "题库中的题目不足，暂时无法出题。"));
        }
        List<UUID> pick = new ArrayList<>(ids);
        Collections.shuffle(pick);
        List<UUID> drawn = pick.subList(0, spec.count());
        UUID id = UUID.randomUUID();
        JsonObject q = new JsonObject().put("ids", new JsonArray(drawn.stream().map(UUID::toString).toList()))
            .put("passMark", FINAL.equals(lessonId) ? v.course().passMark() : spec.passMark());
        return pool.preparedQuery(INSERT_ATTEMPT).execute(Tuple.of(id, v.enrolment().id(), lessonId, q))
            .map(new Attempt(id, v.enrolment().id(), lessonId, courseId, a.id(), List.copyOf(drawn), null, null, null,
                null));
      });
    });
  }

  public Future<Attempt> attempt(Account a, UUID attemptId) {
    return pool.preparedQuery(ATTEMPT).execute(Tuple.of(attemptId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Attempt at = attempt(rows.iterator().next());
      return at.accountId().equals(a.id()) ? Future.succeededFuture(at) : Future.failedFuture(Problem.forbidden());
    });
  }

  public Future<Map<UUID, StoredQuestion>> questionsOf(Attempt at) {
    return questions.byIds(at.questionIds());
  }

  /**
   * Marks an attempt (each question right or wrong), keeps the best score, and on a passed
   * final assessment completes the course: credit hours as a learning event and a certificate.
   */
  public Future<Attempt> submit(Account a, UUID attemptId, Map<UUID, Response> answers) {
    return attempt(a, attemptId).compose(at -> {
      if (at.submitted()) {
        return Future.succeededFuture(at);
      }
      return Future.all(questionsOf(at), course(a, at.courseId()), pool.preparedQuery(ATTEMPT).execute(Tuple.of(attemptId)))
          .compose(all -> {
            Map<UUID, StoredQuestion> qs = all.resultAt(0);
            CourseDefinition c = all.resultAt(1);
            int passMark = ((io.vertx.sqlclient.RowSet<Row>) all.resultAt(2)).iterator().next()
                .getJsonObject("questions").getInteger("passMark", 60);
            int right = 0;
            JsonObject stored = new JsonObject();
            for (UUID id : at.questionIds()) {
              Response r = answers.getOrDefault(id, Response.choices(Set.of()));
              StoredQuestion q = qs.get(id);
              boolean correct = q != null && AnswerChecker.isCorrect(q.question(), r);
              right += correct ? 1 : 0;
              stored.put(id.toString(), ResponseJson.toJson(r).put("correct", correct));
            }
            double score = Math.round(1000.0 * right / at.questionIds().size()) / 10.0;
            boolean passed = score >= passMark;
            return pool.withTransaction(tx -> tx.preparedQuery(FINISH_ATTEMPT)
                .execute(Tuple.of(attemptId, stored, score, passed))
                .compose(v -> FINAL.equals(at.lessonId())
                    ? tx.preparedQuery(BEST_FINAL).execute(Tuple.of(at.enrolmentId(), score)).mapEmpty()
                    : tx.preparedQuery(QUIZ_SCORE).execute(Tuple.of(at.enrolmentId(), at.lessonId(), score, passed))
                        .mapEmpty())
                .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(),
                        "http://adlnet.gov/expapi/verbs/scored", c.id() + "/" + at.lessonId(), "assessment")
                    .withResult(score / 100, passed, null).withContext(new JsonObject().put("course", c.id()))))
                .compose(v -> passed && FINAL.equals(at.lessonId()) ? complete(tx, a, c, at.enrolmentId(), score)
                    : Future.succeededFuture()))
                .compose(v -> attempt(a, attemptId));
          });
    });
  }

  private Future<Void> complete(SqlConnection tx, Account a, CourseDefinition c, UUID enrolmentId, double score) {
    return tx.preparedQuery(COMPLETE_COURSE).execute(Tuple.of(enrolmentId, score)).compose(updated -> {
      if (updated.rowCount() == 0) {
        return Future.succeededFuture(); // completed before: hours and certificate were given then
      }
      String unitPath = a.orgUnit() == null ? "/" : a.orgUnit().path();
      return tx.preparedQuery(ISSUER).execute(Tuple.of(unitPath)).compose(rows -> {
        String issuer = rows.size() == 0 ? "青蓝社区工作者培训平台"
            : rows.iterator().next().getString("name") + "社区工作者培训";
        String code = newCode();
        return tx.preparedQuery(INSERT_CERTIFICATE).execute(Tuple.tuple().addString(code).addUUID(a.id())
                .addString(c.id()).addString(c.postEntryCertificate() ? "POST_ENTRY" : "COMPLETION")
                .addString(a.displayName()).addString(c.title()).addDouble(c.creditHours()).addString(issuer))
            .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), VERB_COMPLETED, c.id(), "course")
                .withResult(score / 100, true, null)
                .withContext(new JsonObject().put("creditHours", c.creditHours()).put("tier", c.tier().name())
                    .put("certificate", code))));
      });
    });
  }

  // ---- certificates ----

  public Future<List<Certificate>> myCertificates(Account a) {
    return pool.preparedQuery(MY_CERTIFICATES).execute(Tuple.of(a.id())).map(rows -> {
      List<Certificate> out = new ArrayList<>();
      rows.forEach(r -> out.add(certificate(r)));
      return out;
    });
  }

  /** A certificate by its code, or null when the code is unknown. */
  public Future<Certificate> certificate(String code) {
    String normalised = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
    if (!normalised.matches("[A-Z0-9-]{4,20}")) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(CERTIFICATE).execute(Tuple.of(normalised))
        .map(rows -> rows.size() == 0 ? null : certificate(rows.iterator().next()));
  }

  /** Shows a name on the public verification page: 林小雨 → 林*雨, 周敏 → 周*. */
  public static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    int[] cps = name.codePoints().toArray();
    if (cps.length == 1) {
      return name;
    }
    if (cps.length == 2) {
      return new String(cps, 0, 1) + "*";
    }
    return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
  }

  static String newCode() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
    }
    return sb.toString();
  }

  // ---- my training ----

  /**
   * Hours this calendar year and, for certified workers, in the current 3-year continuing-education
   * cycle, from {@code cycleStart} to {@code cycleEnd}, both inclusive.
   */
  public record TrainingSummary(double hoursThisYear, Qualification qualification, LocalDate cycleStart,
                                LocalDate cycleEnd, double cycleHours, int cycleRequired) {
  }

  public Future<TrainingSummary> summary(Account a) {
    return Future.all(workers.own(a), completedHours(a)).map(all -> {
      WorkerView w = all.resultAt(0);
      List<double[]> done = all.resultAt(1); // [epochDay, hours]
      LocalDate today = LocalDate.now(zone);
      double year = done.stream().filter(d -> LocalDate.ofEpochDay((long) d[0]).getYear() == today.getYear())
          .mapToDouble(d -> d[1]).sum();
      if (w == null || w.qualification() == Qualification.NONE || w.certificateDate() == null) {
        return new TrainingSummary(year, w == null ? null : w.qualification(), null, null, 0, 0);
      }
      ContinuingEducation.Cycle cycle = ContinuingEducation.cycle(w.certificateDate(), today);
      double inCycle = done.stream().filter(d -> cycle.contains(LocalDate.ofEpochDay((long) d[0])))
          .mapToDouble(d -> d[1]).sum();
      return new TrainingSummary(year, w.qualification(), cycle.start(), cycle.lastDay(), inCycle,
          ContinuingEducation.requiredHours(w.qualification()));
    });
  }

  private Future<List<double[]>> completedHours(Account a) {
    return pool.preparedQuery("""
        SELECT e.completed_at, c.credit_hours FROM enrolment e JOIN course c ON c.id = e.course_id
        WHERE e.account_id = $1 AND e.completed_at IS NOT NULL
        """).execute(Tuple.of(a.id())).map(rows -> {
          List<double[]> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new double[] {r.getOffsetDateTime("completed_at").atZoneSameInstant(zone).toLocalDate().toEpochDay(),
                r.getDouble("credit_hours")});
          }
          return out;
        });
  }

  // ---- mapping ----

  private static Map<String, String> titles(List<CourseDefinition> list) {
    Map<String, String> out = new HashMap<>();
    list.forEach(c -> out.put(c.id(), c.title()));
    return out;
  }

  private static Attempt attempt(Row r) {
    List<UUID> ids = new ArrayList<>();
    r.getJsonObject("questions").getJsonArray("ids").forEach(x -> ids.add(UUID.fromString((String) x)));
    return new Attempt(r.getUUID("id"), r.getUUID("enrolment_id"), r.getString("lesson_id"), r.getString("course_id"),
        r.getUUID("account_id"), ids, r.getJsonObject("answers"), r.getDouble("score"), r.getBoolean("passed"),
        r.getOffsetDateTime("submitted_at") == null ? null : r.getOffsetDateTime("submitted_at").toInstant());
  }

  private static Certificate certificate(Row r) {
    return new Certificate(r.getString("code"), r.getUUID("account_id"), r.getString("course_id"), r.getString("kind"),
        r.getString("holder_name"), r.getString("course_title"), r.getDouble("credit_hours"),
        r.getString("issuing_unit"), r.getOffsetDateTime("issued_at").toInstant());
  }


}
