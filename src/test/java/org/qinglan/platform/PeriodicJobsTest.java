package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Await;

class PeriodicJobsTest {

  @Test
  void aJobIsScheduledOncePerNodeAndRunsUntilClosed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (PeriodicJobs jobs = new PeriodicJobs(vertx)) {
      CountDownLatch ran = new CountDownLatch(3);
      jobs.every("tick", Duration.ofMillis(10), () -> {
        ran.countDown();
        return Future.succeededFuture();
      });
      IllegalStateException twice = assertThrows(IllegalStateException.class,
          () -> jobs.every("tick", Duration.ofMillis(10), Future::succeededFuture));
      assertTrue(twice.getMessage().contains("tick"), twice.getMessage());
      jobs.every("failing", Duration.ofMillis(10), () -> {
        throw new IllegalStateException("a failing run is logged, and the job runs again");
      });
      assertEquals(List.of("tick", "failing"), jobs.names());
      assertTrue(ran.await(30, TimeUnit.SECONDS), "the job runs every period");
      jobs.close();
      assertEquals(List.of(), jobs.names());
    } finally {
      Await.of(vertx.close());
    }
  }
}
