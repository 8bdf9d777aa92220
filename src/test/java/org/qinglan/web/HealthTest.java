package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TcpProxy;
import org.qinglan.testing.TestApp;
import org.qinglan.testing.TestDatabases;

class HealthTest {

  /**
   * PostgreSQL's smart shutdown (SIGTERM) waits for every client to disconnect, so no pooled
   * connection may stay open for ever: idle ones are closed, and even one in constant use (the
   * case index's catch-up scan runs every second) is replaced after its lifetime.
   */
  @Test
  void noPooledConnectionStaysOpenForEverSoThatTheDatabaseCanShutDown() throws Exception {
    // A lifetime of 3 s instead of the deployment's 60 s, so the test sees the replacement soon.
    try (TestApp app = TestApp.withDemoData(config -> config.withConnectionLifetime(java.time.Duration.ofSeconds(3)))) {
      Browser b = app.signedInAs("organiser");
      for (int i = 0; i < 5; i++) {
        assertEquals(200, b.get("/workers").statusCode());
      }
      // The node's connections but the event channel's LISTEN one, which is not the pool's.
      String pids = """
          SELECT string_agg(pid::text, ',') FROM pg_stat_activity
          WHERE datname = ? AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'
          """;
      Object first = app.one(pids, app.database().database());
      assertTrue(first != null, "the pool holds connections after use");
      String still = """
          SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (string_to_array(?, ',')::int[])
          """;
      long left = -1;
      for (int i = 0; i < 240 && left != 0; i++) {
        Thread.sleep(500);
        left = (Long) app.one(still, first.toString());
      }
      assertEquals(0, left, "every connection the pool held has been closed");
    }
  }

  @Test
  void reportsTheDatabaseAnd503WhileItIsDownThenRecoversByItself() throws Exception {
    DatabaseTarget real = TestDatabases.demoCopy();
    try (TcpProxy proxy = new TcpProxy(real.host(), real.port())) {
      proxy.start();
      DatabaseTarget viaProxy = new DatabaseTarget("127.0.0.1", proxy.port(), real.database(), real.user(),
          real.password());
      try (TestApp app = TestApp.start(viaProxy, true)) {
        Browser b = app.browser();
        Browser signedIn = app.signedInAs("organiser");
        HttpResponse<String> up = b.get("/health");
        assertEquals(200, up.statusCode());
        assertTrue(up.body().contains("\"database\":\"UP\""), up.body());

        proxy.stop();
        HttpResponse<String> down = b.get("/health");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("\"database\":\"DOWN\""), down.body());
        assertEquals(200, b.get("/login").statusCode(), "the server keeps running: pages that need no database answer");
        HttpResponse<String> failed = signedIn.get("/workers");
        assertEquals(503, failed.statusCode(), "the database is unavailable, not broken");
        assertTrue(failed.body().contains("数据库暂时无法访问"), "a Chinese error page: " + failed.body());
        assertFalse(failed.body().contains("Exception"), "without a stack trace");
        HttpResponse<String> me = signedIn.get("/api/v1/me");
        assertEquals(503, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"code\":\"unavailable\""), me.body());
        HttpResponse<String> search = signedIn.get("/api/v1/cases/search?q=%E7%A4%BE%E5%8C%BA");
        assertEquals(503, search.statusCode(), search.body());

        proxy.start();
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
          status = b.get("/health").statusCode();
          if (status != 200) {
            Thread.sleep(200);
          }
        }
        assertEquals(200, status, "health recovers without a restart");
        b.signIn("worker", TestApp.DEMO_PASSWORD);
        assertEquals(200, b.get("/").statusCode(), "and so does everything else");
      } finally {
        TestDatabases.drop(real);
      }
    }
  }
}
