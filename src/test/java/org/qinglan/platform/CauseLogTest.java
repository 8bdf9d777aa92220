package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.LogCapture;
import org.slf4j.LoggerFactory;

class CauseLogTest {
  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aCauseIsLoggedOnceThenCountedAndSummarisedAtMostOncePerInterval() {
    StepClock clock = new StepClock();
    try (LogCapture logs = new LogCapture(CauseLogTest.class)) {
      CauseLog log = new CauseLog(LoggerFactory.getLogger(CauseLogTest.class), Duration.ofMinutes(1), clock);
      for (int i = 0; i < 500; i++) {
        log.report("Pool busy", "request " + i);
      }
      log.report("Database unreachable", "refused");
      assertEquals(2, logs.messages().size(), "one line per cause: " + logs.messages());
      assertTrue(logs.messages().get(0).contains("request 0"), logs.messages().get(0));
      assertEquals(499, log.pending("Pool busy"));

      clock.now = clock.now.plusSeconds(30);
      log.summarise();
      assertEquals(2, logs.messages().size(), "no summary before the interval is over");

      clock.now = clock.now.plusSeconds(30);
      log.report("Pool busy", "one more");
      assertEquals(3, logs.messages().size());
      assertTrue(logs.messages().get(2).contains("Pool busy: 500 more since 2026-12-07T08:00:00Z"),
          logs.messages().get(2));
      assertEquals(0, log.pending("Pool busy"));

      clock.now = clock.now.plusSeconds(120);
      log.summarise();
      assertEquals(3, logs.messages().size(), "nothing recurred: nothing to summarise");
    }
  }

  @Test
  void theSQLClientsPoolTimeoutsAndAnUnreachableDatabaseAreOverloadOtherFailuresAreNot() {
    assertEquals(Overload.POOL_TIMEOUT, Overload.causeOf(new io.vertx.core.VertxException(
        "Timeout waiting for connection", true)));
    assertEquals(Overload.POOL_TIMEOUT, Overload.causeOf(new RuntimeException("wrapped",
        new io.vertx.core.VertxException("Timeout", true))));
    assertEquals(Overload.DATABASE_UNREACHABLE, Overload.causeOf(new java.net.ConnectException("refused")));
    assertEquals(null, Overload.causeOf(new IllegalStateException("Timeout")), "a bug, whatever its message");
    assertEquals(null, Overload.causeOf(new NullPointerException()));
  }

  @Test
  void retriesAreSpreadOverHalfTheWaitAgain() {
    for (int i = 0; i < 200; i++) {
      int s = Overload.spread(10);
      assertTrue(s >= 10 && s <= 15, "spread " + s);
      assertTrue(Overload.spread(0) >= 1);
    }
    Problem busy = Overload.busy(4);
    assertEquals(503, busy.status());
    assertEquals("busy", busy.code());
    assertTrue(busy.retryAfterSeconds() >= 4 && busy.retryAfterSeconds() <= 6);
  }
}
