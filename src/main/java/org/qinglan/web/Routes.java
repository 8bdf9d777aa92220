package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.qinglan.platform.Problem;

/**
 * The one way features add routes: every route names its {@link Access}, and a guard in front
 * of the handler enforces it (sign-in, role, and a pending password change). Scope checks on
 * the records a route touches are the feature's job, through its service.
 */
public final class Routes {
  /** What a person with a pending password change may still use (the people feature mounts these). */
  private static final java.util.Set<String> BEFORE_PASSWORD_CHANGE = java.util.Set.of("/password", "/logout",
      "/api/v1/session", "/api/v1/me");

  private final Router router;
  private final List<RouteSpec> specs = new ArrayList<>();

  public Routes(Router router) {
    this.router = router;
  }

  public void page(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    add(new RouteSpec(method, path, access, false), handler);
  }

  public void api(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    add(new RouteSpec(method, path, access, true), handler);
  }

  /** A page whose handler returns its work: when that future fails, the request ends with the error page. */
  public void pageFuture(HttpMethod method, String path, Access access, FutureHandler handler) {
    add(new RouteSpec(method, path, access, false), ctx -> run(handler, ctx));
  }

  /** An API route whose handler returns its work: when that future fails, the answer is the API error. */
  public void apiFuture(HttpMethod method, String path, Access access, FutureHandler handler) {
    add(new RouteSpec(method, path, access, true), ctx -> run(handler, ctx));
  }

  /** A route handler that returns the future of its work (null when it answered at once). */
  @FunctionalInterface
  public interface FutureHandler {
    Future<?> handle(RoutingContext ctx);
  }

  public List<RouteSpec> specs() {
    return List.copyOf(specs);
  }

  /**
   * Every handler runs here: an exception it throws fails the request (404 for a not-found
   * {@link Problem}, 500 otherwise, in {@link ErrorPages}); one thrown later, in a callback of
   * its futures, does too (see {@link RequestFailures}).
   */
  private void add(RouteSpec spec, Handler<RoutingContext> handler) {
    specs.add(spec);
    router.route(spec.method(), spec.path()).handler(ctx -> guard(spec, ctx)).handler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        failUnlessAnswered(ctx, e);
      }
    });
  }

  private static void run(FutureHandler handler, RoutingContext ctx) {
    Future<?> work = handler.handle(ctx);
    if (work != null) {
      work.onFailure(t -> failUnlessAnswered(ctx, t));
    }
  }

  private static void failUnlessAnswered(RoutingContext ctx, Throwable t) {
    if (!ctx.response().ended() && !ctx.failed()) {
      ctx.fail(t);
    }
  }

  private static void guard(RouteSpec spec, RoutingContext ctx) {
    if (spec.access().isPublic()) {
      ctx.next();
      return;
    }
    Principal account = Auth.account(ctx);
    if (account == null) {
      if (spec.api()) {
        ctx.fail(new Problem(401, "unauthenticated", "请先登录。"));
      } else {
        String next = ctx.request().method() == HttpMethod.GET ? ctx.request().uri() : "/";
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
      }
      return;
    }
    if (account.mustChangePassword() && !BEFORE_PASSWORD_CHANGE.contains(spec.path())) {
      if (spec.api()) {
        ctx.fail(new Problem(403, "password_change_required", "请先修改初始密码。"));
      } else {
        ctx.redirect("/password");
      }
      return;
    }
    if (!spec.access().admits(account)) {
      ctx.fail(Problem.forbidden());
      return;
    }
    ctx.next();
  }
}
