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

  @Test
  void reportsTheDatabaseAnd503WhileItIsDownThenRecoversByItself() throws Exception {
    DatabaseTarget real = TestDatabases.fresh();
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
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().contains("服务器出现了问题"), "a Chinese error page: " + failed.body());
        assertFalse(failed.body().contains("Exception"), "without a stack trace");

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
