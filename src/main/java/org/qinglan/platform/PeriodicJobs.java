package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic jobs (session purge, overdue exams, index catch-up, old channel events).
 * Each runs once per node, whatever the number of HTTP instances: they are scheduled here, at
 * start-up, and a second scheduling of the same job is refused rather than run twice.
 */
public final class PeriodicJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

  private final Vertx vertx;
  private final Overload overload;
  private final Map<String, Long> timers = new LinkedHashMap<>();

  public PeriodicJobs(Vertx vertx) {
    this(vertx, new Overload());
  }

  /** @param overload where a run that failed for a busy pool or an unreachable database is logged (once per cause) */
  public PeriodicJobs(Vertx vertx, Overload overload) {
    this.vertx = vertx;
    this.overload = overload;
  }

  /**
   * Runs {@code job} every {@code period} from now on; a failure is logged and the job runs
   * again at its next time.
   *
   * @throws IllegalStateException when a job of that name is scheduled already
   */
  public synchronized void every(String name, Duration period, Supplier<Future<?>> job) {
    if (timers.containsKey(name)) {
      throw new IllegalStateException("The periodic job '" + name + "' is scheduled already on this node");
    }
    timers.put(name, vertx.setPeriodic(period.toMillis(), id -> {
      Future<?> run;
      try {
        run = job.get();
      } catch (RuntimeException e) {
        run = Future.failedFuture(e);
      }
      run.onFailure(t -> {
        // A job that runs every second would otherwise log every second while the database is busy or away.
        if (overload.problemFor(t) == null) {
          log.warn("Periodic job {} failed: {}", name, t.toString());
        }
      });
    }));
  }

  /** The jobs scheduled on this node, in the order they were. */
  public synchronized List<String> names() {
    return new ArrayList<>(timers.keySet());
  }

  @Override
  public synchronized void close() {
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
  }
}
