package org.qinglan.course;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.cases.CaseLibrary;
import org.qinglan.exam.QuestionView;
import org.qinglan.exam.practice.Response;
import org.qinglan.platform.CertificateLookup;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Responses;
import org.qinglan.web.RichText;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Course pages for workers (/courses…, /my/training), certificates and public verification, and the API. */
public final class CourseRoutes {
  static final Access LEARNERS = Access.roles(CoursePolicy.LEARNERS);

  private final CourseService courses;
  private final CaseLibrary cases;
  private final Views views;
  private final java.time.ZoneId zone;
  private final java.util.function.Supplier<String> publicUrl;
  private final CertificateLookup certificates;

  /**
   * @param publicUrl    the configured public URL, the root of certificate verification links
   * @param certificates every feature's certificates, for the public verification page
   */
  public CourseRoutes(CourseService courses, CaseLibrary cases, Views views, java.time.ZoneId zone,
                      java.util.function.Supplier<String> publicUrl, CertificateLookup certificates) {
    this.certificates = certificates;
    this.courses = courses;
    this.cases = cases;
    this.views = views;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/courses", LEARNERS, this::catalogue);
    routes.page(HttpMethod.GET, "/courses/:id", LEARNERS, this::coursePage);
    routes.page(HttpMethod.POST, "/courses/:id/enrol", LEARNERS, this::enrol);
    routes.page(HttpMethod.GET, "/courses/:id/lessons/:lesson", LEARNERS, this::lessonPage);
    routes.page(HttpMethod.POST, "/courses/:id/lessons/:lesson/complete", LEARNERS, this::completeLesson);
    routes.page(HttpMethod.POST, "/courses/:id/lessons/:lesson/attempts", LEARNERS, this::startQuiz);
    routes.page(HttpMethod.GET, "/course-attempts/:id", LEARNERS, this::attemptPage);
    routes.page(HttpMethod.POST, "/course-attempts/:id", LEARNERS, this::submitAttempt);
    routes.page(HttpMethod.GET, "/my/training", LEARNERS, this::myTraining);
    routes.page(HttpMethod.GET, "/certificates/:code", LEARNERS, this::certificatePage);
    routes.page(HttpMethod.GET, "/verify/:code", Access.anyone(), this::verify);

    routes.api(HttpMethod.GET, "/api/v1/courses", LEARNERS, this::apiCatalogue);
    routes.api(HttpMethod.POST, "/api/v1/courses/:id/enrolment", LEARNERS,
        ctx -> courses.enrol(Auth.account(ctx), ctx.pathParam("id"))
            .onSuccess(e -> Responses.json(ctx, 201, CourseJson.enrolment(e)))
            .onFailure(ctx::fail));
    routes.api(HttpMethod.GET, "/api/v1/my/training", LEARNERS, this::apiMyTraining);
    routes.api(HttpMethod.POST, "/api/v1/courses/:id/lessons/:lesson/watched", LEARNERS, this::apiWatched);
  }

  private void catalogue(RoutingContext ctx) {
    courses.catalogue(Auth.account(ctx)).onSuccess(offers -> {
      Map<String, List<CourseService.Offer>> byTier = new LinkedHashMap<>();
      for (Tier t : Tier.values()) {
        byTier.put(t.label(), new ArrayList<>());
      }
      offers.forEach(o -> byTier.get(o.course().tier().label()).add(o));
      byTier.values().removeIf(List::isEmpty);
      List<CourseService.Offer> assigned = offers.stream().filter(o -> o.assignment() != null)
          .sorted(java.util.Comparator.comparing(o -> o.assignment().due())).toList();
      views.page(ctx, "course/catalogue.ftlh", "培训课程", new CataloguePage(byTier, assigned));
    }).onFailure(ctx::fail);
  }

  private void coursePage(RoutingContext ctx) {
    courses.view(Auth.account(ctx), ctx.pathParam("id")).onSuccess(v -> views.page(ctx, "course/course.ftlh",
        v.course().title(), new CoursePage(v, ctx.request().getParam("error")))).onFailure(ctx::fail);
  }

  private void enrol(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    courses.enrol(Auth.account(ctx), id).onSuccess(e -> ctx.redirect("/courses/" + id)).onFailure(ctx::fail);
  }

