package org.qinglan.exam;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.practice.CasePracticeService;
import org.qinglan.platform.Problem;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Case-analysis practice pages (/practice/cases…) and API (/api/v1/practice/cases…). */
public final class CasePracticeRoutes {
  private final CasePracticeService cases;
  private final Views views;

  public CasePracticeRoutes(CasePracticeService cases, Views views) {
    this.cases = cases;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/practice/cases", PracticeRoutes.LEARNERS, this::list);
    routes.page(HttpMethod.GET, "/practice/cases/:id", PracticeRoutes.LEARNERS, this::question);
    routes.page(HttpMethod.POST, "/practice/cases/:id", PracticeRoutes.LEARNERS, this::write);
    routes.page(HttpMethod.GET, "/practice/case-attempts/:id", PracticeRoutes.LEARNERS, this::attempt);
    routes.page(HttpMethod.POST, "/practice/case-attempts/:id/assessment", PracticeRoutes.LEARNERS, this::assess);

    routes.api(HttpMethod.GET, "/api/v1/practice/cases", PracticeRoutes.LEARNERS, this::apiList);
    routes.api(HttpMethod.POST, "/api/v1/practice/cases/:id/attempts", PracticeRoutes.LEARNERS, this::apiWrite);
    routes.api(HttpMethod.POST, "/api/v1/practice/case-attempts/:id/assessment", PracticeRoutes.LEARNERS,
        this::apiAssess);
  }

  private void list(RoutingContext ctx) {
    cases.cases(Auth.account(ctx)).onSuccess(list -> views.page(ctx, "exam/cases.ftlh", "案例分析练习",
        new ListPage(list))).onFailure(ctx::fail);
  }

  /** The case questions a worker may practise. */
  public record ListPage(List<QuestionStore.CaseItem> cases) {
  }

  /** A case question to answer, the worker's earlier attempts at it, and why an answer was refused (or null). */
  public record QuestionPage(QuestionView q, List<CasePracticeService.Attempt> attempts, String error) {
  }

  /** An attempt beside the reference answer and its rubric, with the most marks the rubric gives. */
  public record AttemptPage(CasePracticeService.Attempt a, QuestionView q, double max) {
  }

  private void question(RoutingContext ctx) {
    UUID id = PracticeRoutes.id(ctx);
    cases.caseQuestion(Auth.account(ctx), id).compose(q -> cases.attempts(Auth.account(ctx), id)
            .map(attempts -> new QuestionPage(QuestionView.of(q, false), attempts, null)))
        .onSuccess(page -> views.page(ctx, "exam/case.ftlh", "案例分析练习", page)).onFailure(ctx::fail);
  }

  private void write(RoutingContext ctx) {
    UUID id = PracticeRoutes.id(ctx);
    cases.write(Auth.account(ctx), id, ctx.request().getFormAttribute("answer"))
        .onSuccess(a -> ctx.redirect("/practice/case-attempts/" + a.id()))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 400) {
            cases.caseQuestion(Auth.account(ctx), id).onSuccess(q -> views.page(ctx, 400, "exam/case.ftlh",
                "案例分析练习", new QuestionPage(QuestionView.of(q, false), List.of(), p.getMessage())))
                .onFailure(ctx::fail);
          } else {
            ctx.fail(t);
          }
        });
  }

  private void attempt(RoutingContext ctx) {
    cases.attempt(Auth.account(ctx), PracticeRoutes.id(ctx)).compose(a -> cases.caseQuestion(Auth.account(ctx),
            a.questionId()).map(q -> new AttemptPage(a, QuestionView.of(q, true),
            q.question().rubric().stream().mapToDouble(r -> r.marks()).sum())))
        .onSuccess(page -> views.page(ctx, "exam/case-attempt.ftlh", "对照参考答案", page)).onFailure(ctx::fail);
  }

  private void assess(RoutingContext ctx) {
    UUID id = PracticeRoutes.id(ctx);
    Set<Integer> points = new TreeSet<>();
    for (String p : ctx.request().formAttributes().getAll("point")) {
      try {
        points.add(Integer.parseInt(p.strip()));
      } catch (NumberFormatException e) {
        ctx.fail(Problem.badRequest("评分要点无效。"));
        return;
      }
    }
    cases.assess(Auth.account(ctx), id, points).onSuccess(a -> ctx.redirect("/practice/case-attempts/" + id))
        .onFailure(ctx::fail);
  }

  private void apiList(RoutingContext ctx) {
    cases.cases(Auth.account(ctx)).onSuccess(list -> {
      JsonArray items = new JsonArray();
      list.forEach(c -> items.add(new JsonObject().put("id", c.id().toString()).put("name", c.name())
          .put("paper", c.paper()).put("tags", new JsonArray(c.tags()))));
      Responses.json(ctx, 200, new JsonObject().put("items", items).put("total", items.size()));
    }).onFailure(ctx::fail);
  }

  private void apiWrite(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    UUID id = PracticeRoutes.id(ctx);
    if (body.getValue("answer") != null && !(body.getValue("answer") instanceof String)) {
      ctx.fail(Problem.badRequest("answer 应为文字。"));
      return;
    }
    cases.write(Auth.account(ctx), id, body.getString("answer")).compose(a -> cases.caseQuestion(Auth.account(ctx), id)
        .map(q -> new JsonObject().put("attemptId", a.id().toString())
            .put("question", PracticeRoutes.questionJson(QuestionView.of(q, true)))))
        .onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
  }

  private void apiAssess(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    Set<Integer> points = new TreeSet<>();
    JsonArray covered = body.getValue("covered") instanceof JsonArray arr ? arr : null;
    if (covered == null) {
      ctx.fail(Problem.badRequest("covered 应为评分要点序号的数组。"));
      return;
    }
    for (Object o : covered) {
      if (!(o instanceof Number n)) {
        ctx.fail(Problem.badRequest("covered 应为评分要点序号的数组。"));
        return;
      }
      points.add(n.intValue());
    }
    cases.assess(Auth.account(ctx), PracticeRoutes.id(ctx), points)
        .onSuccess(a -> Responses.json(ctx, 200, new JsonObject().put("attemptId", a.id().toString())
            .put("selfScore", a.selfScore()).put("covered", new JsonArray(a.coveredPoints()))))
        .onFailure(ctx::fail);
  }
}
