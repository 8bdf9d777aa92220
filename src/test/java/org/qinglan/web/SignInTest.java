package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class SignInTest {
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
  void signInWithTheFormOpensASessionAndRecordsAnEvent() throws Exception {
    Browser b = app.browser();
    b.get("/login");
    HttpResponse<String> r = b.post("/login", Map.of("username", "organiser", "password", TestApp.DEMO_PASSWORD));
    assertEquals(302, r.statusCode());
    assertEquals("/workers", r.headers().firstValue("Location").orElse(""));
    String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE)).findFirst()
        .orElseThrow();
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    HttpResponse<String> home = b.get("/");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("您好，周敏"), home.body());
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM learning_event e JOIN account a ON a.id = e.actor_id "
             + "WHERE a.username = 'organiser' AND e.verb = 'https://w3id.org/xapi/adl/verbs/logged-in'")) {
      rs.next();
      assertTrue(rs.getInt(1) >= 1, "a sign-in is a learning event");
    }
  }

  @Test
  void wrongPasswordShowsAChineseMessageAndNoSession() {
    Browser b = app.browser();
    b.get("/login");
    HttpResponse<String> r = b.post("/login", Map.of("username", "worker", "password", "not-the-password"));
    assertEquals(401, r.statusCode());
    assertTrue(r.body().contains("用户名或密码不正确"), r.body());
    assertEquals(302, b.get("/").statusCode(), "still signed out");
  }

  @Test
  void signInWithTheMobileNumberToo() {
    Browser b = app.browser();
    b.signIn("13800000002", TestApp.DEMO_PASSWORD);
    assertTrue(b.get("/").body().contains("林小雨"));
  }

  @Test
  void apiSessionLifecycle() {
    Browser b = app.browser();
    assertEquals(401, b.get("/api/v1/me").statusCode());
    HttpResponse<String> bad = b.json("POST", "/api/v1/session", "{\"username\":\"trainer\",\"password\":\"nope\"}");
    assertEquals(401, bad.statusCode());
    assertEquals("bad_credentials", new JsonObject(bad.body()).getJsonObject("error").getString("code"));
    HttpResponse<String> ok = b.json("POST", "/api/v1/session",
        "{\"username\":\"trainer\",\"password\":\"" + TestApp.DEMO_PASSWORD + "\"}");
    assertEquals(200, ok.statusCode(), ok.body());
    JsonObject me = new JsonObject(b.get("/api/v1/me").body());
    assertEquals("trainer", me.getString("username"));
    assertEquals("陈静", me.getString("displayName"));
    assertEquals("TRAINER", me.getJsonArray("roles").getString(0));
    assertEquals("东湖区", me.getJsonObject("orgUnit").getString("name"));
    assertEquals(204, b.json("DELETE", "/api/v1/session", null).statusCode());
    assertEquals(401, b.get("/api/v1/me").statusCode());
  }

  @Test
  void apiRefusesMalformedBodies() {
    Browser b = app.browser();
    assertEquals(400, b.json("POST", "/api/v1/session", "{not json").statusCode());
    assertEquals(400, b.json("POST", "/api/v1/session", "{\"username\":1,\"password\":2}").statusCode());
  }

  @Test
  void signingOutOnOneNodeSignsOutEverywhere() throws Exception {
    try (TestApp second = app.secondNode()) {
      Browser onA = app.signedInAs("mentor");
      Browser onB = onA.onOtherNode(second.baseUrl());
      assertEquals(200, onB.get("/api/v1/me").statusCode(), "the session is valid on the other node");
      onA.get("/");
      assertEquals(302, onA.post("/logout", Map.of()).statusCode());
      assertEquals(401, onB.get("/api/v1/me").statusCode(), "signed out on the other node as well");
    }
  }

  @Test
  void logoutNeedsItsCsrfToken() {
    Browser b = app.signedInAs("judge");
    HttpResponse<String> r = b.postRaw("/logout", Map.of());
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("请刷新页面后重试"), r.body());
    assertEquals(200, b.get("/").statusCode(), "still signed in");
  }

  @Test
  void nextParameterOnlyFollowsLocalPaths() {
    assertEquals("/", LocalPaths.safeNext("https://evil.example/"));
    assertEquals("/", LocalPaths.safeNext("//evil.example/"));
    assertEquals("/workers?page=2", LocalPaths.safeNext("/workers?page=2"));
    assertEquals("/", LocalPaths.safeNext("/\t/evil.example"), "browsers drop the tab and go off-site");
    assertEquals("/", LocalPaths.safeNext("/\n/evil.example"));
    assertEquals("/", LocalPaths.safeNext("/ /evil.example"));
    assertEquals("/", LocalPaths.safeLocal("/\r\n/evil.example"));
    assertEquals("/cases?q=%E7%A4%BE%E5%8C%BA", LocalPaths.safeNext("/cases?q=%E7%A4%BE%E5%8C%BA"));
  }

  @Test
  void nextWithATabOrANewlineGoesHomeAndIsAnswered() {
    for (String next : new String[] {"/\t/evil.example", "/\n/evil.example", "/\r\nSet-Cookie:x=y"}) {
      Browser b = app.browser();
      b.get("/login");
      HttpResponse<String> r = b.post("/login", Map.of("username", "mentor", "password", TestApp.DEMO_PASSWORD,
          "next", next));
      assertEquals(302, r.statusCode(), r.body());
      assertEquals("/", r.headers().firstValue("Location").orElse(""), "next " + next.replace("\n", "\\n"));
    }
  }

  private static String sessionCookie(HttpResponse<String> r) {
    return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
        .findFirst().orElseThrow();
  }

  @Test
  void theSessionCookieLivesNoLongerThanTheSession() {
    Browser b = app.browser();
    b.get("/login");
    String cookie = sessionCookie(b.post("/login", Map.of("username", "judge", "password", TestApp.DEMO_PASSWORD)));
    java.util.regex.Matcher maxAge = java.util.regex.Pattern.compile("(?i)max-age=(\\d+)").matcher(cookie);
    if (maxAge.find()) {
      assertTrue(Long.parseLong(maxAge.group(1)) <= Sessions.IDLE_TIMEOUT.toSeconds(), cookie);
    } else {
      assertTrue(!cookie.toLowerCase(java.util.Locale.ROOT).contains("expires="), "a session cookie: " + cookie);
    }
  }

  @Test
  void signingInAgainEndsTheBrowsersPreviousSession() throws Exception {
    Browser b = app.browser();
    b.get("/login");
    String first = sessionCookie(b.post("/login", Map.of("username", "worker", "password", TestApp.DEMO_PASSWORD)));
    String oldToken = first.substring(first.indexOf('=') + 1, first.indexOf(';'));
    b.get("/");
    HttpResponse<String> again = b.post("/login", Map.of("username", "mentor", "password", TestApp.DEMO_PASSWORD));
    assertEquals(302, again.statusCode());
    java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> withOld = plain.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(app.baseUrl() + "/api/v1/me")).header("Cookie", Sessions.COOKIE + "=" + oldToken).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, withOld.statusCode(), "the first session was deleted on the server");
    assertEquals("mentor", new JsonObject(b.get("/api/v1/me").body()).getString("username"));
  }

  @Test
  void weakNewPasswordsAreRefusedAndAChangeIsConfirmed() throws Exception {
    app.addStaff("pw.changer", "改密者", "云溪市", org.qinglan.people.Role.TRAINER);
    Browser b = app.signedInAs("pw.changer");
    b.get("/password");
    for (String weak : new String[] {"Abc-12345", "1234567890", "password123", "woaini1314", "qwertyuiop",
        "aaaaaaaaaaaa", "5201314520"}) {
      HttpResponse<String> r = b.post("/password", Map.of("current", TestApp.DEMO_PASSWORD, "password", weak,
          "confirm", weak));
      assertEquals(400, r.statusCode(), weak);
    }
    HttpResponse<String> ok = b.post("/password", Map.of("current", TestApp.DEMO_PASSWORD,
        "password", "Qinglan-river-77", "confirm", "Qinglan-river-77"));
    assertEquals(302, ok.statusCode(), ok.body());
    assertEquals("/password", ok.headers().firstValue("Location").orElse(""));
    HttpResponse<String> shown = b.get("/password");
    assertTrue(shown.body().contains("密码已修改"), shown.body());
    assertTrue(!b.get("/password").body().contains("密码已修改"), "shown once");
    app.browser().signIn("pw.changer", "Qinglan-river-77");
  }
}
