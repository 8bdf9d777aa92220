package org.qinglan.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a request whose handler fails in a callback. Vert.x runs each request on a context of
 * its own and reports an exception thrown by a future's callback to that context; without this,
 * such an exception (a bug, or a {@code Problem} thrown from {@code onSuccess}) is only logged
 * and the request never answers. The request's {@link RoutingContext} is kept on its context so
 * the exception can fail it, which sends the error page or the API error.
 */
final class RequestFailures {
  private static final Logger log = LoggerFactory.getLogger(RequestFailures.class);
  private static final String KEY = RequestFailures.class.getName();

  private RequestFailures() {
  }

  static void install(Vertx vertx) {
    vertx.exceptionHandler(RequestFailures::report);
  }

  /** Remembers the request on its own (duplicated) context; shared contexts are never used. */
  static void bind(RoutingContext ctx) {
    if (Vertx.currentContext() instanceof ContextInternal c && c.isDuplicate()) {
      c.localContextData().put(KEY, ctx);
    }
  }

  private static void report(Throwable failure) {
    Context current = Vertx.currentContext();
    RoutingContext ctx = current instanceof ContextInternal c && c.isDuplicate()
        ? (RoutingContext) c.localContextData().get(KEY) : null;
    if (ctx == null || ctx.response().ended() || ctx.response().closed()) {
      log.error("Unhandled exception", failure);
      return;
    }
    if (ctx.failed()) {
      // The failure handler itself threw: answer plainly rather than not at all.
      log.error("Failure handler failed for {} {}", ctx.request().method(), ctx.request().uri(), failure);
      if (!ctx.response().headWritten()) {
        ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("服务器出现了问题，请稍后再试。");
      }
      return;
    }
    ctx.fail(failure);
  }
}
