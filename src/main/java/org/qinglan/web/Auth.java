package org.qinglan.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** Puts the signed-in account (if any) on each request, from the session cookie. */
public final class Auth {
  private static final String ACCOUNT = "qinglan.account";
  private static final String TOKEN = "qinglan.sessionToken";

  private final Sessions sessions;
  private final SessionAccounts accounts;
  private final boolean secureCookies;

  public Auth(Sessions sessions, SessionAccounts accounts, boolean secureCookies) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.secureCookies = secureCookies;
  }

  public void handle(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
    if (cookie == null) {
      ctx.next();
      return;
    }
    sessions.accountIdOf(cookie.getValue())
        .compose(id -> id == null ? io.vertx.core.Future.<Principal>succeededFuture() : accounts.accountOf(id).map(Principal.class::cast))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          if (ar.result() != null) {
            ctx.put(ACCOUNT, ar.result());
            ctx.put(TOKEN, cookie.getValue());
          }
          ctx.next();
        });
  }

  /**
   * The signed-in account, or null. Typed as the caller declares it, like
   * {@link RoutingContext#get}: it is what {@link SessionAccounts} gave, the people feature's
   * {@code Account} in this application, so feature routes write {@code Account me = Auth.account(ctx)}.
   */
  public static <A extends Principal> A account(RoutingContext ctx) {
    return ctx.get(ACCOUNT);
  }

  /** The raw session token of this request, or null when signed out. */
  public static String sessionToken(RoutingContext ctx) {
    return ctx.get(TOKEN);
  }

  /**
   * A browser-session cookie (no Max-Age): it never outlives the server-side session, which ends
   * after {@link Sessions#IDLE_TIMEOUT} without use, and it is gone when the browser closes.
   */
  public void setSessionCookie(RoutingContext ctx, String token) {
    ctx.response().addCookie(cookie(Sessions.COOKIE, token));
  }

  /**
   * The cookie of a session that was opened: with a Max-Age when the session is kept on this
   * device (its remaining life, so the cookie never outlives it), else a browser-session cookie.
   */
  public void setSessionCookie(RoutingContext ctx, Sessions.Opened opened) {
    Cookie c = cookie(Sessions.COOKIE, opened.token());
    if (opened.maxAgeSeconds() >= 0) {
      c.setMaxAge(opened.maxAgeSeconds());
    }
    ctx.response().addCookie(c);
  }

  public void clearSessionCookie(RoutingContext ctx) {
    ctx.response().addCookie(cookie(Sessions.COOKIE, "").setMaxAge(0));
  }

  /** A cookie with this application's attributes (path /, HttpOnly, SameSite=Lax, Secure when configured). */
  public Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secureCookies);
  }
}
