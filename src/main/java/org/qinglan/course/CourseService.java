package org.qinglan.course;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
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
import org.qinglan.exam.practice.AnswerChecker;
import org.qinglan.exam.practice.Response;
import org.qinglan.course.CertificateStore.Certificate;
import org.qinglan.course.EnrolmentStore.Enrolment;
import org.qinglan.course.EnrolmentStore.Watched;
import org.qinglan.people.Account;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.Qualification;
import org.qinglan.people.WorkerService;
import org.qinglan.people.WorkerView;
import org.qinglan.platform.CertificateCodes;
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

  /** Share of a video that must have been watched before it counts as studied. */
  static final double VIDEO_SHARE_REQUIRED = 0.9;
  /** Longest report accepted at once; the page reports every 15 seconds. */
  static final int MAX_WATCH_REPORT_SECONDS = 60;
  /** Who issues a certificate when the worker's city is not known. */
  static final String DEFAULT_ISSUER = "青蓝社区工作者培训平台";

  /** A course assigned to the worker, its due date, and whether it is done or overdue. */
  public record Assigned(String courseId, String title, LocalDate due, boolean completed, boolean overdue) {
  }

  /** A course as offered: its definition (lessons loaded on demand), eligibility, enrolment and assignment. */
  public record Offer(CourseDefinition course, List<String> reasons, Enrolment enrolment, Assigned assignment) {
    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

  /** A lesson with the worker's progress on it; {@code report} is where a practice task's report stands (or null). */
  public record LessonState(CourseDefinition.Lesson lesson, String moduleId, String moduleTitle, boolean done,
                            Double bestScore, TaskReportRules.Status report) {
  }

  /** A course page: definition, lessons with progress, and what the worker may do next. */
  public record CourseView(CourseDefinition course, List<String> reasons, Enrolment enrolment,
                           List<LessonState> lessons, boolean finalOpen, Certificate certificate, Assigned assignment) {
    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

  private final Pool pool;
  private final CourseStore store = new CourseStore();
  private final EnrolmentStore enrolments = new EnrolmentStore();
  private final AttemptStore attempts = new AttemptStore();
  private final CertificateStore certificates = new CertificateStore();
  private final AssignmentStore assignments = new AssignmentStore();
  private final TaskReportStore taskReports = new TaskReportStore();
  private final QuestionCatalog questions;
  private final WorkerService workers;
  private final OrgUnitService orgUnits;
  private final ZoneId zone;

  public CourseService(Pool pool, QuestionCatalog questions, WorkerService workers, OrgUnitService orgUnits,
                       ZoneId zone) {
    this.pool = pool;
    this.questions = questions;
    this.workers = workers;
    this.orgUnits = orgUnits;
    this.zone = zone;
  }

  // ---- reading courses ----

  /**
   * The courses a person may see: every shipped course, and the published courses written in the
   * editor for an org unit they belong to. Trainers, organisers and admins also see those of the
   * units in their scope (to assign them).
   */
  public Future<List<CourseDefinition>> courses(Account viewer) {
    Future<List<OrgUnit>> units = CoursePolicy.seesScopeWithin(viewer) ? orgUnits.within(viewer)
        : Future.succeededFuture(List.of());
    return units.compose(u -> store.visible(pool, CoursePolicy.visibleCourseUnits(viewer, u)));
  }

  /** The courses the workers of an org unit may see. */
  public Future<List<CourseDefinition>> coursesIn(OrgUnit unit) {
    return store.visible(pool, CoursePolicy.unitAndAbove(unit));
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

  /** What a learner's home page says of courses: assigned ones to do (earliest due first), those in progress. */
  public record HomeFacts(List<Offer> assignedToDo, List<Offer> studying) {
  }

  /** A learner's home page: assigned courses still to do (earliest due first) and courses in progress. */
  public Future<HomeFacts> homeFacts(Account a) {
    if (!CoursePolicy.isLearner(a)) {
      return Future.succeededFuture(new HomeFacts(List.of(), List.of()));
    }
    return catalogue(a).map(offers -> new HomeFacts(
        offers.stream().filter(o -> o.assignment() != null && !o.assignment().completed())
            .sorted(java.util.Comparator.comparing(o -> o.assignment().due())).toList(),
        offers.stream().filter(o -> o.enrolment() != null && !o.enrolment().completed()).toList()));
  }

  /** The courses assigned to this worker, earliest due date first. */
  public Future<List<Assigned>> assigned(Account a) {
    Future<List<AssignmentStore.Assignment>> mine = assignments.forWorker(pool, a.id(),
        CoursePolicy.unitAndAbove(a.orgUnit()));
    return Future.all(mine, learner(a)).map(all -> {
      List<AssignmentStore.Assignment> rows = all.resultAt(0);
      Eligibility.Learner learner = all.resultAt(1);
      LocalDate today = LocalDate.now(zone);
      Map<String, Assigned> byCourse = new LinkedHashMap<>();
      for (AssignmentStore.Assignment r : rows) {
        if (r.audienceOnly() && !Eligibility.admits(r.audience(), learner)) {
          continue;
        }
        String id = r.courseId();
        LocalDate due = r.due();
        boolean completed = learner.completedCourses().contains(id);
        Assigned before = byCourse.get(id);
        if (before == null || due.isBefore(before.due())) {
          byCourse.put(id, new Assigned(id, r.title(), due, completed, ComplianceRules.overdue(due, completed, today)));
        }
      }
      List<Assigned> out = new ArrayList<>(byCourse.values());
      out.sort(java.util.Comparator.comparing(Assigned::due).thenComparing(Assigned::title));
      return out;
    });
  }

  public Future<Map<String, Enrolment>> enrolments(Account a) {
    return enrolments.enrolments(pool, a.id());
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
      Future<Map<String, EnrolmentStore.LessonProgress>> progress = offer.enrolment() == null
          ? Future.succeededFuture(Map.of()) : enrolments.progress(pool, offer.enrolment().id());
      boolean hasTasks = c.modules().stream().flatMap(m -> m.lessons().stream())
          .anyMatch(l -> l.kind() == LessonKind.TASK);
      Future<Map<String, TaskReportRules.Status>> reports = offer.enrolment() == null || !hasTasks
          ? Future.succeededFuture(Map.of()) : taskReports.statuses(pool, offer.enrolment().id());
      return Future.all(progress, reports).map(both -> {
        Map<String, EnrolmentStore.LessonProgress> p = both.resultAt(0);
        Map<String, TaskReportRules.Status> reported = both.resultAt(1);
        List<LessonState> lessons = new ArrayList<>();
        boolean allDone = true;
        for (CourseDefinition.Module m : c.modules()) {
          for (CourseDefinition.Lesson l : m.lessons()) {
            EnrolmentStore.LessonProgress r = p.get(l.id());
            boolean done = r != null && r.completed();
            allDone &= done;
            lessons.add(new LessonState(l, m.id(), m.title(), done, r == null ? null : r.bestScore(),
                reported.get(l.id())));
          }
        }
        boolean finalOpen = offer.enrolment() != null && allDone && !lessons.isEmpty();
        return new CourseView(c, offer.reasons(), offer.enrolment(), lessons, finalOpen, cert, offer.assignment());
      });
    });
  }

  // ---- enrolling and studying ----

  public Future<Enrolment> enrol(Account a, String courseId) {
    if (!CoursePolicy.isLearner(a)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return view(a, courseId).compose(v -> {
      if (v.enrolment() != null) {
        return Future.succeededFuture(v.enrolment());
      }
      if (!v.eligible()) {
        return Future.failedFuture(new Problem(403, "not_eligible", "暂不能报名这门课程：" + String.join("；", v.reasons())));
      }
      return enrolments.enrol(pool, a.id(), courseId).compose(x -> enrolments(a)).map(m -> m.get(courseId));
    });
  }

  /** The enrolment of this worker in the course; 409 when not enrolled. */
  Future<Enrolment> enrolment(Account a, String courseId) {
    return enrolments(a).compose(m -> m.containsKey(courseId) ? Future.succeededFuture(m.get(courseId))
        : Future.failedFuture(new Problem(409, "not_enrolled", "请先报名这门课程。")));
  }

  /** Marks a reading, case or video lesson as studied (a practice task is done when a supervisor signs it off). */
  public Future<Void> completeLesson(Account a, String courseId, String lessonId) {
    return Future.all(enrolment(a, courseId), course(a, courseId)).compose(all -> {
      Enrolment e = all.resultAt(0);
      CourseDefinition c = all.resultAt(1);
      CourseDefinition.Lesson l = lesson(c, lessonId);
      if (l.kind() == LessonKind.QUIZ) {
        return Future.failedFuture(Problem.badRequest("测验要通过答题完成。"));
      }
      if (l.kind() == LessonKind.TASK) {
        return Future.failedFuture(new Problem(409, "needs_sign_off", "实践任务要提交报告，由督导签字通过后才算完成。"));
      }
      Future<Void> watchedEnough = l.kind() != LessonKind.VIDEO ? Future.succeededFuture()
          : enrolments.watched(pool, e.id(), lessonId).compose(seconds -> {
            return seconds >= VIDEO_SHARE_REQUIRED * l.minutes() * 60 ? Future.succeededFuture()
                : Future.failedFuture(new Problem(409, "not_watched", "请先观看视频（已观看 " + seconds / 60 + " 分钟，需约 "
                    + Math.round(VIDEO_SHARE_REQUIRED * l.minutes()) + " 分钟）。"));
          });
      return watchedEnough.compose(ok -> pool.withTransaction(tx -> enrolments.completeLesson(tx, e.id(), lessonId)
          .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), VERB_EXPERIENCED,
              courseId + "/" + lessonId, "lesson").withContext(new JsonObject().put("course", courseId)
              .put("kind", l.kind().name())))))).mapEmpty();
    });
  }

  /** Starts the watch clock of a video lesson: the worker has just opened it. */
  public Future<Void> startWatchClock(Enrolment e, String lessonId) {
    return enrolments.startWatchClock(pool, e.id(), lessonId);
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
      return enrolments.watch(pool, e.id(), lessonId, seconds, Math.max(60, l.minutes() * 120));
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
        Attempt at = new Attempt(UUID.randomUUID(), v.enrolment().id(), lessonId, courseId, a.id(),
            List.copyOf(drawn), FINAL.equals(lessonId) ? v.course().passMark() : spec.passMark(), Map.of(), null, null,
            null);
        return attempts.insert(pool, at).map(at);
      });
    });
  }

  public Future<Attempt> attempt(Account a, UUID attemptId) {
    return attempts.byId(pool, attemptId).compose(at -> {
      if (at == null) {
        return Future.failedFuture(Problem.notFound());
      }
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
      return Future.all(questionsOf(at), course(a, at.courseId())).compose(all -> {
        Map<UUID, StoredQuestion> qs = all.resultAt(0);
        CourseDefinition c = all.resultAt(1);
        int right = 0;
        Map<UUID, Attempt.Answer> marked = new LinkedHashMap<>();
        for (UUID id : at.questionIds()) {
          Response r = answers.getOrDefault(id, Response.choices(Set.of()));
          StoredQuestion q = qs.get(id);
          boolean correct = q != null && AnswerChecker.isCorrect(q.question(), r);
          right += correct ? 1 : 0;
          marked.put(id, new Attempt.Answer(r, correct));
        }
        double score = Math.round(1000.0 * right / at.questionIds().size()) / 10.0;
        boolean passed = score >= at.passMark();
        boolean completes = passed && FINAL.equals(at.lessonId());
        // The issuer is read before the transaction: org units belong to people, not to this one.
        Future<String> issuer = completes ? issuer(a) : Future.succeededFuture(null);
        return issuer.compose(by -> pool.withTransaction(tx -> attempts.finish(tx, attemptId, marked, score, passed)
                .compose(v -> FINAL.equals(at.lessonId()) ? enrolments.bestFinal(tx, at.enrolmentId(), score)
                    : enrolments.quizScore(tx, at.enrolmentId(), at.lessonId(), score, passed))
                .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(),
                        "http://adlnet.gov/expapi/verbs/scored", c.id() + "/" + at.lessonId(), "assessment")
                    .withResult(score / 100, passed, null).withContext(new JsonObject().put("course", c.id()))))
                .compose(v -> completes ? complete(tx, a, c, at.enrolmentId(), score, by) : Future.succeededFuture())))
            .compose(v -> attempt(a, attemptId));
      });
    });
  }

  /** Who issues the worker's certificates: the training of the city their org unit lies in. */
  private Future<String> issuer(Account a) {
    return orgUnits.byIds(CoursePolicy.unitAndAbove(a.orgUnit())).map(units -> units.values().stream()
        .filter(u -> u.level() == OrgLevel.CITY).findFirst().map(u -> u.name() + "社区工作者培训")
        .orElse(DEFAULT_ISSUER));
  }

  private Future<Void> complete(SqlConnection tx, Account a, CourseDefinition c, UUID enrolmentId, double score,
                                String issuer) {
    return enrolments.completeCourse(tx, enrolmentId, score).compose(completed -> {
      if (!completed) {
        return Future.succeededFuture(); // completed before: hours and certificate were given then
      }
      String code = CertificateCodes.next();
      return certificates.insert(tx, new Certificate(code, a.id(), c.id(),
              c.postEntryCertificate() ? CertificateStore.Kind.POST_ENTRY : CertificateStore.Kind.COMPLETION,
              a.displayName(), c.title(), c.creditHours(), issuer, null))
          .compose(v -> LearningEvents.append(tx, LearningEvent.of(a.id(), VERB_COMPLETED, c.id(), "course")
              .withResult(score / 100, true, null)
              .withContext(new JsonObject().put("creditHours", c.creditHours()).put("tier", c.tier().name())
                  .put("certificate", code))));
    });
  }

  // ---- certificates ----

  public Future<List<Certificate>> myCertificates(Account a) {
    return certificates.ofAccount(pool, a.id());
  }

  /** A certificate by its code, or null when the code is unknown. */
  public Future<Certificate> certificate(String code) {
    String normalised = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
    if (!normalised.matches("[A-Z0-9-]{4,20}")) {
      return Future.succeededFuture(null);
    }
    return certificates.byCode(pool, normalised);
  }

  /** A certificate of the worker's own by its code: 404 when unknown, 403 when someone else holds it. */
  public Future<Certificate> heldCertificate(Account a, String code) {
    return certificate(code).compose(c -> c == null ? Future.failedFuture(Problem.notFound())
        : c.accountId().equals(a.id()) ? Future.succeededFuture(c) : Future.failedFuture(Problem.forbidden()));
  }

  /** Shows a name on the public verification page: 林小雨 → 林*雨, 周敏 → 周*. */
  public static String maskName(String name) {
    return org.qinglan.platform.CertificateLookup.maskName(name);
  }

  /** The certificate with this (normalised) code as the public verification page shows it, or null. */
  public Future<org.qinglan.platform.CertificateLookup.Verified> verification(String code) {
    return certificates.byCode(pool, code).map(c -> c == null ? null : new org.qinglan.platform.CertificateLookup.Verified(
        c.kind().label(), maskName(c.holderName()), List.of(
        new org.qinglan.platform.CertificateLookup.Fact("课程", c.courseTitle()),
        new org.qinglan.platform.CertificateLookup.Fact("学时", new java.text.DecimalFormat("0.#",
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(c.creditHours()))),
        c.issuedAt(), c.issuingUnit(), true, null));
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
    return enrolments.completions(pool, List.of(a.id())).map(list -> {
      List<double[]> out = new ArrayList<>();
      for (EnrolmentStore.Completion c : list) {
        out.add(new double[] {c.completedAt().atZoneSameInstant(zone).toLocalDate().toEpochDay(), c.creditHours()});
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

}
