package org.qinglan.competition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qinglan.people.Account;
import org.qinglan.people.AccountService;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Problem;
import org.qinglan.platform.events.ChannelEvent;
import org.qinglan.platform.events.EventChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's live screens of knowledge rounds, pushed with Server-Sent Events: every screen gets
 * the round's state as its first event and every change after (opened, closed, and for a
 * contestant's device, a takeover by another one); staff who may watch also get the standings and
 * counts about once a second while the round is open, and the final standings at its close.
 *
 * <p>The standings are computed once per round per node per tick ({@link #standings}: one
 * statement, the answers as stored) and shared by every screen and API request on the node, never
 * read per connection. Reading the database each tick shows answers given on any node; a round's
 * state changes reach the other nodes on the platform's event channel.
 */
public final class LiveRounds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveRounds.class);
  /** The rows of the standings pushed to a screen (the API pages through all of them). */
  public static final int TOP = 100;
  /** How old shared standings may be while the round is open. */
  static final long FRESH_NANOS = Duration.ofMillis(900).toNanos();
  /**
   * A comment every this many ticks keeps idle connections (and proxies) open. Each screen has its
   * own tick of the cycle: 10,000 screens pinged on one tick held the event loops for a good part
   * of a second every 15 s, and answers saved meanwhile waited (CompetitionBenchmark's p99).
   */
  static final int HEARTBEAT_TICKS = 15;
  private static final AtomicInteger screensMade = new AtomicInteger();

  private final RoundService rounds;
  private final RoundStore store;
  private final AccountService accounts;
  private final OrgUnitService orgUnits;
  private final EventChannel events;
  private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();
  private final Cache<UUID, Board> boards = Caffeine.newBuilder().maximumSize(500)
      .expireAfterAccess(Duration.ofMinutes(30)).build();
  private final Cache<UUID, String> names = Caffeine.newBuilder().maximumSize(200_000)
      .expireAfterWrite(Duration.ofMinutes(10)).build();
  private final Cache<UUID, String> unitLabels = Caffeine.newBuilder().maximumSize(20_000)
      .expireAfterWrite(Duration.ofMinutes(10)).build();
  private final AtomicLong ticks = new AtomicLong();
  private final List<EventChannel.Subscription> subscriptions = new ArrayList<>();

  private LiveRounds(RoundService rounds, AccountService accounts, OrgUnitService orgUnits, EventChannel events) {
    this.rounds = rounds;
    this.store = rounds.store();
    this.accounts = accounts;
    this.orgUnits = orgUnits;
    this.events = events;
  }

  /** The node's live screens, following the rounds' state changes on {@code events} (none when null). */
  public static Future<LiveRounds> start(RoundService rounds, AccountService accounts, OrgUnitService orgUnits,
                                         EventChannel events) {
    LiveRounds live = new LiveRounds(rounds, accounts, orgUnits, events);
    // What was computed before a change on this node is stale at once (before its answer goes).
    rounds.onChangedHere(live.boards::invalidate);
    if (events == null) {
      return Future.succeededFuture(live);
    }
    EventChannel.Subscription state = events.subscribe(RoundService.TOPIC_ROUND, live::roundChanged);
    EventChannel.Subscription takeover = events.subscribe(RoundService.TOPIC_TAKEOVER, live::takenOver);
    live.subscriptions.add(state);
    live.subscriptions.add(takeover);
    return Future.all(state.ready(), takeover.ready()).map(live);
  }

  // ---- standings ----

  /** One contestant's line of the standings. */
  public record Standing(int rank, boolean tied, UUID accountId, String name, String unit, double points, int correct,
                         int wrong, long timeMs, boolean submitted, boolean autoSubmitted, int hidden, int takeovers,
                         Boolean advances) {
  }

  /**
   * The standings of a round as one node computed them at {@code computedAt}: final once the round
   * closed (with who advances), live before.
   */
  public record View(Round round, boolean isFinal, Instant computedAt, int entered, int finished,
                     long answersLastMinute, List<Standing> rows) {
  }

  /**
   * A round's shared standings on this node: the last computed, the computation in flight, and what
   * the node knows of the round's entries (each read again only when its change counter moved).
   */
  private static final class Board {
    View last;
    long lastAt;
    Future<View> inFlight;
    /** The last ranking, kept while no entry changes. */
    List<Standings.Row> rows;
  }

  /**
   * The round's standings, shared on this node: computed at most once about every second (once for
   * good when the round is closed), whoever asks.
   */
  public Future<View> standings(UUID roundId) {
    Board b = boards.get(roundId, k -> new Board());
    Promise<View> promise;
    synchronized (b) {
      if (b.last != null && (b.last.isFinal() || System.nanoTime() - b.lastAt < FRESH_NANOS)) {
        return Future.succeededFuture(b.last);
      }
      if (b.inFlight != null) {
        return b.inFlight;
      }
      promise = Promise.promise();
      b.inFlight = promise.future();
    }
    compute(roundId, b).onComplete(ar -> {
      synchronized (b) {
        b.inFlight = null;
        if (ar.succeeded()) {
          b.last = ar.result();
          b.lastAt = System.nanoTime();
        }
      }
      promise.handle(ar);
    });
    return promise.future();
  }

  /** The standings for someone who may watch the round (403 for anyone else). */
  public Future<View> standings(Account a, UUID roundId) {
    return rounds.facts(roundId).compose(f -> rounds.require(a, CompetitionPolicy.Action.WATCH, f.competition()))
        .compose(v -> standings(roundId));
  }

  /**
   * While the round is open: the entries' change counters (one light statement), then only the
   * entries whose counter moved, read again and scored; the ranking of all of them. Once it is
   * closed: the results as written at the close.
   */
  private Future<View> compute(UUID roundId, Board b) {
    return rounds.facts(roundId).compose(f -> {
      Round r = f.round();
      if (r.state() == RoundState.PLANNED || !r.knowledge()) {
        return Future.succeededFuture(new View(r, false, Instant.now(), 0, 0, 0, List.of()));
      }
      if (r.state() == RoundState.CLOSED) {
        return store.finalStandings(rounds.pool(), roundId).compose(fin -> {
          List<Standings.Row> rows = new ArrayList<>(fin.size());
          Set<UUID> advancing = new HashSet<>();
          fin.forEach(x -> {
            rows.add(x.row());
            if (x.advances()) {
              advancing.add(x.row().tally().accountId());
            }
          });
          return view(r, rows, 0, advancing);
        });
      }
      return rounds.paper(roundId).compose(paper -> rounds.tallies().current(rounds.pool(), r, paper))
          .compose(c -> offTheLoop(() -> {
            if (b.rows == null || c.changed() > 0) {
              b.rows = Standings.rankScored(r, c.entries().values());
            }
            long since = c.nowMs() - 60_000;
            long recent = 0;
            for (Standings.Scored s : c.entries().values()) {
              for (Standings.Answer a : s.tally().answers()) {
                recent += a.savedAtMs() > since ? 1 : 0;
              }
            }
            return recent;
          }))
          .compose(recent -> view(r, b.rows, recent, null));
    });
  }

  /** The view of ranked rows, with names and units. {@code advancing} is null while the round is open. */
  private Future<View> view(Round r, List<Standings.Row> rows, long recent, Set<UUID> advancing) {
    Set<UUID> people = new HashSet<>();
    Set<UUID> units = new HashSet<>();
    rows.forEach(row -> {
      people.add(row.tally().accountId());
      if (row.tally().unitId() != null) {
        units.add(row.tally().unitId());
      }
    });
    return Future.all(names(people), unitLabels(units)).compose(labels -> offTheLoop(() -> {
      Map<UUID, String> who = labels.resultAt(0);
      Map<UUID, String> where = labels.resultAt(1);
      List<Standing> out = new ArrayList<>(rows.size());
      int finished = 0;
      for (Standings.Row row : rows) {
        Standings.Tally tally = row.tally();
        finished += tally.submittedAt() != null ? 1 : 0;
        out.add(new Standing(row.rank(), row.tied(), tally.accountId(), who.getOrDefault(tally.accountId(), ""),
            tally.unitId() == null ? "" : where.getOrDefault(tally.unitId(), ""), row.score().points(),
            row.score().correct(), row.score().wrong(), row.score().totalTime().toMillis(),
            tally.submittedAt() != null, tally.autoSubmitted(), tally.hidden(), tally.takeovers(),
            advancing == null ? null : advancing.contains(tally.accountId())));
      }
      return new View(r, advancing != null, Instant.now(), rows.size(), finished, recent, List.copyOf(out));
    }));
  }

  /**
   * Runs a whole round's ranking and lines (tens of milliseconds for 10,000 entries) on a worker
   * thread: on an event loop it held up every answer saved on that loop once a second, which
   * showed as the acknowledgements' p99 (CompetitionBenchmark). Inline where there is no Vert.x
   * context (nothing to hold up).
   */
  private static <T> Future<T> offTheLoop(java.util.concurrent.Callable<T> work) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.owner().executeBlocking(work, false);
  }

  private Future<Map<UUID, String>> names(Collection<UUID> ids) {
    Map<UUID, String> out = new HashMap<>(names.getAllPresent(ids));
    List<UUID> missing = ids.stream().filter(id -> !out.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(out);
    }
    return accounts.displayNames(missing).map(found -> {
      names.putAll(found);
      out.putAll(found);
      return out;
    });
  }

  /** "江畔社区（东湖区）": the unit and the district it lies in. */
  private Future<Map<UUID, String>> unitLabels(Collection<UUID> ids) {
    Map<UUID, String> out = new HashMap<>(unitLabels.getAllPresent(ids));
    List<UUID> missing = ids.stream().filter(id -> !out.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(out);
    }
    return orgUnits.byIds(missing).compose(found -> {
      Set<UUID> above = new HashSet<>();
      found.values().forEach(u -> above.addAll(u.selfAndAncestorIds()));
      return orgUnits.byIds(above).map(tree -> {
        for (OrgUnit u : found.values()) {
          String district = null;
          for (UUID id : u.selfAndAncestorIds()) {
            OrgUnit up = tree.get(id);
            if (up != null && up.level() == OrgLevel.DISTRICT) {
              district = up.name();
            }
          }
          String label = district == null || district.equals(u.name()) ? u.name() : u.name() + "（" + district + "）";
          unitLabels.put(u.id(), label);
          out.put(u.id(), label);
        }
        return out;
      });
    });
  }

  // ---- screens ----

  /** Who is connecting: staff who may watch, or a contestant (with their entry, if begun). */
  public record Viewer(RoundStore.RoundFacts facts, boolean staff, RoundStore.Entry entry) {
  }

  /**
   * Who may open the round's event stream: staff who may watch it, and contestants it was set up for
   * who registered for it (or have an entry). Anyone else: 403.
   */
  public Future<Viewer> viewer(Account a, UUID roundId) {
    return rounds.facts(roundId).compose(f -> rounds.may(a, CompetitionPolicy.Action.WATCH, f.competition())
        .compose(watch -> {
          if (watch) {
            return Future.succeededFuture(new Viewer(f, true, null));
          }
          return rounds.may(a, CompetitionPolicy.Action.ENTER, f.competition()).compose(enter -> {
            if (!enter) {
              return Future.failedFuture(Problem.forbidden());
            }
            return Future.all(store.entry(rounds.pool(), roundId, a.id()), store.admission(rounds.pool(), roundId, a.id()))
                .compose(all -> {
                  RoundStore.Entry e = all.resultAt(0);
                  RoundStore.Admission adm = all.resultAt(1);
                  if (e == null && (adm == null || !adm.registered() || adm.withdrawn())) {
                    return Future.failedFuture(new Problem(403, "not_registered", "您没有报名本次比赛。"));
                  }
                  return Future.succeededFuture(new Viewer(f, false, e));
                });
          });
        }));
  }

  /** The screens of one round on this node. */
  private static final class Watch {
    final UUID roundId;
    final Set<Screen> screens = ConcurrentHashMap.newKeySet();
    volatile RoundState state;
    final AtomicBoolean closedSent = new AtomicBoolean();

    Watch(UUID roundId, RoundState state) {
      this.roundId = roundId;
      this.state = state;
    }

    boolean hasStaff() {
      for (Screen s : screens) {
        if (s.staff) {
          return true;
        }
      }
      return false;
    }
  }

  /** One open event stream. Its writes happen on its own context (the event loop of its connection). */
  private static final class Screen {
    final Context context;
    final HttpServerResponse response;
    final boolean staff;
    final UUID accountId;
    final String device;
    /** The tick of the heartbeat cycle on which this screen is pinged. */
    final int heartbeatPhase = Math.floorMod(screensMade.getAndIncrement(), HEARTBEAT_TICKS);
    long nextId;
    volatile boolean gone;

    Screen(Context context, HttpServerResponse response, boolean staff, UUID accountId, String device) {
      this.context = context;
      this.response = response;
      this.staff = staff;
      this.accountId = accountId;
      this.device = device;
    }

    /** A numbered event; a droppable one (standings, sent again in a second) is skipped while the client is slow. */
    void send(String event, String data, boolean droppable) {
      context.runOnContext(v -> {
        if (gone || response.closed() || response.ended() || droppable && response.writeQueueFull()) {
          return;
        }
        response.write("id: " + (++nextId) + "\nevent: " + event + "\ndata: " + data + "\n\n");
      });
    }

    void ping() {
      context.runOnContext(v -> {
        if (!gone && !response.closed() && !response.ended() && !response.writeQueueFull()) {
          response.write(": ping\n\n");
        }
      });
    }

    void end() {
      context.runOnContext(v -> {
        if (!gone && !response.closed() && !response.ended()) {
          response.end();
        }
        gone = true;
      });
    }
  }

  /**
   * Serves an event stream on {@code response} (from its own event loop): the round's state first,
   * for staff the standings next, then every change until the client goes away.
   *
   * @param device a contestant's device (whose stream a takeover by another device ends)
   */
  public void attach(HttpServerResponse response, Account a, Viewer viewer, String device) {
    Round r = viewer.facts().round();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no")
        // Each event must leave at once, not wait in a compressor's buffer.
        .putHeader("Content-Encoding", "identity");
    Context context = Vertx.currentContext();
    Screen screen = new Screen(context, response, viewer.staff(), a.id(), device);
    Watch watch = watches.compute(r.id(), (id, w) -> {
      Watch out = w == null ? new Watch(id, r.state()) : w;
      out.screens.add(screen);
      return out;
    });
    response.closeHandler(v -> detach(watch, screen));
    response.endHandler(v -> detach(watch, screen));
    response.exceptionHandler(t -> detach(watch, screen));
    response.write("retry: 3000\n\n");
    screen.send("state", stateJson(r, viewer.entry()).encode(), false);
    if (viewer.staff() && r.state() != RoundState.PLANNED) {
      standings(r.id()).onSuccess(view -> screen.send("standings", standingsJson(view, 1, TOP).encode(), false))
          .onFailure(t -> log.warn("Standings of round {} for a new screen failed: {}", r.id(), t.getMessage()));
    }
  }

  private void detach(Watch watch, Screen screen) {
    screen.gone = true;
    watch.screens.remove(screen);
    watches.computeIfPresent(watch.roundId, (id, w) -> w.screens.isEmpty() ? null : w);
  }

  /** How many event streams this node serves now. */
  public int screens() {
    return watches.values().stream().mapToInt(w -> w.screens.size()).sum();
  }

  /**
   * Once a second (a periodic job, once per node): the standings of every open round watched by
   * staff on this node, computed once and pushed to them; a comment to a fifteenth of the screens.
   */
  public Future<Void> tick() {
    int phase = (int) (ticks.incrementAndGet() % HEARTBEAT_TICKS);
    List<Future<?>> work = new ArrayList<>();
    for (Watch w : watches.values()) {
      w.screens.forEach(screen -> {
        if (screen.heartbeatPhase == phase) {
          screen.ping();
        }
      });
      if (w.state != RoundState.OPEN || !w.hasStaff()) {
        continue;
      }
      work.add(standings(w.roundId).onSuccess(view -> {
        if (view.round().state() == RoundState.CLOSED) {
          closed(w);
          return;
        }
        String json = standingsJson(view, 1, TOP).encode();
        w.screens.stream().filter(s -> s.staff).forEach(s -> s.send("standings", json, true));
      }));
    }
    return Future.join(work).mapEmpty();
  }

  /** A round opened or closed, on any node. */
  private void roundChanged(ChannelEvent event) {
    UUID roundId;
    RoundState state;
    try {
      roundId = UUID.fromString(event.payload().getString("round"));
      state = RoundState.valueOf(event.payload().getString("state"));
    } catch (RuntimeException e) {
      log.warn("Ignoring a malformed round event: {}", event.payload());
      return;
    }
    if (state == RoundState.CLOSED) {
      // Whatever was computed before the close is not the final word; the results are.
      boards.invalidate(roundId);
      rounds.tallies().forget(roundId);
    }
    Watch w = watches.get(roundId);
    if (w == null) {
      return;
    }
    w.state = state;
    if (state == RoundState.CLOSED) {
      closed(w);
    } else {
      rounds.facts(roundId).onSuccess(f -> {
        String json = stateJson(f.round(), null).encode();
        w.screens.forEach(s -> s.send("state", json, false));
      });
    }
  }

  /** The final standings to staff, the round's end to contestants: once per round per node. */
  private void closed(Watch w) {
    w.state = RoundState.CLOSED;
    if (!w.closedSent.compareAndSet(false, true)) {
      return;
    }
    if (!w.hasStaff()) {
      // Contestants get the round's end only: nothing to compute first.
      rounds.facts(w.roundId).onSuccess(f -> {
        String json = closedForContestants(stateJson(f.round(), null));
        w.screens.forEach(s -> s.send("closed", json, false));
      }).onFailure(t -> {
        w.closedSent.set(false);
        log.warn("Closing the screens of round {} failed: {}", w.roundId, t.getMessage());
      });
      return;
    }
    standings(w.roundId).onSuccess(view -> {
      if (!view.isFinal()) {
        // Computed from a reading just before the close committed: read again.
        boards.invalidate(w.roundId);
        w.closedSent.set(false);
        closed(w);
        return;
      }
      JsonObject state = stateJson(view.round(), null);
      String forContestants = closedForContestants(state.copy());
      String forStaff = state.put("standings", standingsJson(view, 1, TOP)).encode();
      for (Screen s : w.screens) {
        s.send("closed", s.staff ? forStaff : forContestants, false);
      }
    }).onFailure(t -> {
      w.closedSent.set(false);
      log.warn("Final standings of round {} failed: {}", w.roundId, t.getMessage());
    });
  }

  private static String closedForContestants(JsonObject state) {
    return state.put("message", "本轮已结束，答案已全部交卷。成绩公布后可查看名次和解析。").encode();
  }

  /** Another device took an entry over: the other devices' streams are told, and ended. */
  private void takenOver(ChannelEvent event) {
    UUID roundId;
    UUID accountId;
    String device;
    try {
      roundId = UUID.fromString(event.payload().getString("round"));
      accountId = UUID.fromString(event.payload().getString("account"));
      device = event.payload().getString("device");
    } catch (RuntimeException e) {
      log.warn("Ignoring a malformed takeover event: {}", event.payload());
      return;
    }
    Watch w = watches.get(roundId);
    if (w == null) {
      return;
    }
    String json = new JsonObject().put("message", "您已在另一台设备上继续作答，本设备不再保存答案。如需在本设备作答，请点击“在本设备继续”。")
        .encode();
    for (Screen s : w.screens) {
      if (!s.staff && s.accountId.equals(accountId) && !device.equals(s.device)) {
        s.send("takeover", json, false);
        s.end();
      }
    }
  }

  // ---- JSON ----

  static JsonObject stateJson(Round r, RoundStore.Entry e) {
    JsonObject j = new JsonObject().put("round", r.id().toString()).put("title", r.title()).put("state", r.state().name())
        .put("serverTime", Instant.now().toString());
    if (r.knowledge()) {
      j.put("opensAt", r.opensAt().toString()).put("closesAt", r.closesAt().toString());
    }
    if (e != null) {
      j.put("entry", new JsonObject().put("deadline", e.deadline().toString()).put("submitted", !e.open())
          .put("autoSubmitted", e.autoSubmitted()));
    }
    return j;
  }

  /** The standings, one page of their rows (1-based), with the counts and the rule. */
  public static JsonObject standingsJson(View v, int page, int size) {
    JsonArray rows = new JsonArray();
    int from = Math.min(v.rows().size(), (page - 1) * size);
    int to = Math.min(v.rows().size(), from + size);
    for (Standing s : v.rows().subList(from, to)) {
      JsonObject row = new JsonObject().put("rank", s.rank()).put("tied", s.tied()).put("accountId", s.accountId().toString())
          .put("name", s.name()).put("unit", s.unit()).put("points", s.points()).put("correct", s.correct())
          .put("wrong", s.wrong()).put("timeMs", s.timeMs()).put("submitted", s.submitted())
          .put("autoSubmitted", s.autoSubmitted())
          .put("notes", new JsonObject().put("pageHidden", s.hidden()).put("takeovers", s.takeovers()));
      if (s.advances() != null) {
        row.put("advances", s.advances());
      }
      rows.add(row);
    }
    Round r = v.round();
    JsonObject j = new JsonObject().put("round", r.id().toString()).put("title", r.title()).put("state", r.state().name())
        .put("final", v.isFinal()).put("computedAt", v.computedAt().toString())
        .put("counts", new JsonObject().put("entered", v.entered()).put("finished", v.finished())
            .put("answersLastMinute", v.answersLastMinute()))
        .put("items", rows).put("page", page).put("size", size).put("total", v.rows().size());
    if (r.knowledge()) {
      j.put("rule", r.ranking().statement());
    }
    if (r.advancement() != null) {
      j.put("advancementRule", r.advancement().statement());
    }
    return j;
  }

  @Override
  public void close() {
    subscriptions.forEach(EventChannel.Subscription::cancel);
    for (Watch w : watches.values()) {
      w.screens.forEach(Screen::end);
    }
    watches.clear();
  }
}
