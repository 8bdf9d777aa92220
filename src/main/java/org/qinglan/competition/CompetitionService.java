package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.qinglan.competition.CompetitionPolicy.Action;
import org.qinglan.competition.CompetitionStore.AwardRow;
import org.qinglan.competition.CompetitionStore.Competition;
import org.qinglan.competition.CompetitionStore.Counts;
import org.qinglan.competition.CompetitionStore.Registration;
import org.qinglan.competition.CompetitionStore.Round;
import org.qinglan.people.Account;
import org.qinglan.people.AccountService;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.PostCategory;
import org.qinglan.people.WorkerFilter;
import org.qinglan.people.WorkerService;
import org.qinglan.people.WorkerView;
import org.qinglan.platform.CertificateCodes;
import org.qinglan.platform.Audit;
import org.qinglan.platform.CertificateLookup;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;

/**
 * Skills competitions: their set-up and life cycle, entry (self-registration, nomination against
 * quotas, withdrawal), teams, the publication of results with awards and certificates, and what
 * each person may read of them. Who may do what is {@link CompetitionPolicy}'s; every change an
 * organiser makes is audited in the transaction that makes it; every refusal fails the returned
 * future with a {@link Problem}.
 *
 * <p>What may change when: the whole set-up only in 草稿 (draft). Once registration is open, the
 * registration window, the nomination quotas and the custom teams may still change (a quota never
 * below the places already taken), until the competition runs; nothing of the set-up changes after.
 */
public final class CompetitionService {
  /** xAPI verb of an award won (the Tin Can registry's "earned"). */
  public static final String VERB_EARNED = "http://id.tincanapi.com/verb/earned";
  /** The most audit entries a competition's trail shows. */
  public static final int TRAIL_LIMIT = 5000;

  private final Pool pool;
  private final CompetitionStore store;
  private final OrgUnitService orgUnits;
  private final AccountService accounts;
  private final WorkerService workers;
  private final ZoneId zone;

