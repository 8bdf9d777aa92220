package org.qinglan.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.qinglan.platform.Admission;

/** Routes whose work is heavy run only once an {@link Admission} lets them in. */
public final class Admitted {
  private Admitted() {
  }

  /**
   * {@code handler} once {@code admission} admits the request; the place is given back when the
   * answer has gone (the routing context's end handler, which also runs when the connection
   * closes), or at once when the client went away while it waited. A refusal (503 {@code busy})
   * goes to the failure handler.
   */
  public static Handler<RoutingContext> by(Admission admission, Handler<RoutingContext> handler) {
    return ctx -> admission.enter().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Admission.Permit permit = ar.result();
      if (ctx.response().closed() || ctx.response().ended()) {
        permit.release();
        return;
      }
      ctx.addEndHandler(v -> permit.release());
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
