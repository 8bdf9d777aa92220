package org.qinglan.bench;

import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.qinglan.Application;
import org.qinglan.people.PasswordHasher;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.Capacity;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.LogCapture;
import org.qinglan.testing.TestDatabases;

/**
 * An exam morning: N workers arrive over a minute (uniformly at random), sign in (most with a
 * session kept on their phone from an earlier day, the rest with their password), start a mock
 * exam, answer K questions with a think time between answers, read their answers back, submit,
 * and read the scored paper back. All over HTTP on 127.0.0.1 against an in-process node on a fresh
 * database, with the production Argon2id. A 503 or 429 with Retry-After is waited out and sent
 * again, as the sign-in page does: a retry is counted, not an error.
 *
 * <p>Prints errors by kind (status and code), sign-in times (arrival to signed in, queue waits
 * included) and 503 retries, when the last worker was signed in, start, save and submit times,
 * answers lost (acknowledged, then not on the paper read back after the submit), papers whose score
 * is not what their acknowledged answers give, and the longest stall of the node's event loops (a
 * 10 ms timer on each, with its lateness recorded) beside Vert.x's blocked-thread warnings. Not
 * part of {@code mvn verify}; the command and the figures are in docs/benchmarks.md.
 *
 * <p>Arguments: {@code --workers N} (1000), {@code --arrival-seconds S} (60), {@code --kept-share F}
 * (0.8: the share of workers who come with a kept 14-day session), {@code --think-ms MS} (80000: a
 * real paper is 80–100 questions in 120 minutes, 72–90 s a question), {@code --answers K} (5),
 * {@code --cpu-hog} (a separate process spins on one core for the whole run), {@code --blueprint ID}
 * (assistant-practice), {@code --pool N}, {@code --hash-threads N}, {@code --hash-queue N} (the
 * node's {@link Capacity}; by default its environment's, else its defaults).
 */
public final class MockExamBenchmark {
  private static final String PASSWORD = "Bench-pass-2026";
  /** A Retry-After beyond this is a refusal to wait out (a throttled account), counted as an error. */
  private static final int LONGEST_RETRY_AFTER = 120;

  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
  private final Set<String> retriedSignIns = ConcurrentHashMap.newKeySet();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong lostBeforeSubmit = new AtomicLong();
  private final AtomicLong lostAfterSubmit = new AtomicLong();
  private final AtomicLong unscoredPapers = new AtomicLong();
  private final AtomicLong lastSignedInNanos = new AtomicLong();
  private final AtomicInteger signedIn = new AtomicInteger();
  private final AtomicInteger failedWorkers = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private long t0;

