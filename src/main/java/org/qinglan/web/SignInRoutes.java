package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglan.people.Account;
import org.qinglan.people.AccountStore;
import org.qinglan.people.PasswordHasher;
import org.qinglan.people.PasswordPolicy;
import org.qinglan.people.Role;
import org.qinglan.people.SignInService;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;

/** Sign-in and sign-out (pages and JSON API), the current account, and password changes. */
public final class SignInRoutes {
  /** Shown once on the password page after a change (a flash kept in a short-lived cookie). */
  private static final String FLASH = "qinglan_flash";
  private static final String PASSWORD_CHANGED = "password-changed";
  /** A same-site path: one "/" then URI characters only (no "//", backslash, control characters or spaces). */
  private static final java.util.regex.Pattern LOCAL_PATH =
      java.util.regex.Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%#]*");
  private static final Set<String> BEFORE_PASSWORD_CHANGE = Set.of("/password", "/logout", "/api/v1/session",
      "/api/v1/me");

  private final Vertx vertx;
  private final Pool pool;
  private final SignInService signIn;
  private final Sessions sessions;
  private final Auth auth;
  private final Views views;
  private final AccountStore accounts;
  private final PasswordHasher hasher;

  public SignInRoutes(Vertx vertx, Pool pool, SignInService signIn, Sessions sessions, Auth auth, Views views,
                      AccountStore accounts, PasswordHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.signIn = signIn;
    this.sessions = sessions;
    this.auth = auth;
    this.views = views;
    this.accounts = accounts;
    this.hasher = hasher;
  }

  static boolean allowedBeforePasswordChange(RouteSpec spec) {
    return BEFORE_PASSWORD_CHANGE.contains(spec.path());
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/login", Access.anyone(), this::loginPage);
    routes.page(HttpMethod.POST, "/login", Access.anyone(), this::login);
    routes.page(HttpMethod.POST, "/logout", Access.signedIn(), this::logout);
    routes.page(HttpMethod.GET, "/password", Access.signedIn(), this::passwordPageWithFlash);
    routes.page(HttpMethod.POST, "/password", Access.signedIn(), this::changePassword);
    routes.api(HttpMethod.POST, "/api/v1/session", Access.anyone(), this::apiSignIn);
    routes.api(HttpMethod.DELETE, "/api/v1/session", Access.signedIn(), this::apiSignOut);
    routes.api(HttpMethod.GET, "/api/v1/me", Access.signedIn(), ctx -> Responses.json(ctx, 200, me(Auth.account(ctx))));
  }

  private void loginPage(RoutingContext ctx) {
    if (Auth.account(ctx) != null) {
      ctx.redirect("/");
      return;
    }
    renderLogin(ctx, 200, null, "", safeNext(ctx.request().getParam("next")));
  }

  private void renderLogin(RoutingContext ctx, int status, String error, String username, String next) {
    Map<String, Object> model = new HashMap<>();
    model.put("error", error);
    model.put("username", username);
    model.put("next", next);
    views.page(ctx, status, "web/login.ftlh", "登录", model);
  }

