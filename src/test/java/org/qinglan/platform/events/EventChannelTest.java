package org.qinglan.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;
import org.qinglan.testing.Await;
import org.qinglan.testing.TcpProxy;
import org.qinglan.testing.TestDatabases;

/**
 * Two nodes on one database, each with its own Vert.x, pool and channel. Node B listens through a
 * TCP proxy, so that its listening connection can be cut and restored.
 */
class EventChannelTest {
  static final int LOOPS = 4;
  static DatabaseTarget db;
  static TcpProxy proxy;
  static Node a;
  static Node b;

  record Node(Vertx vertx, Pool pool, EventChannel channel) {
    static Node start(DatabaseTarget db, DatabaseTarget listenVia, Duration listenLifetime) throws Exception {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
      Pool pool = Database.pool(vertx, db, 4);
      return new Node(vertx, pool, Await.of(EventChannel.start(vertx, pool, Database.connectOptions(listenVia),
          listenLifetime)));
    }

    void close() throws Exception {
      channel.close();
      Await.of(vertx.close());
    }
  }

  /** What the subscribers of one topic on every event loop of a node received: thread → event ids. */
  static final class Received {
    final Map<String, List<Long>> byThread = new ConcurrentHashMap<>();
    final List<ChannelEvent> events = new CopyOnWriteArrayList<>();

