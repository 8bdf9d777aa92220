package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.qinglan.platform.Overload;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.Devices;
import org.qinglan.web.LocalPaths;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Sessions;
import org.qinglan.web.Views;

/**
 * Sign-in and sign-out (pages and JSON API), the current account with its sessions (kept ones
 * included, each can be ended), and one's own password change.
 */
public final class SignInRoutes {
  /** Shown once on the password page after a change (a flash kept in a short-lived cookie). */
  private static final String FLASH = "qinglan_flash";
  private static final String PASSWORD_CHANGED = "password-changed";

  private final SignInService signIn;
  private final Auth auth;
  private final Views views;
  private final Overload overload;

  /** @param overload tells a busy node or an unreachable database (a 503 sign-in page) from a fault */
  public SignInRoutes(SignInService signIn, Auth auth, Views views, Overload overload) {
    this.signIn = signIn;
    this.auth = auth;
    this.views = views;
    this.overload = overload;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/login", Access.anyone(), this::loginPage);
    routes.page(HttpMethod.POST, "/login", Access.anyone(), this::login);
    routes.page(HttpMethod.POST, "/logout", Access.signedIn(), this::logout);
    routes.page(HttpMethod.GET, "/password", Access.signedIn(), this::passwordPageWithFlash);
    routes.page(HttpMethod.POST, "/password", Access.signedIn(), this::changePassword);
    routes.pageFuture(HttpMethod.GET, "/account", Access.signedIn(), this::accountPage);
    routes.pageFuture(HttpMethod.POST, "/account/sessions/others/end", Access.signedIn(), this::endOtherSessions);
    routes.pageFuture(HttpMethod.POST, "/account/sessions/:id/end", Access.signedIn(), this::endSession);
    routes.api(HttpMethod.POST, "/api/v1/session", Access.anyone(), this::apiSignIn);
    routes.api(HttpMethod.DELETE, "/api/v1/session", Access.signedIn(), this::apiSignOut);
    routes.api(HttpMethod.GET, "/api/v1/me", Access.signedIn(),
        ctx -> Responses.json(ctx, 200, AccountJson.me(Auth.account(ctx))));
  }

  /**
   * The model of the sign-in page: {@code keep} is the "keep me signed in on this phone" choice,
   * {@code retryAfter} the seconds to wait when the node was too busy to check the password (0: not).
   */
  public record LoginPage(String error, String username, String next, boolean keep, int retryAfter) {
  }

  /** The model of the account page: who, and their live sessions (this one first). */
  public record AccountPage(Account account, List<Sessions.Listed> sessions, long others) {
  }

  /** The model of the password page: what was wrong, whether it just changed, whether the change is forced. */
  public record PasswordPage(List<String> errors, boolean done, boolean forced) {
  }

  private void loginPage(RoutingContext ctx) {
    if (Auth.account(ctx) != null) {
      ctx.redirect("/");
      return;
    }
    renderLogin(ctx, 200, null, "", LocalPaths.safeNext(ctx.request().getParam("next")), false, 0);
  }

  private void renderLogin(RoutingContext ctx, int status, String error, String username, String next, boolean keep,
                           int retryAfter) {
    views.page(ctx, status, "people/login.ftlh", "登录", new LoginPage(error, username, next, keep, retryAfter));
  }

