package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.practice.PracticeMode;
import org.qinglan.exam.practice.PracticeService;
import org.qinglan.exam.practice.PracticeSession;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Account;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Practice pages (/practice…) and their JSON API (/api/v1/practice/…). */
public final class PracticeRoutes {
  /** Signed in as one of {@link ExamPolicy#LEARNERS}; the services ask the policy about the rest. */
  static final Access LEARNERS = Access.roles(ExamPolicy.LEARNERS);

  private final PracticeService practice;
  private final Views views;

  public PracticeRoutes(PracticeService practice, Views views) {
    this.practice = practice;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/practice", LEARNERS, this::home);
    routes.page(HttpMethod.POST, "/practice/sessions", LEARNERS, this::start);
    routes.page(HttpMethod.GET, "/practice/daily", LEARNERS,
        ctx -> practice.daily(Auth.account(ctx)).onSuccess(s -> ctx.redirect("/practice/sessions/" + s.id()))
            .onFailure(ctx::fail));
    routes.page(HttpMethod.GET, "/practice/sessions/:id", LEARNERS, this::sessionPage);
    routes.page(HttpMethod.POST, "/practice/sessions/:id/answer", LEARNERS, this::answer);
    routes.page(HttpMethod.POST, "/practice/favourites/:id", LEARNERS, this::toggleFavourite);
    routes.page(HttpMethod.POST, "/practice/goal", LEARNERS, this::setGoal);

    routes.api(HttpMethod.GET, "/api/v1/practice/overview", LEARNERS, this::apiOverview);
    routes.api(HttpMethod.POST, "/api/v1/practice/sessions", LEARNERS, this::apiStart);
    routes.api(HttpMethod.GET, "/api/v1/practice/sessions/:id", LEARNERS, this::apiSession);
    routes.api(HttpMethod.POST, "/api/v1/practice/sessions/:id/answers", LEARNERS, this::apiAnswer);
    routes.api(HttpMethod.POST, "/api/v1/practice/favourites/:id", LEARNERS,
        ctx -> practice.toggleFavourite(Auth.account(ctx), id(ctx))
            .onSuccess(f -> Responses.json(ctx, 200, new JsonObject().put("favourite", f))).onFailure(ctx::fail));
  }

  // ---- pages ----

  private void home(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    Future.all(List.of(practice.mastery(a), practice.knowledgePoints(a), practice.listSizes(a), practice.goal(a),
        practice.caseCount(a)))
        .onSuccess(all -> {
          List<PracticeService.ChapterMastery> mastery = all.resultAt(0);
          Map<String, List<PracticeService.ChapterMastery>> papers = new LinkedHashMap<>();
          for (PracticeService.ChapterMastery m : mastery) {
            papers.computeIfAbsent(m.level() + "|" + m.paper(), k -> new ArrayList<>()).add(m);
          }
          List<PaperMastery> paperList = new ArrayList<>();
          papers.forEach((k, chapters) -> {
            long total = chapters.stream().mapToLong(PracticeService.ChapterMastery::total).sum();
            long mastered = chapters.stream().mapToLong(PracticeService.ChapterMastery::mastered).sum();
            paperList.add(new PaperMastery(chapters.get(0).level(), chapters.get(0).paper(), chapters, total,
                total == 0 ? 0 : Math.round(100.0 * mastered / total)));
          });
          List<PracticeService.KnowledgePoint> points = all.resultAt(1);
          PracticeService.ListSizes sizes = all.resultAt(2);
          PracticeService.ExamGoal goal = all.resultAt(3);
          views.page(ctx, "exam/practice.ftlh", "考试练习", new HomePage(paperList, points,
              points.stream().filter(p -> p.attempted() >= 2 && p.percent() < 80).limit(5).toList(), sizes.mistakes(),
              sizes.favourites(), sizes.dueReviews(), goal == null ? "" : goal.level().name(),
              goal == null || goal.examDate() == null ? "" : goal.examDate().toString(), all.<Long>resultAt(4),
              known(HUB_MESSAGES, ctx.request().getParam("error"))));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The practice home: mastery by paper and knowledge point (the weakest first), the sizes of the
   * worker's lists, the exam goal (level name and date, or empty), the case questions, a message.
   */
  public record HomePage(List<PaperMastery> papers, List<PracticeService.KnowledgePoint> points,
                         List<PracticeService.KnowledgePoint> weakest, long mistakes, long favourites, long due,
                         String goalLevel, String goalDate, long cases, String error) {
  }

  /** A paper on the practice home: its chapters, how many questions and how well the worker knows them. */
  public record PaperMastery(String level, String paper, List<PracticeService.ChapterMastery> chapters, long total,
                             long percent) {
  }

  private void start(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    startFrom(Auth.account(ctx), f.get("mode"), f.get("level"), f.get("paper"), f.get("chapter"), f.get("order"),
        f.get("tag"), f.get("count"))
        .onSuccess(s -> ctx.redirect("/practice/sessions/" + s.id()))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 409 && HUB_MESSAGES.containsKey(p.code())) {
            ctx.redirect("/practice?error=" + p.code());
          } else {
            ctx.fail(t);
          }
        });
  }

