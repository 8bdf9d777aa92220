package org.qinglan.web;

import io.vertx.core.http.HttpMethod;

/**
 * A registered route and who may use it; the list of them lets tests check every protected
 * route's refusals. {@code example} is a concrete path to request (path parameters filled in).
 */
public record RouteSpec(HttpMethod method, String path, Access access, boolean api) {

  public String example() {
    return path.replaceAll(":[A-Za-z]+", "00000000-0000-0000-0000-000000000000");
  }
}
