package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.qinglan.competition.CompetitionService.Overview;
import org.qinglan.competition.CompetitionService.ResultsView;
import org.qinglan.competition.CompetitionService.TrailEntry;
import org.qinglan.competition.CompetitionStore.Competition;
import org.qinglan.course.QrSvg;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.PostCategory;
import org.qinglan.people.Role;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.CsvExport;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Paging;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * Competitions over HTTP: the organisers' desktop pages (their competitions, the set-up form, a
 * competition's overview with its stages, entrants, quotas, teams, rounds, publication, exports
 * and audit trail; the nomination page of lower units), the workers' phone pages (competitions
 * open to them, a competition's page with registration, their result and certificate), the
 * results page, and the JSON API under {@code /api/v1/competitions}. Rounds themselves
 * ({@code /rounds/…}) are the knowledge round's routes.
 */
public final class CompetitionRoutes {
  static final Access ORGANISERS = Access.roles(CompetitionPolicy.ORGANISERS);
  static final Access CONTESTANTS = Access.roles(CompetitionPolicy.CONTESTANTS);
  /** Registering: contestants for themselves, organisers for those they nominate. */
  static final Access ENTRANTS = Access.roles(Role.WORKER, Role.MENTOR, Role.ORGANISER, Role.ADMIN);
  static final int REGISTRATIONS_PAGE = 50;
  static final int RESULTS_PAGE = 100;
  static final int MAX_API_PAGE = 500;
  /** What a redirect after a change says on the next page (the query names one of these, nothing else). */
  private static final Map<String, String> DONE = Map.ofEntries(
      Map.entry("created", "比赛已创建（草稿）。设置好报名时间后即可开始报名。"),
      Map.entry("saved", "比赛设置已保存。"),
      Map.entry("window", "报名时间已保存。"),
      Map.entry("quotas", "推荐名额已保存。"),
      Map.entry("teams", "队伍已保存。"),
      Map.entry("stage", "比赛阶段已更改。"),
      Map.entry("round", "轮次已添加。"),
      Map.entry("published", "成绩已发布，获奖证书已颁发。"),
      Map.entry("withdrawn", "已退出报名。"),
      Map.entry("registered", "报名成功。"),
      Map.entry("nominated", "推荐成功。"));

  private final CompetitionService competitions;
  private final RoundService rounds;
  private final Views views;
  private final Supplier<String> publicUrl;

  /**
   * @param rounds    the knowledge round's service: the overview's form declares rounds through it, as the API does
   * @param publicUrl the configured public URL, the root of certificate verification links
   */
  public CompetitionRoutes(CompetitionService competitions, RoundService rounds, Views views,
                           Supplier<String> publicUrl) {
    this.competitions = competitions;
    this.rounds = rounds;
    this.views = views;
    this.publicUrl = publicUrl;
  }

