package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.mock.Blueprint;
import org.qinglan.exam.mock.ExamScorer;
import org.qinglan.exam.mock.MockExamService;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Account;
import org.qinglan.platform.Admission;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;
import org.qinglan.web.Admitted;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Paging;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Mock exams: pages (/mock-exams…) and JSON API (/api/v1/mock-exams/…). */
public final class MockExamRoutes {
  /** The most exams one page of the history API returns. */
  static final int MAX_HISTORY_PAGE = 100;

  private final MockExamService exams;
  private final Views views;
  private final Admission heavy;

  public MockExamRoutes(MockExamService exams, Views views, Admission heavy) {
    this.exams = exams;
    this.views = views;
    this.heavy = heavy;
  }

  /**
   * The handler once {@code heavy} admits the request; an answer's save passes without: it must
   * not wait behind a morning's (or a round's) whole papers.
   */
  private Handler<RoutingContext> admitted(Handler<RoutingContext> handler) {
    return Admitted.by(heavy, handler);
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/mock-exams", PracticeRoutes.LEARNERS, this::list);
    routes.page(HttpMethod.GET, "/mock-exams/new/:blueprint", PracticeRoutes.LEARNERS, this::confirmStart);
    routes.page(HttpMethod.POST, "/mock-exams", PracticeRoutes.LEARNERS, admitted(this::start));
    routes.page(HttpMethod.GET, "/mock-exams/:id", PracticeRoutes.LEARNERS, admitted(this::page));
    routes.page(HttpMethod.POST, "/mock-exams/:id/submit", PracticeRoutes.LEARNERS, admitted(this::submitForm));
    routes.page(HttpMethod.POST, "/mock-exams/:id/assess", PracticeRoutes.LEARNERS, this::assessForm);

    routes.api(HttpMethod.GET, "/api/v1/mock-exams", PracticeRoutes.LEARNERS, this::apiHistory);
    routes.api(HttpMethod.POST, "/api/v1/mock-exams", PracticeRoutes.LEARNERS, admitted(this::apiStart));
    routes.api(HttpMethod.GET, "/api/v1/mock-exams/:id", PracticeRoutes.LEARNERS, admitted(this::apiGet));
    routes.api(HttpMethod.PUT, "/api/v1/mock-exams/:id/answers/:question", PracticeRoutes.LEARNERS, this::apiSave);
    routes.api(HttpMethod.POST, "/api/v1/mock-exams/:id/submit", PracticeRoutes.LEARNERS, admitted(this::apiSubmit));
  }

  /** The messages the list page may show, by the code in its URL: never text taken from the URL itself. */
  private static final Map<String, String> LIST_ERRORS = Map.of(
      "bank_too_small", "题库中的题目还不够按这套试卷的题型和题量组卷，请联系讲师补充题目后再试。");

  private void list(RoutingContext ctx) {
    exams.history(Auth.account(ctx), Paging.page(ctx), MockExamService.HISTORY_PAGE).onSuccess(history -> {
      String error = ctx.request().getParam("error");
      views.page(ctx, "exam/mock-exams.ftlh", "模拟考试", new ListPage(exams.blueprints(), history.items(), history,
          error == null ? "" : LIST_ERRORS.getOrDefault(error, "")));
    }).onFailure(ctx::fail);
  }

  /** What the paper is, before the clock starts: a tile only leads here. */
  private void confirmStart(RoutingContext ctx) {
    exams.blueprint(ctx.pathParam("blueprint")).ifPresentOrElse(
        b -> views.page(ctx, "exam/mock-exam-start.ftlh", b.title(), new StartPage(b)),
        () -> ctx.fail(Problem.notFound()));
  }

