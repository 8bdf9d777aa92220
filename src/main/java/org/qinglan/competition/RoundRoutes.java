package org.qinglan.competition;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.Role;
import org.qinglan.platform.Admission;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Admitted;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Paging;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * The knowledge round over HTTP: the organisers' API to declare, open and close rounds and watch
 * them ({@code /api/v1/competitions/{id}/rounds}, {@code /api/v1/rounds/{id}/…}), the contestants'
 * API to sit one ({@code /api/v1/rounds/{id}/entry…}), the event stream of both, and the pages: the
 * contestant's phone page ({@code /rounds/{id}/play}), the organiser's live page
 * ({@code /rounds/{id}/live}) and the contestant's review after publication ({@code /rounds/{id}/review}).
 */
public final class RoundRoutes {
  /** The header a contestant's page sends its device id in (a random value it keeps in sessionStorage). */
  public static final String DEVICE_HEADER = "X-Qinglan-Device";
  static final Access ORGANISERS = Access.roles(CompetitionPolicy.ORGANISERS);
  static final Access CONTESTANTS = Access.roles(CompetitionPolicy.CONTESTANTS);
  static final Access WATCHERS_AND_CONTESTANTS = Access.roles(union(CompetitionPolicy.ORGANISERS,
      CompetitionPolicy.CONTESTANTS));
  /** The largest page of the standings API. */
  static final int MAX_STANDINGS_PAGE = 1000;

  private final RoundService rounds;
  private final EntryService entries;
  private final LiveRounds live;
  private final Views views;
  private final Admission heavy;

  /**
   * @param heavy admits the requests that read a whole paper (beginning or resuming an entry) a few
   *              at a time, so that answers' saves never queue behind a crowd arriving
   */
  public RoundRoutes(RoundService rounds, EntryService entries, LiveRounds live, Views views, Admission heavy) {
    this.rounds = rounds;
    this.entries = entries;
    this.live = live;
    this.views = views;
    this.heavy = heavy;
  }

  private static Set<Role> union(Set<Role> a, Set<Role> b) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  public void mount(Routes routes) {
    routes.api(HttpMethod.POST, "/api/v1/competitions/:id/rounds", ORGANISERS, this::apiDeclare);
    routes.api(HttpMethod.GET, "/api/v1/rounds/:id", WATCHERS_AND_CONTESTANTS, this::apiRound);
    routes.api(HttpMethod.PUT, "/api/v1/rounds/:id", ORGANISERS, this::apiEdit);
    routes.api(HttpMethod.DELETE, "/api/v1/rounds/:id", ORGANISERS, this::apiDelete);
    routes.api(HttpMethod.POST, "/api/v1/rounds/:id/opening", ORGANISERS, this::apiOpen);
    routes.api(HttpMethod.POST, "/api/v1/rounds/:id/closing", ORGANISERS, this::apiClose);
    routes.api(HttpMethod.GET, "/api/v1/rounds/:id/standings", ORGANISERS, this::apiStandings);
    routes.api(HttpMethod.GET, "/api/v1/rounds/:id/events", WATCHERS_AND_CONTESTANTS, this::apiEvents);
    routes.api(HttpMethod.POST, "/api/v1/rounds/:id/entry", CONTESTANTS, admitted(this::apiBegin));
    routes.api(HttpMethod.PUT, "/api/v1/rounds/:id/entry/answers/:question", CONTESTANTS, this::apiSave);
    routes.api(HttpMethod.POST, "/api/v1/rounds/:id/entry/submission", CONTESTANTS, this::apiSubmit);
    routes.api(HttpMethod.POST, "/api/v1/rounds/:id/entry/notes", CONTESTANTS, this::apiNote);

    routes.page(HttpMethod.GET, "/rounds/:id/play", CONTESTANTS, this::playPage);
    routes.page(HttpMethod.GET, "/rounds/:id/review", CONTESTANTS, this::reviewPage);
    routes.page(HttpMethod.GET, "/rounds/:id/live", ORGANISERS, this::livePage);
    routes.page(HttpMethod.POST, "/rounds/:id/opening", ORGANISERS, ctx -> liveAction(ctx, true));
    routes.page(HttpMethod.POST, "/rounds/:id/closing", ORGANISERS, ctx -> liveAction(ctx, false));
  }

