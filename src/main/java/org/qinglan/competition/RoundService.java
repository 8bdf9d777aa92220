package org.qinglan.competition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.exam.QuestionView;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Audit;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;
import org.qinglan.platform.events.EventChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of a competition: declared by its organisers, and for a knowledge round opened (its
 * questions frozen), closed (every entry handed in, scored, ranked, who advances written) and
 * announced to every node. Every change is audited with the competition's id as its subject.
 *
 * <p>Opening needs the competition in its running stage (比赛中): the stage is the set-up's to
 * move, and opening a round refuses, with a message saying so, rather than moving it.
 */
public final class RoundService {
  private static final Logger log = LoggerFactory.getLogger(RoundService.class);
  /** Channel topic of a round's state ({"round":id,"state":"OPEN"|"CLOSED"}). */
  public static final String TOPIC_ROUND = "competition.round";
  /** Channel topic of a device taking an entry over ({"round":id,"account":id,"device":the new one}). */
  public static final String TOPIC_TAKEOVER = "competition.takeover";
  public static final String VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
  public static final String OBJECT_TYPE = "competition-round";

  private final Pool pool;
  private final RoundStore store;
  private final QuestionCatalog questions;
  private final OrgUnitService orgUnits;
  private final EventChannel events;
  /** Frozen question sets: they never change once a round opened, so each node reads one once. */
  private final Cache<UUID, Paper> papers = Caffeine.newBuilder().maximumSize(200).build();
  /** Org units by id, for the policy: a unit's place in the tree does not change. */
  private final Cache<UUID, OrgUnit> units = Caffeine.newBuilder().maximumSize(5_000)
      .expireAfterWrite(Duration.ofMinutes(10)).build();
  /** The entries of the rounds this node follows, scored, read again only when they change. */
  private final TallyCache tallies;
  /** Told on this node, once committed, that a round opened or closed here (other nodes hear it on the channel). */
  private volatile java.util.function.Consumer<UUID> changedHere = id -> { };

  public RoundService(Pool pool, RoundStore store, QuestionCatalog questions, OrgUnitService orgUnits,
                      EventChannel events) {
    this.pool = pool;
    this.store = store;
    this.questions = questions;
    this.orgUnits = orgUnits;
    this.events = events;
    this.tallies = new TallyCache(store);
  }

  RoundStore store() {
    return store;
  }

  TallyCache tallies() {
    return tallies;
  }

  /** Whom to tell, on this node, that a round opened or closed here (its live screens). */
  void onChangedHere(java.util.function.Consumer<UUID> listener) {
    changedHere = listener;
  }

  Pool pool() {
    return pool;
  }

  // ---- reading ----

  /** The round and its competition's facts; 404 when there is no such round. */
  public Future<RoundStore.RoundFacts> facts(UUID roundId) {
    return store.round(pool, roundId).compose(f -> f == null ? Future.failedFuture(Problem.notFound())
        : Future.succeededFuture(f));
  }

  /** Whether {@code a} may do {@code action} with the competition. */
  public Future<Boolean> may(Account a, CompetitionPolicy.Action action, RoundStore.CompetitionFacts c) {
    return unit(c.orgUnitId()).map(u -> CompetitionPolicy.may(a, action, u));
  }

  /** Fails with 403 unless {@code a} may do {@code action}. */
  Future<Void> require(Account a, CompetitionPolicy.Action action, RoundStore.CompetitionFacts c) {
    return may(a, action, c).compose(ok -> ok ? Future.succeededFuture() : Future.failedFuture(Problem.forbidden()));
  }

  Future<OrgUnit> unit(UUID id) {
    OrgUnit known = units.getIfPresent(id);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return orgUnits.unit(id).map(u -> {
      if (u != null) {
        units.put(id, u);
      }
      return u;
    });
  }

