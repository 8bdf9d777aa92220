package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing page after sign-in: links to what the person's roles can use, and what each
 * feature has for them now (a worker's assigned courses, reviews due, a mock exam in progress).
 */
public final class HomeRoutes<A extends Principal> {
  private static final Logger log = LoggerFactory.getLogger(HomeRoutes.class);

  /**
   * What a feature puts on a person's home page: a record whose components are variables of
   * web/home.ftlh (their empty values when nothing applies). {@code A} is the account type
   * {@link Auth#account} hands out.
   */
  public interface Facts<A> {
    Future<? extends Record> of(A a);
  }

  /** What a feature that could not say what it has puts on the page: nothing (the template's defaults). */
  private record Nothing() {
  }

  private final Views views;
  private final List<Facts<A>> facts;

  /** {@code facts} include which sections of the page a person's roles open (the template's flags). */
  public HomeRoutes(Views views, List<Facts<A>> facts) {
    this.views = views;
    this.facts = List.copyOf(facts);
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/", Access.signedIn(), ctx -> {
      A a = Auth.account(ctx);
      // The home page still opens when one feature cannot say what it has.
      List<Future<Record>> parts = facts.stream().map(f -> f.of(a).<Record>map(r -> r).recover(t -> {
        log.warn("Home page facts failed for {}: {}", a.username(), t.toString());
        return Future.succeededFuture(new Nothing());
      })).toList();
      Future.all(parts).onSuccess(all -> views.page(ctx, "web/home.ftlh", "首页", all.<Record>list()))
          .onFailure(ctx::fail);
    });
  }
}
