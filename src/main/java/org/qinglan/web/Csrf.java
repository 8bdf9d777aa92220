package org.qinglan.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qinglan.platform.Problem;

/**
 * CSRF protection for forms. The token is an HMAC of the session token (or, before sign-in, of
 * a random visitor cookie) under a key all nodes share, so it is stable across tabs and nodes
 * and needs no storage. Every state-changing request outside the JSON API must carry it as the
 * {@code _csrf} form field or the {@code X-CSRF-Token} header. The JSON API instead accepts
 * state changes only with a JSON content type, which a cross-site form cannot send.
 */
public final class Csrf {
  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  static final String VISITOR_COOKIE = "qinglan_visitor";
  private static final String TOKEN_KEY = "qinglan.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final Auth auth;

  public Csrf(byte[] key, Auth auth) {
    this.key = key.clone();
    this.auth = auth;
  }

  public void handle(RoutingContext ctx) {
    String binding = Auth.sessionToken(ctx);
    if (binding == null) {
      Cookie visitor = ctx.request().getCookie(VISITOR_COOKIE);
      if (visitor != null && !visitor.getValue().isEmpty()) {
        binding = visitor.getValue();
      } else {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        binding = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        ctx.response().addCookie(auth.cookie(VISITOR_COOKIE, binding));
        binding = "fresh:" + binding; // a brand-new visitor cannot have a valid token yet
      }
    }
    String expected = binding.startsWith("fresh:") ? null : tokenFor(binding);
    ctx.put(TOKEN_KEY, expected != null ? expected : tokenFor(binding.substring("fresh:".length())));
    if (!changesState(ctx.request().method()) || ctx.normalizedPath().startsWith("/api/")) {
      ctx.next();
      return;
    }
    String given = ctx.request().getHeader(HEADER);
    if (given == null) {
      given = ctx.request().getFormAttribute(FIELD);
    }
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
      ctx.fail(new Problem(403, "csrf", "页面已过期或请求来源无法验证，请刷新页面后重试。"));
      return;
    }
    ctx.next();
  }

  /** The token to put in this request's forms. */
  public static String token(RoutingContext ctx) {
    return ctx.get(TOKEN_KEY);
  }

  String tokenFor(String binding) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(binding.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean changesState(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
  }
}