  /** A round the person may see (its competition's organisers and those it was set up for). */
  public Future<RoundStore.RoundFacts> visible(Account a, UUID roundId) {
    return facts(roundId).compose(f -> require(a, CompetitionPolicy.Action.SEE, f.competition()).map(f));
  }

  /**
   * The round's frozen question set (read once per node); 409 while the round has not opened, when
   * there is none yet.
   */
  public Future<Paper> paper(UUID roundId) {
    Paper known = papers.getIfPresent(roundId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return Future.all(store.round(pool, roundId), store.paper(pool, roundId)).compose(all -> {
      RoundStore.RoundFacts f = all.resultAt(0);
      List<RoundStore.FrozenRow> rows = all.resultAt(1);
      if (f == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (rows.isEmpty()) {
        return Future.failedFuture(new Problem(409, "round_not_open", "本轮尚未开放。"));
      }
      Paper paper = paperOf(f.round(), rows);
      papers.put(roundId, paper);
      return Future.succeededFuture(paper);
    });
  }

  static Paper paperOf(Round r, List<RoundStore.FrozenRow> rows) {
    List<Paper.Item> items = new ArrayList<>();
    for (RoundStore.FrozenRow row : rows) {
      QuestionView v = QuestionCatalog.render(row.questionId(), row.revision(), row.body());
      List<String> options = new ArrayList<>();
      Set<Integer> key = new TreeSet<>();
      for (QuestionView.Option o : v.options()) {
        options.add(o.html());
        if (o.correct()) {
          key.add(o.index());
        }
      }
      items.add(new Paper.Item(row.questionId(), row.position(), QuestionType.valueOf(row.body().getString("type")),
          row.marks(), v.stemHtml(), options, key, v.explanationHtml(), v.lawAsOf()));
    }
    return new Paper(r.id(), items, r.allowance(items.size()));
  }

  /** The mock-exam blueprints a knowledge round may be drawn by (those with choice questions). */
  public List<QuestionCatalog.ChoiceBlueprint> choiceBlueprints() {
    return questions.choiceBlueprints();
  }

  // ---- declaring ----

  /**
   * Declares a round at the next position. Refused (nothing changes): a plan with problems (400,
   * each problem naming its field), someone who does not manage the competition (403), a
   * competition past registration (409), a question source the bank cannot serve (400).
   */
  public Future<Round> declare(Account a, UUID competitionId, RoundPlan plan) {
    return store.competition(pool, competitionId).compose(c -> {
      if (c == null) {
        return Future.failedFuture(Problem.notFound());
      }
      return require(a, CompetitionPolicy.Action.MANAGE, c).compose(v -> {
        Map<String, String> problems = plan.problems(Instant.now(), c.teams());
        if (!problems.isEmpty()) {
          return Future.failedFuture(invalid(problems));
        }
        Future<Void> sourceChecked = plan.kind() == RoundKind.KNOWLEDGE ? checkSource(plan.source(), c)
            : Future.succeededFuture();
        return sourceChecked.compose(x -> {
          UUID id = UUID.randomUUID();
          return pool.withTransaction(tx -> store.lockCompetition(tx, competitionId).compose(locked -> {
            if (locked.stage() != CompetitionStage.DRAFT && locked.stage() != CompetitionStage.REGISTRATION) {
              return Future.failedFuture(new Problem(409, "stage", "比赛处于“" + locked.stage().label()
                  + "”阶段，只有草稿或报名中的比赛可以增加轮次。"));
            }
            return store.nextPosition(tx, competitionId).compose(position -> store.insertRound(tx, id,
                    competitionId, position, plan)
                .compose(y -> Audit.record(tx, a.id(), "competition.round.declare", competitionId.toString(),
                    RoundJson.planJson(plan).put("round", id.toString()).put("position", position))));
          })).compose(y -> store.round(pool, id)).map(RoundStore.RoundFacts::round);
        });
      });
    });
  }

  /**
   * Replaces a planned round's declaration (its position kept), by the same rules as declaring it.
   * Refused: an open or closed round, or a competition past registration (409).
   */
  public Future<Round> edit(Account a, UUID roundId, RoundPlan plan) {
    return changePlanned(a, roundId, (f, tx) -> {
      Map<String, String> problems = plan.problems(Instant.now(), f.competition().teams());
      if (!problems.isEmpty()) {
        return Future.failedFuture(invalid(problems));
      }
      return (plan.kind() == RoundKind.KNOWLEDGE ? checkSource(plan.source(), f.competition()) : Future.<Void>succeededFuture())
          .compose(x -> store.updateRound(tx, roundId, plan))
          .compose(updated -> updated ? Audit.record(tx, a.id(), "competition.round.edit",
              f.competition().id().toString(), RoundJson.planJson(plan).put("round", roundId.toString())
                  .put("position", f.round().position()))
              : Future.failedFuture(new Problem(409, "round_state", "本轮已经开放，不能再修改。")));
    }).compose(v -> store.round(pool, roundId)).map(RoundStore.RoundFacts::round);
  }

  /** Deletes a planned round; the rounds after it move up a place. Refused as {@link #edit} is. */
  public Future<Void> delete(Account a, UUID roundId) {
    return changePlanned(a, roundId, (f, tx) -> store.deleteRound(tx, f.competition().id(), roundId, f.round().position())
        .compose(deleted -> deleted ? Audit.record(tx, a.id(), "competition.round.delete", f.competition().id().toString(),
            new JsonObject().put("round", roundId.toString()).put("title", f.round().title())
                .put("position", f.round().position()))
            : Future.failedFuture(new Problem(409, "round_state", "本轮已经开放，不能再删除。"))));
  }

  /**
   * A change to a planned round, in a transaction that holds its competition (so that positions do
   * not move meanwhile): for those who manage the competition, while it is a draft or registering.
   */
  private Future<Void> changePlanned(Account a, UUID roundId,
      java.util.function.BiFunction<RoundStore.RoundFacts, io.vertx.sqlclient.SqlConnection, Future<Void>> change) {
    return facts(roundId).compose(f -> require(a, CompetitionPolicy.Action.MANAGE, f.competition()).compose(v ->
        pool.withTransaction(tx -> store.lockCompetition(tx, f.competition().id())
            .compose(c -> store.lockRound(tx, roundId)).compose(locked -> {
              if (locked == null) {
                return Future.failedFuture(Problem.notFound());
              }
              if (locked.round().state() != RoundState.PLANNED) {
                return Future.failedFuture(new Problem(409, "round_state", "本轮" + locked.round().state().label()
                    + "，不能再修改或删除。"));
              }
              CompetitionStage stage = locked.competition().stage();
              if (stage != CompetitionStage.DRAFT && stage != CompetitionStage.REGISTRATION) {
                return Future.failedFuture(new Problem(409, "stage", "比赛处于“" + stage.label()
                    + "”阶段，只有草稿或报名中的比赛可以修改或删除轮次。"));
              }
              return change.apply(locked, tx);
            }))));
  }

  private static Problem invalid(Map<String, String> problems) {
    List<String> details = new ArrayList<>();
    problems.forEach((field, message) -> details.add(field + "：" + message));
    return new Problem(400, "invalid_round", "轮次设置有误：" + details.get(0), details);
  }

  /** The bank can serve the source: the blueprint draws that many choice questions, or the picked ones are usable. */
  private Future<Void> checkSource(QuestionSource source, RoundStore.CompetitionFacts c) {
    if (source.isDrawn()) {
      if (!questions.hasChoiceBlueprint(source.blueprint())) {
        return Future.failedFuture(invalid(Map.of("questionSource.blueprint", "没有编号为“" + source.blueprint()
            + "”且含选择题的试卷蓝图（可用：" + String.join("、", questions.blueprintIds()) + "）")));
      }
      return questions.drawChoice(source.blueprint(), source.count()).compose(d -> d.ok() ? Future.succeededFuture()
          : Future.failedFuture(invalid(Map.of("questionSource.count", d.problem()))));
    }
    return frozen(source.questionIds(), c).compose(f -> {
      if (!f.problems().isEmpty()) {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("questionSource.questionIds", String.join("；", f.problems()));
        return Future.failedFuture(invalid(problems));
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Copies of the questions, with a problem for each question of a category the competition's
   * contestants do not share (one of another unit than the competition's own or those above it).
   */
  private Future<QuestionCatalog.FrozenSet> frozen(List<UUID> ids, RoundStore.CompetitionFacts c) {
    return Future.all(questions.freezeChoice(ids), unit(c.orgUnitId())).map(all -> {
      QuestionCatalog.FrozenSet set = all.resultAt(0);
      OrgUnit runBy = all.resultAt(1);
      if (!set.ok()) {
        return set;
      }
      List<UUID> allowed = runBy == null ? List.of() : runBy.selfAndAncestorIds();
      List<String> problems = new ArrayList<>();
      for (QuestionCatalog.Frozen q : set.questions()) {
        if (q.orgUnitId() != null && !allowed.contains(q.orgUnitId())) {
          problems.add("题目 " + q.id() + " 属于其他单位的题库，本比赛不能选用");
        }
      }
      return problems.isEmpty() ? set : new QuestionCatalog.FrozenSet(List.of(), problems);
    });
  }

  // ---- opening ----

  /**
   * Opens a knowledge round: draws (or takes the picked) questions, freezes their copies, and
   * announces the round open to every node. Refused: not a manager (403); not a knowledge round,
   * not planned, the competition not running, the closing moment past, the round before it not
   * closed, or questions the bank no longer serves (409).
   */
  public Future<Round> open(Account a, UUID roundId) {
    return facts(roundId).compose(f -> require(a, CompetitionPolicy.Action.MANAGE, f.competition()).compose(v -> {
      Round r = f.round();
      if (!r.knowledge()) {
        return Future.failedFuture(new Problem(409, "not_knowledge", "只有知识赛轮次可以在这里开放；" + r.kind().label()
            + "将在后续版本中进行。"));
      }
      if (r.state() != RoundState.PLANNED) {
        return Future.failedFuture(new Problem(409, "round_state", "本轮" + r.state().label() + "，不能再开放。"));
      }
      if (f.competition().stage() != CompetitionStage.RUNNING) {
        return Future.failedFuture(new Problem(409, "stage", "比赛处于“" + f.competition().stage().label()
            + "”阶段。请先将比赛阶段改为“比赛中”（报名随之截止），再开放本轮。"));
      }
      if (!r.closesAt().isAfter(Instant.now())) {
        return Future.failedFuture(new Problem(409, "closes_at_past", "本轮的截止时间已过，不能再开放。"));
      }
      return previousClosed(r).compose(x -> questionIds(r)).compose(ids -> frozen(ids, f.competition()))
          .compose(set -> {
            if (!set.ok()) {
              return Future.failedFuture(new Problem(409, "questions", "有题目不能使用，本轮没有开放："
                  + String.join("；", set.problems()), set.problems()));
            }
            List<RoundStore.FrozenRow> rows = new ArrayList<>();
            int position = 1;
            for (QuestionCatalog.Frozen q : set.questions()) {
              rows.add(new RoundStore.FrozenRow(position++, q.id(), q.revision(), q.copy(),
                  KnowledgeScorer.marks(q.type())));
            }
            return pool.withTransaction(tx -> store.lockRound(tx, roundId).compose(locked -> {
              if (locked.round().state() != RoundState.PLANNED) {
                return Future.failedFuture(new Problem(409, "round_state", "本轮已经开放。"));
              }
              return store.insertQuestions(tx, roundId, rows)
                  .compose(y -> store.setOpen(tx, roundId))
                  .compose(y -> Audit.record(tx, a.id(), "competition.round.open", r.competitionId().toString(),
                      new JsonObject().put("round", roundId.toString()).put("title", r.title())
                          .put("questions", questionsJson(rows))))
                  .compose(y -> announce(tx, roundId, RoundState.OPEN));
            })).onSuccess(y -> changedHere.accept(roundId))
                .compose(y -> store.round(pool, roundId)).map(RoundStore.RoundFacts::round);
          });
    }));
  }

  private Future<Void> previousClosed(Round r) {
    if (r.position() == 1) {
      return Future.succeededFuture();
    }
    return store.rounds(pool, r.competitionId()).compose(all -> {
      for (Round other : all) {
        if (other.position() == r.position() - 1 && other.state() != RoundState.CLOSED) {
          return Future.failedFuture(new Problem(409, "previous_round", "上一轮（" + other.title()
              + "）尚未结束，晋级名单还没有产生，不能开放本轮。"));
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<List<UUID>> questionIds(Round r) {
    QuestionSource s = r.source();
    if (!s.isDrawn()) {
      return Future.succeededFuture(s.questionIds());
    }
    return questions.drawChoice(s.blueprint(), s.count()).compose(d -> d.ok() ? Future.succeededFuture(d.questionIds())
        : Future.failedFuture(new Problem(409, "bank_too_small", "按试卷蓝图抽题失败，本轮没有开放：" + d.problem())));
  }

  private static JsonArray questionsJson(List<RoundStore.FrozenRow> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(q -> out.add(new JsonObject().put("id", q.questionId().toString()).put("revision", q.revision())));
    return out;
  }

  private Future<Void> announce(SqlClient tx, UUID roundId, RoundState state) {
    if (events == null) {
      return Future.succeededFuture();
    }
    return events.publish(tx, TOPIC_ROUND, new JsonObject().put("round", roundId.toString()).put("state", state.name()))
        .mapEmpty();
  }

  // ---- closing ----

  /** Closes an open round by an organiser who manages it (see {@link #closeRound}). */
  public Future<Round> close(Account a, UUID roundId) {
    return facts(roundId).compose(f -> require(a, CompetitionPolicy.Action.MANAGE, f.competition()).compose(v -> {
      if (f.round().state() != RoundState.OPEN) {
        return Future.failedFuture(new Problem(409, "round_state", f.round().state() == RoundState.PLANNED
            ? "本轮尚未开放，不能结束。" : "本轮已经结束。"));
      }
      return closeRound(a.id(), roundId);
    }));
  }

  /**
   * Closes the round in one transaction: every open entry handed in (at its deadline if that came
   * first), every entry scored by {@link KnowledgeScorer} and ranked by the round's rule and
   * tie-break, who advances worked out ({@link Advancement}, teams from the registrations) and the
   * results written; a learning event for each entry handed in here; then the round is announced
   * closed to every node, whose screens get the final standings. A round closed already is left as
   * it is. The entries are read through the node's {@link TallyCache} (in the transaction: only the
   * entries that changed since the node last read them are read again).
   *
   * @param actor null when the round closed at its closing moment
   */
  Future<Round> closeRound(UUID actor, UUID roundId) {
    return paper(roundId).compose(paper -> pool.withTransaction(tx -> store.lockRound(tx, roundId).compose(f -> {
      Round r = f.round();
      if (r.state() != RoundState.OPEN) {
        return Future.succeededFuture(false);
      }
      return store.lockOpen(tx, roundId).compose(open -> tallies.current(tx, r, paper)).compose(current -> {
        Instant now = Instant.now();
        List<Standings.Scored> all = new ArrayList<>(current.entries().size());
        List<UUID> handedIn = new ArrayList<>();
        for (Standings.Scored s : current.entries().values()) {
          Standings.Tally t = s.tally();
          if (t.submittedAt() == null) {
            handedIn.add(t.entryId());
            Instant at = t.deadline().isBefore(now) ? t.deadline() : now;
            all.add(new Standings.Scored(t.handedIn(at), s.score()));
          } else {
            all.add(s);
          }
        }
        List<Standings.Row> rows = Standings.rankScored(r, all);
        Set<UUID> handedInIds = new HashSet<>(handedIn);
        List<Standings.Row> nowHandedIn = rows.stream().filter(x -> handedInIds.contains(x.tally().entryId())).toList();
        Future<Set<UUID>> advancing = r.advancement() == null ? Future.succeededFuture(Set.of())
            : store.teams(tx, r.competitionId()).map(teams -> {
              Set<UUID> out = new HashSet<>();
              r.advancement().advancing(Standings.places(rows), teams).forEach(id -> out.add(UUID.fromString(id)));
              return out;
            });
        return advancing.compose(adv -> store.handIn(tx, nowHandedIn)
            .compose(x -> store.insertResults(tx, roundId, rows, adv))
            .compose(x -> LearningEvents.appendAll(tx, completedEvents(r, paper, nowHandedIn)))
            .compose(x -> store.setClosed(tx, roundId))
            .compose(x -> Audit.record(tx, actor, "competition.round.close", r.competitionId().toString(),
                new JsonObject().put("round", roundId.toString()).put("title", r.title())
                    .put("automatic", actor == null).put("entries", rows.size()).put("handedIn", nowHandedIn.size())
                    .put("advancing", adv.size())))
            .compose(x -> announce(tx, roundId, RoundState.CLOSED)))
            .map(true);
      });
    }))).onSuccess(changed -> {
      if (changed) {
        tallies.forget(roundId);
        changedHere.accept(roundId);
      }
    }).compose(changed -> store.round(pool, roundId).map(RoundStore.RoundFacts::round));
  }

  private static List<LearningEvent> completedEvents(Round r, Paper paper, List<Standings.Row> handedIn) {
    List<LearningEvent> out = new ArrayList<>(handedIn.size());
    for (Standings.Row row : handedIn) {
      Standings.Tally t = row.tally();
      out.add(completed(r, paper, t.entryId(), t.accountId(), row.score(), t.startedAt(), t.submittedAt(), true));
    }
    return out;
  }

  /** The learning event of an entry handed in: the share of questions fully right, the points and the rule in its context. */
  static LearningEvent completed(Round r, Paper paper, UUID entryId, UUID accountId, RoundScore score,
                                 Instant startedAt, Instant submittedAt, boolean automatic) {
    return new LearningEvent(UUID.randomUUID(), accountId, VERB_COMPLETED, r.id().toString(), OBJECT_TYPE,
        paper.size() == 0 ? 0.0 : (double) score.correct() / paper.size(), null,
        Duration.between(startedAt, submittedAt).isNegative() ? Duration.ZERO : Duration.between(startedAt, submittedAt),
        new JsonObject().put("competitionId", r.competitionId().toString()).put("entryId", entryId.toString())
            .put("round", r.title()).put("scoring", r.scoring().name()).put("points", score.points())
            .put("correct", score.correct()).put("wrong", score.wrong()).put("questions", paper.size())
            .put("totalMs", score.totalTime().toMillis()).put("autoSubmitted", automatic),
        submittedAt);
  }

  /** Closes every open round whose closing moment has come (a periodic job, on every node: a round closes once). */
  public Future<Integer> closeDue() {
    return store.dueToClose(pool).compose(ids -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (UUID id : ids) {
        chain = chain.compose(n -> closeRound(null, id).map(r -> n + 1).recover(t -> {
          log.warn("Closing knowledge round {} at its closing moment failed: {}", id, t.getMessage());
          return Future.succeededFuture(n);
        }));
      }
      return chain;
    });
  }
}
