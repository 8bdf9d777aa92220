package org.qinglan.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;
import org.qinglan.platform.Problem;

/**
 * Refuses a state-changing request (pages and API alike) whose {@code Origin} header names
 * another site: browsers send it with every cross-site POST, so this stops cross-site requests
 * even where a CSRF token or a JSON content type would not. Requests without the header (older
 * browsers, scripts) are left to the CSRF check. The accepted origins are the request's own
 * and the configured public URL's (behind a proxy the two differ).
 */
final class OriginCheck {
  private final Supplier<String> publicUrl;

  OriginCheck(Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
  }

  void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || !changesState(ctx.request().method()) || allowed(ctx, origin.strip())) {
      ctx.next();
      return;
    }
    ctx.fail(new Problem(403, "foreign_origin", "请求来源不是本站，已拒绝。请从本站页面重新操作。"));
  }

  private boolean allowed(RoutingContext ctx, String origin) {
    String given = origin.toLowerCase(Locale.ROOT);
    if (ctx.request().authority() != null
        && given.equals((ctx.request().scheme() + "://" + ctx.request().authority()).toLowerCase(Locale.ROOT))) {
      return true;
    }
    String configured = originOf(publicUrl.get());
    return configured != null && given.equals(configured);
  }

  /** scheme://host[:port] of a URL, lower case, the default port left out as browsers do. */
  static String originOf(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI u = URI.create(url.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      boolean defaultPort = u.getPort() < 0 || scheme.equals("http") && u.getPort() == 80
          || scheme.equals("https") && u.getPort() == 443;
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean changesState(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
  }
}
