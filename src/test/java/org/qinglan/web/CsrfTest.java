package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class CsrfTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void signInFormWithoutTokenIsRefused() {
    Browser b = app.browser();
    b.get("/login");
    HttpResponse<String> r = b.postRaw("/login", Map.of("username", "admin", "password", TestApp.DEMO_PASSWORD));
    assertEquals(403, r.statusCode());
    assertEquals(302, b.get("/").statusCode(), "not signed in");
  }

  @Test
  void aTokenFromAnotherVisitorDoesNotWork() {
    Browser attacker = app.browser();
    attacker.get("/login");
    String foreignToken = attacker.csrf();
    Browser victim = app.signedInAs("organiser");
    HttpResponse<String> r = victim.postRaw("/workers", Map.of("_csrf", foreignToken, "displayName", "伪造"));
    assertEquals(403, r.statusCode());
  }

  @Test
  void aVisitorWithoutCookiesCannotPostAtAll() {
    Browser fresh = app.browser();
    HttpResponse<String> r = fresh.postRaw("/login", Map.of("_csrf", "x", "username", "admin", "password", "y"));
    assertEquals(403, r.statusCode());
  }

  @Test
  void theTokenStaysValidAcrossPagesAndTabs() {
    Browser b = app.signedInAs("admin");
    b.get("/org-units");
    String first = b.csrf();
    b.get("/accounts");
    assertEquals(first, b.csrf(), "one token per session, so a second tab does not break the first");
  }

  @Test
  void theApiAcceptsChangesOnlyAsJson() {
    Browser b = app.browser();
    HttpResponse<String> r = b.postRaw("/api/v1/session", Map.of("username", "admin", "password", TestApp.DEMO_PASSWORD));
    assertEquals(415, r.statusCode());
    assertTrue(r.body().contains("\"unsupported_media_type\""), r.body());
  }
}