  private void lessonPage(RoutingContext ctx) {
    String courseId = ctx.pathParam("id");
    String lessonId = ctx.pathParam("lesson");
    courses.view(Auth.account(ctx), courseId).onSuccess(v -> {
      if (v.enrolment() == null) {
        ctx.redirect("/courses/" + courseId);
        return;
      }
      CourseService.LessonState state = v.lessons().stream().filter(l -> l.lesson().id().equals(lessonId)).findFirst()
          .orElse(null);
      if (state == null) {
        ctx.fail(Problem.notFound());
        return;
      }
      CourseDefinition.Lesson l = state.lesson();
      if (l.kind() == LessonKind.TASK) { // a practice task has its own page (TaskReportRoutes)
        ctx.redirect("/courses/" + courseId + "/tasks/" + lessonId);
        return;
      }
      String bodyHtml = l.kind() == LessonKind.READING ? RichText.toSafeHtml(l.body(), "MARKDOWN") : "";
      // The case as the library has it now; a retracted one leaves the page (caseTitle stays empty).
      Future<CaseLibrary.CitedCase> cited = l.caseId() == null ? Future.succeededFuture()
          : cases.published(l.caseId());
      int index = v.lessons().indexOf(state);
      String next = index + 1 < v.lessons().size() ? v.lessons().get(index + 1).lesson().id() : null;
      String error = ctx.request().getParam("error");
      Future<Void> clock = l.kind() == LessonKind.VIDEO ? courses.startWatchClock(v.enrolment(), l.id())
          : Future.succeededFuture();
      cited.compose(c -> clock.map(x -> new LessonPage(v, state, l, bodyHtml, next, error,
              c == null ? "" : c.title(), c == null ? "" : RichText.toSafeHtml(c.body(), "MARKDOWN"))))
          .onSuccess(page -> views.page(ctx, "course/lesson.ftlh", l.title(), page)).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void completeLesson(RoutingContext ctx) {
    String courseId = ctx.pathParam("id");
    String lessonId = ctx.pathParam("lesson");
    String next = ctx.request().getFormAttribute("next");
    courses.completeLesson(Auth.account(ctx), courseId, lessonId)
        .onSuccess(x -> ctx.redirect(next == null || next.isBlank() || !next.matches("[a-z0-9-]{1,80}")
            ? "/courses/" + courseId : "/courses/" + courseId + "/lessons/" + next))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 409) {
            ctx.redirect("/courses/" + courseId + "/lessons/" + lessonId + "?error=" + java.net.URLEncoder.encode(
                p.getMessage(), java.nio.charset.StandardCharsets.UTF_8));
          } else {
            ctx.fail(t);
          }
        });
  }

