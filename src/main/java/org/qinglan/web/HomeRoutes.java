package org.qinglan.web;

import io.vertx.core.http.HttpMethod;
import java.util.Map;

/** The landing page after sign-in. */
public final class HomeRoutes {
  private final Views views;

  public HomeRoutes(Views views) {
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/", Access.signedIn(), ctx -> views.page(ctx, "web/home.ftlh", "首页", Map.of()));
  }
}