  record Options(int workers, int arrivalSeconds, double keptShare, long thinkMs, int answers, boolean cpuHog,
                 String blueprint, Integer pool, Integer hashThreads, Integer hashQueue) {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (name.equals("cpu-hog")) {
        flags.add(name);
      } else if (i + 1 < args.length) {
        opts.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("No value for " + args[i]);
      }
    }
    Options o = new Options(Integer.parseInt(opts.getOrDefault("workers", "1000")),
        Integer.parseInt(opts.getOrDefault("arrival-seconds", "60")),
        Double.parseDouble(opts.getOrDefault("kept-share", "0.8")),
        Long.parseLong(opts.getOrDefault("think-ms", "80000")),
        Integer.parseInt(opts.getOrDefault("answers", "5")),
        flags.contains("cpu-hog") || Boolean.parseBoolean(opts.getOrDefault("cpu-hog", "false")),
        opts.getOrDefault("blueprint", "assistant-practice"),
        opts.containsKey("pool") ? Integer.valueOf(opts.get("pool")) : null,
        opts.containsKey("hash-threads") ? Integer.valueOf(opts.get("hash-threads")) : null,
        opts.containsKey("hash-queue") ? Integer.valueOf(opts.get("hash-queue")) : null);
    new MockExamBenchmark().run(o);
    System.exit(0);
  }

  private void run(Options o) throws Exception {
    Capacity env = Capacity.fromEnvironment(System.getenv());
    Capacity capacity = new Capacity(o.pool() != null ? o.pool() : env.poolSize(),
        o.hashThreads() != null ? o.hashThreads() : env.hashThreads(),
        o.hashQueue() != null ? o.hashQueue() : env.hashQueue());
    int kept = (int) Math.round(o.workers() * o.keptShare());
    DatabaseTarget db = TestDatabases.fresh();
    Path dataDir = Files.createTempDirectory("qinglan-bench");
    AppConfig config = new AppConfig(0, dataDir, true, PASSWORD, ZoneId.of("Asia/Shanghai"), false, Path.of("."))
        .withCapacity(capacity);
    Process hog = null;
    try (Application app = Application.start(config, db, PASSWORD);
         LogCapture blocked = new LogCapture("io.vertx.core.impl.BlockedThreadChecker")) {
      List<String> tokens = createWorkers(db, o.workers(), kept);
      System.out.printf(Locale.ROOT, "Mock-exam morning: %d workers arriving over %d s, %d (%.0f%%) with a kept "
              + "session, %d with a password; think ~%d ms, %d answers each, paper %s; CPU hog: %s%n",
          o.workers(), o.arrivalSeconds(), kept, 100.0 * kept / Math.max(1, o.workers()), o.workers() - kept,
          o.thinkMs(), o.answers(), o.blueprint(), o.cpuHog() ? "on one core" : "none");
      System.out.printf(Locale.ROOT, "node: %d cores, %d HTTP instances, pool %d connections, password hashing "
              + "%d thread(s), queue %s, %.0f ms a hash at start-up%n", Runtime.getRuntime().availableProcessors(),
          app.httpInstances(), capacity.poolSize(), app.hashing().threads(), capacity.hashQueue() > 0
              ? String.valueOf(capacity.hashQueue()) : app.hashing().queueCapacity() + " now (3 s of hashing)",
          app.hashing().averageMillis());
      System.out.println("machine at start: load average " + loadAverage());

      StallProbe.Result probe = StallProbe.start(app.vertx());
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      StallProbe.Result clientProbe = StallProbe.start(vertx);
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.port()).setKeepAlive(true).setConnectTimeout(30_000).setIdleTimeout(0),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(Math.max(8, o.workers())));
      if (o.cpuHog()) {
        hog = new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true).start();
        Process started = hog;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        System.out.println("CPU hog: process " + hog.pid() + " spinning on one core");
      }
      CountDownLatch done = new CountDownLatch(o.workers());
      Random random = new Random(7);
      t0 = System.nanoTime();
      for (int i = 0; i < o.workers(); i++) {
        String user = username(i);
        String token = i < kept ? tokens.get(i) : null;
        long arrivalMs = (long) (random.nextDouble() * o.arrivalSeconds() * 1000);
        long seed = random.nextLong();
        vertx.setTimer(Math.max(1, arrivalMs), id -> worker(vertx, client, user, token, o, new Random(seed))
            .onComplete(ar -> {
              if (ar.failed()) {
                failedWorkers.incrementAndGet();
                errorKinds.computeIfAbsent(kindOf(ar.cause()), k -> new AtomicLong()).incrementAndGet();
              }
              int n = finished.incrementAndGet();
              if (n % Math.max(1, o.workers() / 10) == 0) {
                System.out.printf(Locale.ROOT, "  %d/%d workers done after %.0f s (load average %s)%n", n,
                    o.workers(), seconds(System.nanoTime()), loadAverage());
              }
              done.countDown();
            }));
      }
      if (!done.await(3, TimeUnit.HOURS)) {
        System.out.println("Stopped: not every worker finished within three hours");
      }
      double wall = seconds(System.nanoTime());
      String endLoad = loadAverage();
      if (hog != null) {
        hog.destroy();
        if (!hog.waitFor(5, TimeUnit.SECONDS)) {
          hog.destroyForcibly();
        }
      }
      report(o, kept, wall, probe, clientProbe, blocked.messages().size(), app, endLoad);
      vertx.close();
    } finally {
      if (hog != null && hog.isAlive()) {
        hog.destroyForcibly();
      }
      TestDatabases.drop(db);
    }
  }

  private static String username(int i) {
    return String.format(Locale.ROOT, "bench%05d", i);
  }

  /**
   * Creates the workers in one community sharing one password hash (hashing it once is not what is
   * measured), and for the first {@code kept} of them a session kept on their phone since the day
   * before, as a sign-in with "keep me signed in" makes it. Returns the kept sessions' tokens.
   */
  private static List<String> createWorkers(DatabaseTarget db, int n, int kept) throws Exception {
    String hash = new PasswordHasher().hash(PASSWORD);
    List<String> tokens = new ArrayList<>();
    java.security.SecureRandom random = new java.security.SecureRandom();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      String community;
      try (var rs = c.createStatement().executeQuery("SELECT id FROM org_unit WHERE level = 'COMMUNITY' LIMIT 1")) {
        rs.next();
        community = rs.getString(1);
      }
      try (PreparedStatement a = c.prepareStatement("INSERT INTO account (id, username, display_name, password_hash, "
          + "org_unit_id) VALUES (gen_random_uuid(), ?, ?, ?, ?::uuid)")) {
        for (int i = 0; i < n; i++) {
          a.setString(1, username(i));
          a.setString(2, "压测学员" + i);
          a.setString(3, hash);
          a.setString(4, community);
          a.addBatch();
        }
        a.executeBatch();
      }
      c.createStatement().execute("INSERT INTO account_role (account_id, role) SELECT id, 'WORKER' FROM account "
          + "WHERE username LIKE 'bench%'");
      try (PreparedStatement s = c.prepareStatement("INSERT INTO web_session (token_hash, account_id, created_at, "
          + "last_seen_at, expires_at, address, device, kept) SELECT ?, id, now() - interval '1 day', "
          + "now() - interval '1 day', now() + interval '13 days', '127.0.0.1', 'Android 手机 · 微信', true "
          + "FROM account WHERE username = ?")) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < kept; i++) {
          byte[] raw = new byte[32];
          random.nextBytes(raw);
          String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
          tokens.add(token);
          s.setBytes(1, sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
          s.setString(2, username(i));
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
    }
    return tokens;
  }

  /** One worker's morning, from arrival to the scored paper read back. */
  private Future<Void> worker(Vertx vertx, WebClient client, String user, String keptToken, Options o,
                              Random random) {
    WebClientSession s = WebClientSession.create(client);
    long arrived = System.nanoTime();
    Future<Timed> signIn;
    String signInKind;
    if (keptToken != null) {
      DefaultCookie cookie = new DefaultCookie("qinglan_session", keptToken);
      cookie.setPath("/");
      s.cookieStore().put(cookie);
      signInKind = "sign-in (kept session)";
      signIn = call(vertx, signInKind, user, () -> s.request(HttpMethod.GET, "/api/v1/me").send());
    } else {
      signInKind = "sign-in (password)";
      signIn = call(vertx, signInKind, user, () -> s.request(HttpMethod.POST, "/api/v1/session")
          .sendJsonObject(new JsonObject().put("username", user).put("password", PASSWORD)));
    }
    return signIn.compose(t -> expect(t, 200)).compose(t -> {
      long now = System.nanoTime();
      record(signInKind, now - arrived);
      signedIn.incrementAndGet();
      lastSignedInNanos.accumulateAndGet(now - t0, Math::max);
      return call(vertx, "start", user, () -> s.request(HttpMethod.POST, "/api/v1/mock-exams")
          .sendJsonObject(new JsonObject().put("blueprintId", o.blueprint())));
    }).compose(t -> expect(t, 201)).compose(t -> {
      record("start", t.nanos());
      String exam = t.response().bodyAsJsonObject().getString("id");
      return call(vertx, "read paper", user, () -> s.request(HttpMethod.GET, "/api/v1/mock-exams/" + exam).send())
          .compose(p -> expect(p, 200))
          .compose(p -> answer(vertx, s, user, exam, p.response().bodyAsJsonObject().getJsonArray("questions"), o,
              random));
    });
  }

  private Future<Void> answer(Vertx vertx, WebClientSession s, String user, String exam, JsonArray questions,
                              Options o, Random random) {
    List<JsonObject> choice = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      JsonObject q = questions.getJsonObject(i);
      if (q.getJsonArray("options") != null && !q.getJsonArray("options").isEmpty()) {
        choice.add(q);
      }
    }
    Collections.shuffle(choice, random);
    Map<String, Integer> acked = new HashMap<>();
    long[] seq = {0};
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject q : choice.subList(0, Math.min(o.answers(), choice.size()))) {
      chain = chain.compose(v -> sleep(vertx, (long) (o.thinkMs() * (0.5 + random.nextDouble())))).compose(v -> {
        int picked = random.nextInt(q.getJsonArray("options").size());
        String path = "/api/v1/mock-exams/" + exam + "/answers/" + q.getString("id");
        // A retry is a new save: its seq is the next one.
        return call(vertx, "save", user, () -> s.request(HttpMethod.PUT, path).sendJsonObject(new JsonObject()
                .put("seq", ++seq[0]).put("response", new JsonObject().put("choices", new JsonArray().add(picked)))))
            .compose(t -> expect(t, 200))
            .map(t -> {
              record("save", t.nanos());
              acked.put(q.getString("id"), picked);
              acknowledged.incrementAndGet();
              return null;
            });
      });
    }
    return chain
        .compose(v -> call(vertx, "read back", user, () -> s.request(HttpMethod.GET, "/api/v1/mock-exams/" + exam)
            .send()))
        .compose(t -> expect(t, 200))
        .compose(t -> {
          lostBeforeSubmit.addAndGet(missing(acked, t.response().bodyAsJsonObject()));
          return call(vertx, "submit", user, () -> s.request(HttpMethod.POST, "/api/v1/mock-exams/" + exam
              + "/submit").sendJsonObject(new JsonObject()));
        })
        .compose(t -> expect(t, 200))
        .compose(t -> {
          record("submit", t.nanos());
          return call(vertx, "read scored paper", user, () -> s.request(HttpMethod.GET, "/api/v1/mock-exams/" + exam)
              .send());
        })
        .compose(t -> expect(t, 200))
        .map(t -> {
          JsonObject paper = t.response().bodyAsJsonObject();
          lostAfterSubmit.addAndGet(missing(acked, paper));
          if (Math.abs(expectedScore(acked, paper) - paper.getDouble("score", -1.0)) > 1e-6) {
            unscoredPapers.incrementAndGet();
          }
          return null;
        });
  }

  /** Acknowledged answers that the paper read back does not hold as sent. */
  private static long missing(Map<String, Integer> acked, JsonObject paper) {
    Map<String, JsonObject> stored = new HashMap<>();
    paper.getJsonArray("questions").forEach(x -> {
      JsonObject q = (JsonObject) x;
      if (q.containsKey("response")) {
        stored.put(q.getString("id"), q.getJsonObject("response"));
      }
    });
    long lost = 0;
    for (Map.Entry<String, Integer> e : acked.entrySet()) {
      JsonObject r = stored.get(e.getKey());
      JsonArray choices = r == null ? null : r.getJsonArray("choices");
      if (choices == null || choices.size() != 1 || choices.getInteger(0) != e.getValue().intValue()) {
        lost++;
      }
    }
    return lost;
  }

  /**
   * The score the acknowledged answers earn under the exam's rules, from the key the scored paper
   * shows (one option chosen: full marks when it is the whole key, half a mark when it is one of
   * several correct options, nothing when it is wrong).
   */
  private static double expectedScore(Map<String, Integer> acked, JsonObject paper) {
    double score = 0;
    for (Object x : paper.getJsonArray("questions")) {
      JsonObject q = (JsonObject) x;
      Integer picked = acked.get(q.getString("id"));
      if (picked == null) {
        continue;
      }
      Set<Integer> key = new HashSet<>();
      JsonArray options = q.getJsonArray("options");
      for (int i = 0; i < options.size(); i++) {
        if (Boolean.TRUE.equals(options.getJsonObject(i).getBoolean("correct"))) {
          key.add(options.getJsonObject(i).getInteger("index"));
        }
      }
      double marks = q.getDouble("marks");
      if (key.equals(Set.of(picked))) {
        score += marks;
      } else if (key.contains(picked) && String.valueOf(q.getString("type")).toUpperCase(Locale.ROOT)
          .contains("MULTIPLE")) {
        score += Math.min(marks, 0.5);
      }
    }
    return score;
  }

  /** A response, how long it took from the first try (Retry-After waits included), and how many retries. */
  record Timed(HttpResponse<Buffer> response, long nanos, int retries) {
  }

  /** Sends a request; a 503 or 429 with a Retry-After of at most two minutes is waited out and sent again. */
  private Future<Timed> call(Vertx vertx, String what, String user, Supplier<Future<HttpResponse<Buffer>>> request) {
    return attempt(vertx, what, user, request, System.nanoTime(), 0);
  }

  private Future<Timed> attempt(Vertx vertx, String what, String user, Supplier<Future<HttpResponse<Buffer>>> request,
                                long start, int tries) {
    return request.get().compose(r -> {
      Integer wait = retryAfter(r);
      if (wait == null || tries >= 1000) {
        return Future.succeededFuture(new Timed(r, System.nanoTime() - start, tries));
      }
      retries.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
      if (what.startsWith("sign-in")) {
        retriedSignIns.add(user);
      }
      return sleep(vertx, wait * 1000L).compose(v -> attempt(vertx, what, user, request, start, tries + 1));
    });
  }

  private static Integer retryAfter(HttpResponse<Buffer> r) {
    if (r.statusCode() != 503 && r.statusCode() != 429) {
      return null;
    }
    try {
      int seconds = Integer.parseInt(String.valueOf(r.getHeader("Retry-After")).strip());
      return seconds >= 0 && seconds <= LONGEST_RETRY_AFTER ? Math.max(1, seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An unexpected answer, by its status and error code. */
  static final class Unexpected extends RuntimeException {
    Unexpected(String kind) {
      super(kind, null, false, false);
    }
  }

  private static Future<Timed> expect(Timed t, int status) {
    HttpResponse<Buffer> r = t.response();
    if (r.statusCode() == status) {
      return Future.succeededFuture(t);
    }
    String code = "";
    try {
      code = " " + r.bodyAsJsonObject().getJsonObject("error").getString("code");
    } catch (RuntimeException e) {
      // no error shape: the status says it
    }
    return Future.failedFuture(new Unexpected("HTTP " + r.statusCode() + code));
  }

  private static String kindOf(Throwable t) {
    if (t instanceof Unexpected) {
      return t.getMessage();
    }
    String message = String.valueOf(t.getMessage());
    return t.getClass().getSimpleName() + ": " + (message.length() > 80 ? message.substring(0, 80) : message);
  }

  private void record(String what, long nanos) {
    latencies.computeIfAbsent(what, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, ms), id -> p.complete());
    return p.future();
  }

  private double seconds(long nanoTime) {
    return (nanoTime - t0) / 1e9;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private void report(Options o, int kept, double wall, StallProbe.Result probe, StallProbe.Result clientProbe,
                      int blockedWarnings, Application app, String endLoad) {
    System.out.println();
    System.out.printf(Locale.ROOT, "workers: %d, signed in: %d, finished with errors: %d, wall time %.1f s%n",
        o.workers(), signedIn.get(), failedWorkers.get(), wall);
    if (errorKinds.isEmpty()) {
      System.out.println("errors by kind: none");
    } else {
      System.out.println("errors by kind: " + new TreeMap<>(errorKinds));
    }
    Map<String, AtomicLong> allRetries = new TreeMap<>(retries);
    System.out.println("503/429 retries (waited out, not errors): " + (allRetries.isEmpty() ? "none" : allRetries)
        + (retriedSignIns.isEmpty() ? "" : "; workers whose sign-in was retried: " + retriedSignIns.size()));
    for (String what : List.of("sign-in (password)", "sign-in (kept session)", "start", "save", "submit")) {
      List<Long> l = new ArrayList<>(latencies.getOrDefault(what, List.of()));
      if (l.isEmpty()) {
        continue;
      }
      Collections.sort(l);
      System.out.printf(Locale.ROOT, "%-23s n=%6d  p50=%9.1f ms  p99=%9.1f ms  max=%9.1f ms%n", what, l.size(),
          pct(l, 50), pct(l, 99), l.get(l.size() - 1) / 1e6);
    }
    System.out.printf(Locale.ROOT, "last worker signed in %.1f s after the first could arrive (arrivals over %d s)%n",
        lastSignedInNanos.get() / 1e9, o.arrivalSeconds());
    System.out.printf(Locale.ROOT, "answers acknowledged: %d, lost (read back before submit / after submit): %d / %d, "
        + "papers whose score differs from their acknowledged answers: %d%n", acknowledged.get(),
        lostBeforeSubmit.get(), lostAfterSubmit.get(), unscoredPapers.get());
    System.out.printf(Locale.ROOT, "node event loops (%d probed every %d ms): longest stall %.1f ms, stalls over "
            + "100 ms: %d, over 1 s: %d; Vert.x blocked-thread warnings: %d%n", probe.loops(), StallProbe.PERIOD_MS,
        probe.longestMs(), probe.over100ms(), probe.over1s(), blockedWarnings);
    System.out.printf(Locale.ROOT, "client event loop: longest stall %.1f ms%n", clientProbe.longestMs());
    System.out.printf(Locale.ROOT, "password hashing: %d refused with 503, %.0f ms a hash on average at the end "
        + "(queue %d)%n", app.hashing().refusedCount(), app.hashing().averageMillis(), app.hashing().queueCapacity());
    System.out.println("machine at end: load average " + endLoad);
  }

  private static double pct(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }

  /**
   * A 10 ms timer on every event loop of a Vert.x instance, recording how late each tick comes: the
   * longest lateness is the longest time the loop could not run anything else.
   */
  static final class StallProbe extends VerticleBase {
    static final long PERIOD_MS = 10;
    private final Result result;

    private StallProbe(Result result) {
      this.result = result;
    }

    /** The probes' findings so far. */
    static final class Result {
      private final Set<String> threads = ConcurrentHashMap.newKeySet();
      private final AtomicLong longestNanos = new AtomicLong();
      private final AtomicLong over100ms = new AtomicLong();
      private final AtomicLong over1s = new AtomicLong();

      int loops() {
        return threads.size();
      }

      double longestMs() {
        return longestNanos.get() / 1e6;
      }

      long over100ms() {
        return over100ms.get();
      }

      long over1s() {
        return over1s.get();
      }
    }

    /** Deploys one probe per event loop (contexts are handed out round robin, so as many probes reach each loop). */
    static Result start(Vertx vertx) throws Exception {
      Result result = new Result();
      int loops = 0;
      for (io.netty.util.concurrent.EventExecutor ignored : ((io.vertx.core.internal.VertxInternal) vertx)
          .eventLoopGroup()) {
        loops++;
      }
      vertx.deployVerticle(() -> new StallProbe(result), new DeploymentOptions().setInstances(loops))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return result;
    }

    @Override
    public Future<?> start() {
      result.threads.add(Thread.currentThread().getName());
      long[] last = {System.nanoTime()};
      vertx.setPeriodic(PERIOD_MS, id -> {
        long now = System.nanoTime();
        long late = now - last[0] - PERIOD_MS * 1_000_000;
        last[0] = now;
        result.longestNanos.accumulateAndGet(late, Math::max);
        if (late > 100_000_000) {
          result.over100ms.incrementAndGet();
        }
        if (late > 1_000_000_000) {
          result.over1s.incrementAndGet();
        }
      });
      return Future.succeededFuture();
    }
  }
}