  private Future<PracticeSession> startFrom(Account a, String mode, String level, String paper, String chapter,
                                            String order, String tag, String count) {
    if (mode == null) {
      return Future.failedFuture(Problem.badRequest("缺少练习方式。"));
    }
    PracticeMode chosen = PracticeMode.parse(mode);
    if (chosen == null) {
      return Future.failedFuture(Problem.badRequest("未知的练习方式：" + mode));
    }
    return switch (chosen) {
      case CHAPTER -> level == null || paper == null || chapter == null
          ? Future.failedFuture(Problem.badRequest("章节练习需要指定试卷和章节。"))
          : practice.startChapter(a, level, paper, chapter, "shuffled".equals(order));
      case RANDOM -> tag != null && !tag.isBlank() ? practice.startTag(a, tag.strip())
          : practice.startRandom(a, blank(level), blank(paper), parseCount(count));
      case DAILY -> practice.daily(a);
      case REVIEW -> practice.startReview(a);
      case MISTAKES -> practice.startMistakes(a);
      case FAVOURITES -> practice.startFavourites(a);
    };
  }

  private void sessionPage(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID sessionId = id(ctx);
    String answered = ctx.request().getParam("answered");
    practice.session(a, sessionId).compose(s -> {
      String error = known(SESSION_MESSAGES, ctx.request().getParam("error"));
      // What the worker had chosen before a favourite reloaded the page (see toggleFavourite).
      List<Integer> kept = new ArrayList<>();
      for (String c : ctx.queryParam("choice")) {
        if (c.matches("\\d{1,2}")) {
          kept.add(Integer.parseInt(c));
        }
      }
      String keptText = ctx.request().getParam("text") == null ? "" : ctx.request().getParam("text");
      if (answered != null) {
        UUID answerId = parseUuid(answered);
        return practice.pastAnswer(a, answerId).compose(o -> practice.isFavourite(a, o.question().id()).map(fav -> {
          // The feedback is numbered as the question it answers, not the one the session moved on to.
          int index = s.questionIds().indexOf(o.question().id());
          return new SessionPage(s, index >= 0 ? index + 1 : s.number(), error, kept, keptText, o,
              QuestionView.of(o.question(), true), new ArrayList<>(o.response().choices()),
              QuestionView.letters(o.response().choices()), fav, null, null);
        }));
      } else if (!s.finished()) {
        return practice.question(s.currentQuestion()).compose(q -> practice.isFavourite(a, q.id()).map(fav ->
            new SessionPage(s, s.number(), error, kept, keptText, null, QuestionView.of(q, false), null, null, fav,
                null, null)));
      } else {
        return practice.sessionScore(s.id()).map(score -> new SessionPage(s, s.number(), error, kept, keptText, null,
            null, null, null, null, score[0], score[1]));
      }
    }).onSuccess(page -> views.page(ctx, "exam/practice-session.ftlh", page.s().title(), page))
        .onFailure(ctx::fail);
  }