  private void login(RoutingContext ctx) {
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String next = LocalPaths.safeNext(ctx.request().getFormAttribute("next"));
    boolean keep = ctx.request().getFormAttribute("keep") != null;
    signInAndOpenSession(ctx, username, password, keep).onComplete(ar -> {
      if (ar.succeeded()) {
        Account account = ar.result();
        String target = account.mustChangePassword() ? "/password"
            : !next.equals("/") ? next
            : account.has(Role.ORGANISER) ? "/workers" : "/";
        ctx.redirect(target);
        return;
      }
      Problem p = ar.cause() instanceof Problem given ? given : overload.problemFor(ar.cause());
      String typed = username == null ? "" : username;
      if (p == null || p.status() == 500) {
        ctx.fail(ar.cause());
        return;
      }
      if (p.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Integer.toString(p.retryAfterSeconds()));
      }
      if (p.status() == 503) {
        // The page's script waits and sends the form again by itself; without it, the page says when to retry.
        renderLogin(ctx, 503, null, typed, next, keep, p.retryAfterSeconds());
      } else {
        renderLogin(ctx, p.status(), p.getMessage(), typed, next, keep, 0);
      }
    });
  }

  private Future<Account> signInAndOpenSession(RoutingContext ctx, String username, String password, boolean keep) {
    io.vertx.core.http.Cookie previous = ctx.request().getCookie(Sessions.COOKIE);
    return signIn.signInAndOpenSession(username, password, ctx.request().remoteAddress().host(),
            previous == null ? null : previous.getValue(), ctx.normalizedPath().startsWith("/api/") ? "api" : "web",
            Devices.describe(ctx.request().getHeader("User-Agent")), keep)
        .map(signedIn -> {
          auth.setSessionCookie(ctx, signedIn.session());
          return signedIn.account();
        });
  }

  private Future<?> accountPage(RoutingContext ctx) {
    Account me = Auth.account(ctx);
    return signIn.sessionsOf(me, Auth.sessionToken(ctx)).onSuccess(list -> views.page(ctx, 200, "people/me.ftlh",
        "我的账号", new AccountPage(me, list, list.stream().filter(x -> !x.current()).count())));
  }

  /** Ends one of one's own sessions; ending this one signs out here. */
  private Future<?> endSession(RoutingContext ctx) {
    java.util.UUID id;
    try {
      id = java.util.UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
    return signIn.endSession(Auth.account(ctx), Auth.sessionToken(ctx), id).onSuccess(wasThisOne -> {
      if (wasThisOne) {
        auth.clearSessionCookie(ctx);
        ctx.redirect("/login");
      } else {
        ctx.redirect("/account");
      }
    });
  }

  private Future<?> endOtherSessions(RoutingContext ctx) {
    return signIn.endOtherSessions(Auth.account(ctx), Auth.sessionToken(ctx)).onSuccess(v -> ctx.redirect("/account"));
  }

  private void logout(RoutingContext ctx) {
    signOut(ctx).onSuccess(v -> ctx.redirect("/login")).onFailure(ctx::fail);
  }

  private Future<Void> signOut(RoutingContext ctx) {
    return signIn.signOut(Auth.account(ctx), Auth.sessionToken(ctx)).onSuccess(v -> auth.clearSessionCookie(ctx));
  }

  private void passwordPageWithFlash(RoutingContext ctx) {
    io.vertx.core.http.Cookie flash = ctx.request().getCookie(FLASH);
    boolean changed = flash != null && PASSWORD_CHANGED.equals(flash.getValue());
    if (flash != null) {
      ctx.response().addCookie(auth.cookie(FLASH, "").setPath("/password").setMaxAge(0));
    }
    passwordPage(ctx, 200, List.of(), changed);
  }

  private void passwordPage(RoutingContext ctx, int status, List<String> errors, boolean done) {
    Account me = Auth.account(ctx);
    views.page(ctx, status, "people/password.ftlh", "修改密码", new PasswordPage(errors, done, me.mustChangePassword()));
  }

  private void changePassword(RoutingContext ctx) {
    var form = ctx.request();
    signIn.changePassword(Auth.account(ctx), Auth.sessionToken(ctx), form.getFormAttribute("current"),
        form.getFormAttribute("password"), form.getFormAttribute("confirm")).onComplete(ar -> {
          if (ar.succeeded()) {
            // Post/redirect/get: the confirmation is shown once, and a reload posts nothing.
            ctx.response().addCookie(auth.cookie(FLASH, PASSWORD_CHANGED).setPath("/password").setMaxAge(300));
            ctx.redirect("/password");
          } else if (ar.cause() instanceof Problem p && p.status() == 400) {
            passwordPage(ctx, 400, p.details(), false);
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private void apiSignIn(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      ctx.fail(Problem.badRequest("请求体应为 JSON：{\"username\":…,\"password\":…}"));
      return;
    }
    Object username = body.getValue("username");
    Object password = body.getValue("password");
    if (!(username instanceof String) || !(password instanceof String)) {
      ctx.fail(Problem.badRequest("username 和 password 都应为字符串。"));
      return;
    }
    Object keep = body.getValue("keep", false);
    if (!(keep instanceof Boolean)) {
      ctx.fail(Problem.badRequest("keep 应为 true 或 false。"));
      return;
    }
    signInAndOpenSession(ctx, (String) username, (String) password, (Boolean) keep)
        .onSuccess(account -> Responses.json(ctx, 200, AccountJson.me(account)))
        .onFailure(ctx::fail);
  }

  private void apiSignOut(RoutingContext ctx) {
    signOut(ctx).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
