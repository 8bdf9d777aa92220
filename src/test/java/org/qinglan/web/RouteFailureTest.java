package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;
import org.qinglan.platform.Problem;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TempDirs;
import org.qinglan.testing.TestDatabases;

/** Whatever runs a route's handler ends the request when the handler fails, however it fails. */
class RouteFailureTest {
  static DatabaseTarget db;
  static Vertx vertx;
  static Path uploads;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabases.fresh();
    Migrations.migrate(db);
    vertx = Vertx.vertx();
    uploads = Files.createTempDirectory("qinglan-route-failure");
    Pool pool = Database.pool(vertx, db, 2);
    // Web alone: no feature supplies accounts, so no session opens one.
    Auth auth = new Auth(new Sessions(pool), id -> io.vertx.core.Future.succeededFuture(null), false);
    Consumer<Routes> routes = r -> {
      r.page(HttpMethod.GET, "/t/callback-throws", Access.anyone(),
          ctx -> vertx.timer(1).onSuccess(x -> {
            throw new IllegalStateException("a bug in a callback");
          }));
      r.page(HttpMethod.GET, "/t/callback-not-found", Access.anyone(),
          ctx -> pool.query("SELECT 1").execute().onSuccess(x -> {
            throw Problem.notFound();
          }));
      r.pageFuture(HttpMethod.GET, "/t/future-fails", Access.anyone(),
          ctx -> pool.query("SELECT no_such_column").execute());
      r.apiFuture(HttpMethod.GET, "/api/t/future-fails", Access.anyone(),
          ctx -> io.vertx.core.Future.failedFuture(new IllegalStateException("failed work")));
      r.api(HttpMethod.GET, "/api/t/callback-throws", Access.anyone(),
          ctx -> pool.query("SELECT 1").execute().onSuccess(x -> {
            throw new IllegalStateException("a bug in a callback");
          }));
    };
    WebServer web = new WebServer(vertx, pool, new Views(vertx, ZoneId.of("Asia/Shanghai")), auth,
        new Csrf(new byte[32], auth), uploads, () -> null, List.of(routes));
    int port = web.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        .actualPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    TempDirs.delete(uploads);
    TestDatabases.drop(db);
  }

  @Test
  void anExceptionInACallbackIsA500Page() {
    HttpResponse<String> r = new Browser(base).get("/t/callback-throws");
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("服务器出现了问题"), r.body());
  }

  @Test
  void aRouteWhoseFutureFailsAnswers() {
    HttpResponse<String> page = new Browser(base).get("/t/future-fails");
    assertEquals(500, page.statusCode());
    assertTrue(page.body().contains("服务器出现了问题"), page.body());
    HttpResponse<String> api = new Browser(base).get("/api/t/future-fails");
    assertEquals(500, api.statusCode());
    assertEquals("internal", new JsonObject(api.body()).getJsonObject("error").getString("code"));
  }

  @Test
  void aNotFoundThrownInACallbackIsA404() {
    assertEquals(404, new Browser(base).get("/t/callback-not-found").statusCode());
  }

  @Test
  void anApiCallbackFailureIsA500InTheErrorShape() {
    HttpResponse<String> r = new Browser(base).get("/api/t/callback-throws");
    assertEquals(500, r.statusCode());
    assertEquals("internal", new JsonObject(r.body()).getJsonObject("error").getString("code"));
  }
}