  private void start(RoutingContext ctx) {
    exams.start(Auth.account(ctx), ctx.request().getFormAttribute("blueprint"))
        .onSuccess(e -> ctx.redirect("/mock-exams/" + e.id()))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 409 && LIST_ERRORS.containsKey(p.code())) {
            ctx.redirect("/mock-exams?error=" + p.code());
          } else {
            ctx.fail(t);
          }
        });
  }

  private void page(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    exams.get(a, PracticeRoutes.id(ctx)).compose(e -> Future.all(exams.answers(e.id()),
            exams.questionsOf(e), exams.maxSeq(e.id()))
        .map(all -> {
          Map<UUID, Response> answers = all.resultAt(0);
          Map<UUID, StoredQuestion> stored = all.resultAt(1);
          List<PaperItem> items = new ArrayList<>();
          Map<String, String> chapterNames = new LinkedHashMap<>();
          int n = 0;
          for (ExamScorer.Item item : e.paper()) {
            UUID qid = UUID.fromString(item.questionId());
            StoredQuestion q = stored.get(qid);
            Response r = answers.get(qid);
            items.add(new PaperItem(++n, QuestionView.of(q, !e.open()), item.marks(),
                r == null ? List.of() : new ArrayList<>(r.choices()), r == null || r.text() == null ? "" : r.text(),
                r == null ? "" : QuestionView.letters(r.choices()),
                e.open() ? 0.0 : ExamScorer.score(item, r == null ? null : ExamScorer.Response.choices(r.choices()))));
            if (q.category().size() >= 3) {
              chapterNames.putIfAbsent(item.chapter(), q.category().get(2));
            }
          }
          return new PaperPage(e, items, chapterNames, all.<Long>resultAt(2));
        }))
        .onSuccess(p -> views.page(ctx, p.e().open() ? "exam/mock-exam.ftlh" : "exam/mock-result.ftlh",
            p.e().title(), p))
        .onFailure(ctx::fail);
  }

  /**
   * The form holds every answer: saving them first makes the exam work without JavaScript too.
   * With questions left unanswered the worker is asked to confirm (the page's script asks before
   * sending, and says so with {@code confirmed}); at the deadline the paper is submitted as it is.
   */
  private void submitForm(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID examId = PracticeRoutes.id(ctx);
    var form = ctx.request().formAttributes();
    boolean confirmed = "1".equals(form.get("confirmed"));
    exams.get(a, examId).compose(e -> {
      if (!e.open()) {
        return Future.succeededFuture((ConfirmPage) null);
      }
      List<Map.Entry<UUID, Response>> given = new ArrayList<>();
      for (ExamScorer.Item item : e.paper()) {
        String key = "q-" + item.questionId();
        List<String> choices = form.getAll(key);
        String text = form.get(key + "-text");
        if (!choices.isEmpty() || (text != null && !text.isBlank())) {
          given.add(Map.entry(UUID.fromString(item.questionId()), PracticeRoutes.responseFrom(choices, text, List.of())));
        }
      }
      // The form shows the latest answers: they go in above whatever seq the page's script used.
      return exams.maxSeq(examId).compose(max -> {
        Future<Void> saves = Future.succeededFuture();
        for (Map.Entry<UUID, Response> g : given) {
          saves = saves.compose(x -> exams.save(a, examId, g.getKey(), g.getValue(), max + 1).<Void>mapEmpty()
              .recover(t -> Future.succeededFuture()));
        }
        return saves;
      }).compose(x -> confirmed || e.secondsLeft() == 0 ? Future.succeededFuture(0L) : unanswered(e))
          .compose(unanswered -> unanswered == 0 ? exams.submit(examId, false).map((ConfirmPage) null)
              : Future.succeededFuture(new ConfirmPage(e, unanswered)));
    }).onSuccess(toConfirm -> {
      if (toConfirm == null) {
        ctx.redirect("/mock-exams/" + examId);
        return;
      }
      views.page(ctx, "exam/mock-exam-submit.ftlh", "确认交卷", toConfirm);
    }).onFailure(ctx::fail);
  }

  /** One question of a paper as the exam page and the result page show it, with what the worker answered. */
  public record PaperItem(int n, QuestionView q, double marks, List<Integer> chosen, String text, String yourLetters,
                          double score) {
  }

  /** The mock exams page: the papers to start, one page of the worker's exams, and a message for a code in the URL. */
  public record ListPage(List<Blueprint> blueprints, List<MockExamService.Exam> history,
                         Page<MockExamService.Exam> page, String error) {
  }

  /** What a paper is, before its clock starts. */
  public record StartPage(Blueprint b) {
  }

  /** An exam (open: the paper to answer; submitted: the result), its questions, chapter names and the save counter. */
  public record PaperPage(MockExamService.Exam e, List<PaperItem> items, Map<String, String> chapterNames, long seq) {
  }

  /** An exam the worker is asked to confirm submitting, with how many of its questions are unanswered. */
  public record ConfirmPage(MockExamService.Exam e, long unanswered) {
  }

  private Future<Long> unanswered(MockExamService.Exam e) {
    return exams.answers(e.id()).map(answers -> e.paper().stream().filter(i -> {
      Response r = answers.get(UUID.fromString(i.questionId()));
      return r == null || r.isEmpty();
    }).count());
  }

  private void assessForm(RoutingContext ctx) {
    UUID examId = PracticeRoutes.id(ctx);
    UUID questionId = PracticeRoutes.parseUuid(ctx.request().getFormAttribute("question"));
    Set<Integer> points = new TreeSet<>();
    for (String p : ctx.request().formAttributes().getAll("point")) {
      try {
        points.add(Integer.parseInt(p));
      } catch (NumberFormatException e) {
        ctx.fail(Problem.badRequest("评分要点无效。"));
        return;
      }
    }
    exams.assess(Auth.account(ctx), examId, questionId, points)
        .onSuccess(e -> ctx.redirect("/mock-exams/" + examId + "#q-" + questionId)).onFailure(ctx::fail);
  }

  // ---- API ----

  private void apiHistory(RoutingContext ctx) {
    int page = Paging.page(ctx);
    int size = Paging.size(ctx, MockExamService.HISTORY_PAGE, MAX_HISTORY_PAGE);
    exams.history(Auth.account(ctx), page, size).onSuccess(p -> {
      JsonArray items = new JsonArray();
      p.items().forEach(e -> items.add(summary(e)));
      Responses.json(ctx, 200, new JsonObject().put("items", items).put("page", p.page()).put("size", p.size())
          .put("total", p.total()));
    }).onFailure(ctx::fail);
  }

  private void apiStart(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    exams.start(Auth.account(ctx), body.getString("blueprintId"))
        .onSuccess(e -> Responses.json(ctx, 201, summary(e)))
        .onFailure(ctx::fail);
  }

  private void apiGet(RoutingContext ctx) {
    exams.get(Auth.account(ctx), PracticeRoutes.id(ctx)).compose(e -> Future.all(exams.answers(e.id()),
        exams.questionsOf(e), exams.maxSeq(e.id())).map(all -> {
          Map<UUID, Response> answers = all.resultAt(0);
          Map<UUID, StoredQuestion> stored = all.resultAt(1);
          JsonArray qs = new JsonArray();
          for (ExamScorer.Item item : e.paper()) {
            UUID qid = UUID.fromString(item.questionId());
            JsonObject q = PracticeRoutes.questionJson(QuestionView.of(stored.get(qid), !e.open()))
                .put("marks", item.marks());
            Response r = answers.get(qid);
            if (r != null) {
              q.put("response", ResponseJson.toJson(r));
            }
            qs.add(q);
          }
          return summary(e).put("seq", all.<Long>resultAt(2)).put("questions", qs);
        })).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void apiSave(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    UUID questionId;
    try {
      questionId = UUID.fromString(ctx.pathParam("question"));
    } catch (IllegalArgumentException e) {
      ctx.fail(Problem.badRequest("题目编号无效。"));
      return;
    }
    Object seqValue = body.getValue("seq");
    if (!(seqValue instanceof Number seq) || seq.longValue() < 0) {
      ctx.fail(Problem.badRequest("seq 应为递增的非负整数。"));
      return;
    }
    if (!(seqValue instanceof Integer || seqValue instanceof Long)) {
      ctx.fail(Problem.badRequest("seq 应为递增的非负整数。"));
      return;
    }
    Response response = ResponseJson.parse(body.getValue("response"));
    exams.save(Auth.account(ctx), PracticeRoutes.id(ctx), questionId, response, seq.longValue())
        .onSuccess(saved -> {
          if (saved.saved()) {
            Responses.json(ctx, 200, new JsonObject().put("saved", true).put("seq", saved.seq()));
          } else {
            // Refused, in the error shape, with the seq that stands so that the page can count on from it.
            Responses.json(ctx, 409, new JsonObject().put("error", new JsonObject().put("code", "stale_seq")
                    .put("message", "这道题已有更新的作答（来自另一次保存），本次作答没有保存。"))
                .put("saved", false).put("seq", saved.seq()));
          }
        })
        .onFailure(ctx::fail);
  }

  private void apiSubmit(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = PracticeRoutes.id(ctx);
    exams.get(a, id).compose(e -> exams.submit(id, false))
        .onSuccess(e -> Responses.json(ctx, 200, summary(e))).onFailure(ctx::fail);
  }

  static JsonObject summary(MockExamService.Exam e) {
    JsonObject j = new JsonObject().put("id", e.id().toString()).put("blueprintId", e.blueprintId())
        .put("title", e.title()).put("questions", e.paper().size()).put("maxScore", e.maxScore())
        .put("passMark", e.passMark()).put("startedAt", e.startedAt().toString())
        .put("deadline", e.deadline().toString()).put("secondsLeft", e.open() ? e.secondsLeft() : 0)
        .put("submitted", !e.open());
    if (!e.open()) {
      j.put("submittedAt", e.submittedAt().toString()).put("autoSubmitted", e.autoSubmitted())
          .put("score", e.score()).put("passed", e.passed()).put("byChapter", chaptersJson(e.byChapter()));
    }
    return j;
  }

  private static JsonArray chaptersJson(List<ExamScorer.ChapterScore> chapters) {
    if (chapters == null) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (ExamScorer.ChapterScore c : chapters) {
      out.add(new JsonObject().put("chapter", c.chapter()).put("score", c.score()).put("max", c.max())
          .put("correct", c.correct()).put("questions", c.questions()));
    }
    return out;
  }
}
