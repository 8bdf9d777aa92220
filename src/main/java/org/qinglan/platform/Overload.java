package org.qinglan.platform;

import io.vertx.core.VertxException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;

/**
 * Failures that mean the node is too busy or its database out of reach, not that anything is
 * broken: no pooled connection within the pool's timeout, a queue of expensive work that is full,
 * a database that refuses or drops connections or does not answer. Each becomes a 503 in the API's
 * error shape with a {@code Retry-After}, never a 500, and each cause is logged once and then
 * counted ({@link CauseLog}), not logged once per request.
 */
public final class Overload {
  public static final String POOL_TIMEOUT = "Database pool: no connection free within the pool's timeout";
  public static final String DATABASE_UNREACHABLE = "Database unreachable";
  public static final String DATABASE_FULL = "Database refuses connections: too many clients";
  public static final String DATABASE_SLOW = "Database did not answer in time";

  private final CauseLog log;

  /** Summaries at most once a minute. */
  public Overload() {
    this(Duration.ofMinutes(1), Clock.systemUTC());
  }

  public Overload(Duration summaryInterval, Clock clock) {
    this.log = new CauseLog(LoggerFactory.getLogger(Overload.class), summaryInterval, clock);
  }

  /**
   * The 503 for a failure that means "busy or unreachable" (logged once per cause), or null when
   * the failure is something else.
   */
  public Problem problemFor(Throwable failure) {
    String cause = causeOf(failure);
    if (cause == null) {
      return null;
    }
    log.report(cause, String.valueOf(failure));
    if (cause.equals(POOL_TIMEOUT)) {
      return busy(3);
    }
    return new Problem(503, "unavailable", "数据库暂时无法访问，请稍后再试。").withRetryAfter(spread(5));
  }

  /** Logs {@code cause} once (then counts it) and answers {@code problem}, a 503 or 429 built by the caller. */
  public Problem refuse(String cause, String detail, Problem problem) {
    log.report(cause, detail);
    return problem;
  }

  /** The 503 of a node that is busy: try again in about {@code seconds} (spread so retries do not come at once). */
  public static Problem busy(int seconds) {
    return new Problem(503, "busy", "访问的人较多，服务器正忙，请稍后再试。").withRetryAfter(spread(seconds));
  }

  /** {@code seconds} to 1.5 times as much, so that clients told the same do not all come back in the same second. */
  public static int spread(int seconds) {
    int base = Math.max(1, seconds);
    return base + ThreadLocalRandom.current().nextInt(base / 2 + 1);
  }

  /** Writes the periodic summaries of causes that recurred. */
  public void summarise() {
    log.summarise();
  }

  /** How often {@code cause} recurred since it was last logged (for tests). */
  public long pending(String cause) {
    return log.pending(cause);
  }

  /** Which overload a failure means, or null when it means none. */
  static String causeOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      // The SQL client's pool: "Timeout waiting for connection" for a query on the pool,
      // "Timeout" for a connection taken from it (a transaction). It has no type of its own.
      if (t instanceof VertxException && ("Timeout waiting for connection".equals(message)
          || "Timeout".equals(message))) {
        return POOL_TIMEOUT;
      }
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return DATABASE_UNREACHABLE;
      }
      if (t instanceof java.util.concurrent.TimeoutException) {
        return DATABASE_SLOW;
      }
      if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
        String state = pg.getSqlState();
        if (state.equals("53300")) {
          return DATABASE_FULL;
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
          return DATABASE_UNREACHABLE;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