  /**
   * The handler once {@code heavy} admits the request; an answer's save passes without: it must
   * not wait behind a morning's (or a round's) whole papers.
   */
  private Handler<RoutingContext> admitted(Handler<RoutingContext> handler) {
    return Admitted.by(heavy, handler);
  }

  static UUID id(RoutingContext ctx, String param) {
    try {
      return UUID.fromString(ctx.pathParam(param));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.notFound();
    }
  }

  private static UUID roundId(RoutingContext ctx) {
    return id(ctx, "id");
  }

  // ---- organisers' API ----

  private void apiDeclare(RoutingContext ctx) {
    UUID competitionId = id(ctx, "id");
    rounds.declare(Auth.account(ctx), competitionId, plan(ctx))
        .onSuccess(r -> Responses.json(ctx, 201, RoundJson.of(r, true))).onFailure(ctx::fail);
  }

  private static RoundPlan plan(RoutingContext ctx) {
    RoundJson.Parsed parsed = RoundJson.parse(JsonBody.object(ctx));
    if (!parsed.ok()) {
      List<String> details = new ArrayList<>();
      parsed.problems().forEach((field, message) -> details.add(field + "：" + message));
      throw new Problem(400, "invalid_round", "轮次设置有误：" + details.get(0), details);
    }
    return parsed.plan();
  }

  private void apiEdit(RoutingContext ctx) {
    UUID roundId = roundId(ctx);
    rounds.edit(Auth.account(ctx), roundId, plan(ctx))
        .onSuccess(r -> Responses.json(ctx, 200, RoundJson.of(r, true))).onFailure(ctx::fail);
  }

  private void apiDelete(RoutingContext ctx) {
    rounds.delete(Auth.account(ctx), roundId(ctx)).onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void apiRound(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    rounds.visible(a, roundId(ctx)).compose(f -> rounds.may(a, CompetitionPolicy.Action.MANAGE, f.competition())
            .map(manages -> RoundJson.of(f.round(), manages).put("competition", new JsonObject()
                .put("id", f.competition().id().toString()).put("title", f.competition().title())
                .put("stage", f.competition().stage().name()))))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void apiOpen(RoutingContext ctx) {
    rounds.open(Auth.account(ctx), roundId(ctx)).onSuccess(r -> Responses.json(ctx, 200, RoundJson.of(r, true)))
        .onFailure(ctx::fail);
  }

  private void apiClose(RoutingContext ctx) {
    rounds.close(Auth.account(ctx), roundId(ctx)).onSuccess(r -> Responses.json(ctx, 200, RoundJson.of(r, true)))
        .onFailure(ctx::fail);
  }

  private void apiStandings(RoutingContext ctx) {
    int page = Paging.page(ctx);
    int size = Paging.size(ctx, LiveRounds.TOP, MAX_STANDINGS_PAGE);
    live.standings(Auth.account(ctx), roundId(ctx))
        .onSuccess(v -> Responses.json(ctx, 200, LiveRounds.standingsJson(v, page, size))).onFailure(ctx::fail);
  }

  /** Server-Sent Events; a contestant's page names its device in the query ({@code ?device=}), as EventSource sends no headers. */
  private void apiEvents(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    String device = ctx.request().getParam("device");
    live.viewer(a, roundId(ctx)).onSuccess(viewer -> live.attach(ctx.response(), a, viewer, device))
        .onFailure(ctx::fail);
  }

  // ---- contestants' API ----

  private void apiBegin(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    entries.begin(a, roundId(ctx), ctx.request().getHeader(DEVICE_HEADER))
        .onSuccess(s -> Responses.json(ctx, 200, sittingJson(s, a.id()))).onFailure(ctx::fail);
  }

  private void apiSave(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    UUID questionId;
    try {
      questionId = UUID.fromString(ctx.pathParam("question"));
    } catch (IllegalArgumentException e) {
      ctx.fail(new Problem(400, "not_in_paper", "题目编号无效。"));
      return;
    }
    Object seqValue = body.getValue("seq");
    if (!(seqValue instanceof Integer || seqValue instanceof Long) || ((Number) seqValue).longValue() < 0) {
      ctx.fail(Problem.badRequest("seq 应为递增的非负整数。"));
      return;
    }
    List<Integer> shown = new ArrayList<>();
    if (!(body.getValue("response") instanceof JsonObject response)
        || !(response.getValue("choices") instanceof JsonArray choices)) {
      ctx.fail(Problem.badRequest("response 应为 {\"choices\":[所选选项的序号]}。"));
      return;
    }
    for (Object c : choices) {
      if (!(c instanceof Integer i)) {
        ctx.fail(Problem.badRequest("choices 应为选项序号（从 0 开始的整数）的列表。"));
        return;
      }
      shown.add(i);
    }
    long seq = ((Number) seqValue).longValue();
    entries.save(Auth.account(ctx), roundId(ctx), questionId, ctx.request().getHeader(DEVICE_HEADER), seq, shown)
        .onSuccess(saved -> {
          JsonObject out = new JsonObject().put("saved", saved.stored()).put("seq", saved.seq());
          if (saved.superseded()) {
            out.put("superseded", true).put("message", "这道题已有更新的作答（序号 " + saved.seq() + "），本次较早的作答没有覆盖它。");
          }
          Responses.json(ctx, 200, out);
        })
        .onFailure(ctx::fail);
  }

  private void apiSubmit(RoutingContext ctx) {
    entries.submit(Auth.account(ctx), roundId(ctx), ctx.request().getHeader(DEVICE_HEADER))
        .onSuccess(e -> Responses.json(ctx, 200, entryJson(e))).onFailure(ctx::fail);
  }

  private void apiNote(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    entries.note(Auth.account(ctx), roundId(ctx), ctx.request().getHeader(DEVICE_HEADER), body.getValue("kind") instanceof String s ? s : null)
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("recorded", true))).onFailure(ctx::fail);
  }

