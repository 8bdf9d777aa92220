package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Capacity;
import org.qinglan.platform.Overload;
import org.qinglan.testing.Browser;
import org.qinglan.testing.LogCapture;
import org.qinglan.testing.TestApp;

/**
 * A node whose database pool has no connection to give within its timeout answers 503 with
 * Retry-After in the route's error shape (the API's JSON, a page, the sign-in page with its retry),
 * never a 500, and logs the cause once however many requests it refused.
 */
class PoolTimeoutHttpTest {

  @Test
  void noConnectionInTimeIsA503NotA500AndIsLoggedOnce() throws Exception {
    try (TestApp app = TestApp.withDemoData(config -> config.withCapacity(new Capacity(1, 1, 0)))) {
      Browser worker = app.signedInAs("worker");
      Browser visitor = app.browser();
      visitor.get("/login");
      // The pool's one connection, held by the test: every request now waits the pool's timeout.
      SqlConnection held = app.app().pool().getConnection().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      try (LogCapture logs = new LogCapture(Overload.class)) {
        CompletableFuture<HttpResponse<String>> api = CompletableFuture.supplyAsync(() -> worker.get("/api/v1/me"));
        CompletableFuture<HttpResponse<String>> page = CompletableFuture.supplyAsync(() -> worker.get("/mock-exams"));
        CompletableFuture<HttpResponse<String>> signIn = CompletableFuture.supplyAsync(() -> visitor.post("/login",
            Map.of("username", "mentor", "password", TestApp.DEMO_PASSWORD)));

        HttpResponse<String> a = api.get(60, TimeUnit.SECONDS);
        assertEquals(503, a.statusCode(), a.body());
        assertEquals("busy", new JsonObject(a.body()).getJsonObject("error").getString("code"), a.body());
        assertTrue(Integer.parseInt(a.headers().firstValue("Retry-After").orElseThrow()) >= 1);

        HttpResponse<String> p = page.get(60, TimeUnit.SECONDS);
        assertEquals(503, p.statusCode(), p.body());
        assertTrue(p.body().contains("访问的人较多"), p.body());
        assertTrue(p.headers().firstValue("Retry-After").isPresent());
        assertFalse(p.body().contains("Exception") || p.body().contains("Timeout"), "no internals: " + p.body());

        HttpResponse<String> s = signIn.get(60, TimeUnit.SECONDS);
        assertEquals(503, s.statusCode(), s.body());
        assertTrue(s.body().contains("排队中") && s.body().contains("重试登录"), s.body());

        assertEquals(1, logs.count(Overload.POOL_TIMEOUT), "one line for three refusals: " + logs.messages());
        assertTrue(app.app().overload().pending(Overload.POOL_TIMEOUT) >= 2, "the others are counted");
      } finally {
        held.close();
      }
      assertEquals(200, worker.get("/api/v1/me").statusCode(), "served again once a connection is free");
      assertEquals(302, visitor.post("/login", Map.of("username", "mentor", "password", TestApp.DEMO_PASSWORD))
          .statusCode());
    }
  }
}