    /** Deploys one subscriber per event loop of {@code node}. */
    static Received onEveryLoop(Node node, String topic) throws Exception {
      Received r = new Received();
      Await.of(node.vertx().deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return node.channel().subscribe(topic, e -> {
            r.byThread.computeIfAbsent(Thread.currentThread().getName(), t -> new CopyOnWriteArrayList<>()).add(e.id());
            r.events.add(e);
          }).ready();
        }
      }, new DeploymentOptions().setInstances(LOOPS)));
      return r;
    }

    /** Waits (up to {@code seconds}) until every loop has {@code count} events. */
    boolean awaitEach(int count, double seconds) throws InterruptedException {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < deadline) {
        if (byThread.size() == LOOPS && byThread.values().stream().allMatch(l -> l.size() >= count)) {
          return true;
        }
        Thread.sleep(5);
      }
      return false;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabases.fresh();
    Migrations.migrate(db);
    proxy = new TcpProxy(db.host(), db.port());
    proxy.start();
    DatabaseTarget viaProxy = new DatabaseTarget("127.0.0.1", proxy.port(), db.database(), db.user(), db.password());
    a = Node.start(db, db, EventChannel.LISTEN_LIFETIME);
    b = Node.start(db, viaProxy, EventChannel.LISTEN_LIFETIME);
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
    proxy.close();
    TestDatabases.drop(db);
  }

  @Test
  void anEventPublishedOnOneNodeReachesASubscriberOnEveryEventLoopOfTheOther() throws Exception {
    Received received = Received.onEveryLoop(b, "test.reach");
    long start = System.nanoTime();
    long id = Await.of(a.channel().publish("test.reach", new JsonObject().put("seat", 7)));
    assertTrue(received.awaitEach(1, 1.0), "within a second on every loop of B: " + received.byThread);
    System.out.printf("Published on A, received on all %d loops of B after %.1f ms%n", LOOPS,
        (System.nanoTime() - start) / 1e6);
    assertEquals(LOOPS, received.byThread.size(), "one subscriber per loop: " + received.byThread.keySet());
    for (ChannelEvent e : received.events) {
      assertEquals(id, e.id());
      assertEquals("test.reach", e.topic());
      assertEquals(7, e.payload().getInteger("seat"));
      assertEquals(a.channel().nodeId(), e.origin());
      assertTrue(e.from(a.channel().nodeId()));
    }
    received.events.get(0).payload().put("seat", 8);
    assertEquals(7, received.events.get(1).payload().getInteger("seat"), "each subscriber has its own payload");
  }

  /**
   * B's listening connection is cut while A publishes, and restored: B delivers what it missed,
   * in order, once, then carries on with what comes after.
   */
  @Test
  void aNodeWhoseListeningConnectionWasCutCatchesUpWithNoneLostAndNoneTwice() throws Exception {
    Received received = Received.onEveryLoop(b, "test.catch-up");
    long first = Await.of(a.channel().publish("test.catch-up", new JsonObject().put("n", 0)));
    assertTrue(received.awaitEach(1, 10), "delivered before the cut");
    long listensBefore = b.channel().listens();

    proxy.stop();
    List<Long> ids = new ArrayList<>(List.of(first));
    for (int n = 1; n <= 120; n++) {
      ids.add(Await.of(a.channel().publish("test.catch-up", new JsonObject().put("n", n))));
    }
    Thread.sleep(300);
    assertTrue(received.byThread.values().stream().allMatch(l -> l.size() == 1), "B hears nothing while cut");
    proxy.start();
    assertTrue(received.awaitEach(ids.size(), 20), "B caught up: " + sizes(received));
    for (int n = 121; n <= 130; n++) {
      ids.add(Await.of(a.channel().publish("test.catch-up", new JsonObject().put("n", n))));
    }
    assertTrue(received.awaitEach(ids.size(), 20), "and goes on: " + sizes(received));
    Thread.sleep(300);
    for (Map.Entry<String, List<Long>> loop : received.byThread.entrySet()) {
      assertEquals(ids, loop.getValue(), "every event once and in order on " + loop.getKey());
    }
    assertTrue(b.channel().listens() > listensBefore, "B listened again");
    assertTrue(b.channel().readBack() >= 120, "what B missed was read back: " + b.channel().readBack());
  }

  @Test
  void aPublishThatRollsBackIsNeverDeliveredAndLeavesNoGap() throws Exception {
    Received received = Received.onEveryLoop(b, "test.rollback");
    long before = Await.of(a.channel().publish("test.rollback", new JsonObject().put("kept", 1)));
    try {
      Await.of(a.pool().withTransaction(tx -> a.channel().publish(tx, "test.rollback", new JsonObject().put("kept", 0))
          .compose(id -> Future.failedFuture(new IllegalStateException("the work around it failed")))));
    } catch (ExecutionException expected) {
      // rolled back
    }
    long inTransaction = Await.of(a.pool().withTransaction(tx -> a.channel().publish(tx, "test.rollback",
        new JsonObject().put("kept", 2))));
    assertEquals(before + 1, inTransaction, "ids stay dense: the rolled-back one gave its id back");
    assertTrue(received.awaitEach(2, 10), sizes(received));
    Thread.sleep(200);
    assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2),
        received.events.stream().map(e -> e.payload().getInteger("kept")).sorted().toList());
  }

  @Test
  void payloadsOverTheLimitAndOddTopicsAreRefused() throws Exception {
    String big = "社".repeat(EventChannel.MAX_PAYLOAD_BYTES / 3 + 1);
    Throwable tooBig = a.channel().publish("test.refused", new JsonObject().put("text", big)).cause();
    assertTrue(tooBig instanceof IllegalArgumentException && tooBig.getMessage().contains("publish an id"),
        String.valueOf(tooBig));
    assertTrue(a.channel().publish("Test Refused", new JsonObject()).failed());
    assertTrue(a.channel().publish("", new JsonObject()).failed());
    String justFits = "x".repeat(EventChannel.MAX_PAYLOAD_BYTES - "{\"text\":\"\"}".length());
    Received received = Received.onEveryLoop(b, "test.fits");
    Await.of(a.channel().publish("test.fits", new JsonObject().put("text", justFits)));
    assertTrue(received.awaitEach(1, 10), "the largest payload allowed travels");
    assertEquals(justFits, received.events.get(0).payload().getString("text"));
  }

  /**
   * The listening connection is renewed now and then, so that a database shut down with SIGTERM
   * (which waits for every session to end) is not held up by it for ever; what is published
   * while it is renewed is delivered all the same.
   */
  @Test
  void theListeningConnectionIsRenewedSoThatTheDatabaseCanShutDownAndNothingIsLost() throws Exception {
    String listening = "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE datname = ? AND query LIKE 'LISTEN%'"
        + " AND pid <> ALL (string_to_array(?, ',')::int[])";
    String before = (String) one(listening, db.database(), "0");
    Node c = Node.start(db, db, Duration.ofSeconds(1));
    try {
      Received received = Received.onEveryLoop(c, "test.renewal");
      String mine = null;
      for (int i = 0; i < 100 && mine == null; i++) {
        Thread.sleep(100);
        mine = (String) one(listening, db.database(), before == null ? "0" : before);
      }
      assertTrue(mine != null, "the channel listens");
      List<Long> ids = new ArrayList<>();
      String renewed = null;
      for (int i = 0; i < 100 && renewed == null; i++) {
        ids.add(Await.of(a.channel().publish("test.renewal", new JsonObject().put("i", i))));
        Thread.sleep(50);
        renewed = (String) one(listening, db.database(), (before == null ? "0" : before) + "," + mine);
      }
      assertTrue(renewed != null, "a new listening connection replaced " + mine);
      assertEquals(0L, one("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Integer.parseInt(mine)),
          "the old listening connection is closed");
      for (int i = 0; i < 40; i++) {
        ids.add(Await.of(a.channel().publish("test.renewal", new JsonObject().put("i", 1000 + i))));
        Thread.sleep(50);
      }
      assertTrue(received.awaitEach(ids.size(), 20), sizes(received));
      Thread.sleep(200);
      for (List<Long> loop : received.byThread.values()) {
        assertEquals(ids, loop, "across renewals, every event once and in order");
      }
    } finally {
      c.close();
    }
  }

  @Test
  void oldEventsArePurged() throws Exception {
    long id = Await.of(a.channel().publish("test.purge", new JsonObject()));
    update("UPDATE platform_event SET created_at = now() - interval '2 days' WHERE id = ?", id);
    assertTrue(Await.of(a.channel().purge(EventChannel.RETENTION)) >= 1);
    assertEquals(0L, one("SELECT count(*) FROM platform_event WHERE id = ?", id));
    assertTrue(Await.of(a.channel().publish("test.purge", new JsonObject())) > id, "ids go on after a purge");
  }

  private static String sizes(Received r) {
    return r.byThread.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size())
        .collect(Collectors.joining(", "));
  }

  private static Object one(String sql, Object... params) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (java.sql.ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  private static void update(String sql, Object... params) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
