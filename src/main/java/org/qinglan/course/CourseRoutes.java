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

  /** @param publicUrl the configured public URL, the root of certificate verification links */
  public CourseRoutes(CourseService courses, CaseLibrary cases, Views views, java.time.ZoneId zone,
                      java.util.function.Supplier<String> publicUrl) {
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
      views.page(ctx, "course/catalogue.ftlh", "培训课程", Map.of("tiers", byTier, "assigned", assigned));
    }).onFailure(ctx::fail);
  }

  private void coursePage(RoutingContext ctx) {
    courses.view(Auth.account(ctx), ctx.pathParam("id")).onSuccess(v -> {
      Map<String, Object> model = new HashMap<>();
      model.put("v", v);
      model.put("error", ctx.request().getParam("error"));
      views.page(ctx, "course/course.ftlh", v.course().title(), model);
    }).onFailure(ctx::fail);
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
      Map<String, Object> model = new HashMap<>();
      model.put("v", v);
      model.put("s", state);
      model.put("l", l);
      model.put("bodyHtml", l.kind() == LessonKind.READING ? RichText.toSafeHtml(l.body(), "MARKDOWN") : "");
      // The case as the library has it now; a retracted one leaves the page (caseTitle stays empty).
      Future<CaseLibrary.CitedCase> cited = l.caseId() == null ? Future.succeededFuture()
          : cases.published(l.caseId());
      int index = v.lessons().indexOf(state);
      model.put("next", index + 1 < v.lessons().size() ? v.lessons().get(index + 1).lesson().id() : null);
      model.put("error", ctx.request().getParam("error"));
      Future<Void> clock = l.kind() == LessonKind.VIDEO ? courses.startWatchClock(v.enrolment(), l.id())
          : Future.succeededFuture();
      cited.compose(c -> {
        model.put("caseTitle", c == null ? "" : c.title());
        model.put("caseHtml", c == null ? "" : RichText.toSafeHtml(c.body(), "MARKDOWN"));
        return clock;
      }).onSuccess(x -> views.page(ctx, "course/lesson.ftlh", l.title(), model)).onFailure(ctx::fail);
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
          Map<String, Object> model = new HashMap<>();
          model.put("at", at);
          model.put("course", c);
          model.put("items", items);
          model.put("title", CourseService.FINAL.equals(at.lessonId()) ? "结业考核"
              : CourseService.lesson(c, at.lessonId()).title());
          return model;
        })).onSuccess(model -> views.page(ctx, "course/attempt.ftlh", (String) model.get("title"), model))
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
      Map<String, Object> model = new HashMap<>();
      model.put("assigned", all.resultAt(3));
      Map<String, EnrolmentStore.Enrolment> enrolled = new HashMap<>();
      offers.stream().filter(o -> o.enrolment() != null).forEach(o -> enrolled.put(o.course().id(), o.enrolment()));
      model.put("enrolled", enrolled);
      model.put("inProgress", offers.stream().filter(o -> o.enrolment() != null && !o.enrolment().completed()).toList());
      model.put("done", offers.stream().filter(o -> o.enrolment() != null && o.enrolment().completed()).toList());
      model.put("summary", all.resultAt(1));
      model.put("certificates", all.resultAt(2));
      model.put("year", java.time.LocalDate.now(zone).getYear());
      views.page(ctx, "course/my-training.ftlh", "我的培训", model);
    }).onFailure(ctx::fail);
  }

  private void certificatePage(RoutingContext ctx) {
    courses.heldCertificate(Auth.account(ctx), ctx.pathParam("code")).onSuccess(c -> {
      // A link that leaves the site: the configured public URL, never the request's Host header.
      String verifyUrl = publicUrl.get() + "/verify/" + c.code();
      Map<String, Object> model = new HashMap<>();
      model.put("c", c);
      model.put("date", views.times().longDate(c.issuedAt()));
      model.put("qrSvg", QrSvg.of(verifyUrl));
      model.put("verifyUrl", verifyUrl);
      views.page(ctx, "course/certificate.ftlh", c.kind().label(), model);
    }).onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    courses.certificate(ctx.pathParam("code")).onSuccess(c -> {
      Map<String, Object> model = new HashMap<>();
      model.put("code", ctx.pathParam("code"));
      model.put("found", c != null);
      if (c != null) {
        model.put("v", new Verified(c.kind().label(), CourseService.maskName(c.holderName()), c.courseTitle(),
            c.creditHours(), views.times().longDate(c.issuedAt()), c.issuingUnit()));
      }
      views.page(ctx, c == null ? 404 : 200, "course/verify.ftlh", "证书核验", model);
    }).onFailure(ctx::fail);
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


  /** A question of an attempt as its page shows it: number, the question, what was chosen and whether it was right. */
  public record AttemptItem(int n, QuestionView q, List<Integer> chosen, boolean correct) {
  }

  /** What the public verification page shows of a certificate: the holder's name masked. */
  public record Verified(String kind, String name, String course, double hours, String date, String issuer) {
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }
}