  private void login(RoutingContext ctx) {
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    signInAndOpenSession(ctx, username, password).onComplete(ar -> {
      if (ar.succeeded()) {
        Account account = ar.result();
        String target = account.mustChangePassword() ? "/password"
            : !next.equals("/") ? next
            : account.has(Role.ORGANISER) ? "/workers" : "/";
        ctx.redirect(target);
      } else if (ar.cause() instanceof Problem p && p.status() < 500) {
        renderLogin(ctx, p.status(), p.getMessage(), username == null ? "" : username, next);
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private Future<Account> signInAndOpenSession(RoutingContext ctx, String username, String password) {
    String address = ctx.request().remoteAddress().host();
    io.vertx.core.http.Cookie previous = ctx.request().getCookie(Sessions.COOKIE);
    // A new sign-in in this browser ends the session it had (someone else's, or a stale one).
    return signIn.signIn(username, password, address).compose(account -> pool.withTransaction(tx ->
        sessions.close(tx, previous == null ? null : previous.getValue())
            .compose(v -> sessions.open(tx, account.id(), address)).compose(token -> LearningEvents.append(tx,
                LearningEvent.of(account.id(), LearningEvent.Verbs.LOGGED_IN, "qinglan", "platform")
                    .withContext(new JsonObject().put("channel", ctx.normalizedPath().startsWith("/api/") ? "api" : "web")))
            .map(token))).map(token -> {
              auth.setSessionCookie(ctx, token);
              return account;
            }));
  }

  private void logout(RoutingContext ctx) {
    signOut(ctx).onSuccess(v -> ctx.redirect("/login")).onFailure(ctx::fail);
  }

  private Future<Void> signOut(RoutingContext ctx) {
    Account account = Auth.account(ctx);
    return sessions.close(Auth.sessionToken(ctx))
        .compose(v -> LearningEvents.append(pool,
            LearningEvent.of(account.id(), LearningEvent.Verbs.LOGGED_OUT, "qinglan", "platform")))
        .onSuccess(v -> auth.clearSessionCookie(ctx));
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
    Map<String, Object> model = new HashMap<>();
    model.put("errors", errors);
    model.put("done", done);
    model.put("forced", Auth.account(ctx).mustChangePassword());
    views.page(ctx, status, "web/password.ftlh", "修改密码", model);
  }

  private void changePassword(RoutingContext ctx) {
    Account account = Auth.account(ctx);
    String current = ctx.request().getFormAttribute("current");
    String fresh = ctx.request().getFormAttribute("password");
    String confirm = ctx.request().getFormAttribute("confirm");
    List<String> errors = new java.util.ArrayList<>(
        PasswordPolicy.standard().problems(fresh, account.username(), account.mobile()));
    if (fresh != null && !fresh.equals(confirm)) {
      errors.add("两次输入的新密码不一致");
    }
    if (fresh != null && fresh.equals(current)) {
      errors.add("新密码不能与当前密码相同");
    }
    if (!errors.isEmpty()) {
      passwordPage(ctx, 400, errors, false);
      return;
    }
    accounts.byLogin(pool, account.username())
        .compose(found -> vertx.executeBlocking(() -> {
          if (found == null || !hasher.verify(current == null ? "" : current, found.passwordHash())) {
            return null;
          }
          return hasher.hash(fresh);
        }, false))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result() == null) {
            passwordPage(ctx, 400, List.of("当前密码不正确"), false);
          } else {
            pool.withTransaction(tx -> accounts.setPassword(tx, account.id(), ar.result(), false)
                    .compose(v -> sessions.closeOthers(tx, account.id(), Auth.sessionToken(ctx))))
                .onSuccess(v -> {
                  // Post/redirect/get: the confirmation is shown once, and a reload posts nothing.
                  ctx.response().addCookie(auth.cookie(FLASH, PASSWORD_CHANGED).setPath("/password").setMaxAge(300));
                  ctx.redirect("/password");
                })
                .onFailure(ctx::fail);
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
    signInAndOpenSession(ctx, (String) username, (String) password)
        .onSuccess(account -> Responses.json(ctx, 200, me(account)))
        .onFailure(ctx::fail);
  }

  private void apiSignOut(RoutingContext ctx) {
    signOut(ctx).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  static JsonObject me(Account a) {
    JsonArray roles = new JsonArray();
    a.roles().forEach(r -> roles.add(r.name()));
    JsonObject unit = a.orgUnit() == null ? null : new JsonObject()
        .put("id", a.orgUnit().id().toString())
        .put("name", a.orgUnit().name())
        .put("level", a.orgUnit().level().name());
    return new JsonObject()
        .put("id", a.id().toString())
        .put("username", a.username())
        .put("displayName", a.displayName())
        .put("roles", roles)
        .put("orgUnit", unit)
        .put("mustChangePassword", a.mustChangePassword());
  }

  /**
   * A local path to go back to, or "/" for anything else (never another site). Browsers drop tabs
   * and newlines from a Location and read a backslash as a slash, so "/\t/evil.example" would leave
   * the site: only a plain, already-encoded path is accepted.
   */
  public static String safeLocal(String path) {
    if (path == null || !LOCAL_PATH.matcher(path).matches()) {
      return "/";
    }
    return path;
  }

  /** Only local paths are followed after sign-in, never another site (nor the sign-in page again). */
  static String safeNext(String next) {
    String local = safeLocal(next);
    return local.startsWith("/login") ? "/" : local;
  }
}