  public CompetitionService(Pool pool, CompetitionStore store, OrgUnitService orgUnits, AccountService accounts,
                            WorkerService workers, ZoneId zone) {
    this.pool = pool;
    this.store = store;
    this.orgUnits = orgUnits;
    this.accounts = accounts;
    this.workers = workers;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  // ---- what the pages and the API read ----

  /** What a person may do with a competition. */
  public record Permissions(boolean manage, boolean watch, boolean nominate, boolean enter) {
    static Permissions of(Account a, OrgUnit unit) {
      return new Permissions(CompetitionPolicy.may(a, Action.MANAGE, unit), CompetitionPolicy.may(a, Action.WATCH, unit),
          CompetitionPolicy.may(a, Action.NOMINATE, unit), CompetitionPolicy.may(a, Action.ENTER, unit));
    }
  }

  /** A quota with its unit's name; {@code mine}: the viewer may nominate for it. */
  public record QuotaView(UUID unitId, String unitName, int places, int taken, boolean mine) {
    public int left() {
      return Math.max(0, places - taken);
    }
  }

  /** A team as listed: its key, name and members' count. */
  public record TeamView(String key, String name, int members) {
  }

  /** The rules of a competition in Chinese (each null when it does not apply). */
  public record Rules(String audience, String entry, String scoring, String tieBreak, String teams, String awards,
                      String advancement) {
  }

  /**
   * A competition as its pages show it: the set-up, its running unit, what the viewer may do, its
   * quotas, teams, rounds and counts, and the viewer's own registration, result and award.
   */
  public record Overview(Competition c, OrgUnit unit, Permissions can, List<QuotaView> quotas, List<TeamView> teams,
                         List<Round> rounds, Counts counts, Registration mine, FinalResults.Row myResult,
                         AwardRow myAward, Rules rules, boolean registrationOpen) {
    public boolean registered() {
      return mine != null && mine.active();
    }
  }

  /** A competition of a list, with its running unit's name and the viewer's registration (or null). */
  public record Listed(Competition c, String unitName, Registration mine) {
    public boolean registered() {
      return mine != null && mine.active();
    }
  }

  /** An organiser's competitions: those they manage, and those of the units above they may nominate for. */
  public record ManageList(List<Listed> managed, List<Listed> toNominate) {
  }

  /** A registration as lists show it. */
  public record RegistrationView(UUID accountId, String name, String unitName, String teamName, EntryMode via,
                                 String nominatedByName, String quotaUnitName, Instant registeredAt) {
  }

  /** A contestant's line of the results. */
  public record Individual(int rank, boolean tied, UUID accountId, String name, String unitName, String teamName,
                           double points, int correct, long totalMs, Award award, boolean advances) {
    public String time() {
      return CompetitionService.duration(totalMs);
    }

    public String awardLabel() {
      return award == null ? "" : award.label();
    }
  }

  /** A team's line of the results. */
  public record TeamRow(int rank, boolean tied, String key, String name, double points, long timeMs, int counted,
                        int absent, int members) {
    public String time() {
      return CompetitionService.duration(timeMs);
    }
  }

  /**
   * A competition's results: of one closed round (by default the last, whose ranking the awards are
   * given on), individuals a page at a time, the teams, and the rules they follow.
   *
   * @param awardRound whether {@code round} is the round the awards are given on
   * @param published  whether the results are out; before that the awards are what publication would give
   */
  public record ResultsView(Competition c, OrgUnit unit, boolean published, Permissions can, Round round,
                            List<Round> closedRounds, boolean awardRound, Page<Individual> individuals,
                            List<TeamRow> teams, Rules rules) {
  }

  /** One change of a competition's audit trail, as read. */
  public record TrailEntry(Instant at, String actorName, String action, String label, String summary) {
  }

  /** A worker an organiser may nominate, with why they may not when they may not. */
  public record Candidate(WorkerView worker, List<String> reasons, boolean registered) {
    public boolean eligible() {
      return reasons.isEmpty() && !registered;
    }
  }

  /** The nomination page: the competition, the viewer's quotas, their nominations and candidates found. */
  public record NominationView(Overview o, List<QuotaView> myQuotas, List<RegistrationView> nominated,
                               List<Candidate> candidates) {
  }

  /** An award's certificate as its holder prints it. */
  public record CertificateView(Competition c, AwardRow award) {
  }

  /** What a publication did. */
  public record Publication(Competition c, Round round, int awards, int kept, int withdrawn) {
  }

  // ---- set-up ----

  /** Creates a competition in draft, run by a unit the organiser manages. */
  public Future<Competition> create(Account actor, CompetitionSetup setup, List<String> parseProblems) {
    if (!actor.hasAny(CompetitionPolicy.ORGANISERS)) {
      return Future.failedFuture(Problem.forbidden());
    }
    List<String> problems = parseProblems.isEmpty() ? setup.problems() : parseProblems;
    if (!problems.isEmpty()) {
      return Future.failedFuture(badSetup(problems));
    }
    UUID id = UUID.randomUUID();
    return checkUnits(actor, setup).compose(unit -> pool.withTransaction(tx -> store.insert(tx, id, setup, actor.id())
            .compose(v -> store.replaceQuotas(tx, id, setup.quotas()))
            .compose(v -> Audit.record(tx, actor.id(), "competition.create", id.toString(),
                setupDetail(setup).put("summary", "创建比赛“" + setup.title() + "”（" + unit.name() + "主办）")))))
        .compose(v -> store.byId(pool, id));
  }

  /** Whether a competition with this id exists. */
  Future<Boolean> exists(UUID id) {
    return store.exists(pool, id);
  }

  /**
   * Adds a competition with a given id (the demo's), audited as created by {@code organiser};
   * false when it exists already (then nothing changes).
   */
  Future<Boolean> seed(Account organiser, UUID id, CompetitionSetup setup) {
    if (!setup.problems().isEmpty()) {
      return Future.failedFuture(new IllegalStateException("demo competition: " + setup.problems()));
    }
    return pool.withTransaction(tx -> store.insert(tx, id, setup, organiser.id()).compose(added -> !added
        ? Future.succeededFuture(false)
        : Audit.record(tx, organiser.id(), "competition.create", id.toString(), setupDetail(setup)
            .put("summary", "创建比赛“" + setup.title() + "”（演示数据）")).map(true)));
  }

  /** Replaces the whole set-up: only in draft; {@code version}, when given, must be the stored one. */
  public Future<Competition> update(Account actor, UUID id, CompetitionSetup setup, List<String> parseProblems,
                                    Integer version) {
    return loadManaged(actor, id).compose(before -> {
      List<String> problems = parseProblems.isEmpty() ? setup.problems() : parseProblems;
      if (!problems.isEmpty()) {
        return Future.failedFuture(badSetup(problems));
      }
      if (before.c().stage() != CompetitionStage.DRAFT) {
        return Future.failedFuture(new Problem(409, "not_draft",
            "比赛已开始报名，只能修改报名时间、推荐名额和自定义队伍；如需修改其他设置，请先将比赛退回草稿。"));
      }
      return checkUnits(actor, setup).compose(unit -> pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
        if (c.stage() != CompetitionStage.DRAFT) {
          return Future.failedFuture(new Problem(409, "not_draft", "比赛已开始报名，不能再修改全部设置。"));
        }
        if (version != null && version != c.version()) {
          return Future.failedFuture(Problem.conflict("比赛设置已被他人修改，请刷新后再改。"));
        }
        return store.registrations(tx, id, null, 1, 1).compose(regs -> {
          if (regs.total() > 0 && setup.orgUnitId() != null && !setup.orgUnitId().equals(c.orgUnitId())) {
            return Future.failedFuture(new Problem(409, "has_entrants", "已有人报名，不能更换主办单位。"));
          }
          return store.updateSetup(tx, id, setup)
              .compose(v -> store.replaceQuotas(tx, id, setup.quotas()))
              .compose(v -> c.teamBasis() == setup.teamBasis() ? Future.succeededFuture()
                  : store.replaceTeams(tx, id, Map.of(), Map.of()).compose(x -> rederiveTeams(tx, id, setup.teamBasis())))
              .compose(v -> Audit.record(tx, actor.id(), "competition.update", id.toString(),
                  setupDetail(setup).put("summary", "修改比赛设置")));
        });
      })));
    }).compose(v -> store.byId(pool, id));
  }

  /** Sets the registration window: in draft or while registration is open. */
  public Future<Competition> setWindow(Account actor, UUID id, Instant opens, Instant closes, List<String> problems) {
    return loadManaged(actor, id).compose(x -> !problems.isEmpty() ? Future.failedFuture(badSetup(problems))
        : pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
      if (c.stage() != CompetitionStage.DRAFT && c.stage() != CompetitionStage.REGISTRATION) {
        return Future.failedFuture(new Problem(409, "registration_over", "比赛已经开始，不能再修改报名时间。"));
      }
      return store.updateWindow(tx, id, opens, closes).compose(v -> Audit.record(tx, actor.id(), "competition.window",
          id.toString(), new JsonObject().put("registrationOpens", text(opens)).put("registrationCloses", text(closes))
              .put("summary", "报名时间改为 " + window(opens, closes))));
    }))).compose(v -> store.byId(pool, id));
  }

  /**
   * Sets the nomination quotas (nomination entry only): in draft or while registration is open; a
   * unit's places never below those its organisers have taken, and a unit with nominations is not
   * dropped.
   */
  public Future<List<CompetitionStore.Quota>> setQuotas(Account actor, UUID id, List<CompetitionSetup.Quota> quotas,
                                                         List<String> problems) {
    return loadManaged(actor, id).compose(loaded -> !problems.isEmpty() ? Future.failedFuture(badSetup(problems))
        : checkQuotaUnits(loaded.unit(), quotas, false)
        .compose(names -> pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
          if (c.stage() != CompetitionStage.DRAFT && c.stage() != CompetitionStage.REGISTRATION) {
            return Future.failedFuture(new Problem(409, "registration_over", "比赛已经开始，不能再修改推荐名额。"));
          }
          if (c.entryMode() != EntryMode.NOMINATION) {
            return Future.failedFuture(new Problem(409, "self_entry", "个人报名的比赛不设推荐名额。"));
          }
          return store.quotas(tx, id).compose(existing -> {
            Map<UUID, Integer> wanted = new HashMap<>();
            quotas.forEach(q -> wanted.put(q.orgUnitId(), q.places()));
            List<String> refused = new ArrayList<>();
            Map<UUID, OrgUnit> existingUnits = new HashMap<>();
            for (CompetitionStore.Quota q : existing) {
              Integer places = wanted.get(q.orgUnitId());
              if (q.taken() > 0 && (places == null || places < q.taken())) {
                refused.add(q.orgUnitId().toString());
              }
            }
            if (!refused.isEmpty()) {
              return orgUnits.byIds(refused.stream().map(UUID::fromString).toList()).compose(units -> {
                existingUnits.putAll(units);
                List<String> details = existing.stream().filter(q -> refused.contains(q.orgUnitId().toString()))
                    .map(q -> "quotas：" + nameOf(existingUnits, q.orgUnitId()) + "已推荐 " + q.taken()
                        + " 人，名额不能少于已推荐人数").toList();
                return Future.failedFuture(new Problem(409, "places_taken", "名额不能少于已推荐的人数。", details));
              });
            }
            String summary = quotas.isEmpty() ? "清空推荐名额" : "推荐名额：" + quotas.stream()
                .map(q -> nameOf(names, q.orgUnitId()) + " " + q.places() + " 人").collect(Collectors.joining("，"));
            JsonArray detail = new JsonArray();
            quotas.forEach(q -> detail.add(new JsonObject().put("orgUnitId", q.orgUnitId().toString())
                .put("places", q.places())));
            return store.replaceQuotas(tx, id, quotas).compose(v -> store.touch(tx, id))
                .compose(v -> Audit.record(tx, actor.id(), "competition.quotas", id.toString(),
                    new JsonObject().put("quotas", detail).put("summary", summary)));
          });
        })))).compose(v -> store.quotas(pool, id));
  }

  /**
   * Replaces the custom teams (custom teams only): in draft or while registration is open. Members
   * are registered contestants, each in one team at most; the keys are t001, t002 … in the order given.
   */
  public Future<List<TeamView>> setTeams(Account actor, UUID id, List<CompetitionJson.CustomTeam> teams,
                                         List<String> problems) {
    List<String> wrong = new ArrayList<>(problems);
    Set<String> names = new HashSet<>();
    Map<UUID, Integer> teamOf = new HashMap<>();
    for (int i = 0; i < teams.size(); i++) {
      if (!names.add(teams.get(i).name())) {
        wrong.add("teams[" + i + "].name：队名“" + teams.get(i).name() + "”重复");
      }
      for (UUID m : teams.get(i).members()) {
        Integer before = teamOf.put(m, i);
        if (before != null && before != i) {
          wrong.add("teams[" + i + "].members：同一选手不能同时在“" + teams.get(before).name() + "”和“"
              + teams.get(i).name() + "”两队");
        }
      }
    }
    if (teams.size() > 999) {
      wrong.add("teams：队伍不超过 999 支");
    }
    return loadManaged(actor, id).compose(x -> !wrong.isEmpty() ? Future.failedFuture(badSetup(wrong))
        : pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
      if (c.stage() != CompetitionStage.DRAFT && c.stage() != CompetitionStage.REGISTRATION) {
        return Future.failedFuture(new Problem(409, "registration_over", "比赛已经开始，不能再修改队伍。"));
      }
      if (c.teamBasis() != TeamBasis.CUSTOM) {
        return Future.failedFuture(new Problem(409, "not_custom_teams", "本比赛的队伍按单位自动组成，不能自定义。"));
      }
      return store.activeUnits(tx, id).compose(active -> {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
          for (UUID m : teams.get(i).members()) {
            if (!active.containsKey(m)) {
              missing.add("teams[" + i + "].members：" + m + " 没有报名本比赛");
            }
          }
        }
        if (!missing.isEmpty()) {
          return Future.failedFuture(badSetup(missing));
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        Map<String, List<UUID>> members = new HashMap<>();
        for (int i = 0; i < teams.size(); i++) {
          String key = String.format("t%03d", i + 1);
          byKey.put(key, teams.get(i).name());
          members.put(key, teams.get(i).members());
        }
        JsonArray detail = new JsonArray();
        teams.forEach(t -> detail.add(new JsonObject().put("name", t.name()).put("members", t.members().size())));
        return store.replaceTeams(tx, id, byKey, members).compose(v -> store.touch(tx, id))
            .compose(v -> Audit.record(tx, actor.id(), "competition.teams", id.toString(), new JsonObject()
                .put("teams", detail).put("summary", teams.isEmpty() ? "清空自定义队伍" : "自定义队伍：" + teams.stream()
                    .map(t -> t.name() + "（" + t.members().size() + " 人）").collect(Collectors.joining("，")))));
      });
    }))).compose(v -> teams(pool(), id, TeamBasis.CUSTOM));
  }

  /**
   * Moves the competition to another stage, one step as {@link CompetitionStage} allows. Results are
   * published by {@link #publish}, not here. Opening registration needs quotas for a nominated
   * competition; starting it needs at least one entrant.
   */
  public Future<Competition> moveStage(Account actor, UUID id, CompetitionStage to) {
    return loadManaged(actor, id).compose(x -> pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
      var refusal = c.stage().moveRefusal(to);
      if (refusal.isPresent()) {
        return Future.failedFuture(new Problem(409, "stage", refusal.get() + "。"));
      }
      if (to == CompetitionStage.RESULTS_PUBLISHED) {
        return Future.failedFuture(new Problem(409, "publish_instead", "成绩请通过“发布成绩”公布：发布时评定奖项并颁发证书。"));
      }
      Future<Void> ready = Future.succeededFuture();
      if (to == CompetitionStage.REGISTRATION && c.entryMode() == EntryMode.NOMINATION) {
        ready = store.quotas(tx, id).compose(q -> q.stream().anyMatch(x2 -> x2.places() > 0) ? Future.succeededFuture()
            : Future.failedFuture(new Problem(409, "no_quotas", "单位推荐的比赛须先为下级单位设置推荐名额，才能开始报名。")));
      } else if (to == CompetitionStage.RUNNING && c.stage() == CompetitionStage.REGISTRATION) {
        ready = store.counts(tx, id).compose(n -> n.registered() > 0 ? Future.succeededFuture()
            : Future.failedFuture(new Problem(409, "no_entrants", "还没有人报名，不能开始比赛。")));
      }
      return ready.compose(v -> store.updateStage(tx, id, to))
          .compose(v -> Audit.record(tx, actor.id(), "competition.stage", id.toString(), new JsonObject()
              .put("from", c.stage().name()).put("to", to.name())
              .put("summary", "阶段：" + c.stage().label() + " → " + to.label())));
    }))).compose(v -> store.byId(pool, id));
  }

  // ---- entry ----

  /** Registers the signed-in worker (self-registration): eligible, inside the window, while registration is open. */
  public Future<Registration> register(Account self, UUID id) {
    return load(id).compose(l -> {
      Competition c = l.c();
      if (!CompetitionPolicy.may(self, Action.ENTER, l.unit())) {
        return Future.failedFuture(c.stage() == CompetitionStage.DRAFT ? Problem.notFound() : Problem.forbidden());
      }
      if (c.entryMode() != EntryMode.SELF) {
        return Future.failedFuture(new Problem(409, "nomination_only", "本比赛由各单位推荐参赛，不能个人报名。"));
      }
      Problem closed = registrationClosed(c);
      if (closed != null) {
        return Future.failedFuture(closed);
      }
      return workers.own(self).compose(w -> eligibility(c, w, self.orgUnit())).compose(reasons -> {
        if (!reasons.isEmpty()) {
          return Future.failedFuture(new Problem(409, "not_eligible", "您不符合本比赛的参赛条件。", reasons));
        }
        return teamKeyOf(c.teamBasis(), self.orgUnit()).compose(team -> pool.withTransaction(tx -> store.lockShared(tx, id)
            .compose(now -> {
              Problem stillClosed = registrationClosed(now);
              if (stillClosed != null) {
                return Future.failedFuture(stillClosed);
              }
              return store.register(tx, id, self.id(), self.orgUnit().id(), EntryMode.SELF, null, null, team);
            }).compose(done -> done ? Future.succeededFuture()
                : Future.failedFuture(Problem.conflict("您已报名本比赛。")))));
      });
    }).compose(v -> store.registration(pool, id, self.id()));
  }

  /**
   * Nominates a worker for a lower unit's quota (nomination entry): the organiser may nominate for
   * that unit, the worker is in the organiser's scope and eligible, and the unit has a place left.
   * Two nominations for the last place wait for each other on the quota's row: one gets it.
   *
   * @param quotaUnitId the quota to count against; null: the one that covers the worker's unit
   */
  public Future<Registration> nominate(Account actor, UUID id, UUID accountId, UUID quotaUnitId) {
    return load(id).compose(l -> {
      Competition c = l.c();
      if (!CompetitionPolicy.may(actor, Action.NOMINATE, l.unit())) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (c.entryMode() != EntryMode.NOMINATION) {
        return Future.failedFuture(new Problem(409, "self_entry", "本比赛为个人报名，不接受单位推荐。"));
      }
      Problem closed = registrationClosed(c);
      if (closed != null) {
        return Future.failedFuture(closed);
      }
      return workers.get(actor, accountId).recover(t -> Future.failedFuture(t instanceof Problem p && p.status() == 404
          ? Problem.badRequest("accountId：没有这位社区工作者") : t)).compose(w -> {
        if (!l.unit().contains(w.community())) {
          return Future.failedFuture(new Problem(409, "outside", w.displayName() + "不属于" + l.unit().name()
              + "，不能参加本比赛。"));
        }
        return Future.all(eligibility(c, w, w.community()), orgUnitsOf(store.quotas(pool, id)))
            .compose(all -> {
              List<String> reasons = all.resultAt(0);
              if (!reasons.isEmpty()) {
                return Future.failedFuture(new Problem(409, "not_eligible", w.displayName() + "不符合本比赛的参赛条件。",
                    reasons));
              }
              Map<UUID, OrgUnit> quotaUnits = all.resultAt(1);
              OrgUnit quota = null;
              for (OrgUnit u : quotaUnits.values()) {
                boolean fits = u.contains(w.community()) && CompetitionPolicy.mayNominateFor(actor, u);
                if (fits && (quotaUnitId == null || quotaUnitId.equals(u.id()))) {
                  quota = u;
                }
              }
              if (quota == null) {
                return Future.failedFuture(new Problem(409, "no_quota", quotaUnitId == null
                    ? "没有可用于推荐" + w.displayName() + "的名额：名额须分配给该学员所在的单位，且由您所在的单位推荐。"
                    : "这个名额不能用于推荐" + w.displayName() + "。"));
              }
              OrgUnit q = quota;
              return teamKeyOf(c.teamBasis(), w.community()).compose(team -> pool.withTransaction(tx ->
                  store.lockShared(tx, id).compose(now -> {
                    Problem stillClosed = registrationClosed(now);
                    if (stillClosed != null) {
                      return Future.failedFuture(stillClosed);
                    }
                    return store.lockQuota(tx, id, q.id());
                  }).compose(places -> store.taken(tx, id, q.id()).compose(taken -> {
                    if (places == null || taken >= places) {
                      return Future.failedFuture(new Problem(409, "quota_full", q.name() + "的推荐名额已满（"
                          + (places == null ? 0 : places) + " 人）。"));
                    }
                    return store.register(tx, id, w.id(), w.community().id(), EntryMode.NOMINATION, actor.id(), q.id(),
                        team);
                  })).compose(done -> done ? Audit.record(tx, actor.id(), "competition.nominate", id.toString(),
                      new JsonObject().put("accountId", w.id().toString()).put("name", w.displayName())
                          .put("quotaUnitId", q.id().toString())
                          .put("summary", "推荐 " + w.displayName() + "（" + q.name() + "名额）"))
                      : Future.failedFuture(Problem.conflict(w.displayName() + "已报名本比赛。")))));
            });
      });
    }).compose(v -> store.registration(pool, id, accountId));
  }

  /**
   * Withdraws a registration before the competition runs: the contestant themselves, an organiser
   * who may nominate for the quota it took, or one who manages the competition.
   */
  public Future<Registration> withdraw(Account actor, UUID id, UUID accountId) {
    return load(id).compose(l -> store.registration(pool, id, accountId).compose(r -> {
      boolean self = actor.id().equals(accountId);
      if (!self && !CompetitionPolicy.may(actor, Action.MANAGE, l.unit()) && !CompetitionPolicy.may(actor,
          Action.NOMINATE, l.unit())) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (r == null || !r.active()) {
        return Future.failedFuture(new Problem(404, "not_registered", "没有这项报名。"));
      }
      Future<Boolean> allowed = self || CompetitionPolicy.may(actor, Action.MANAGE, l.unit())
          ? Future.succeededFuture(true)
          : orgUnits.unit(r.quotaUnitId()).map(u -> u != null && CompetitionPolicy.mayNominateFor(actor, u));
      return allowed.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(Problem.forbidden());
        }
        return accounts.byIds(List.of(accountId)).compose(names -> pool.withTransaction(tx -> store.lockShared(tx, id)
            .compose(c -> {
              if (c.stage() != CompetitionStage.DRAFT && c.stage() != CompetitionStage.REGISTRATION) {
                return Future.failedFuture(new Problem(409, "running", "比赛已经开始，不能再退出报名。"));
              }
              return store.withdraw(tx, id, accountId);
            }).compose(done -> !done ? Future.failedFuture(new Problem(404, "not_registered", "没有这项报名。"))
                : self ? Future.succeededFuture()
                : Audit.record(tx, actor.id(), "competition.withdraw", id.toString(), new JsonObject()
                    .put("accountId", accountId.toString()).put("name", nameOf(names, accountId))
                    .put("summary", "为 " + nameOf(names, accountId) + " 退出报名")))));
      });
    })).compose(v -> store.registration(pool, id, accountId));
  }

  // ---- publication ----

  /**
   * Publishes the results: awards by the competition's bands on the ranking of its last closed
   * round, a certificate code and a learning event for each, the team ranking recorded in the audit
   * trail, and the stage moved to 成绩已公布, all in one transaction. Refused while a round is open
   * or before any has closed. Published again after a withdrawal, an unchanged award keeps its
   * certificate; a changed one is withdrawn and a new one issued.
   */
  public Future<Publication> publish(Account actor, UUID id) {
    return loadManaged(actor, id).compose(l -> pool.withTransaction(tx -> store.lock(tx, id).compose(c -> {
      if (c.stage() != CompetitionStage.RUNNING) {
        return Future.failedFuture(new Problem(409, "stage", c.published() ? "成绩已经公布。"
            : "比赛尚未开始（当前阶段：" + c.stage().label() + "），不能发布成绩。"));
      }
      if (c.awardBands() == null) {
        return Future.failedFuture(new Problem(409, "no_awards", "请先设置奖项。"));
      }
      return store.rounds(tx, id).compose(rounds -> {
        Round open = rounds.stream().filter(Round::open).findFirst().orElse(null);
        if (open != null) {
          return Future.failedFuture(new Problem(409, "round_open", "“" + open.title() + "”还在进行中，请先结束该轮次再发布成绩。"));
        }
        Round last = lastClosed(rounds);
        if (last == null) {
          return Future.failedFuture(new Problem(409, "no_closed_round", "还没有已结束的轮次，没有可发布的成绩。"));
        }
        return Future.all(store.results(tx, last.id()), store.currentAwards(tx, id), store.teamOf(tx, id))
            .compose(all -> {
              List<FinalResults.Row> rows = all.resultAt(0);
              List<AwardRow> existing = all.resultAt(1);
              Map<UUID, String> teamOf = all.resultAt(2);
              Map<UUID, Award> awards = FinalResults.awards(rows, c.awardBands());
              Map<UUID, FinalResults.Row> byAccount = new HashMap<>();
              rows.forEach(r -> byAccount.put(r.accountId(), r));
              List<UUID> withdraw = new ArrayList<>();
              Set<UUID> kept = new HashSet<>();
              for (AwardRow a : existing) {
                FinalResults.Row r = byAccount.get(a.accountId());
                if (r != null && awards.get(a.accountId()) == a.award() && r.rank() == a.rank()) {
                  kept.add(a.accountId());
                } else {
                  withdraw.add(a.id());
                }
              }
              List<UUID> fresh = awards.keySet().stream().filter(a -> !kept.contains(a)).toList();
              return Future.all(accounts.byIds(fresh), teamRanking(c, last, rows, teamOf)).compose(more -> {
                Map<UUID, Account> people = more.resultAt(0);
                List<TeamRow> teams = more.resultAt(1);
                List<CompetitionStore.NewAward> issued = new ArrayList<>();
                for (UUID a : fresh) {
                  FinalResults.Row r = byAccount.get(a);
                  issued.add(new CompetitionStore.NewAward(a, awards.get(a), r.rank(), CertificateCodes.next(),
                      people.containsKey(a) ? people.get(a).displayName() : "", c.title(), c.title() + "组委会",
                      r.points()));
                }
                JsonArray teamDetail = new JsonArray();
                teams.forEach(t -> teamDetail.add(new JsonObject().put("team", t.name()).put("rank", t.rank())
                    .put("points", t.points())));
                return store.withdrawAwards(tx, withdraw)
                    .compose(v -> store.insertAwards(tx, id, issued))
                    .compose(v -> earned(tx, c, last, issued))
                    .compose(v -> store.updateStage(tx, id, CompetitionStage.RESULTS_PUBLISHED))
                    .compose(v -> Audit.record(tx, actor.id(), "competition.publish", id.toString(), new JsonObject()
                        .put("roundId", last.id().toString()).put("round", last.title()).put("awards", awards.size())
                        .put("issued", issued.size()).put("withdrawn", withdraw.size()).put("teams", teamDetail)
                        .put("summary", "发布成绩（依据“" + last.title() + "”）：获奖 " + awards.size() + " 人"
                            + (withdraw.isEmpty() ? "" : "，作废旧证书 " + withdraw.size() + " 张"))))
                    .map(v -> new Publication(c, last, awards.size(), kept.size(), withdraw.size()));
              });
            });
      });
    }))).compose(p -> store.byId(pool, id).map(c -> new Publication(c, p.round(), p.awards(), p.kept(), p.withdrawn())));
  }

  /** A learning event for each award issued, in one batch on the transaction's connection. */
  private static Future<Void> earned(SqlConnection tx, Competition c, Round round, List<CompetitionStore.NewAward> issued) {
    return LearningEvents.appendAll(tx, issued.stream().map(a -> LearningEvent.of(a.accountId(), VERB_EARNED,
            c.id().toString(), "competition-award")
        .withResult(a.points(), true, null)
        .withContext(new JsonObject().put("award", a.award().name()).put("rank", a.rank())
            .put("certificate", a.code()).put("round", round.id().toString()).put("title", c.title()))).toList());
  }

  // ---- reading ----

  /** A competition as its pages show it, for whoever may see it (drafts only for those who manage it). */
  public Future<Overview> overview(Account viewer, UUID id) {
    return loadVisible(viewer, id).compose(l -> {
      Competition c = l.c();
      Permissions can = Permissions.of(viewer, l.unit());
      return Future.all(List.of(quotaViews(viewer, c.id()), teams(pool, c.id(), c.teamBasis()), store.rounds(pool, id),
          store.counts(pool, id), store.registration(pool, id, viewer.id()), rules(c, null))).compose(all -> {
            List<Round> rounds = all.resultAt(2);
            Registration mine = all.resultAt(4);
            Round last = lastClosed(rounds);
            Future<FinalResults.Row> myResult = c.published() && last != null && mine != null
                ? store.resultOf(pool, last.id(), viewer.id()) : Future.succeededFuture(null);
            Future<AwardRow> myAward = c.published() ? store.awardOf(pool, id, viewer.id()) : Future.succeededFuture();
            return Future.all(myResult, myAward).map(more -> new Overview(c, l.unit(), can, all.resultAt(0),
                all.resultAt(1), rounds, all.resultAt(3), mine, more.resultAt(0), more.resultAt(1), all.resultAt(5),
                registrationClosed(c) == null));
          });
    });
  }

  /** The competitions a worker may see (run by their unit or above, not drafts), with their registrations. */
  public Future<List<Listed>> openToMe(Account viewer) {
    List<UUID> units = OrgUnitService.unitAndAbove(viewer);
    if (units.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return store.runBy(pool, units, false).compose(list -> listed(viewer, list));
  }

  /**
   * An organiser's competitions: those they manage (run by their unit or below, drafts too), and
   * those run above their unit that are entered by nomination.
   */
  public Future<ManageList> manageList(Account viewer) {
    if (!viewer.hasAny(CompetitionPolicy.ORGANISERS)) {
      return Future.failedFuture(Problem.forbidden());
    }
    Future<List<Competition>> managed = orgUnits.within(viewer)
        .compose(units -> store.runBy(pool, units.stream().map(OrgUnit::id).toList(), true));
    List<UUID> above = OrgUnitService.unitAndAbove(viewer);
    if (!above.isEmpty()) {
      above.remove(above.size() - 1);
    }
    Future<List<Competition>> upper = above.isEmpty() ? Future.succeededFuture(List.of())
        : store.runBy(pool, above, false).map(l -> l.stream().filter(c -> c.entryMode() == EntryMode.NOMINATION).toList());
    return Future.all(managed, upper).compose(all -> Future.all(listed(viewer, all.resultAt(0)),
        listed(viewer, all.resultAt(1)))).map(all -> new ManageList(all.resultAt(0), all.resultAt(1)));
  }

  /** Active registrations a page at a time, with names, units and teams: for those who may watch. */
  public Future<Page<RegistrationView>> registrations(Account viewer, UUID id, int page, int size) {
    return loadVisible(viewer, id).compose(l -> {
      if (!CompetitionPolicy.may(viewer, Action.WATCH, l.unit())) {
        return Future.failedFuture(Problem.forbidden());
      }
      return store.registrations(pool, id, null, page, size).compose(p -> registrationViews(l.c(), p.items())
          .map(items -> new Page<>(items, p.page(), p.size(), p.total())));
    });
  }

  /** The nomination page of an organiser: their quotas, their nominations, and workers matching {@code query}. */
  public Future<NominationView> nominations(Account viewer, UUID id, String query) {
    return overview(viewer, id).compose(o -> {
      if (!o.can().nominate()) {
        return Future.failedFuture(Problem.forbidden());
      }
      List<QuotaView> mine = o.quotas().stream().filter(QuotaView::mine).toList();
      Future<List<Registration>> nominated = Future.all(mine.stream().map(q -> store.registrations(pool, id, q.unitId(),
          1, 1000).map(Page::items)).toList()).map(all -> {
            List<Registration> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
              List<Registration> part = all.resultAt(i);
              out.addAll(part);
            }
            return out;
          });
      String q = query == null ? "" : query.strip();
      Future<List<Candidate>> candidates = q.isEmpty() || mine.isEmpty() ? Future.succeededFuture(List.of())
          : workers.list(viewer, null, new WorkerFilter(q, null, null), 1, 30).compose(found -> {
            List<WorkerView> inside = found.items().stream().filter(w -> o.unit().contains(w.community())
                && mine.stream().anyMatch(qv -> qv.unitId() != null && w.community().path().contains(qv.unitId() + "/")))
                .toList();
            return registeredAmong(id, inside)
                .compose(registered -> Future.all(inside.stream().map(w -> eligibility(o.c(), w, w.community())
                    .map(reasons -> new Candidate(w, reasons, registered.contains(w.id())))).toList())
                    .map(all -> {
                      List<Candidate> out = new ArrayList<>();
                      for (int i = 0; i < all.size(); i++) {
                        out.add(all.resultAt(i));
                      }
                      return out;
                    }));
          });
      return Future.all(nominated.compose(n -> registrationViews(o.c(), n)), candidates)
          .map(all -> new NominationView(o, mine, all.resultAt(0), all.resultAt(1)));
    });
  }

  /**
   * The results: to those who may watch at any time, to everyone else who may see the competition
   * once they are published.
   *
   * @param roundId a closed round, or null for the last one
   * @param size    the individuals of one page; 0 for all of them (exports)
   */
  public Future<ResultsView> results(Account viewer, UUID id, UUID roundId, int page, int size) {
    return loadVisible(viewer, id).compose(l -> {
      Competition c = l.c();
      Permissions can = Permissions.of(viewer, l.unit());
      if (!can.watch() && !c.published()) {
        return Future.failedFuture(new Problem(403, "not_published", "成绩尚未公布。"));
      }
      return store.rounds(pool, id).compose(rounds -> {
        List<Round> closed = rounds.stream().filter(Round::closed).toList();
        Round last = lastClosed(rounds);
        Round round = roundId == null ? last : closed.stream().filter(r -> r.id().equals(roundId)).findFirst()
            .orElse(null);
        if (roundId != null && round == null) {
          return Future.failedFuture(Problem.notFound());
        }
        if (round == null) {
          return rules(c, null).map(rules -> new ResultsView(c, l.unit(), c.published(), can, null, closed, false,
              new Page<>(List.of(), 1, Math.max(size, 1), 0), List.of(), rules));
        }
        boolean awardRound = round.id().equals(last.id());
        return Future.all(store.results(pool, round.id()), store.teamOf(pool, id),
            awardRound && c.published() ? store.currentAwards(pool, id) : Future.succeededFuture(List.<AwardRow>of()),
            teamNames(c)).compose(all -> {
              List<FinalResults.Row> rows = all.resultAt(0);
              Map<UUID, String> teamOf = all.resultAt(1);
              List<AwardRow> issued = all.resultAt(2);
              Map<String, String> teamNames = all.resultAt(3);
              Map<UUID, Award> awards = new HashMap<>();
              if (awardRound && c.published()) {
                issued.forEach(a -> awards.put(a.accountId(), a.award()));
              } else if (awardRound && c.awardBands() != null) {
                awards.putAll(FinalResults.awards(rows, c.awardBands()));
              }
              int from = size == 0 ? 0 : Math.min(rows.size(), (page - 1) * size);
              int to = size == 0 ? rows.size() : Math.min(rows.size(), from + size);
              List<FinalResults.Row> slice = rows.subList(from, to);
              return Future.all(accounts.byIds(slice.stream().map(FinalResults.Row::accountId).toList()),
                  teamRanking(c, round, rows, teamOf), rules(c, round)).map(more -> {
                    Map<UUID, Account> people = more.resultAt(0);
                    List<Individual> items = slice.stream().map(r -> {
                      Account a = people.get(r.accountId());
                      String team = teamOf.get(r.accountId());
                      return new Individual(r.rank(), r.tied(), r.accountId(), a == null ? "" : a.displayName(),
                          a == null || a.orgUnit() == null ? "" : a.orgUnit().name(),
                          team == null ? "" : teamNames.getOrDefault(team, team), r.points(), r.correct(), r.totalMs(),
                          awards.get(r.accountId()), r.advances());
                    }).toList();
                    return new ResultsView(c, l.unit(), c.published(), can, round, closed, awardRound,
                        new Page<>(items, page, size == 0 ? Math.max(1, rows.size()) : size, rows.size()),
                        more.resultAt(1), more.resultAt(2));
                  });
            });
      });
    });
  }

  /** The competition's audit trail, oldest first: for those who may watch it. */
  public Future<List<TrailEntry>> trail(Account viewer, UUID id) {
    return loadVisible(viewer, id).compose(l -> {
      if (!CompetitionPolicy.may(viewer, Action.WATCH, l.unit())) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Audit.trail(pool, id.toString(), TRAIL_LIMIT).compose(entries -> accounts.byIds(entries.stream()
          .map(Audit.Entry::actorId).filter(Objects::nonNull).toList()).map(names -> entries.stream()
          .map(e -> new TrailEntry(e.at(), e.actorId() == null ? "系统" : nameOf(names, e.actorId()), e.action(),
              ACTIONS.getOrDefault(e.action(), e.action()), e.detail().getValue("summary") instanceof String s ? s
              : e.detail().encode())).toList()));
    });
  }

  /** The viewer's current award in the competition, for its printable certificate. */
  public Future<CertificateView> certificate(Account viewer, UUID id) {
    return load(id).compose(l -> store.awardOf(pool, id, viewer.id()).compose(a -> a == null || !l.c().published()
        ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(new CertificateView(l.c(), a))));
  }

  /** A competition award's certificate by its (normalised) code, as the public verification page shows it; null if none. */
  public Future<CertificateLookup.Verified> verification(String code) {
    return store.awardByCode(pool, code).map(a -> a == null ? null : new CertificateLookup.Verified("获奖证书",
        CertificateLookup.maskName(a.holderName()), List.of(new CertificateLookup.Fact("比赛", a.title()),
        new CertificateLookup.Fact("奖项", a.award().label()), new CertificateLookup.Fact("名次", "第 " + a.rank() + " 名")),
        a.issuedAt(), a.issuingUnit(), a.withdrawnAt() == null,
        a.withdrawnAt() == null ? null : "成绩复核后已重新评定，本证书作废"));
  }

  /** The running unit and the units in reach a new competition's form offers. */
  public Future<List<OrgUnitService.TreeRow>> unitsFor(Account viewer) {
    if (!viewer.hasAny(CompetitionPolicy.ORGANISERS)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return orgUnits.within(viewer).map(OrgUnitService::tree);
  }

  /** Post categories (code → name), for the audience's choices. */
  public Future<Map<String, PostCategory>> postCategories() {
    return workers.categories();
  }

  /** The competition with its quotas as an edit form starts from it (those who manage it, drafts and all). */
  public Future<CompetitionSetup> setupOf(Account viewer, UUID id) {
    return loadManaged(viewer, id).compose(l -> store.quotas(pool, id).map(q -> l.c().setup(q.stream()
        .map(x -> new CompetitionSetup.Quota(x.orgUnitId(), x.places())).toList())));
  }

  /** The units below the running unit, in tree order (the quota form's rows): for those who manage it. */
  public Future<List<OrgUnitService.TreeRow>> lowerUnits(Account viewer, UUID id) {
    return loadManaged(viewer, id).compose(l -> orgUnits.within(viewer).map(units -> OrgUnitService.tree(units.stream()
        .filter(u -> l.unit().contains(u) && !u.id().equals(l.unit().id())).toList())));
  }

  /** The custom teams as lists (names and members, in key order): what a page's change of them starts from. */
  public Future<List<CompetitionJson.CustomTeam>> customTeamLists(Account viewer, UUID id) {
    return loadManaged(viewer, id).compose(l -> Future.all(store.customTeams(pool, id), store.teamOf(pool, id))
        .map(all -> {
          List<CompetitionStore.Team> teams = all.resultAt(0);
          Map<UUID, String> teamOf = all.resultAt(1);
          return teams.stream().map(t -> new CompetitionJson.CustomTeam(t.name(), teamOf.entrySet().stream()
              .filter(e -> t.key().equals(e.getValue())).map(Map.Entry::getKey).sorted().toList())).toList();
        }));
  }

  /** Names of units by id (no scope check: names only). */
  public Future<Map<UUID, OrgUnit>> units(Collection<UUID> ids) {
    return orgUnits.byIds(ids);
  }

  // ---- helpers ----

  /** A competition and the unit that runs it. */
  record Loaded(Competition c, OrgUnit unit) {
  }

  private Future<Loaded> load(UUID id) {
    return store.byId(pool, id).compose(c -> c == null ? Future.failedFuture(Problem.notFound())
        : orgUnits.unit(c.orgUnitId()).map(u -> new Loaded(c, u)));
  }

  /** 404 for a draft the viewer does not manage; 403 when they may not see it. */
  private Future<Loaded> loadVisible(Account viewer, UUID id) {
    return load(id).compose(l -> {
      boolean manage = CompetitionPolicy.may(viewer, Action.MANAGE, l.unit());
      if (l.c().stage() == CompetitionStage.DRAFT && !manage) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!CompetitionPolicy.may(viewer, Action.SEE, l.unit())) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Future.succeededFuture(l);
    });
  }

  private Future<Loaded> loadManaged(Account actor, UUID id) {
    if (!actor.hasAny(CompetitionPolicy.ORGANISERS)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return load(id).compose(l -> CompetitionPolicy.may(actor, Action.MANAGE, l.unit()) ? Future.succeededFuture(l)
        : Future.failedFuture(Problem.forbidden()));
  }

  private Pool pool() {
    return pool;
  }

  /**
   * Checks the set-up's units against the tree: the running unit exists and the organiser manages
   * it; the audience's units and the quotas' units lie within it (quotas strictly below it, none
   * inside another); the audience's post categories exist. Gives the running unit.
   */
  private Future<OrgUnit> checkUnits(Account actor, CompetitionSetup s) {
    return Future.all(orgUnits.unit(s.orgUnitId()), orgUnits.byIds(s.audience().orgUnitIds()), workers.categories())
        .compose(all -> {
          OrgUnit unit = all.resultAt(0);
          Map<UUID, OrgUnit> audience = all.resultAt(1);
          Map<String, PostCategory> posts = all.resultAt(2);
          if (unit == null) {
            return Future.failedFuture(badSetup(List.of("orgUnitId：没有这个单位")));
          }
          if (!CompetitionPolicy.may(actor, Action.MANAGE, unit)) {
            return Future.failedFuture(new Problem(403, "forbidden", "您只能为本单位或下级单位创建和管理比赛。"));
          }
          List<String> problems = new ArrayList<>(s.audience().problems(posts.keySet()));
          for (UUID u : s.audience().orgUnitIds()) {
            OrgUnit a = audience.get(u);
            if (a == null) {
              problems.add("audience.orgUnitIds：没有这个单位（" + u + "）");
            } else if (!unit.contains(a)) {
              problems.add("audience.orgUnitIds：" + a.name() + "不在" + unit.name() + "范围内");
            }
          }
          if (!problems.isEmpty()) {
            return Future.failedFuture(badSetup(problems));
          }
          return checkQuotaUnits(unit, s.quotas(), true).map(unit);
        });
  }

  /** The quotas' units exist, lie strictly below the running unit and not inside one another; gives them by id. */
  private Future<Map<UUID, OrgUnit>> checkQuotaUnits(OrgUnit runBy, List<CompetitionSetup.Quota> quotas,
                                                     boolean inSetup) {
    if (quotas.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return orgUnits.byIds(quotas.stream().map(CompetitionSetup.Quota::orgUnitId).toList()).compose(units -> {
      List<String> problems = new ArrayList<>();
      for (CompetitionSetup.Quota q : quotas) {
        OrgUnit u = units.get(q.orgUnitId());
        if (u == null) {
          problems.add("quotas.orgUnitId：没有这个单位（" + q.orgUnitId() + "）");
        } else if (!runBy.contains(u) || runBy.id().equals(u.id())) {
          problems.add("quotas.orgUnitId：名额只能分配给" + runBy.name() + "的下级单位，" + u.name() + "不是");
        }
      }
      for (OrgUnit a : units.values()) {
        for (OrgUnit b : units.values()) {
          if (a != b && a.contains(b)) {
            problems.add("quotas.orgUnitId：" + b.name() + "在" + a.name() + "之内，两者不能都设名额");
          }
        }
      }
      return problems.isEmpty() ? Future.succeededFuture(units) : Future.failedFuture(badSetup(problems));
    });
  }

  private static Problem badSetup(List<String> problems) {
    return Problem.badRequest("请更正以下问题。", problems);
  }

  /** Why registration is closed now (stage or window), or null when it is open. */
  private Problem registrationClosed(Competition c) {
    if (c.stage() != CompetitionStage.REGISTRATION) {
      return new Problem(409, "not_registration", "比赛当前不在报名阶段（" + c.stage().label() + "）。");
    }
    if (!CompetitionSetup.insideWindow(c.registrationOpens(), c.registrationCloses(), Instant.now())) {
      return new Problem(409, "outside_window", "不在报名时间内（报名时间：" + window(c.registrationOpens(),
          c.registrationCloses()) + "）。");
    }
    return null;
  }

  /** Why a worker may not enter (the audience's rules); a person without a worker profile may not. */
  private Future<List<String>> eligibility(Competition c, WorkerView w, OrgUnit unit) {
    if (w == null) {
      return Future.succeededFuture(List.of("需要社区工作者档案才能参赛"));
    }
    return orgUnits.byIds(c.audience().orgUnitIds()).map(units -> c.audience().reasons(
        new CompetitionAudience.Contestant(w.postCategory(), w.grade(), w.qualification(), unit), units));
  }

  /** The team key of a contestant of {@code unit} under a derived basis (null otherwise). */
  private Future<String> teamKeyOf(TeamBasis basis, OrgUnit unit) {
    if (!basis.derived() || unit == null) {
      return Future.succeededFuture(null);
    }
    return orgUnits.byIds(unit.selfAndAncestorIds()).map(units -> {
      UUID team = basis.teamOf(new ArrayList<>(units.values()));
      return team == null ? null : team.toString();
    });
  }

  /** Works the team keys of every registrant out again (a draft's team basis changed). */
  private Future<Void> rederiveTeams(SqlConnection tx, UUID id, TeamBasis basis) {
    return store.activeUnits(tx, id).compose(byAccount -> {
      if (byAccount.isEmpty()) {
        return Future.succeededFuture();
      }
      if (!basis.derived()) {
        Map<UUID, String> none = new HashMap<>();
        byAccount.keySet().forEach(a -> none.put(a, null));
        return store.setTeamKeys(tx, id, none);
      }
      return orgUnits.byIds(new HashSet<>(byAccount.values())).compose(units -> {
        Set<UUID> chain = new HashSet<>();
        units.values().forEach(u -> chain.addAll(u.selfAndAncestorIds()));
        return orgUnits.byIds(chain).compose(all -> {
          Map<UUID, String> keys = new HashMap<>();
          byAccount.forEach((account, unitId) -> {
            OrgUnit u = units.get(unitId);
            UUID team = u == null ? null : basis.teamOf(u.selfAndAncestorIds().stream().map(all::get).toList());
            keys.put(account, team == null ? null : team.toString());
          });
          return store.setTeamKeys(tx, id, keys);
        });
      });
    });
  }

  private Future<List<QuotaView>> quotaViews(Account viewer, UUID id) {
    return store.quotas(pool, id).compose(quotas -> orgUnits.byIds(quotas.stream()
        .map(CompetitionStore.Quota::orgUnitId).toList()).map(units -> quotas.stream().map(q -> {
          OrgUnit u = units.get(q.orgUnitId());
          return new QuotaView(q.orgUnitId(), u == null ? "" : u.name(), q.places(), q.taken(),
              u != null && CompetitionPolicy.mayNominateFor(viewer, u));
        }).sorted(java.util.Comparator.comparing(QuotaView::unitName)).toList()));
  }

  private Future<Map<UUID, OrgUnit>> orgUnitsOf(Future<List<CompetitionStore.Quota>> quotas) {
    return quotas.compose(q -> orgUnits.byIds(q.stream().map(CompetitionStore.Quota::orgUnitId).toList()));
  }

  /** The competition's teams: custom ones as listed, derived ones by the units in use. */
  private Future<List<TeamView>> teams(io.vertx.sqlclient.SqlClient db, UUID id, TeamBasis basis) {
    if (basis == TeamBasis.CUSTOM) {
      return store.customTeams(db, id).map(list -> list.stream()
          .map(t -> new TeamView(t.key(), t.name(), t.members())).toList());
    }
    if (!basis.derived()) {
      return Future.succeededFuture(List.of());
    }
    return store.teamKeys(db, id).compose(keys -> orgUnits.byIds(keys.keySet().stream()
        .map(CompetitionJson::parseUuid).filter(Objects::nonNull).toList()).map(units -> keys.entrySet().stream()
        .map(e -> {
          OrgUnit u = units.get(CompetitionJson.parseUuid(e.getKey()));
          return new TeamView(e.getKey(), u == null ? e.getKey() : u.name(), e.getValue());
        }).sorted(java.util.Comparator.comparing(TeamView::name)).toList()));
  }

  /** Team names by key. */
  private Future<Map<String, String>> teamNames(Competition c) {
    return teams(pool, c.id(), c.teamBasis()).map(list -> {
      Map<String, String> out = new HashMap<>();
      list.forEach(t -> out.put(t.key(), t.name()));
      return out;
    });
  }

  /** The teams ranked on a round's results (empty without teams, or for a round not scored here). */
  private Future<List<TeamRow>> teamRanking(Competition c, Round round, List<FinalResults.Row> rows,
                                            Map<UUID, String> teamOf) {
    if (!c.teamBasis().hasTeams() || c.teamScoring() == null || round.scoring() == null || teamOf.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Ranking ranking = new Ranking(round.scoring(), round.tieBreak() == null ? TieBreak.NONE : round.tieBreak());
    List<FinalResults.TeamPlace> places = FinalResults.teams(rows, teamOf, c.teamScoring(), ranking, absentTime(round));
    return teamNames(c).map(names -> places.stream().map(p -> new TeamRow(p.rank(), p.tied(), p.teamKey(),
        names.getOrDefault(p.teamKey(), p.teamKey()), p.points(), p.time().toMillis(), p.counted().size(), p.absent(),
        p.members())).toList());
  }

  /** What an empty place of a team counts: the round's whole allowance. */
  static Duration absentTime(Round r) {
    if (r.questionSeconds() != null && r.questions() > 0) {
      return Duration.ofSeconds((long) r.questionSeconds() * r.questions());
    }
    return r.minutes() == null ? Duration.ZERO : Duration.ofMinutes(r.minutes());
  }

  private static Round lastClosed(List<Round> rounds) {
    Round last = null;
    for (Round r : rounds) {
      if (r.closed() && (last == null || r.position() > last.position())) {
        last = r;
      }
    }
    return last;
  }

  /** The rules in Chinese; {@code round} gives the scoring, tie-break and advancement (null: the first knowledge round's). */
  private Future<Rules> rules(Competition c, Round round) {
    Future<Round> r = round != null ? Future.succeededFuture(round)
        : store.rounds(pool, c.id()).map(rounds -> rounds.stream().filter(x -> x.scoring() != null).findFirst()
            .orElse(null));
    return Future.all(r, orgUnits.byIds(c.audience().orgUnitIds()), workers.categories()).map(all -> {
      Round x = all.resultAt(0);
      Map<UUID, OrgUnit> units = all.resultAt(1);
      Map<String, PostCategory> posts = all.resultAt(2);
      Map<String, String> postNames = new HashMap<>();
      posts.forEach((k, v) -> postNames.put(k, v.nameZh()));
      String advancement = null;
      if (x != null && x.advancement() != null) {
        try {
          advancement = new Advancement(Advancement.Kind.valueOf(x.advancement().getString("kind")),
              x.advancement().getInteger("value")).statement();
        } catch (RuntimeException e) {
          advancement = null;
        }
      }
      return new Rules(c.audience().statement(units, postNames), c.entryMode().label() + "；报名时间："
          + window(c.registrationOpens(), c.registrationCloses()),
          x == null || x.scoring() == null ? null : x.scoring().label() + "：" + x.scoring().rule(),
          x == null || x.tieBreak() == null ? null : x.tieBreak().sentence(),
          c.teamScoring() == null ? null : c.teamBasis().label() + "。" + c.teamScoring().statement(),
          c.awardBands() == null ? null : c.awardBands().statement(), advancement);
    });
  }

  private Future<List<Listed>> listed(Account viewer, List<Competition> list) {
    if (list.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return Future.all(orgUnits.byIds(list.stream().map(Competition::orgUnitId).toList()),
        store.mine(pool, viewer.id(), list.stream().map(Competition::id).toList())).map(all -> {
          Map<UUID, OrgUnit> units = all.resultAt(0);
          Map<UUID, Registration> mine = all.resultAt(1);
          return list.stream().map(c -> new Listed(c, nameOf(units, c.orgUnitId()), mine.get(c.id()))).toList();
        });
  }

  private Future<Set<UUID>> registeredAmong(UUID id, List<WorkerView> workers) {
    return Future.all(workers.stream().map(w -> store.registration(pool, id, w.id())).toList()).map(all -> {
      Set<UUID> out = new HashSet<>();
      for (int i = 0; i < all.size(); i++) {
        Registration r = all.resultAt(i);
        if (r != null && r.active()) {
          out.add(r.accountId());
        }
      }
      return out;
    });
  }

  private Future<List<RegistrationView>> registrationViews(Competition c, List<Registration> regs) {
    if (regs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Set<UUID> people = new HashSet<>();
    Set<UUID> units = new HashSet<>();
    regs.forEach(r -> {
      people.add(r.accountId());
      if (r.nominatedBy() != null) {
        people.add(r.nominatedBy());
      }
      units.add(r.orgUnitId());
      if (r.quotaUnitId() != null) {
        units.add(r.quotaUnitId());
      }
    });
    return Future.all(accounts.byIds(people), orgUnits.byIds(units), teamNames(c)).map(all -> {
      Map<UUID, Account> names = all.resultAt(0);
      Map<UUID, OrgUnit> unitNames = all.resultAt(1);
      Map<String, String> teamNames = all.resultAt(2);
      return regs.stream().map(r -> new RegistrationView(r.accountId(), nameOf(names, r.accountId()),
          nameOf(unitNames, r.orgUnitId()), r.teamKey() == null ? "" : teamNames.getOrDefault(r.teamKey(), ""), r.via(),
          r.nominatedBy() == null ? "" : nameOf(names, r.nominatedBy()),
          r.quotaUnitId() == null ? "" : nameOf(unitNames, r.quotaUnitId()), r.registeredAt())).toList();
    });
  }

  private static <T> String nameOf(Map<UUID, T> byId, UUID id) {
    T x = byId.get(id);
    if (x instanceof OrgUnit u) {
      return u.name();
    }
    if (x instanceof Account a) {
      return a.displayName();
    }
    return "";
  }

  private JsonObject setupDetail(CompetitionSetup s) {
    JsonArray quotas = new JsonArray();
    s.quotas().forEach(q -> quotas.add(new JsonObject().put("orgUnitId", q.orgUnitId().toString())
        .put("places", q.places())));
    return new JsonObject().put("title", s.title()).put("year", s.year()).put("orgUnitId", s.orgUnitId().toString())
        .put("audience", CompetitionJson.json(s.audience())).put("registrationOpens", text(s.registrationOpens()))
        .put("registrationCloses", text(s.registrationCloses())).put("entryMode", s.entryMode().name())
        .put("teamBasis", s.teamBasis().name()).put("teamScoring", CompetitionJson.json(s.teamScoring()))
        .put("awardBands", CompetitionJson.json(s.awardBands())).put("quotas", quotas);
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  /** A window in the deployment's zone: 2026-12-01 09:00 至 2026-12-10 18:00 (or 不限). */
  String window(Instant opens, Instant closes) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    if (opens == null && closes == null) {
      return "不限";
    }
    return (opens == null ? "即日起" : f.format(opens)) + " 至 " + (closes == null ? "不限" : f.format(closes));
  }

  /** A time as people read it: 43.2 秒, 12 分 03.2 秒. */
  public static String duration(long ms) {
    long tenths = Math.round(ms / 100.0);
    long minutes = tenths / 600;
    double seconds = (tenths % 600) / 10.0;
    String s = String.format(java.util.Locale.ROOT, minutes > 0 ? "%04.1f" : "%.1f", seconds);
    return minutes > 0 ? minutes + " 分 " + s + " 秒" : s + " 秒";
  }

  /** The audit trail's actions in Chinese (others are shown as recorded). */
  private static final Map<String, String> ACTIONS = Map.ofEntries(
      Map.entry("competition.create", "创建比赛"),
      Map.entry("competition.update", "修改设置"),
      Map.entry("competition.window", "修改报名时间"),
      Map.entry("competition.quotas", "设置推荐名额"),
      Map.entry("competition.teams", "设置队伍"),
      Map.entry("competition.stage", "更改阶段"),
      Map.entry("competition.nominate", "推荐参赛"),
      Map.entry("competition.withdraw", "代为退出报名"),
      Map.entry("competition.publish", "发布成绩"));
}