  /**
   * The paper as this contestant sees it: the options in their shuffled order, never a key or an
   * explanation; the answers saved so far (as shown positions) and the seq to count on from.
   */
  static JsonObject sittingJson(EntryService.Sitting s, UUID accountId) {
    JsonObject out = new JsonObject().put("round", RoundJson.of(s.round(), false))
        .put("competition", new JsonObject().put("id", s.competition().id().toString())
            .put("title", s.competition().title()))
        .put("entry", entryJson(s.entry())).put("seq", s.maxSeq());
    if (!s.entry().open()) {
      return out;
    }
    Map<UUID, RoundStore.SavedAnswer> saved = new HashMap<>();
    s.answers().forEach(x -> saved.put(x.questionId(), x));
    JsonArray questions = new JsonArray();
    JsonObject answers = new JsonObject();
    for (Paper.Item item : s.paper().items()) {
      OptionShuffle shuffle = item.shuffle(s.round().id(), accountId);
      JsonArray options = new JsonArray();
      for (int shown = 0; shown < item.optionsHtml().size(); shown++) {
        options.add(new JsonObject().put("index", shown).put("letter", String.valueOf((char) ('A' + shown)))
            .put("html", item.optionsHtml().get(shuffle.storedIndex(shown))));
      }
      questions.add(new JsonObject().put("id", item.questionId().toString()).put("position", item.position())
          .put("type", item.type().key()).put("typeLabel", item.type().label()).put("marks", item.marks())
          .put("stemHtml", item.stemHtml()).put("options", options));
      RoundStore.SavedAnswer a = saved.get(item.questionId());
      if (a != null) {
        answers.put(item.questionId().toString(), new JsonObject().put("seq", a.seq())
            .put("choices", new JsonArray(new ArrayList<>(shuffle.toShown(a.choices())))));
      }
    }
    return out.put("questionSeconds", s.paper().allowance().toMillis() / 1000.0).put("questions", questions)
        .put("answers", answers);
  }

  static JsonObject entryJson(RoundStore.Entry e) {
    Instant now = Instant.now();
    JsonObject j = new JsonObject().put("id", e.id().toString()).put("startedAt", e.startedAt().toString())
        .put("deadline", e.deadline().toString()).put("serverTime", now.toString())
        .put("secondsLeft", e.open() ? Math.max(0, Duration.between(now, e.deadline()).toSeconds()) : 0)
        .put("submitted", !e.open()).put("takeovers", e.takeovers());
    if (!e.open()) {
      j.put("submittedAt", e.submittedAt().toString()).put("autoSubmitted", e.autoSubmitted());
    }
    return j;
  }

