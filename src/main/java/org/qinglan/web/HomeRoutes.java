package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qinglan.people.Account;
import org.qinglan.people.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing page after sign-in: links to what the person's roles can use, and what each
 * feature has for them now (a worker's assigned courses, reviews due, a mock exam in progress).
 */
public final class HomeRoutes {
  private static final Logger log = LoggerFactory.getLogger(HomeRoutes.class);

  /** What a feature puts on a person's home page, as template model entries (none when nothing applies). */
  public interface Facts {
    Future<Map<String, Object>> of(Account a);
  }

  private final Views views;
  private final List<Facts> facts;

  public HomeRoutes(Views views) {
    this(views, List.of());
  }

  public HomeRoutes(Views views, List<Facts> facts) {
    this.views = views;
    this.facts = List.copyOf(facts);
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/", Access.signedIn(), ctx -> {
      Account a = Auth.account(ctx);
      // The home page still opens when one feature cannot say what it has.
      List<Future<Map<String, Object>>> parts = facts.stream().map(f -> f.of(a).recover(t -> {
        log.warn("Home page facts failed for {}: {}", a.username(), t.toString());
        return Future.succeededFuture(Map.<String, Object>of());
      })).toList();
      Future.all(parts).onSuccess(all -> {
        Map<String, Object> model = new HashMap<>();
        model.put("learner", a.hasAny(java.util.Set.of(Role.WORKER, Role.MENTOR)));
        model.put("writer", a.hasAny(java.util.Set.of(Role.TRAINER, Role.ADMIN)));
        model.put("organiser", a.hasAny(java.util.Set.of(Role.ORGANISER, Role.ADMIN)));
        for (int i = 0; i < all.size(); i++) {
          model.putAll(all.<Map<String, Object>>resultAt(i));
        }
        views.page(ctx, "web/home.ftlh", "首页", model);
      }).onFailure(ctx::fail);
    });
  }
}
