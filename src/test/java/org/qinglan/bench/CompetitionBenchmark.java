package org.qinglan.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.qinglan.people.PasswordHasher;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.TestDatabases;

/**
 * A city's knowledge round (#15): N contestants, signed in beforehand, each holding the round's
 * event stream open, enter within a minute and answer Q questions with a think time; then the
 * organiser closes the round. The node (or two nodes on one database) runs as its own process
 * with its own heap ({@code -Xmx1g} by default), so that its heap is the node's alone; the
 * contestants and the organisers' screens are HTTP clients in this process, on 127.0.0.1.
 *
 * <p>Prints answers acknowledged per second (over the answering and at the busiest second), the
 * acknowledgement latency (p50, p99, max), errors by kind, the time from the close to the final
 * standings on every connected screen (the "closed" event on every contestant's and organiser's
 * stream), the node's heap in use (peak of the samples, and live after a full GC at the end), and
 * answers lost: acknowledged, then not in the database as acknowledged (or a newer save) after
 * the close. Not part of {@code mvn verify}; the command and the figures are in docs/benchmarks.md.
 *
 * <p>Arguments: {@code --contestants N} (10000), {@code --arrival-seconds S} (60), {@code --questions Q}
 * (30), {@code --think-ms MS} (20000: the mean pause before each answer, uniform in half to one
 * and a half of it), {@code --screens K} (3 organiser screens per node), {@code --nodes 1|2} (1),
 * {@code --heap SIZE} (1g), {@code --scoring CORRECT_THEN_TIME|SPEED_POINTS}, {@code --blueprint ID}
 * (assistant-comprehensive).
 */
public final class CompetitionBenchmark {
  private static final String PASSWORD = "Bench-pass-2026";
  private static final String DEVICE_HEADER = "X-Qinglan-Device";

  record Options(int contestants, int arrivalSeconds, int questions, long thinkMs, int screens, int nodes,
                 String heap, String scoring, String blueprint) {
  }

  /** Acknowledgement latencies in microseconds, and the acknowledgements per second of the run. */
  private final long[] ackMicros;
  private final AtomicInteger ackCount = new AtomicInteger();
  private final AtomicLongArray ackPerSecond = new AtomicLongArray(7200);
  private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
  /** Per contestant: question id → the seq and the shown choices acknowledged last. */
  private final Map<String, Map<String, Acked>> acked = new ConcurrentHashMap<>();
  private final List<Long> entryMicros = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger streamsOpen = new AtomicInteger();
  private final AtomicInteger streamsFailed = new AtomicInteger();
  private long t0;

  record Acked(long seq, JsonArray choices) {
  }

  private CompetitionBenchmark(Options o) {
    this.ackMicros = new long[o.contestants() * o.questions() + 16];
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Options o = new Options(Integer.parseInt(opts.getOrDefault("contestants", "10000")),
        Integer.parseInt(opts.getOrDefault("arrival-seconds", "60")),
        Integer.parseInt(opts.getOrDefault("questions", "30")),
        Long.parseLong(opts.getOrDefault("think-ms", "20000")),
        Integer.parseInt(opts.getOrDefault("screens", "3")),
        Integer.parseInt(opts.getOrDefault("nodes", "1")),
        opts.getOrDefault("heap", "1g"),
        opts.getOrDefault("scoring", "CORRECT_THEN_TIME"),
        opts.getOrDefault("blueprint", "assistant-comprehensive"));
    int code = new CompetitionBenchmark(o).run(o);
    System.exit(code);
  }

