package org.qinglan.web;

import io.vertx.ext.web.RoutingContext;
import org.qinglan.platform.Problem;

/**
 * The one reader of a list's {@code page} and {@code size} parameters. A page number is refused
 * beyond {@link #MAX_PAGE}, so that no store computes an offset that overflows; a size is
 * clamped to what the list allows.
 */
public final class Paging {
  /** Far beyond any real list (200,000 rows at the smallest page size), far below an int overflow. */
  public static final int MAX_PAGE = 10_000;

  private Paging() {
  }

  /** The 1-based page number; absent means 1. */
  public static int page(RoutingContext ctx) {
    Integer page = parse(ctx, "page", "页码");
    if (page == null) {
      return 1;
    }
    if (page < 1 || page > MAX_PAGE) {
      throw Problem.badRequest("页码应在 1 到 " + MAX_PAGE + " 之间。");
    }
    return page;
  }

  /** The page size, {@code fallback} when absent, clamped to 1..{@code max}. */
  public static int size(RoutingContext ctx, int fallback, int max) {
    Integer size = parse(ctx, "size", "每页条数");
    return size == null ? fallback : Math.min(Math.max(size, 1), max);
  }

  /** {@code what} names the parameter as people read it: the message reaches a page. */
  private static Integer parse(RoutingContext ctx, String name, String what) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest(what + "请填写数字。");
    }
  }
}
