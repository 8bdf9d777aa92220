package org.qinglan.course;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import org.qinglan.cases.CaseTexts;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.QuestionView;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Role;
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
  static final Access LEARNERS = Access.roles(Role.WORKER, Role.MENTOR);

  private final CourseService courses;
  private final Map<String, CaseTexts.CaseText> cases;
  private final Views views;
  private final java.time.ZoneId zone;
  private final java.util.function.Supplier<String> publicUrl;

  /** @param publicUrl the configured public URL, the root of certificate verification links */
  public CourseRoutes(CourseService courses, Map<String, CaseTexts.CaseText> cases, Views views, java.time.ZoneId zone,
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
            .onSuccess(e -> Responses.json(ctx, 201, new JsonObject().put("enrolmentId", e.id().toString())))
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
      Map<String, Object> model = new HashMap<>();
      model.put("v", v);
      model.put("s", state);
      model.put("l", l);
      model.put("bodyHtml", l.kind() == LessonKind.READING ? RichText.toSafeHtml(l.body(), "MARKDOWN") : "");
      CaseTexts.CaseText c = l.caseId() == null ? null : cases.get(l.caseId());
      model.put("caseTitle", c == null ? "" : c.title());
      model.put("caseHtml", c == null ? "" : RichText.toSafeHtml(c.body(), "MARKDOWN"));
      int index = v.lessons().indexOf(state);
      model.put("next", index + 1 < v.lessons().size() ? v.lessons().get(index + 1).lesson().id() : null);
      model.put("error", ctx.request().getParam("error"));
      Future<Void> clock = l.kind() == LessonKind.VIDEO ? courses.startWatchClock(v.enrolment(), l.id())
          : Future.succeededFuture();
      clock.onSuccess(x -> views.page(ctx, "course/lesson.ftlh", l.title(), model)).onFailure(ctx::fail);
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
          List<Map<String, Object>> items = new ArrayList<>();
          int n = 0;
          for (UUID qid : at.questionIds()) {
            Map<String, Object> m = new HashMap<>();
            m.put("n", ++n);
            m.put("q", QuestionView.of(qs.get(qid), at.submitted()));
            JsonObject answer = at.answers() == null ? null : at.answers().getJsonObject(qid.toString());
            m.put("chosen", answer == null ? List.of() : new ArrayList<>(Response.fromJson(answer).choices()));
            m.put("correct", answer != null && answer.getBoolean("correct", false));
            items.add(m);
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
      Map<String, CourseService.Enrolment> enrolled = new HashMap<>();
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
    var a = Auth.account(ctx);
    courses.certificate(ctx.pathParam("code")).onSuccess(c -> {
      if (c == null) {
        ctx.fail(Problem.notFound());
        return;
      }
      if (!c.accountId().equals(a.id())) {
        ctx.fail(Problem.forbidden());
        return;
      }
      // A link that leaves the site: the configured public URL, never the request's Host header.
      String verifyUrl = publicUrl.get() + "/verify/" + c.code();
      Map<String, Object> model = new HashMap<>();
      model.put("c", c);
      model.put("date", views.times().longDate(c.issuedAt()));
      model.put("qrSvg", QrSvg.of(verifyUrl));
      model.put("verifyUrl", verifyUrl);
      views.page(ctx, "course/certificate.ftlh", c.postEntry() ? "上岗培训证书" : "结业证书", model);
    }).onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    courses.certificate(ctx.pathParam("code")).onSuccess(c -> {
      Map<String, Object> model = new HashMap<>();
      model.put("code", ctx.pathParam("code"));
      model.put("found", c != null);
      if (c != null) {
        model.put("name", CourseService.maskName(c.holderName()));
        model.put("course", c.courseTitle());
        model.put("hours", c.creditHours());
        model.put("date", views.times().longDate(c.issuedAt()));
        model.put("issuer", c.issuingUnit());
        model.put("kind", c.postEntry() ? "上岗培训证书" : "结业证书");
      }
      views.page(ctx, c == null ? 404 : 200, "course/verify.ftlh", "证书核验", model);
    }).onFailure(ctx::fail);
  }

  private void apiCatalogue(RoutingContext ctx) {
    courses.catalogue(Auth.account(ctx)).onSuccess(offers -> {
      JsonArray items = new JsonArray();
      for (CourseService.Offer o : offers) {
        CourseDefinition c = o.course();
        JsonObject j = new JsonObject().put("id", c.id()).put("title", c.title()).put("tier", c.tier().name())
            .put("summary", c.summary()).put("creditHours", c.creditHours()).put("eligible", o.eligible())
            .put("reasons", new JsonArray(o.reasons()));
        if (o.enrolment() != null) {
          j.put("progress", o.enrolment().percent()).put("completed", o.enrolment().completed());
        }
        if (o.assignment() != null) {
          j.put("assignment", new JsonObject().put("due", o.assignment().due().toString())
              .put("overdue", o.assignment().overdue()));
        }
        items.add(j);
      }
      Responses.json(ctx, 200, new JsonObject().put("items", items).put("total", items.size()));
    }).onFailure(ctx::fail);
  }

  private void apiMyTraining(RoutingContext ctx) {
    org.qinglan.people.Account a = Auth.account(ctx);
    Future.all(courses.summary(a), courses.assigned(a)).onSuccess(all -> {
      CourseService.TrainingSummary s = all.resultAt(0);
      JsonArray assigned = new JsonArray();
      for (CourseService.Assigned x : all.<List<CourseService.Assigned>>resultAt(1)) {
        assigned.add(new JsonObject().put("courseId", x.courseId()).put("title", x.title())
            .put("due", x.due().toString()).put("completed", x.completed()).put("overdue", x.overdue()));
      }
      JsonObject j = new JsonObject().put("hoursThisYear", s.hoursThisYear()).put("assigned", assigned);
      if (s.cycleStart() != null) {
        j.put("cycle", new JsonObject().put("start", s.cycleStart().toString()).put("end", s.cycleEnd().toString())
            .put("hours", s.cycleHours()).put("required", s.cycleRequired()));
      }
      Responses.json(ctx, 200, j);
    }).onFailure(ctx::fail);
  }

  private void apiWatched(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    if (!(body.getValue("seconds") instanceof Number n)) {
      ctx.fail(Problem.badRequest("请求体应为 {\"seconds\": N}。"));
      return;
    }
    courses.watch(Auth.account(ctx), ctx.pathParam("id"), ctx.pathParam("lesson"), n.intValue())
        .onSuccess(w -> Responses.json(ctx, 200, new JsonObject().put("secondsWatched", w.total())
            .put("secondsCounted", w.counted())))
        .onFailure(ctx::fail);
  }


  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }
}
