package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedWorkTest {

  @Test
  void placesAreTheThreadsPlusTheQueueAndAFullOneRefusesAtOnceWithRetryAfter() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BoundedWork work = new BoundedWork("test-work", vertx, new Overload(), 1, 2, 0, 50_000_000L)) {
      CountDownLatch release = new CountDownLatch(1);
      // One running (held), one queued, one reserved for later: every place taken.
      var running = work.submit(() -> release.await(30, TimeUnit.SECONDS));
      var queued = work.submit(() -> "second");
      BoundedWork.Reservation later = work.tryReserve();
      assertTrue(later != null);
      assertTrue(work.full());
      assertNull(work.tryReserve(), "no place left");
      Throwable refused = work.submit(() -> "refused").toCompletionStage().toCompletableFuture()
          .handle((v, t) -> t).get(10, TimeUnit.SECONDS);
      assertTrue(refused instanceof Problem, String.valueOf(refused));
      Problem p = (Problem) refused;
      assertEquals(503, p.status());
      assertEquals("busy", p.code());
      assertTrue(p.retryAfterSeconds() >= 1 && p.retryAfterSeconds() <= 45, "Retry-After " + p.retryAfterSeconds());
      assertEquals(1, work.refusedCount());

      later.cancel();
      assertFalse(work.full(), "a reservation given back is a free place");
      later.cancel();
      assertFalse(work.full());
      release.countDown();
      assertEquals(Boolean.TRUE, running.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals("second", queued.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      BoundedWork.Reservation again = work.tryReserve();
      assertEquals("third", again.submit(() -> "third").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS));
      assertTrue(again.submit(() -> "twice").failed(), "a place is used once");
    } finally {
      vertx.close();
    }
  }

  @Test
  void aQueueThatFollowsThePaceHoldsWhatTheThreadsGetThroughInTheTargetWait() {
    long threeSeconds = 3_000_000_000L;
    assertEquals(60, BoundedWork.queueFor(threeSeconds, 1, 50_000_000L, 256), "20 hashes a second on one thread");
    assertEquals(120, BoundedWork.queueFor(threeSeconds, 2, 50_000_000L, 256));
    assertEquals(2, BoundedWork.queueFor(threeSeconds, 1, 5_000_000_000L, 256), "a few places however slow");
    assertEquals(256, BoundedWork.queueFor(threeSeconds, 1, 500_000L, 256), "at most the maximum");
    assertEquals(1, BoundedWork.queueFor(threeSeconds, 1, 5_000_000_000L, 1));
  }
}
