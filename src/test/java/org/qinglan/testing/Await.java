package org.qinglan.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Blocks a test thread on a Vert.x future. */
public final class Await {
  private Await() {
  }

  public static <T> T of(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