  public void mount(Routes routes) {
    // Literal paths before /competitions/:id.
    routes.page(HttpMethod.GET, "/competitions", Access.signedIn(), this::listPage);
    routes.page(HttpMethod.GET, "/competitions/manage", ORGANISERS, this::managePage);
    routes.page(HttpMethod.GET, "/competitions/new", ORGANISERS, ctx -> newPage(ctx, 200, null, List.of()));
    routes.page(HttpMethod.POST, "/competitions", ORGANISERS, this::createForm);
    routes.page(HttpMethod.GET, "/competitions/:id", Access.signedIn(), ctx -> competitionPage(ctx, 200, null, List.of()));
    routes.page(HttpMethod.POST, "/competitions/:id/registration", CONTESTANTS, this::registerForm);
    routes.page(HttpMethod.POST, "/competitions/:id/withdrawal", CONTESTANTS, this::withdrawForm);
    routes.page(HttpMethod.GET, "/competitions/:id/certificate", Access.signedIn(), this::certificatePage);
    routes.page(HttpMethod.GET, "/competitions/:id/results", Access.signedIn(), this::resultsPage);
    routes.page(HttpMethod.GET, "/competitions/:id/results.csv", ORGANISERS, this::resultsCsv);
    routes.page(HttpMethod.GET, "/competitions/:id/audit.csv", ORGANISERS, this::auditCsv);
    routes.page(HttpMethod.GET, "/competitions/:id/manage", ORGANISERS, ctx -> overviewPage(ctx, 200, null, List.of()));
    routes.page(HttpMethod.GET, "/competitions/:id/edit", ORGANISERS, ctx -> editPage(ctx, 200, null, List.of()));
    routes.page(HttpMethod.POST, "/competitions/:id/edit", ORGANISERS, this::editForm);
    routes.page(HttpMethod.POST, "/competitions/:id/stage", ORGANISERS, this::stageForm);
    routes.page(HttpMethod.POST, "/competitions/:id/rounds", ORGANISERS, this::roundForm);
    routes.page(HttpMethod.POST, "/competitions/:id/window", ORGANISERS, this::windowForm);
    routes.page(HttpMethod.POST, "/competitions/:id/quotas", ORGANISERS, this::quotasForm);
    routes.page(HttpMethod.POST, "/competitions/:id/teams", ORGANISERS, this::teamsForm);
    routes.page(HttpMethod.POST, "/competitions/:id/teams/members", ORGANISERS, this::teamMembersForm);
    routes.page(HttpMethod.POST, "/competitions/:id/publication", ORGANISERS, this::publishForm);
    routes.page(HttpMethod.POST, "/competitions/:id/registrations/:account/withdrawal", ORGANISERS,
        this::withdrawOtherForm);
    routes.page(HttpMethod.GET, "/competitions/:id/nominations", ORGANISERS, ctx -> nominationPage(ctx, 200, null,
        List.of()));
    routes.page(HttpMethod.POST, "/competitions/:id/nominations", ORGANISERS, this::nominateForm);

    routes.api(HttpMethod.POST, "/api/v1/competitions", ORGANISERS, this::apiCreate);
    routes.api(HttpMethod.GET, "/api/v1/competitions/:id", Access.signedIn(), this::apiGet);
    routes.api(HttpMethod.PUT, "/api/v1/competitions/:id", ORGANISERS, this::apiUpdate);
    routes.api(HttpMethod.PUT, "/api/v1/competitions/:id/window", ORGANISERS, this::apiWindow);
    routes.api(HttpMethod.PUT, "/api/v1/competitions/:id/quotas", ORGANISERS, this::apiQuotas);
    routes.api(HttpMethod.PUT, "/api/v1/competitions/:id/teams", ORGANISERS, this::apiTeams);
    routes.api(HttpMethod.POST, "/api/v1/competitions/:id/stage", ORGANISERS, this::apiStage);
    routes.api(HttpMethod.GET, "/api/v1/competitions/:id/registrations", ORGANISERS, this::apiRegistrations);
    routes.api(HttpMethod.POST, "/api/v1/competitions/:id/registrations", ENTRANTS, this::apiRegister);
    routes.api(HttpMethod.POST, "/api/v1/competitions/:id/registrations/:account/withdrawal", Access.signedIn(),
        this::apiWithdraw);
    routes.api(HttpMethod.POST, "/api/v1/competitions/:id/results/publication", ORGANISERS, this::apiPublish);
    routes.api(HttpMethod.GET, "/api/v1/competitions/:id/results", Access.signedIn(), this::apiResults);
  }

  // ---- the JSON API ----

  private void apiCreate(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    CompetitionJson.Parsed<CompetitionSetup> p = CompetitionJson.setup(JsonBody.object(ctx), competitions.zone(),
        a.orgUnit() == null ? null : a.orgUnit().id(), LocalDate.now(competitions.zone()).getYear());
    competitions.create(a, p.value(), p.problems()).compose(c -> competitions.overview(a, c.id()))
        .onSuccess(o -> {
          ctx.response().putHeader("Location", "/api/v1/competitions/" + o.c().id());
          Responses.json(ctx, 201, CompetitionJson.overview(o));
        }).onFailure(ctx::fail);
  }