  // ---- pages ----

  /** The contestant's phone page: its script begins the entry and runs the paper. */
  public record PlayPage(Round round, String competitionTitle) {
  }

  private void playPage(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    rounds.facts(roundId(ctx)).compose(f -> rounds.require(a, CompetitionPolicy.Action.ENTER, f.competition()).map(f))
        .onSuccess(f -> views.page(ctx, "competition/play.ftlh", f.round().title(),
            new PlayPage(f.round(), f.competition().title())))
        .onFailure(ctx::fail);
  }

  /** The organiser's live page: the round, the standings as they stood, open and close buttons, an error. */
  public record LivePage(Round round, String competitionTitle, String stage, LiveRounds.View standings,
                         boolean mayOpen, boolean mayClose, String error) {
  }

  private void livePage(RoutingContext ctx) {
    showLive(ctx, Auth.account(ctx), roundId(ctx), null, 200);
  }

  private void showLive(RoutingContext ctx, Account a, UUID roundId, String error, int status) {
    live.standings(a, roundId).compose(v -> rounds.facts(roundId).map(f -> new LivePage(f.round(),
            f.competition().title(), f.competition().stage().label(), v, f.round().knowledge()
            && f.round().state() == RoundState.PLANNED, f.round().state() == RoundState.OPEN, error)))
        .onSuccess(p -> views.page(ctx, status, "competition/live.ftlh", p.round().title() + " · 实时赛况", p))
        .onFailure(ctx::fail);
  }

  private void liveAction(RoutingContext ctx, boolean open) {
    Account a = Auth.account(ctx);
    UUID roundId = roundId(ctx);
    (open ? rounds.open(a, roundId) : rounds.close(a, roundId))
        .onSuccess(r -> ctx.redirect("/rounds/" + roundId + "/live"))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 409) {
            showLive(ctx, a, roundId, p.getMessage(), 409);
          } else {
            ctx.fail(t);
          }
        });
  }

  /** One question of the review: as the contestant saw it, with their answer and the key. */
  public record ReviewItem(int n, String typeLabel, double marks, double earned, String stemHtml,
                           List<ReviewOption> options, String yourLetters, String keyLetters, String explanationHtml,
                           String lawAsOf) {
  }

  /** An option in the order the contestant saw it. */
  public record ReviewOption(String letter, String html, boolean chosen, boolean correct) {
  }

  /** The review page. */
  public record ReviewPage(Round round, String competitionTitle, RoundStore.Entry entry, RoundStore.Result result,
                           List<ReviewItem> items) {
  }

  private void reviewPage(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    entries.review(a, roundId(ctx)).map(r -> {
      Map<UUID, RoundStore.SavedAnswer> saved = new HashMap<>();
      r.answers().forEach(x -> saved.put(x.questionId(), x));
      List<ReviewItem> items = new ArrayList<>();
      for (Paper.Item item : r.paper().items()) {
        OptionShuffle shuffle = item.shuffle(r.round().id(), a.id());
        RoundStore.SavedAnswer answer = saved.get(item.questionId());
        Set<Integer> chosen = answer == null ? Set.of() : answer.choices();
        List<ReviewOption> options = new ArrayList<>();
        StringBuilder yours = new StringBuilder();
        StringBuilder key = new StringBuilder();
        for (int shown = 0; shown < item.optionsHtml().size(); shown++) {
          int stored = shuffle.storedIndex(shown);
          String letter = String.valueOf((char) ('A' + shown));
          boolean isChosen = chosen.contains(stored);
          boolean correct = item.key().contains(stored);
          options.add(new ReviewOption(letter, item.optionsHtml().get(stored), isChosen, correct));
          if (isChosen) {
            yours.append(letter);
          }
          if (correct) {
            key.append(letter);
          }
        }
        items.add(new ReviewItem(item.position(), item.type().label(), item.marks(), item.earned(chosen),
            item.stemHtml(), options, yours.toString(), key.toString(), item.explanationHtml(), item.lawAsOf()));
      }
      return new ReviewPage(r.round(), r.competition().title(), r.entry(), r.result(), items);
    }).onSuccess(p -> views.page(ctx, "competition/review.ftlh", p.round().title() + " · 答题解析", p))
        .onFailure(ctx::fail);
  }
}
