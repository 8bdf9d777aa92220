package org.qinglan.web;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** Query strings for a page's own links (pager, filters), built from the request's. */
public final class QueryStrings {
  private QueryStrings() {
  }

  /** The request's query string without the parameters {@code drop} picks, each name and value encoded. */
  public static String without(RoutingContext ctx, BiPredicate<String, String> drop) {
    List<String> parts = new ArrayList<>();
    ctx.queryParams().forEach((k, v) -> {
      if (!drop.test(k, v)) {
        parts.add(encode(k) + "=" + encode(v));
      }
    });
    return String.join("&", parts);
  }

  /** The request's query string without the page number (for pager links). */
  public static String withoutPage(RoutingContext ctx) {
    return without(ctx, (k, v) -> k.equals("page"));
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