  private void apiGet(RoutingContext ctx) {
    competitions.overview(Auth.account(ctx), id(ctx))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  /** The whole set-up again (draft only); a missing running unit stays the stored one. */
  private void apiUpdate(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    JsonObject body = JsonBody.object(ctx);
    Object version = body.getValue("version");
    competitions.setupOf(a, id).compose(before -> {
      List<String> versionProblem = version == null || version instanceof Number ? List.of() : List.of("version：应为整数");
      CompetitionJson.Parsed<CompetitionSetup> p = CompetitionJson.setup(body, competitions.zone(), before.orgUnitId(),
          before.year());
      List<String> problems = new ArrayList<>(versionProblem);
      problems.addAll(p.problems());
      return competitions.update(a, id, p.value(), problems, version instanceof Number n ? n.intValue() : null);
    }).compose(c -> competitions.overview(a, id))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  private void apiWindow(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    CompetitionJson.Parsed<Instant[]> p = CompetitionJson.window(JsonBody.object(ctx), competitions.zone());
    competitions.setWindow(a, id, p.value()[0], p.value()[1], p.problems()).compose(c -> competitions.overview(a, id))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  private void apiQuotas(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    CompetitionJson.Parsed<List<CompetitionSetup.Quota>> p = CompetitionJson.quotas(JsonBody.object(ctx),
        competitions.zone());
    competitions.setQuotas(a, id, p.value(), p.problems()).compose(q -> competitions.overview(a, id))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  private void apiTeams(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    CompetitionJson.Parsed<List<CompetitionJson.CustomTeam>> p = CompetitionJson.teams(JsonBody.object(ctx),
        competitions.zone());
    competitions.setTeams(a, id, p.value(), p.problems()).compose(t -> competitions.overview(a, id))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  private void apiStage(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    CompetitionStage to = stage(JsonBody.object(ctx).getValue("to"));
    competitions.moveStage(a, id, to).compose(c -> competitions.overview(a, id))
        .onSuccess(o -> Responses.json(ctx, 200, CompetitionJson.overview(o))).onFailure(ctx::fail);
  }

  private void apiRegistrations(RoutingContext ctx) {
    competitions.registrations(Auth.account(ctx), id(ctx), Paging.page(ctx), Paging.size(ctx, 100, MAX_API_PAGE))
        .onSuccess(p -> {
          JsonArray items = new JsonArray();
          p.items().forEach(r -> items.add(CompetitionJson.registrationView(r)));
          Responses.json(ctx, 200, new JsonObject().put("page", p.page()).put("size", p.size()).put("total", p.total())
              .put("items", items));
        }).onFailure(ctx::fail);
  }

  /** {@code {}}: the signed-in worker registers; {@code {"accountId":…,"quotaUnitId"?:…}}: an organiser nominates. */
  private void apiRegister(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    JsonObject body = JsonBody.object(ctx);
    Future<CompetitionStore.Registration> done;
    if (body.getValue("accountId") == null) {
      if (!a.hasAny(CompetitionPolicy.CONTESTANTS)) {
        throw Problem.badRequest("请更正以下问题。", List.of("accountId：请给出被推荐学员的账号编号"));
      }
      done = competitions.register(a, id);
    } else {
      UUID account = body.getValue("accountId") instanceof String s ? CompetitionJson.parseUuid(s) : null;
      Object quota = body.getValue("quotaUnitId");
      UUID quotaUnit = quota instanceof String s ? CompetitionJson.parseUuid(s) : null;
      List<String> problems = new ArrayList<>();
      if (account == null) {
        problems.add("accountId：不是有效的编号");
      }
      if (quota != null && quotaUnit == null) {
        problems.add("quotaUnitId：不是有效的编号");
      }
      if (!problems.isEmpty()) {
        throw Problem.badRequest("请更正以下问题。", problems);
      }
      done = competitions.nominate(a, id, account, quotaUnit);
    }
    done.onSuccess(r -> Responses.json(ctx, 201, CompetitionJson.registration(r))).onFailure(ctx::fail);
  }

  private void apiWithdraw(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    competitions.withdraw(a, id(ctx), account(ctx, a))
        .onSuccess(r -> Responses.json(ctx, 200, CompetitionJson.registration(r))).onFailure(ctx::fail);
  }

  private void apiPublish(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    competitions.publish(a, id(ctx)).onSuccess(p -> Responses.json(ctx, 200, new JsonObject()
        .put("competition", CompetitionJson.competition(p.c(), null)).put("round", CompetitionJson.round(p.round()))
        .put("awards", p.awards()).put("kept", p.kept()).put("withdrawn", p.withdrawn()))).onFailure(ctx::fail);
  }

  private void apiResults(RoutingContext ctx) {
    competitions.results(Auth.account(ctx), id(ctx), round(ctx), Paging.page(ctx), Paging.size(ctx, 100, MAX_API_PAGE))
        .onSuccess(v -> Responses.json(ctx, 200, CompetitionJson.results(v))).onFailure(ctx::fail);
  }

  // ---- the workers' pages ----

  /** The competitions open to the viewer (phone). */
  public record ListPage(List<CompetitionService.Listed> competitions, boolean organiser) {
  }

  private void listPage(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    competitions.openToMe(a).onSuccess(list -> views.page(ctx, "competition/list.ftlh", "技能比武",
        new ListPage(list, a.hasAny(CompetitionPolicy.ORGANISERS)))).onFailure(ctx::fail);
  }

  /** A competition's page (phone): its rules, the viewer's registration, result, award and the rounds. */
  public record CompetitionPage(Overview o, String done, String error, List<String> details) {
  }

  private void competitionPage(RoutingContext ctx, int status, String error, List<String> details) {
    competitions.overview(Auth.account(ctx), id(ctx)).onSuccess(o -> views.page(ctx, status,
        "competition/competition.ftlh", o.c().title(), new CompetitionPage(o, done(ctx), error, details)))
        .onFailure(ctx::fail);
  }

  private void registerForm(RoutingContext ctx) {
    UUID id = id(ctx);
    competitions.register(Auth.account(ctx), id).onSuccess(r -> ctx.redirect("/competitions/" + id + "?done=registered"))
        .onFailure(t -> refused(ctx, t, (status, p) -> competitionPage(ctx, status, p.getMessage(), p.details())));
  }

  private void withdrawForm(RoutingContext ctx) {
    UUID id = id(ctx);
    Account a = Auth.account(ctx);
    competitions.withdraw(a, id, a.id()).onSuccess(r -> ctx.redirect("/competitions/" + id + "?done=withdrawn"))
        .onFailure(t -> refused(ctx, t, (status, p) -> competitionPage(ctx, status, p.getMessage(), p.details())));
  }

  /** An award's certificate as its holder prints it, with its verification link as a QR code. */
  public record CertificatePage(CompetitionService.CertificateView cert, String date, String qrSvg, String verifyUrl) {
  }

  private void certificatePage(RoutingContext ctx) {
    competitions.certificate(Auth.account(ctx), id(ctx)).onSuccess(c -> {
      // A link that leaves the site: the configured public URL, never the request's Host header.
      String verifyUrl = publicUrl.get() + "/verify/" + c.award().code();
      views.page(ctx, "competition/certificate.ftlh", "获奖证书", new CertificatePage(c,
          views.times().longDate(c.award().issuedAt()), QrSvg.of(verifyUrl), verifyUrl));
    }).onFailure(ctx::fail);
  }

  /** The results page: the results, and the query string of its pager (the round chosen). */
  public record ResultsPage(ResultsView v, String roundQuery) {
  }

  private void resultsPage(RoutingContext ctx) {
    UUID round = round(ctx);
    competitions.results(Auth.account(ctx), id(ctx), round, Paging.page(ctx), RESULTS_PAGE)
        .onSuccess(v -> views.page(ctx, "competition/results.ftlh", v.c().title() + " · 成绩", new ResultsPage(v,
            round == null ? "" : "round=" + round + "&"))).onFailure(ctx::fail);
  }

  // ---- exports ----

  private void resultsCsv(RoutingContext ctx) {
    competitions.results(Auth.account(ctx), id(ctx), round(ctx), 1, 0).onSuccess(v -> {
      if (!v.can().watch()) {
        ctx.fail(Problem.forbidden());
        return;
      }
      List<List<Object>> rows = new ArrayList<>();
      v.individuals().items().forEach(i -> rows.add(List.of(i.rank(), i.tied() ? "是" : "", i.name(), i.unitName(),
          i.teamName(), points(i.points()), i.correct(), String.format(java.util.Locale.ROOT, "%.1f", i.totalMs() / 1000.0),
          i.awardLabel(), i.advances() ? "是" : "")));
      String round = v.round() == null ? "" : v.round().title();
      CsvExport.send(ctx, "competition-results.csv", v.c().title() + (round.isEmpty() ? "" : "-" + round) + "-成绩.csv",
          CsvExport.text(List.of("名次", "并列", "姓名", "单位", "队伍", "得分", "答对题数", "用时（秒）", "奖项", "晋级"), rows));
    }).onFailure(ctx::fail);
  }

  private void auditCsv(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    Future.all(competitions.overview(a, id), competitions.trail(a, id)).onSuccess(all -> {
      Overview o = all.resultAt(0);
      List<TrailEntry> trail = all.resultAt(1);
      List<List<Object>> rows = new ArrayList<>();
      trail.forEach(e -> rows.add(List.of(views.times().dateTime(e.at()), e.actorName(), e.label(), e.summary())));
      CsvExport.send(ctx, "competition-audit.csv", o.c().title() + "-操作记录.csv",
          CsvExport.text(List.of("时间", "操作人", "操作", "内容"), rows));
    }).onFailure(ctx::fail);
  }

  // ---- the organisers' pages ----

  /** An organiser's competitions. */
  public record ManagePage(CompetitionService.ManageList list) {
  }

  private void managePage(RoutingContext ctx) {
    competitions.manageList(Auth.account(ctx)).onSuccess(l -> views.page(ctx, "competition/manage.ftlh", "比赛管理",
        new ManagePage(l))).onFailure(ctx::fail);
  }

  /**
   * The set-up form (new or edit): the values shown, the units offered, post categories, and the
   * problems of a refused save.
   *
   * @param id null for a new competition
   */
  public record FormPage(UUID id, String title, CompetitionForm.Values form, List<OrgUnitService.TreeRow> units,
                         List<PostCategory> posts, String error, List<String> problems) {
  }

  private void newPage(RoutingContext ctx, int status, CompetitionForm.Values typed, List<String> problems) {
    Account a = Auth.account(ctx);
    Future.all(competitions.unitsFor(a), competitions.postCategories()).onSuccess(all -> {
      Map<String, PostCategory> posts = all.resultAt(1);
      CompetitionForm.Values values = typed != null ? typed : CompetitionForm.defaults(a.orgUnit() == null ? null
          : a.orgUnit().id(), LocalDate.now(competitions.zone()).getYear());
      views.page(ctx, status, "competition/form.ftlh", "新建比赛", new FormPage(null, "新建比赛", values,
          all.resultAt(0), List.copyOf(posts.values()), problems.isEmpty() ? null : "请更正以下问题。", problems));
    }).onFailure(ctx::fail);
  }

  private void createForm(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    MultiMap form = ctx.request().formAttributes();
    CompetitionForm.Values typed = CompetitionForm.Values.of(form);
    CompetitionJson.Parsed<CompetitionSetup> p = CompetitionJson.setup(CompetitionForm.json(form, List.of()),
        competitions.zone(), null, LocalDate.now(competitions.zone()).getYear());
    competitions.create(a, p.value(), p.problems())
        .onSuccess(c -> ctx.redirect("/competitions/" + c.id() + "/manage?done=created"))
        .onFailure(t -> refused(ctx, t, (status, problem) -> newPage(ctx, status, typed, details(problem))));
  }

  private void editPage(RoutingContext ctx, int status, CompetitionForm.Values typed, List<String> problems) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    Future.all(competitions.setupOf(a, id), competitions.unitsFor(a), competitions.postCategories(),
        competitions.overview(a, id)).onSuccess(all -> {
          CompetitionSetup setup = all.resultAt(0);
          Map<String, PostCategory> posts = all.resultAt(2);
          Overview o = all.resultAt(3);
          CompetitionForm.Values values = typed != null ? typed
              : CompetitionForm.Values.of(setup, o.c().version(), competitions.zone());
          views.page(ctx, status, "competition/form.ftlh", "修改比赛设置", new FormPage(id, o.c().title(), values,
              all.resultAt(1), List.copyOf(posts.values()), problems.isEmpty() ? null : "请更正以下问题。", problems));
        }).onFailure(ctx::fail);
  }

  private void editForm(RoutingContext ctx) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    MultiMap form = ctx.request().formAttributes();
    CompetitionForm.Values typed = CompetitionForm.Values.of(form);
    Integer version = CompetitionForm.integer(form.get("version"));
    // The form leaves quotas to the overview page: the stored ones are kept.
    competitions.setupOf(a, id).compose(before -> {
      CompetitionJson.Parsed<CompetitionSetup> p = CompetitionJson.setup(CompetitionForm.json(form, before.quotas()),
          competitions.zone(), null, LocalDate.now(competitions.zone()).getYear());
      return competitions.update(a, id, p.value(), p.problems(), version);
    }).onSuccess(c -> ctx.redirect("/competitions/" + id + "/manage?done=saved"))
        .onFailure(t -> refused(ctx, t, (status, problem) -> editPage(ctx, status, typed, details(problem))));
  }

  /**
   * A competition's overview for those who manage it: everything of {@link Overview}, a page of
   * registrations, the units a quota may go to, the custom teams' lists, and the audit trail.
   */
  public record OverviewPage(Overview o, Page<CompetitionService.RegistrationView> registrations,
                             List<OrgUnitService.TreeRow> lowerUnits, Map<String, Integer> quotaPlaces,
                             List<TeamChoice> teamChoices, List<TrailEntry> trail, String done, String error,
                             List<String> details, String opens, String closes, boolean editable,
                             boolean windowEditable, List<RoundLine> roundLines, CompetitionForm.Values roundForm,
                             Map<String, String> roundErrors, List<QuestionCatalog.ChoiceBlueprint> blueprints) {
  }

  /**
   * A round as the overview lists it: what it is, its rule in short (for a knowledge round its
   * scoring, tie-break, timing and questions; who advances) and its state.
   */
  public record RoundLine(UUID id, int position, String title, String kind, String rule, String state,
                          boolean knowledge) {
    static RoundLine of(CompetitionStore.Round r) {
      List<String> rule = new ArrayList<>();
      boolean knowledge = RoundKind.KNOWLEDGE.name().equals(r.kind());
      if (knowledge) {
        if (r.scoring() != null) {
          rule.add(r.scoring().label());
        }
        if (r.tieBreak() != null) {
          rule.add("同分" + r.tieBreak().label());
        }
        if (r.timing() != null) {
          rule.add(RoundTiming.valueOf(r.timing()).label() + (r.minutes() == null ? "" : "，每人 " + r.minutes() + " 分钟"));
        }
        if (r.questions() > 0) {
          rule.add(r.questions() + " 题");
        }
      }
      JsonObject adv = r.advancement();
      if (adv == null) {
        rule.add("不设晋级");
      } else {
        int value = adv.getInteger("value", 0);
        rule.add(switch (adv.getString("kind", "")) {
          case "TOP_N" -> "前 " + value + " 名晋级";
          case "TOP_SHARE" -> "前 " + value + "% 晋级";
          case "QUOTA_PER_TEAM" -> "每队 " + value + " 名晋级";
          default -> "晋级方式未知";
        });
      }
      return new RoundLine(r.id(), r.position(), r.title(), RoundKind.valueOf(r.kind()).label(), String.join(" · ", rule),
          RoundState.valueOf(r.state()).label(), knowledge);
    }
  }

  /** A custom team as the registrations' selects offer it. */
  public record TeamChoice(String key, String name) {
  }

  private void overviewPage(RoutingContext ctx, int status, String error, List<String> details) {
    overviewPage(ctx, status, error, details, null, Map.of());
  }

  /**
   * @param roundForm   the round form as typed (null: its defaults)
   * @param roundErrors the round form's problems by field ({@link RoundForm#bySlot})
   */
  private void overviewPage(RoutingContext ctx, int status, String error, List<String> details,
                            CompetitionForm.Values roundForm, Map<String, String> roundErrors) {
    Account a = Auth.account(ctx);
    UUID id = id(ctx);
    int page = Paging.page(ctx);
    competitions.overview(a, id).compose(o -> {
      if (!o.can().manage()) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Future.all(competitions.registrations(a, id, page, REGISTRATIONS_PAGE), competitions.lowerUnits(a, id),
          competitions.trail(a, id)).map(all -> {
            Map<String, Integer> places = new java.util.HashMap<>();
            o.quotas().forEach(q -> places.put(q.unitId().toString(), q.places()));
            List<TeamChoice> choices = o.c().teamBasis() == TeamBasis.CUSTOM ? o.teams().stream()
                .map(t -> new TeamChoice(t.key(), t.name())).toList() : List.of();
            Competition c = o.c();
            boolean open = c.stage() == CompetitionStage.DRAFT || c.stage() == CompetitionStage.REGISTRATION;
            List<QuestionCatalog.ChoiceBlueprint> blueprints = rounds.choiceBlueprints();
            return new OverviewPage(o, all.resultAt(0), all.resultAt(1), places, choices, all.resultAt(2), done(ctx),
                error, details, CompetitionForm.local(c.registrationOpens(), competitions.zone()),
                CompetitionForm.local(c.registrationCloses(), competitions.zone()), c.stage() == CompetitionStage.DRAFT,
                open, o.rounds().stream().map(RoundLine::of).toList(), roundForm != null ? roundForm
                : RoundForm.defaults(blueprints.isEmpty() ? null : blueprints.get(0).id()), roundErrors, blueprints);
          });
    }).onSuccess(p -> views.page(ctx, status, "competition/overview.ftlh", p.o().c().title(), p)).onFailure(ctx::fail);
  }

  private void stageForm(RoutingContext ctx) {
    UUID id = id(ctx);
    CompetitionStage to;
    try {
      to = stage(ctx.request().getFormAttribute("to"));
    } catch (Problem p) {
      overviewPage(ctx, 400, p.getMessage(), p.details());
      return;
    }
    competitions.moveStage(Auth.account(ctx), id, to).onSuccess(c -> ctx.redirect("/competitions/" + id
        + "/manage?done=stage")).onFailure(t -> refused(ctx, t, (status, p) -> overviewPage(ctx, status, p.getMessage(),
        p.details())));
  }

  /**
   * The overview's form that declares the next round, through the API's reader and the same
   * service call: refused, the overview again with each problem next to its field and what was typed.
   */
  private void roundForm(RoutingContext ctx) {
    UUID id = id(ctx);
    MultiMap form = ctx.request().formAttributes();
    CompetitionForm.Values typed = CompetitionForm.Values.of(form);
    RoundForm.Read read = RoundForm.read(form, competitions.zone());
    RoundJson.Parsed parsed = RoundJson.parse(read.body());
    Map<String, String> problems = new java.util.LinkedHashMap<>(read.problems());
    parsed.problems().forEach(problems::putIfAbsent);
    if (!problems.isEmpty()) {
      // What the reader could not read, and what the plan's rules say of the rest (teams are the service's to judge).
      RoundForm.addUnlessShown(problems, parsed.plan().problems(Instant.now(), true));
      overviewPage(ctx, 400, "轮次没有添加，请更正标出的问题。", List.of(), typed, RoundForm.bySlot(problems));
      return;
    }
    rounds.declare(Auth.account(ctx), id, parsed.plan())
        .onSuccess(r -> ctx.redirect("/competitions/" + id + "/manage?done=round"))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 400) {
            overviewPage(ctx, 400, "轮次没有添加，请更正标出的问题。", List.of(), typed,
                RoundForm.bySlot(RoundForm.fromDetails(details(p))));
          } else {
            refused(ctx, t, (status, x) -> overviewPage(ctx, status, x.getMessage(), x.details(), typed, Map.of()));
          }
        });
  }

