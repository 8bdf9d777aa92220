package org.qinglan.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qinglan.Application;
import org.qinglan.people.PasswordHasher;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.TestDatabases;

/**
 * N workers take a mock exam at the same time over HTTP on 127.0.0.1: sign in, start, save
 * every answer with think time between answers, submit. Prints answers saved per second,
 * p50/p99 of an answer save and of a submit, and how many acknowledged answers were lost
 * (read back after submitting; must be 0). Not part of {@code mvn verify}; see the README.
 *
 * <p>Arguments: {@code --workers N} (default 1000), {@code --think-ms MS} (mean think time
 * between answers, default 2000), {@code --blueprint ID} (default assistant-practice).
 */
public final class MockExamBenchmark {

  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final AtomicLong saved = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicInteger finished = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int workers = Integer.parseInt(opts.getOrDefault("workers", "1000"));
    long thinkMs = Long.parseLong(opts.getOrDefault("think-ms", "2000"));
    String blueprint = opts.getOrDefault("blueprint", "assistant-practice");
    new MockExamBenchmark().run(workers, thinkMs, blueprint);
    System.exit(0);
  }

  private void run(int workers, long thinkMs, String blueprint) throws Exception {
    System.out.printf("Mock-exam benchmark: %d workers, think time ~%d ms, paper %s, %d cores%n", workers, thinkMs,
        blueprint, Runtime.getRuntime().availableProcessors());
    DatabaseTarget db = TestDatabases.fresh();
    Path dataDir = Files.createTempDirectory("qinglan-bench");
    String password = "Bench-pass-2026";
    AppConfig config = new AppConfig(0, dataDir, true, password, ZoneId.of("Asia/Shanghai"), false, Path.of("."));
    try (Application app = Application.start(config, db, password)) {
      createWorkers(db, workers, password);
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.port()).setKeepAlive(true).setConnectTimeout(30_000).setIdleTimeout(0),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(workers));
      CountDownLatch done = new CountDownLatch(workers);
      long t0 = System.nanoTime();
      Random random = new Random(7);
      for (int i = 0; i < workers; i++) {
        String user = String.format("bench%04d", i);
        long startDelay = (long) (random.nextDouble() * Math.min(30_000, workers * 20L)); // ramp up
        long seed = random.nextLong();
        vertx.setTimer(Math.max(1, startDelay), id -> worker(vertx, client, user, password, blueprint, thinkMs,
            new Random(seed)).onComplete(ar -> {
              if (ar.failed()) {
                errors.incrementAndGet();
                System.err.println(user + ": " + ar.cause().getMessage());
              }
              int n = finished.incrementAndGet();
              if (n % Math.max(1, workers / 10) == 0) {
                System.out.printf("  %d/%d workers done after %.0f s%n", n, workers, (System.nanoTime() - t0) / 1e9);
              }
              done.countDown();
            }));
      }
      if (!done.await(60, TimeUnit.MINUTES)) {
        System.out.println("Stopped: not every worker finished within an hour");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      report(workers, seconds);
      vertx.close();
    } finally {
      TestDatabases.drop(db);
    }
  }

  /** Bulk-creates the workers in one community, sharing one password hash (hashing is not what is measured). */
  private static void createWorkers(DatabaseTarget db, int n, String password) throws Exception {
    String hash = new PasswordHasher().hash(password);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      String community = null;
      try (var rs = c.createStatement().executeQuery("SELECT id FROM org_unit WHERE level = 'COMMUNITY' LIMIT 1")) {
        rs.next();
        community = rs.getString(1);
      }
      try (PreparedStatement a = c.prepareStatement("INSERT INTO account (id, username, display_name, password_hash, "
          + "org_unit_id) VALUES (gen_random_uuid(), ?, ?, ?, ?::uuid)")) {
        for (int i = 0; i < n; i++) {
          a.setString(1, String.format("bench%04d", i));
          a.setString(2, "压测学员" + i);
          a.setString(3, hash);
          a.setString(4, community);
          a.addBatch();
        }
        a.executeBatch();
      }
      c.createStatement().execute("INSERT INTO account_role (account_id, role) SELECT id, 'WORKER' FROM account "
          + "WHERE username LIKE 'bench%'");
      c.commit();
    }
  }

  private Future<Void> worker(Vertx vertx, WebClient client, String user, String password, String blueprint,
                              long thinkMs, Random random) {
    WebClientSession s = WebClientSession.create(client);
    return timed("sign-in", s.request(HttpMethod.POST, "/api/v1/session")
            .sendJsonObject(new JsonObject().put("username", user).put("password", password)))
        .compose(r -> expect(r, 200))
        .compose(r -> timed("start", s.request(HttpMethod.POST, "/api/v1/mock-exams")
            .sendJsonObject(new JsonObject().put("blueprintId", blueprint))))
        .compose(r -> expect(r, 201))
        .compose(r -> {
          String exam = r.bodyAsJsonObject().getString("id");
          return s.request(HttpMethod.GET, "/api/v1/mock-exams/" + exam).send().compose(p -> expect(p, 200))
              .compose(p -> answerAll(vertx, s, exam, p.bodyAsJsonObject().getJsonArray("questions"), thinkMs, random));
        });
  }

  private Future<Void> answerAll(Vertx vertx, WebClientSession s, String exam, JsonArray questions, long thinkMs,
                                 Random random) {
    Map<String, JsonObject> acknowledged = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Future<Void> chain = Future.succeededFuture();
    long[] seq = {0};
    for (int index : order) {
      JsonObject q = questions.getJsonObject(index);
      chain = chain.compose(v -> sleep(vertx, (long) (thinkMs * (0.5 + random.nextDouble()))))
          .compose(v -> {
            int options = q.getJsonArray("options").size();
            JsonObject response = new JsonObject().put("choices", new JsonArray().add(random.nextInt(Math.max(1, options))));
            long mySeq = ++seq[0];
            return timed("save", s.request(HttpMethod.PUT, "/api/v1/mock-exams/" + exam + "/answers/" + q.getString("id"))
                .sendJsonObject(new JsonObject().put("seq", mySeq).put("response", response)))
                .compose(r -> expect(r, 200))
                .map(r -> {
                  saved.incrementAndGet();
                  acknowledged.put(q.getString("id"), response);
                  return null;
                });
          });
    }
    // Read back before submitting: every acknowledged answer must be there as sent.
    return chain
        .compose(v -> s.request(HttpMethod.GET, "/api/v1/mock-exams/" + exam).send())
        .compose(r -> expect(r, 200))
        .compose(r -> {
          Map<String, JsonObject> stored = new HashMap<>();
          r.bodyAsJsonObject().getJsonArray("questions").forEach(o -> {
            JsonObject q = (JsonObject) o;
            if (q.containsKey("response")) {
              stored.put(q.getString("id"), q.getJsonObject("response"));
            }
          });
          acknowledged.forEach((id, resp) -> {
            if (!resp.equals(stored.get(id))) {
              lost.incrementAndGet();
            }
          });
          return timed("submit", s.request(HttpMethod.POST, "/api/v1/mock-exams/" + exam + "/submit")
              .sendJsonObject(new JsonObject()));
        })
        .compose(r -> expect(r, 200)).mapEmpty();
  }

  private Future<HttpResponse<Buffer>> timed(String what, Future<HttpResponse<Buffer>> request) {
    long t = System.nanoTime();
    return request.onSuccess(r -> latencies.computeIfAbsent(what, k -> Collections.synchronizedList(new ArrayList<>()))
        .add(System.nanoTime() - t));
  }

  private static Future<HttpResponse<Buffer>> expect(HttpResponse<Buffer> r, int status) {
    return r.statusCode() == status ? Future.succeededFuture(r)
        : Future.failedFuture("HTTP " + r.statusCode() + ": " + r.bodyAsString());
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, ms), id -> p.complete());
    return p.future();
  }

  private void report(int workers, double seconds) {
    System.out.println();
    System.out.printf("workers: %d, finished with errors: %d, wall time: %.1f s%n", workers, errors.get(), seconds);
    List<Long> saves = latencies.getOrDefault("save", List.of());
    System.out.printf("answers saved: %d (%.0f per second over the run)%n", saved.get(), saved.get() / seconds);
    for (String what : List.of("sign-in", "start", "save", "submit")) {
      List<Long> l = new ArrayList<>(latencies.getOrDefault(what, List.of()));
      Collections.sort(l);
      if (l.isEmpty()) {
        continue;
      }
      System.out.printf("%-8s n=%6d  p50=%7.1f ms  p99=%7.1f ms  max=%7.1f ms%n", what, l.size(), pct(l, 50), pct(l, 99),
          l.get(l.size() - 1) / 1e6);
    }
    System.out.printf("answers lost: %d%n", lost.get());
  }

  private static double pct(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }
}
