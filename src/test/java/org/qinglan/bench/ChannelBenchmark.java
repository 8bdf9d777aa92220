package org.qinglan.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;
import org.qinglan.platform.events.EventChannel;
import org.qinglan.testing.TestDatabases;

/**
 * Publish → deliver across two nodes on one database (two Vert.x instances in this JVM, so that
 * one clock times both ends). Node A publishes N events, at a given rate or as fast as it can
 * with a bounded number in flight; node B has a subscriber on each of its event loops. Prints the
 * publish rate reached, and p50/p99/max of the time from calling publish on A to each of B's
 * subscribers receiving the event. Not part of {@code mvn verify}.
 *
 * <p>Arguments: {@code --events N} (default 1000), {@code --rate R} (events per second; 0 = as
 * fast as possible, default 0), {@code --in-flight K} (default 16), {@code --loops L} (B's event
 * loops and subscribers, default 4).
 */
public final class ChannelBenchmark {

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int events = Integer.parseInt(opts.getOrDefault("events", "1000"));
    int rate = Integer.parseInt(opts.getOrDefault("rate", "0"));
    int inFlight = Integer.parseInt(opts.getOrDefault("in-flight", "16"));
    int loops = Integer.parseInt(opts.getOrDefault("loops", "4"));
    System.out.printf("Channel benchmark: %d events, rate %s, %d in flight at most, %d subscribers on B, %d cores%n",
        events, rate == 0 ? "as fast as possible" : rate + "/s", inFlight, loops,
        Runtime.getRuntime().availableProcessors());
    DatabaseTarget db = TestDatabases.fresh();
    Migrations.migrate(db);
    Vertx vertxA = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx vertxB = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    try {
      Pool poolA = Database.pool(vertxA, db, inFlight);
      Pool poolB = Database.pool(vertxB, db, 4);
      EventChannel a = await(EventChannel.start(vertxA, poolA, Database.connectOptions(db)));
      EventChannel b = await(EventChannel.start(vertxB, poolB, Database.connectOptions(db)));
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      AtomicLong received = new AtomicLong();
      await(vertxB.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return b.subscribe("bench.tick", e -> {
            latencies.add(System.nanoTime() - e.payload().getLong("sent"));
            received.incrementAndGet();
          }).ready();
        }
      }, new DeploymentOptions().setInstances(loops)));

      Semaphore slots = new Semaphore(inFlight);
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        if (rate > 0) {
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        slots.acquire();
        a.publish("bench.tick", new JsonObject().put("i", i).put("sent", System.nanoTime()))
            .onComplete(ar -> {
              if (ar.failed()) {
                failed.incrementAndGet();
              }
              slots.release();
            });
      }
      slots.acquire(inFlight);
      double publishSeconds = (System.nanoTime() - start) / 1e9;
      long expected = (long) (events - failed.get()) * loops;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      double allSeconds = (System.nanoTime() - start) / 1e9;
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf("Published %d in %.2f s (%.0f/s), %d failed; delivered %d of %d (events x subscribers) "
              + "by %.2f s%n", events, publishSeconds, events / publishSeconds, failed.get(), received.get(), expected,
          allSeconds);
      System.out.printf("Publish -> deliver on B: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 0.50),
          pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
      a.close();
      b.close();
    } finally {
      await(vertxA.close());
      await(vertxB.close());
      TestDatabases.drop(db);
    }
    System.exit(0);
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