  private void windowForm(RoutingContext ctx) {
    UUID id = id(ctx);
    JsonObject body = new JsonObject().put("registrationOpens", CompetitionForm.blankToNull(
        ctx.request().getFormAttribute("registrationOpens"))).put("registrationCloses", CompetitionForm.blankToNull(
        ctx.request().getFormAttribute("registrationCloses")));
    CompetitionJson.Parsed<Instant[]> p = CompetitionJson.window(body, competitions.zone());
    competitions.setWindow(Auth.account(ctx), id, p.value()[0], p.value()[1], p.problems())
        .onSuccess(c -> ctx.redirect("/competitions/" + id + "/manage?done=window"))
        .onFailure(t -> refused(ctx, t, (status, x) -> overviewPage(ctx, status, x.getMessage(), x.details())));
  }

  private void quotasForm(RoutingContext ctx) {
    UUID id = id(ctx);
    List<CompetitionSetup.Quota> quotas = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ctx.request().formAttributes().forEach((name, value) -> {
      if (name.startsWith("places-") && value != null && !value.isBlank()) {
        UUID unit = CompetitionJson.parseUuid(name.substring("places-".length()));
        Integer places = CompetitionForm.integer(value);
        if (unit == null || places == null) {
          problems.add("quotas.places：名额须为整数");
        } else {
          quotas.add(new CompetitionSetup.Quota(unit, places));
        }
      }
    });
    if (problems.isEmpty()) {
      problems.addAll(CompetitionSetup.quotaProblems(quotas));
    }
    competitions.setQuotas(Auth.account(ctx), id, quotas, problems)
        .onSuccess(q -> ctx.redirect("/competitions/" + id + "/manage?done=quotas"))
        .onFailure(t -> refused(ctx, t, (status, x) -> overviewPage(ctx, status, x.getMessage(), x.details())));
  }

