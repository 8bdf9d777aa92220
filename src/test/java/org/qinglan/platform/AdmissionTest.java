package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on a fresh event-loop context and returns what it gives. */
  private static <T> T onLoop(java.util.function.Supplier<T> action) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      try {
        out.complete(action.get());
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out.get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void permitsThenAQueueInOrderThenA503WithRetryAfter() throws Exception {
    Admission admission = new Admission("test work", new Overload(), 2, 2);
    Admission.Permit first = await(onLoop(admission::enter));
    Admission.Permit second = await(onLoop(admission::enter));
    Future<Admission.Permit> third = onLoop(admission::enter);
    Future<Admission.Permit> fourth = onLoop(admission::enter);
    assertEquals(2, admission.running());
    assertEquals(2, admission.waiting());
    assertFalse(third.isComplete(), "waits for a place");

    Throwable refused = onLoop(admission::enter).toCompletionStage().toCompletableFuture()
        .handle((v, t) -> t).get(10, TimeUnit.SECONDS);
    assertTrue(refused instanceof Problem, String.valueOf(refused));
    assertEquals(503, ((Problem) refused).status());
    assertEquals("busy", ((Problem) refused).code());
    assertTrue(((Problem) refused).retryAfterSeconds() >= 1, "with a Retry-After");
    assertEquals(1, admission.refused());

    first.release();
    Admission.Permit thirdPermit = await(third);
    assertFalse(fourth.isComplete(), "in order of arrival: the fourth still waits");
    first.release();
    assertFalse(fourth.isComplete(), "a permit released twice frees one place only");
    second.release();
    Admission.Permit fourthPermit = await(fourth);
    assertEquals(2, admission.running());
    assertEquals(0, admission.waiting());
    thirdPermit.release();
    fourthPermit.release();
    assertEquals(0, admission.running(), "every place given back");
  }

  @Test
  void aWaiterIsAdmittedOnItsOwnEventLoop() throws Exception {
    Admission admission = new Admission("test work", new Overload(), 1, 10);
    Admission.Permit held = await(onLoop(admission::enter));
    List<Future<Boolean>> sameLoop = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sameLoop.add(onLoop(() -> {
        Context mine = Vertx.currentContext();
        return admission.enter().map(p -> {
          p.release();
          return Vertx.currentContext() == mine;
        });
      }));
    }
    held.release();
    for (Future<Boolean> f : sameLoop) {
      assertTrue(await(f), "completed on the context that asked");
    }
    assertEquals(0, admission.running());
  }
}