  /**
   * A practice session's page: the question to answer; or the feedback on an answer ({@code outcome},
   * with what was {@code chosen}); or, once finished, the score. What a state does not show is null.
   */
  public record SessionPage(PracticeSession s, int number, String error, List<Integer> keptChoices, String keptText,
                            PracticeService.Outcome outcome, QuestionView q, List<Integer> chosen, String yourLetters,
                            Boolean favourite, Integer answeredCount, Integer correctCount) {
  }

  private void answer(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID sessionId = id(ctx);
    var f = ctx.request().formAttributes();
    UUID questionId = parseUuid(f.get("question"));
    Response response = responseFrom(f.getAll("choice"), f.get("text"), f.getAll("match"));
    practice.answer(a, sessionId, questionId, response)
        .onSuccess(o -> ctx.redirect("/practice/sessions/" + sessionId + "?answered=" + o.answerId()))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 409 || p.status() == 400)) {
            ctx.redirect("/practice/sessions/" + sessionId
                + (SESSION_MESSAGES.containsKey(p.code()) ? "?error=" + p.code() : ""));
          } else {
            ctx.fail(t);
          }
        });
  }

  /**
   * Toggles a favourite from a page. Sent from the answer form, it carries the answer being
   * chosen, which goes back in the address so that the page shows it still chosen.
   */
  private void toggleFavourite(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    StringBuilder back = new StringBuilder(org.qinglan.web.LocalPaths.safeLocal(f.get("back")));
    String sep = back.indexOf("?") >= 0 ? "&" : "?";
    for (String c : f.getAll("choice")) {
      if (c.strip().matches("\\d{1,2}")) {
        back.append(sep).append("choice=").append(c.strip());
        sep = "&";
      }
    }
    String text = f.get("text");
    if (text != null && !text.isBlank() && text.length() <= 500) {
      back.append(sep).append("text=").append(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
    }
    practice.toggleFavourite(Auth.account(ctx), id(ctx)).onSuccess(fav -> ctx.redirect(back.toString()))
        .onFailure(ctx::fail);
  }

  /** Messages a page may show for a code in its address: never text taken from the address itself. */
  private static final Map<String, String> HUB_MESSAGES = Map.of(
      "no_mistakes", "错题本是空的，继续保持！",
      "no_favourites", "还没有收藏的题目。",
      "no_reviews", "现在没有需要复习的题目。");
  private static final Map<String, String> SESSION_MESSAGES = Map.of(
      "no_answer", "请先选择答案。",
      "stale", "这道题已经作答过了，下面是本次练习的当前题目。",
      "exam_open", "这道题在你正在进行的模拟考试中，交卷后才能练习。");

  private static String known(Map<String, String> messages, String code) {
    return code == null ? "" : messages.getOrDefault(code, "");
  }

  private void setGoal(RoutingContext ctx) {
    String level = ctx.request().getFormAttribute("level");
    String date = ctx.request().getFormAttribute("examDate");
    LocalDate examDate;
    try {
      examDate = date == null || date.isBlank() ? null : LocalDate.parse(date.strip());
    } catch (DateTimeParseException e) {
      ctx.fail(Problem.badRequest("考试日期格式不对，应为 2027-06-12 这样的形式。"));
      return;
    }
    practice.setGoal(Auth.account(ctx), level, examDate).onSuccess(v -> ctx.redirect("/practice")).onFailure(ctx::fail);
  }

  // ---- API ----

  private void apiOverview(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    Future.all(practice.mastery(a), practice.knowledgePoints(a), practice.listSizes(a)).onSuccess(all -> {
          JsonArray chapters = new JsonArray();
          for (PracticeService.ChapterMastery m : all.<List<PracticeService.ChapterMastery>>resultAt(0)) {
            chapters.add(new JsonObject().put("level", m.level()).put("paper", m.paper()).put("chapter", m.chapter())
                .put("title", m.title()).put("questions", m.total()).put("attempted", m.attempted())
                .put("mastery", m.percent()));
          }
          JsonArray points = new JsonArray();
          for (PracticeService.KnowledgePoint p : all.<List<PracticeService.KnowledgePoint>>resultAt(1)) {
            points.add(new JsonObject().put("tag", p.tag()).put("attempted", p.attempted()).put("mastery", p.percent()));
          }
          PracticeService.ListSizes sizes = all.resultAt(2);
          Responses.json(ctx, 200, new JsonObject().put("chapters", chapters).put("knowledgePoints", points)
              .put("mistakes", sizes.mistakes()).put("favourites", sizes.favourites())
              .put("dueReviews", sizes.dueReviews()));
        }).onFailure(ctx::fail);
  }

  private void apiStart(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    startFrom(Auth.account(ctx), body.getString("mode"), body.getString("level"), body.getString("paper"),
        body.getString("chapter"), body.getBoolean("shuffle", false) ? "shuffled" : "ordered", body.getString("tag"),
        body.getValue("count") == null ? null : String.valueOf(body.getValue("count")))
        .onSuccess(s -> Responses.json(ctx, 201, sessionJson(s)))
        .onFailure(ctx::fail);
  }

  private void apiSession(RoutingContext ctx) {
    practice.session(Auth.account(ctx), id(ctx)).compose(s -> s.finished()
            ? Future.succeededFuture(sessionJson(s))
            : practice.question(s.currentQuestion()).map(q -> sessionJson(s).put("question", questionJson(QuestionView.of(q, false)))))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void apiAnswer(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    UUID questionId = parseUuid(body.getString("questionId"));
    Response response = ResponseJson.parse(body.getValue("response"));
    practice.answer(Auth.account(ctx), id(ctx), questionId, response).onSuccess(o -> Responses.json(ctx, 200,
        new JsonObject().put("answerId", o.answerId().toString()).put("correct", o.correct())
            .put("correctChoices", new JsonArray(new ArrayList<>(o.correctChoices())))
            .put("inMistakeBook", o.inMistakeBook())
            .put("question", questionJson(QuestionView.of(o.question(), true)))))
        .onFailure(ctx::fail);
  }

  static JsonObject sessionJson(PracticeSession s) {
    return new JsonObject().put("id", s.id().toString()).put("mode", s.mode().name()).put("title", s.title())
        .put("total", s.total()).put("position", s.position()).put("finished", s.finished());
  }

  static JsonObject questionJson(QuestionView q) {
    JsonArray options = new JsonArray();
    for (QuestionView.Option o : q.options()) {
      JsonObject j = new JsonObject().put("index", o.index()).put("letter", o.letter()).put("html", o.html());
      if (q.withKey()) {
        j.put("correct", o.correct());
      }
      options.add(j);
    }
    JsonObject j = new JsonObject().put("id", q.id()).put("type", q.type()).put("stemHtml", q.stemHtml())
        .put("options", options);
    if (q.matching()) {
      j.put("prompts", new JsonArray(q.prompts())).put("matchChoices", new JsonArray(q.matchChoices()));
    }
    if (q.withKey()) {
      j.put("explanationHtml", q.explanationHtml());
      if (!q.lawAsOf().isEmpty()) {
        j.put("lawAsOf", q.lawAsOf());
      }
      JsonArray rubric = new JsonArray();
      q.rubric().forEach(r -> rubric.add(new JsonObject().put("text", r.text()).put("marks", r.marks())));
      j.put("rubric", rubric);
    }
    return j;
  }

  static Response responseFrom(List<String> choices, String text, List<String> matches) {
    if (!matches.isEmpty()) {
      return Response.matches(matches);
    }
    if (text != null && !text.isBlank()) {
      if (text.length() > Response.MAX_TEXT_CHARS) {
        throw Problem.badRequest("作答不能超过 " + Response.MAX_TEXT_CHARS + " 字。");
      }
      return Response.text(text);
    }
    Set<Integer> chosen = new TreeSet<>();
    for (String c : choices) {
      try {
        int i = Integer.parseInt(c.strip());
        if (i >= 0 && i < 26) {
          chosen.add(i);
        }
      } catch (NumberFormatException e) {
        throw Problem.badRequest("选项无效：" + c);
      }
    }
    return Response.choices(chosen);
  }

  static UUID id(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }

  static UUID parseUuid(String s) {
    if (s == null) {
      throw Problem.badRequest("缺少题目编号。");
    }
    try {
      return UUID.fromString(s.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("编号无效：" + s);
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static int parseCount(String s) {
    try {
      return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("题量应为整数。");
    }
  }
}