  /** The custom teams' names, one a line: a team keeps its members while its name stays. */
  private void teamsForm(RoutingContext ctx) {
    UUID id = id(ctx);
    Account a = Auth.account(ctx);
    String text = ctx.request().getFormAttribute("names");
    List<String> names = text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    competitions.customTeamLists(a, id).compose(before -> {
      List<CompetitionJson.CustomTeam> teams = new ArrayList<>();
      for (String name : names) {
        teams.add(new CompetitionJson.CustomTeam(name, before.stream().filter(t -> t.name().equals(name))
            .findFirst().map(CompetitionJson.CustomTeam::members).orElse(List.of())));
      }
      return competitions.setTeams(a, id, teams, names.stream().filter(n -> n.length() > 40)
          .map(n -> "teams.name：队名“" + n + "”超过 40 个字").toList());
    }).onSuccess(t -> ctx.redirect("/competitions/" + id + "/manage?done=teams"))
        .onFailure(t -> refused(ctx, t, (status, x) -> overviewPage(ctx, status, x.getMessage(), x.details())));
  }

  /** The teams of the registrations on one page of the overview ({@code team-<accountId>} = key, or empty). */
  private void teamMembersForm(RoutingContext ctx) {
    UUID id = id(ctx);
    Account a = Auth.account(ctx);
    Map<UUID, String> chosen = new java.util.HashMap<>();
    ctx.request().formAttributes().forEach((name, value) -> {
      UUID account = name.startsWith("team-") ? CompetitionJson.parseUuid(name.substring("team-".length())) : null;
      if (account != null) {
        chosen.put(account, value == null ? "" : value);
      }
    });
    competitions.overview(a, id).compose(o -> competitions.customTeamLists(a, id).compose(before -> {
      List<CompetitionJson.CustomTeam> teams = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        String key = o.teams().size() > i ? o.teams().get(i).key() : "";
        List<UUID> members = new ArrayList<>(before.get(i).members());
        members.removeIf(chosen::containsKey);
        chosen.forEach((account, team) -> {
          if (team.equals(key)) {
            members.add(account);
          }
        });
        teams.add(new CompetitionJson.CustomTeam(before.get(i).name(), members));
      }
      return competitions.setTeams(a, id, teams, List.of());
    })).onSuccess(t -> ctx.redirect("/competitions/" + id + "/manage?done=teams"))
        .onFailure(t -> refused(ctx, t, (status, x) -> overviewPage(ctx, status, x.getMessage(), x.details())));
  }

  private void publishForm(RoutingContext ctx) {
    UUID id = id(ctx);
    competitions.publish(Auth.account(ctx), id).onSuccess(p -> ctx.redirect("/competitions/" + id
        + "/manage?done=published")).onFailure(t -> refused(ctx, t, (status, x) -> overviewPage(ctx, status,
        x.getMessage(), x.details())));
  }

  private void withdrawOtherForm(RoutingContext ctx) {
    UUID id = id(ctx);
    Account a = Auth.account(ctx);
    UUID account = account(ctx, a);
    boolean fromNominations = "nominations".equals(ctx.request().getFormAttribute("from"));
    competitions.withdraw(a, id, account).onSuccess(r -> ctx.redirect("/competitions/" + id
        + (fromNominations ? "/nominations" : "/manage") + "?done=withdrawn"))
        .onFailure(t -> refused(ctx, t, (status, x) -> {
          if (fromNominations) {
            nominationPage(ctx, status, x.getMessage(), x.details());
          } else {
            overviewPage(ctx, status, x.getMessage(), x.details());
          }
        }));
  }

  /** The nomination page of a lower unit's organiser, with the search typed. */
  public record NominationPage(CompetitionService.NominationView v, String query, String done, String error,
                               List<String> details) {
  }

  private void nominationPage(RoutingContext ctx, int status, String error, List<String> details) {
    String q = ctx.request().getParam("q");
    competitions.nominations(Auth.account(ctx), id(ctx), q).onSuccess(v -> views.page(ctx, status,
        "competition/nominations.ftlh", v.o().c().title() + " · 推荐参赛", new NominationPage(v, q == null ? "" : q,
            done(ctx), error, details))).onFailure(ctx::fail);
  }

  private void nominateForm(RoutingContext ctx) {
    UUID id = id(ctx);
    UUID account = CompetitionJson.parseUuid(ctx.request().getFormAttribute("accountId"));
    if (account == null) {
      nominationPage(ctx, 400, "请选择要推荐的学员。", List.of());
      return;
    }
    competitions.nominate(Auth.account(ctx), id, account, null)
        .onSuccess(r -> ctx.redirect("/competitions/" + id + "/nominations?done=nominated"))
        .onFailure(t -> refused(ctx, t, (status, x) -> nominationPage(ctx, status, x.getMessage(), x.details())));
  }

  // ---- helpers ----

  /** What a refused form shows: the page again with the message for a 4xx problem of the user's; anything else fails. */
  private interface Again {
    void render(int status, Problem p);
  }

  private static void refused(RoutingContext ctx, Throwable t, Again again) {
    if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
      again.render(p.status(), p);
    } else {
      ctx.fail(t);
    }
  }

  private static List<String> details(Problem p) {
    return p.details().isEmpty() ? List.of(p.getMessage()) : p.details();
  }

  private static String done(RoutingContext ctx) {
    String done = ctx.request().getParam("done");
    return done == null ? null : DONE.get(done);
  }

  static UUID id(RoutingContext ctx) {
    UUID id = CompetitionJson.parseUuid(ctx.pathParam("id"));
    if (id == null) {
      throw Problem.notFound();
    }
    return id;
  }

  /** The account a path names: {@code me} or an id. */
  private static UUID account(RoutingContext ctx, Account a) {
    String s = ctx.pathParam("account");
    if ("me".equals(s)) {
      return a.id();
    }
    UUID id = CompetitionJson.parseUuid(s);
    if (id == null) {
      throw Problem.notFound();
    }
    return id;
  }

  /** The {@code round} query parameter: a closed round's id, or null for the last. */
  private static UUID round(RoutingContext ctx) {
    String s = ctx.request().getParam("round");
    if (s == null || s.isBlank()) {
      return null;
    }
    UUID id = CompetitionJson.parseUuid(s);
    if (id == null) {
      throw Problem.badRequest("round：不是有效的轮次编号");
    }
    return id;
  }

  private static CompetitionStage stage(Object value) {
    if (value instanceof String s) {
      try {
        return CompetitionStage.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw Problem.badRequest("请更正以下问题。", List.of("to：应为 DRAFT、REGISTRATION、RUNNING、RESULTS_PUBLISHED、ARCHIVED 之一"));
  }

  private static String points(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.format(java.util.Locale.ROOT, "%.1f", p);
  }
}