  private void startQuiz(RoutingContext ctx) {
    String courseId = ctx.pathParam("id");
    courses.startQuiz(Auth.account(ctx), courseId, ctx.pathParam("lesson"))
        .onSuccess(a -> ctx.redirect("/course-attempts/" + a.id()))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 409) {
            ctx.redirect("/courses/" + courseId + "?error=" + java.net.URLEncoder.encode(p.getMessage(),
                java.nio.charset.StandardCharsets.UTF_8));
          } else {
            ctx.fail(t);
          }
        });
  }

  private void attemptPage(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("id"));
    courses.attempt(Auth.account(ctx), id).compose(at -> Future.all(courses.questionsOf(at), courses.course(Auth.account(ctx), at.courseId()))
        .map(all -> {
          Map<UUID, StoredQuestion> qs = all.resultAt(0);
          CourseDefinition c = all.resultAt(1);
          List<AttemptItem> items = new ArrayList<>();
          int n = 0;
          for (UUID qid : at.questionIds()) {
            Attempt.Answer answer = at.answers().get(qid);
            items.add(new AttemptItem(++n, QuestionView.of(qs.get(qid), at.submitted()),
                answer == null ? List.of() : new ArrayList<>(answer.response().choices()),
                answer != null && answer.correct()));
          }
          return new AttemptPage(at, c, items, CourseService.FINAL.equals(at.lessonId()) ? "结业考核"
              : CourseService.lesson(c, at.lessonId()).title());
        })).onSuccess(page -> views.page(ctx, "course/attempt.ftlh", page.title(), page))
        .onFailure(ctx::fail);
  }

  private void submitAttempt(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("id"));
    var form = ctx.request().formAttributes();
    courses.attempt(Auth.account(ctx), id).compose(at -> {
      Map<UUID, Response> answers = new HashMap<>();
      for (UUID qid : at.questionIds()) {
        Set<Integer> chosen = new TreeSet<>();
        for (String v : form.getAll("q-" + qid)) {
          try {
            chosen.add(Integer.parseInt(v));
          } catch (NumberFormatException e) {
            throw Problem.badRequest("选项无效。");
          }
        }
        answers.put(qid, Response.choices(chosen));
      }
      return courses.submit(Auth.account(ctx), id, answers);
    }).onSuccess(at -> ctx.redirect("/course-attempts/" + id)).onFailure(ctx::fail);
  }

  private void myTraining(RoutingContext ctx) {
    org.qinglan.people.Account a = Auth.account(ctx);
    Future.all(courses.catalogue(a), courses.summary(a), courses.myCertificates(a), courses.assigned(a)).onSuccess(all -> {
      List<CourseService.Offer> offers = all.resultAt(0);
      Map<String, EnrolmentStore.Enrolment> enrolled = new HashMap<>();
      offers.stream().filter(o -> o.enrolment() != null).forEach(o -> enrolled.put(o.course().id(), o.enrolment()));
      views.page(ctx, "course/my-training.ftlh", "我的培训", new MyTrainingPage(all.resultAt(3), enrolled,
          offers.stream().filter(o -> o.enrolment() != null && !o.enrolment().completed()).toList(),
          offers.stream().filter(o -> o.enrolment() != null && o.enrolment().completed()).toList(), all.resultAt(1),
          all.resultAt(2), java.time.LocalDate.now(zone).getYear()));
    }).onFailure(ctx::fail);
  }

  private void certificatePage(RoutingContext ctx) {
    courses.heldCertificate(Auth.account(ctx), ctx.pathParam("code")).onSuccess(c -> {
      // A link that leaves the site: the configured public URL, never the request's Host header.
      String verifyUrl = publicUrl.get() + "/verify/" + c.code();
      views.page(ctx, "course/certificate.ftlh", c.kind().label(), new CertificatePage(c,
          views.times().longDate(c.issuedAt()), QrSvg.of(verifyUrl), verifyUrl));
    }).onFailure(ctx::fail);
  }

  /** Any feature's certificate: courses' and competitions' awards alike ({@link CertificateLookup}). */
  private void verify(RoutingContext ctx) {
    String code = CertificateLookup.normalise(ctx.pathParam("code"));
    (code == null ? Future.<CertificateLookup.Verified>succeededFuture(null) : certificates.find(code))
        .onSuccess(v -> views.page(ctx, v == null ? 404 : 200, "course/verify.ftlh", "证书核验",
            new VerifyPage(ctx.pathParam("code"), v != null, v, v == null ? "" : views.times().longDate(v.issuedAt()))))
        .onFailure(ctx::fail);
  }

  private void apiCatalogue(RoutingContext ctx) {
    courses.catalogue(Auth.account(ctx)).onSuccess(offers -> Responses.json(ctx, 200, CourseJson.catalogue(offers)))
        .onFailure(ctx::fail);
  }

  private void apiMyTraining(RoutingContext ctx) {
    org.qinglan.people.Account a = Auth.account(ctx);
    Future.all(courses.summary(a), courses.assigned(a)).onSuccess(all -> Responses.json(ctx, 200,
        CourseJson.training(all.resultAt(0), all.resultAt(1)))).onFailure(ctx::fail);
  }

  private void apiWatched(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    if (!(body.getValue("seconds") instanceof Number n)) {
      ctx.fail(Problem.badRequest("请求体应为 {\"seconds\": N}。"));
      return;
    }
    courses.watch(Auth.account(ctx), ctx.pathParam("id"), ctx.pathParam("lesson"), n.intValue())
        .onSuccess(w -> Responses.json(ctx, 200, CourseJson.watched(w)))
        .onFailure(ctx::fail);
  }


  /** The catalogue: the learner's courses by tier label (tiers in order), and those assigned, earliest due first. */
  public record CataloguePage(Map<String, List<CourseService.Offer>> tiers, List<CourseService.Offer> assigned) {
  }

  /** A course's page, with why a step was refused (or null). */
  public record CoursePage(CourseService.CourseView v, String error) {
  }

  /**
   * A lesson's page: the course, the lesson's state, its body as safe HTML (readings), the next
   * lesson's id (or null), a refusal, and the cited case as the library has it now (empty when gone).
   */
  public record LessonPage(CourseService.CourseView v, CourseService.LessonState s, CourseDefinition.Lesson l,
                           String bodyHtml, String next, String error, String caseTitle, String caseHtml) {
  }

  /** A quiz attempt: its questions with what was chosen, and its title (the lesson's, or the final assessment's). */
  public record AttemptPage(Attempt at, CourseDefinition course, List<AttemptItem> items, String title) {
  }

  /**
   * A learner's training: assigned courses, enrolments by course id, courses in progress and
   * done, the year's hours against the rules, certificates, and the current year.
   */
  public record MyTrainingPage(List<CourseService.Assigned> assigned, Map<String, EnrolmentStore.Enrolment> enrolled,
                               List<CourseService.Offer> inProgress, List<CourseService.Offer> done,
                               CourseService.TrainingSummary summary, List<CertificateStore.Certificate> certificates,
                               int year) {
  }

  /** A certificate as its holder prints it, with its verification link as a QR code. */
  public record CertificatePage(CertificateStore.Certificate c, String date, String qrSvg, String verifyUrl) {
  }

  /** The public verification of a code: whether a certificate has it, and what may be shown of it (or null). */
  public record VerifyPage(String code, boolean found, CertificateLookup.Verified v, String date) {
  }

  /** A question of an attempt as its page shows it: number, the question, what was chosen and whether it was right. */
  public record AttemptItem(int n, QuestionView q, List<Integer> chosen, boolean correct) {
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }
}