  private int run(Options o) throws Exception {
    DatabaseTarget db = TestDatabases.fresh();
    List<NodeProcess> nodes = new ArrayList<>();
    Vertx vertx = null;
    HeapSampler heap = null;
    try {
      System.out.printf(Locale.ROOT, "Knowledge round: %d contestants entering over %d s, %d questions, think ~%d ms, "
              + "%d organiser screen(s) per node, %d node(s) with -Xmx%s, scoring %s, paper from %s%n", o.contestants(),
          o.arrivalSeconds(), o.questions(), o.thinkMs(), o.screens(), o.nodes(), o.heap(), o.scoring(), o.blueprint());
      System.out.println("machine at start: load average " + loadAverage());
      for (int i = 0; i < o.nodes(); i++) {
        // The first node fills the empty database (demo data, content); the second finds it done.
        nodes.add(NodeProcess.start(db, o.heap(), i));
      }
      heap = HeapSampler.start(nodes.get(0).process.pid());

      Setup setup = Setup.create(db, o.contestants());
      Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      vertx = client;
      HttpClient requests = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0)
          .setConnectTimeout(60_000), new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
      HttpClient streams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0)
          .setConnectTimeout(60_000), new PoolOptions().setHttp1MaxSize(o.contestants() + 64).setMaxWaitQueueSize(-1));

      String organiser = signIn(nodes.get(0).port, "organiser", PASSWORD);
      String roundId = declareAndOpen(vertx, requests, nodes.get(0).port, organiser, setup.competitionId, o);
      System.out.println("round " + roundId + " declared and opened");

      // Every screen: each contestant's stream and K organiser screens per node, all waiting for "closed".
      int screenCount = o.contestants() + o.screens() * nodes.size();
      CountDownLatch allClosed = new CountDownLatch(screenCount);
      AtomicLong closeNanos = new AtomicLong();
      long[] closedAfter = new long[screenCount];
      Arrays.fill(closedAfter, -1);
      CountDownLatch streamsReady = new CountDownLatch(screenCount);
      for (int s = 0; s < o.screens() * nodes.size(); s++) {
        int port = nodes.get(s % nodes.size()).port;
        int slot = o.contestants() + s;
        openStream(streams, port, roundId, organiser, null, streamsReady, () -> {
          closedAfter[slot] = System.nanoTime() - closeNanos.get();
          allClosed.countDown();
        });
      }
      List<String> devices = new ArrayList<>();
      for (int i = 0; i < o.contestants(); i++) {
        devices.add(UUID.randomUUID().toString());
      }
      // Streams open in a ramp of about 10 s, as phones open the page before the round.
      for (int i = 0; i < o.contestants(); i++) {
        int slot = i;
        int port = nodes.get(i % nodes.size()).port;
        String token = setup.tokens.get(i);
        vertx.setTimer(1 + (long) i * 10_000 / Math.max(1, o.contestants()), id -> openStream(streams, port, roundId,
            token, devices.get(slot), streamsReady, () -> {
              closedAfter[slot] = System.nanoTime() - closeNanos.get();
              allClosed.countDown();
            }));
      }
      if (!streamsReady.await(5, TimeUnit.MINUTES)) {
        System.out.println("not every stream opened within 5 minutes: " + streamsOpen.get() + " of " + screenCount);
      }
      System.out.printf(Locale.ROOT, "%d event streams open (%d failed); node heap now %s%n", streamsOpen.get(),
          streamsFailed.get(), heap.describeLast());

      CountDownLatch answered = new CountDownLatch(o.contestants());
      Random random = new Random(15);
      t0 = System.nanoTime();
      for (int i = 0; i < o.contestants(); i++) {
        int port = nodes.get(i % nodes.size()).port;
        String token = setup.tokens.get(i);
        String device = devices.get(i);
        long arrival = (long) (random.nextDouble() * o.arrivalSeconds() * 1000);
        long seed = random.nextLong();
        String who = setup.usernames.get(i);
        vertx.setTimer(Math.max(1, arrival), id -> contestant(client, requests, port, roundId, who, token, device, o,
            new Random(seed)).onComplete(ar -> {
              if (ar.failed()) {
                errors.computeIfAbsent(kind(ar.cause()), k -> new AtomicLong()).incrementAndGet();
              }
              answered.countDown();
            }));
      }
      Progress progress = new Progress(o.contestants(), answered);
      HeapSampler sampler = heap;
      long progressTimer = vertx.setPeriodic(30_000, id -> progress.print(this, sampler));
      answered.await(3, TimeUnit.HOURS);
      vertx.cancelTimer(progressTimer);
      double answering = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "every contestant done after %.1f s; closing the round%n", answering);

      closeNanos.set(System.nanoTime());
      int closeStatus = call(requests, nodes.get(0).port, HttpMethod.POST, "/api/v1/rounds/" + roundId + "/closing",
          organiser, null, new JsonObject()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES).status;
      double closeCall = (System.nanoTime() - closeNanos.get()) / 1e9;
      boolean everyScreen = allClosed.await(2, TimeUnit.MINUTES);
      double lastScreen = (System.nanoTime() - closeNanos.get()) / 1e9;

      report(o, answering, closeStatus, closeCall, everyScreen, lastScreen, closedAfter, allClosed.getCount());
      System.out.printf(Locale.ROOT, "node heap in use: peak %s of the samples (every second) during the round%n",
          heap.describePeak());
      heap.stop();
      System.out.println("node heap after a full GC at the end: " + HeapSampler.liveAfterGc(nodes.get(0).process.pid()));
      long lost = lostAnswers(db, setup);
      System.out.printf(Locale.ROOT, "answers lost: %d of %d acknowledged%n", lost, ackCount.get());
      long standingsRows = finalStandingsRows(requests, nodes.get(nodes.size() - 1).port, roundId, organiser);
      System.out.printf(Locale.ROOT, "final standings on node %d list %d entries (contestants who entered: %d)%n",
          nodes.size(), standingsRows, o.contestants() - errorsOf("entry"));
      System.out.println("machine at end: load average " + loadAverage());
      return 0;
    } finally {
      if (heap != null) {
        heap.stop();
      }
      if (vertx != null) {
        vertx.close();
      }
      for (NodeProcess n : nodes) {
        n.stop();
      }
      TestDatabases.drop(db);
    }
  }

  private long errorsOf(String prefix) {
    return errors.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get())
        .sum();
  }

  // ---- the contestant ----

  private Future<Void> contestant(Vertx vertx, HttpClient http, int port, String roundId, String who, String token,
                                  String device, Options o, Random random) {
    long started = System.nanoTime();
    return call(http, port, HttpMethod.POST, "/api/v1/rounds/" + roundId + "/entry", token, device, new JsonObject())
        .compose(r -> {
          if (r.status != 200 && r.status != 201) {
            return Future.failedFuture(new Refused("entry", r));
          }
          entryMicros.add((System.nanoTime() - started) / 1000);
          JsonArray questions = r.json().getJsonArray("questions");
          Map<String, Acked> mine = new ConcurrentHashMap<>();
          acked.put(who, mine);
          Future<Void> chain = Future.succeededFuture();
          long[] seq = {0};
          for (int q = 0; q < Math.min(o.questions(), questions.size()); q++) {
            JsonObject question = questions.getJsonObject(q);
            chain = chain.compose(v -> sleep(vertx, (long) (o.thinkMs() * (0.5 + random.nextDouble()))))
                .compose(v -> answer(http, port, roundId, token, device, question, ++seq[0], random, mine));
          }
          return chain;
        });
  }

  private Future<Void> answer(HttpClient http, int port, String roundId, String token, String device,
                              JsonObject question, long seq, Random random, Map<String, Acked> mine) {
    int options = question.getJsonArray("options").size();
    JsonArray choices = new JsonArray().add(random.nextInt(options));
    if ("multiple-choice".equals(question.getString("type")) && options > 2) {
      int second = random.nextInt(options);
      if (second != choices.getInteger(0)) {
        choices.add(second);
      }
    }
    String id = question.getString("id");
    long t = System.nanoTime();
    return call(http, port, HttpMethod.PUT, "/api/v1/rounds/" + roundId + "/entry/answers/" + id, token, device,
        new JsonObject().put("seq", seq).put("response", new JsonObject().put("choices", choices))).compose(r -> {
          long micros = (System.nanoTime() - t) / 1000;
          if (r.status != 200) {
            return Future.failedFuture(new Refused("answer", r));
          }
          int i = ackCount.getAndIncrement();
          if (i < ackMicros.length) {
            ackMicros[i] = micros;
          }
          int second = (int) ((System.nanoTime() - t0) / 1_000_000_000L);
          if (second >= 0 && second < ackPerSecond.length()) {
            ackPerSecond.incrementAndGet(second);
          }
          mine.put(id, new Acked(seq, choices));
          return Future.succeededFuture();
        });
  }

  // ---- set-up ----

  /**
   * The demo organiser of 东湖区 runs the competition; the contestants are workers of one of its
   * communities, registered while registration is open (as SQL: registering is not measured).
   */
  static final class Setup {
    String competitionId;
    final List<String> tokens = new ArrayList<>();
    final List<String> usernames = new ArrayList<>();
    final Map<String, String> accountOf = new HashMap<>();

    static Setup create(DatabaseTarget db, int n) throws Exception {
      Setup s = new Setup();
      String hash = new PasswordHasher().hash(PASSWORD);
      SecureRandom random = new SecureRandom();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setAutoCommit(false);
        String district = one(c, "SELECT id FROM org_unit WHERE name = '东湖区'");
        String community = one(c, "SELECT id FROM org_unit WHERE level = 'COMMUNITY' AND path LIKE '%" + district
            + "/%' ORDER BY name LIMIT 1");
        String organiser = one(c, "SELECT id FROM account WHERE username = 'organiser'");
        try (PreparedStatement a = c.prepareStatement("INSERT INTO account (id, username, display_name, password_hash, "
            + "org_unit_id) VALUES (?::uuid, ?, ?, ?, ?::uuid)")) {
          for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            String username = String.format(Locale.ROOT, "contestant%05d", i);
            s.usernames.add(username);
            s.accountOf.put(username, id);
            a.setString(1, id);
            a.setString(2, username);
            a.setString(3, "选手" + i);
            a.setString(4, hash);
            a.setString(5, community);
            a.addBatch();
          }
          a.executeBatch();
        }
        c.createStatement().execute("INSERT INTO account_role (account_id, role) SELECT id, 'WORKER' FROM account "
            + "WHERE username LIKE 'contestant%'");
        c.createStatement().execute("INSERT INTO worker_profile (account_id, post_category, grade) SELECT id, 'OTHER', 3 "
            + "FROM account WHERE username LIKE 'contestant%'");
        try (PreparedStatement w = c.prepareStatement("INSERT INTO web_session (token_hash, account_id, created_at, "
            + "last_seen_at, expires_at, address, device, kept) VALUES (?, ?::uuid, now(), now(), "
            + "now() + interval '13 days', '127.0.0.1', 'Android 手机 · 微信', true)")) {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          for (String username : s.usernames) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            s.tokens.add(token);
            w.setBytes(1, sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
            w.setString(2, s.accountOf.get(username));
            w.addBatch();
          }
          w.executeBatch();
        }
        s.competitionId = UUID.randomUUID().toString();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO competition (id, title, year, org_unit_id, stage, "
            + "entry_mode, team_basis, created_by) VALUES (?::uuid, '东湖区社区工作者知识竞赛（压测）', 2026, ?::uuid, "
            + "'REGISTRATION', 'SELF', 'NONE', ?::uuid)")) {
          p.setString(1, s.competitionId);
          p.setString(2, district);
          p.setString(3, organiser);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO competition_registration (competition_id, "
            + "account_id, org_unit_id, via) SELECT ?::uuid, id, org_unit_id, 'SELF' FROM account "
            + "WHERE username LIKE 'contestant%'")) {
          p.setString(1, s.competitionId);
          p.executeUpdate();
        }
        c.commit();
      }
      return s;
    }

    private static String one(Connection c, String sql) throws Exception {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        if (!rs.next()) {
          throw new IllegalStateException("nothing for " + sql);
        }
        return rs.getString(1);
      }
    }
  }

  private String declareAndOpen(Vertx vertx, HttpClient http, int port, String organiser, String competitionId,
                                Options o) throws Exception {
    Instant now = Instant.now();
    JsonObject round = new JsonObject().put("title", "知识竞赛初赛").put("kind", "KNOWLEDGE")
        .put("scoring", o.scoring()).put("tieBreak", "EARLIER_SUBMISSION").put("timing", "WINDOW")
        .put("opensAt", now.minusSeconds(60).toString()).put("closesAt", now.plusSeconds(4 * 3600).toString())
        .put("minutes", 120)
        .put("questionSource", new JsonObject().put("blueprint", o.blueprint()).put("count", o.questions()));
    Reply declared = call(http, port, HttpMethod.POST, "/api/v1/competitions/" + competitionId + "/rounds", organiser,
        null, round).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    if (declared.status != 201) {
      throw new IllegalStateException("declaring the round: " + declared.status + " " + declared.body);
    }
    String roundId = declared.json().getString("id");
    Reply running = call(http, port, HttpMethod.POST, "/api/v1/competitions/" + competitionId + "/stage", organiser,
        null, new JsonObject().put("to", "RUNNING")).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    if (running.status != 200) {
      throw new IllegalStateException("starting the competition: " + running.status + " " + running.body);
    }
    Reply opened = call(http, port, HttpMethod.POST, "/api/v1/rounds/" + roundId + "/opening", organiser, null,
        new JsonObject()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    if (opened.status != 200) {
      throw new IllegalStateException("opening the round: " + opened.status + " " + opened.body);
    }
    return roundId;
  }

  // ---- HTTP ----

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  static final class Refused extends RuntimeException {
    final String what;
    final Reply reply;

    Refused(String what, Reply reply) {
      super(what + " " + reply.status + " " + reply.body, null, false, false);
      this.what = what;
      this.reply = reply;
    }
  }

  private static Future<Reply> call(HttpClient http, int port, HttpMethod method, String path, String token,
                                    String device, JsonObject body) {
    RequestOptions ro = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(method).setURI(path)
        .putHeader("Cookie", "qinglan_session=" + token).putHeader("Content-Type", "application/json")
        .setTimeout(120_000);
    if (device != null) {
      ro.putHeader(DEVICE_HEADER, device);
    }
    return http.request(ro).compose(req -> req.send(body == null ? Buffer.buffer() : body.toBuffer()))
        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b.toString(StandardCharsets.UTF_8))));
  }

  /**
   * Opens a round's event stream and calls {@code onClosed} once, when its "closed" event arrives.
   */
  private void openStream(HttpClient http, int port, String roundId, String token, String device,
                          CountDownLatch ready, Runnable onClosed) {
    String path = "/api/v1/rounds/" + roundId + "/events" + (device == null ? "" : "?device=" + device);
    RequestOptions ro = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.GET)
        .setURI(path).putHeader("Cookie", "qinglan_session=" + token).putHeader("Accept", "text/event-stream")
        .setIdleTimeout(0);
    http.request(ro).compose(req -> req.send()).onSuccess(resp -> {
      if (resp.statusCode() != 200) {
        streamsFailed.incrementAndGet();
        errors.computeIfAbsent("stream " + resp.statusCode(), k -> new AtomicLong()).incrementAndGet();
        ready.countDown();
        return;
      }
      streamsOpen.incrementAndGet();
      ready.countDown();
      boolean[] done = {false};
      StringBuilder pending = new StringBuilder();
      resp.handler(chunk -> {
        if (done[0]) {
          return;
        }
        pending.append(chunk.toString(StandardCharsets.UTF_8));
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          String event = pending.substring(0, end);
          pending.delete(0, end + 2);
          if (event.contains("\nevent: closed\n") || event.startsWith("event: closed\n")) {
            done[0] = true;
            onClosed.run();
            return;
          }
        }
      });
      resp.exceptionHandler(e -> {
        if (!done[0]) {
          errors.computeIfAbsent("stream broken: " + e.getClass().getSimpleName(), k -> new AtomicLong())
              .incrementAndGet();
        }
      });
    }).onFailure(e -> {
      streamsFailed.incrementAndGet();
      errors.computeIfAbsent("stream " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
      ready.countDown();
    });
  }

  private static String signIn(int port, String username, String password) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/v1/session").toURL()
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.getOutputStream().write(new JsonObject().put("username", username).put("password", password).encode()
        .getBytes(StandardCharsets.UTF_8));
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException("sign-in of " + username + ": " + c.getResponseCode());
    }
    for (Map.Entry<String, List<String>> header : c.getHeaderFields().entrySet()) {
      if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Set-Cookie")) {
        continue;
      }
      for (String cookie : header.getValue()) {
        if (cookie.startsWith("qinglan_session=")) {
          return cookie.substring("qinglan_session=".length(), cookie.indexOf(';'));
        }
      }
    }
    throw new IllegalStateException("no session cookie for " + username);
  }

  private long finalStandingsRows(HttpClient http, int port, String roundId, String organiser) throws Exception {
    Reply r = call(http, port, HttpMethod.GET, "/api/v1/rounds/" + roundId + "/standings?size=1", organiser, null,
        null).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    return r.status == 200 ? r.json().getLong("total", -1L) : -r.status;
  }

  // ---- checks and figures ----

  /** Acknowledged answers that are not in the database as acknowledged (nor replaced by a newer save). */
  private long lostAnswers(DatabaseTarget db, Setup setup) throws Exception {
    Map<String, Map<String, Long>> stored = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement p = c.prepareStatement("SELECT e.account_id::text, a.question_id::text, a.seq "
             + "FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id")) {
      p.setFetchSize(10_000);
      c.setAutoCommit(false);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          stored.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        }
      }
    }
    long lost = 0;
    for (Map.Entry<String, Map<String, Acked>> e : acked.entrySet()) {
      Map<String, Long> mine = stored.getOrDefault(setup.accountOf.get(e.getKey()), Map.of());
      for (Map.Entry<String, Acked> a : e.getValue().entrySet()) {
        Long seq = mine.get(a.getKey());
        if (seq == null || seq < a.getValue().seq()) {
          lost++;
        }
      }
    }
    return lost;
  }

  private void report(Options o, double answering, int closeStatus, double closeCall, boolean everyScreen,
                      double lastScreen, long[] closedAfter, long screensMissing) {
    int n = Math.min(ackCount.get(), ackMicros.length);
    long[] sorted = Arrays.copyOf(ackMicros, n);
    Arrays.sort(sorted);
    long busiest = 0;
    for (int i = 0; i < ackPerSecond.length(); i++) {
      busiest = Math.max(busiest, ackPerSecond.get(i));
    }
    System.out.printf(Locale.ROOT, "answers acknowledged: %d in %.1f s = %.0f/s on average, %d in the busiest second%n",
        n, answering, n / answering, busiest);
    System.out.printf(Locale.ROOT, "acknowledgement latency: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
        pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0, pct(sorted, 0.999) / 1000.0,
        n == 0 ? 0 : sorted[n - 1] / 1000.0);
    long[] entries = entryMicros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "entering (paper without keys): p50 %.1f ms, p99 %.1f ms (%d entries)%n",
        pct(entries, 0.5) / 1000.0, pct(entries, 0.99) / 1000.0, entries.length);
    System.out.println("errors: " + (errors.isEmpty() ? "none" : new java.util.TreeMap<>(errors)));
    System.out.printf(Locale.ROOT, "close: %d after %.2f s; the final standings reached %s screens, the last %.2f s "
            + "after the close%s%n", closeStatus, closeCall, everyScreen ? "all " + closedAfter.length : "not all",
        lastScreen, everyScreen ? "" : " (" + screensMissing + " screens never got them)");
    long[] delivered = Arrays.stream(closedAfter).filter(v -> v >= 0).sorted().toArray();
    System.out.printf(Locale.ROOT, "  per screen: p50 %.2f s, p99 %.2f s, max %.2f s after the close%n",
        pct(delivered, 0.5) / 1e9, pct(delivered, 0.99) / 1e9,
        delivered.length == 0 ? 0 : delivered[delivered.length - 1] / 1e9);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, ms), id -> p.complete());
    return p.future();
  }

  private static String kind(Throwable t) {
    if (t instanceof Refused r) {
      String code = "";
      try {
        code = " " + r.reply.json().getString("code", "");
      } catch (RuntimeException ignored) {
        // not JSON
      }
      return r.what + " " + r.reply.status + code;
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Prints how far the contestants are every 30 s. */
  record Progress(int total, CountDownLatch left) {
    void print(CompetitionBenchmark b, HeapSampler heap) {
      System.out.printf(Locale.ROOT, "  %.0f s: %d of %d contestants done, %d answers acknowledged, heap %s, load %s%n",
          (System.nanoTime() - b.t0) / 1e9, total - left.getCount(), total, b.ackCount.get(),
          heap == null ? "?" : heap.describeLast(), loadAverage());
    }
  }

  // ---- the node as its own process ----

  /** A Qinglan node started with {@code java -Xmx… org.qinglan.Qinglan serve} on the benchmark's database. */
  static final class NodeProcess {
    final Process process;
    final int port;

    private NodeProcess(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static NodeProcess start(DatabaseTarget db, String heap, int index) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path dataDir = Files.createTempDirectory("qinglan-bench-node");
      Path log = Files.createTempFile("qinglan-bench-node" + index, ".log");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + heap, "-Dfile.encoding=UTF-8", "-cp", classPath(), "org.qinglan.Qinglan", "serve",
          "--port", String.valueOf(port), "--data-dir", dataDir.toString(), "--demo")
          .redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("QINGLAN_"));
      env.put("QINGLAN_DATABASE_URL", "postgresql://" + db.user() + (db.password() == null ? "" : ":" + db.password())
          + "@" + db.host() + ":" + db.port() + "/" + db.database());
      env.put("QINGLAN_DEMO_PASSWORD", PASSWORD);
      Process p = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("node " + index + " exited; its log: " + log + "\n" + Files.readString(log));
        }
        try {
          HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health").openConnection();
          c.setConnectTimeout(1000);
          if (c.getResponseCode() == 200) {
            System.out.printf(Locale.ROOT, "node %d: process %d on port %d, -Xmx%s, log %s%n", index, p.pid(), port,
                heap, log);
            return new NodeProcess(p, port);
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(250);
      }
      p.destroyForcibly();
      throw new IllegalStateException("node " + index + " did not answer /health within 5 minutes; log " + log);
    }

    /** The classes this benchmark runs with (exec:java's class loader), which hold the node's too. */
    private static String classPath() {
      ClassLoader cl = CompetitionBenchmark.class.getClassLoader();
      List<String> parts = new ArrayList<>();
      while (cl != null) {
        if (cl instanceof URLClassLoader u) {
          for (URL url : u.getURLs()) {
            try {
              parts.add(Path.of(url.toURI()).toString());
            } catch (Exception e) {
              parts.add(url.getPath());
            }
          }
        }
        cl = cl.getParent();
      }
      return parts.isEmpty() ? System.getProperty("java.class.path") : String.join(java.io.File.pathSeparator, parts);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Samples the node's heap in use once a second with {@code jstat -gc}. */
  static final class HeapSampler {
    private final Process jstat;
    private final AtomicLong lastKb = new AtomicLong(-1);
    private final AtomicLong peakKb = new AtomicLong(-1);

    private HeapSampler(Process jstat) {
      this.jstat = jstat;
    }

    static HeapSampler start(long pid) throws IOException {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
          String.valueOf(pid), "1000").redirectErrorStream(true).start();
      HeapSampler s = new HeapSampler(p);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String header = r.readLine();
          if (header == null) {
            return;
          }
          List<String> cols = Arrays.asList(header.trim().split("\\s+"));
          String line;
          while ((line = r.readLine()) != null) {
            String[] v = line.trim().split("\\s+");
            if (v.length != cols.size()) {
              continue;
            }
            double kb = 0;
            for (String used : List.of("S0U", "S1U", "EU", "OU")) {
              int i = cols.indexOf(used);
              if (i >= 0) {
                kb += Double.parseDouble(v[i]);
              }
            }
            s.lastKb.set((long) kb);
            s.peakKb.accumulateAndGet((long) kb, Math::max);
          }
        } catch (IOException | RuntimeException ignored) {
          // jstat ended
        }
      }, "heap-sampler");
      reader.setDaemon(true);
      reader.start();
      return s;
    }

    String describeLast() {
      return mb(lastKb.get());
    }

    String describePeak() {
      return mb(peakKb.get());
    }

    private static String mb(long kb) {
      return kb < 0 ? "?" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    void stop() {
      jstat.destroy();
    }

    /** {@code jcmd <pid> GC.run}, then the heap in use as {@code GC.heap_info} reports it. */
    static String liveAfterGc(long pid) {
      try {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor(60,
            TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor(60, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
          if (line.contains("used")) {
            return line.trim();
          }
        }
        return out.trim();
      } catch (Exception e) {
        return "? (" + e.getMessage() + ")";
      }
    }
  }
}
