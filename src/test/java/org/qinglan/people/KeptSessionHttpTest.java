package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;
import org.qinglan.web.Sessions;

/**
 * "Keep me signed in on this phone": a kept session lives 14 days from its sign-in whatever the
 * 12-hour idle rule says, its cookie ends with it, it is listed on the account page with where and
 * when it was opened, and it ends when revoked there or when the password changes.
 */
class KeptSessionHttpTest {
  static TestApp app;
  private static final Pattern SESSION_ID = Pattern.compile("/account/sessions/([0-9a-f-]{36})/end");

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String sessionCookie(HttpResponse<String> r) {
    return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
  }

  private static String token(String cookie) {
    return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
  }

  /** Signs in through the form, kept on this device or not; returns the Set-Cookie of the session. */
  private static String signIn(Browser b, String username, boolean keep) {
    b.get("/login");
    Map<String, String> form = keep ? Map.of("username", username, "password", TestApp.DEMO_PASSWORD, "keep", "1")
        : Map.of("username", username, "password", TestApp.DEMO_PASSWORD);
    HttpResponse<String> r = b.post("/login", form);
    assertEquals(302, r.statusCode(), r.body());
    return sessionCookie(r);
  }

  /** Thirteen hours pass without use: a normal session has ended by the idle rule, a kept one has not. */
  private static void thirteenHoursPassFor(String username) throws Exception {
    app.update("""
        UPDATE web_session SET created_at = created_at - interval '13 hours',
          last_seen_at = last_seen_at - interval '13 hours',
          expires_at = CASE WHEN kept THEN expires_at - interval '13 hours'
                            ELSE last_seen_at - interval '13 hours' + interval '12 hours' END
        WHERE account_id = (SELECT id FROM account WHERE username = ?)
        """, username);
  }

  @Test
  void aKeptSessionLastsFourteenDaysWithAMatchingCookieAndOutlivesTheIdleRule() throws Exception {
    Browser phone = app.browser();
    String kept = signIn(phone, "worker", true);
    Matcher maxAge = Pattern.compile("(?i)max-age=(\\d+)").matcher(kept);
    assertTrue(maxAge.find(), "a kept session's cookie has a Max-Age: " + kept);
    long seconds = Long.parseLong(maxAge.group(1));
    long fourteenDays = Sessions.KEPT_LIFETIME.toSeconds();
    assertEquals(14 * 24 * 3600, fourteenDays);
    assertTrue(seconds <= fourteenDays && seconds >= fourteenDays - 60, "Max-Age " + seconds + " = 14 days");
    Object[] row = app.rows("SELECT kept, extract(epoch FROM expires_at - created_at)::bigint FROM web_session "
        + "WHERE account_id = (SELECT id FROM account WHERE username = 'worker')").get(0);
    assertEquals(Boolean.TRUE, row[0]);
    assertEquals(fourteenDays, ((Number) row[1]).longValue(), "the session ends when its cookie does");

    Browser laptop = app.browser();
    String normal = signIn(laptop, "worker", false);
    assertFalse(normal.toLowerCase(Locale.ROOT).contains("max-age") || normal.toLowerCase(Locale.ROOT)
        .contains("expires="), "without the choice, a browser-session cookie: " + normal);

    thirteenHoursPassFor("worker");
    assertEquals(401, laptop.get("/api/v1/me").statusCode(), "the idle rule ended the normal session");
    assertEquals(200, phone.get("/api/v1/me").statusCode(), "the kept one lives on");
    Object expires = app.one("SELECT expires_at FROM web_session WHERE kept AND account_id = "
        + "(SELECT id FROM account WHERE username = 'worker')");
    phone.get("/");
    assertEquals(expires, app.one("SELECT expires_at FROM web_session WHERE kept AND account_id = "
        + "(SELECT id FROM account WHERE username = 'worker')"), "use does not lengthen a kept session");
  }

  @Test
  void theAccountPageListsSessionsAndEndsOneOrAllOthers() throws Exception {
    Browser phone = app.browser();
    signIn(phone, "mentor", true);
    Browser office = app.browser();
    signIn(office, "mentor", false);
    Browser tablet = app.browser();
    signIn(tablet, "mentor", true);

    HttpResponse<String> page = office.get("/account");
    assertEquals(200, page.statusCode(), page.body());
    String body = page.body();
    assertTrue(body.contains("我的账号") && body.contains("登录设备"), body);
    assertTrue(body.contains("本机"), "this session is marked: " + body);
    assertTrue(body.contains("保持登录"), body);
    assertTrue(body.contains("127.0.0.1"), "where it was opened: " + body);
    assertTrue(body.contains("登录于"), "when: " + body);
    Matcher ids = SESSION_ID.matcher(body);
    java.util.List<String> listed = new java.util.ArrayList<>();
    while (ids.find()) {
      listed.add(ids.group(1));
    }
    assertEquals(3, listed.size(), body);
    String phoneSession = (String) app.one("SELECT id::text FROM web_session WHERE kept AND account_id = "
        + "(SELECT id FROM account WHERE username = 'mentor') ORDER BY created_at LIMIT 1");

    HttpResponse<String> ended = office.post("/account/sessions/" + phoneSession + "/end", Map.of());
    assertEquals(302, ended.statusCode(), ended.body());
    assertEquals("/account", ended.headers().firstValue("Location").orElse(""));
    assertEquals(401, phone.get("/api/v1/me").statusCode(), "the revoked kept session is refused");
    assertEquals(200, tablet.get("/api/v1/me").statusCode(), "the others stand");

    office.get("/account");
    assertEquals(302, office.post("/account/sessions/others/end", Map.of()).statusCode());
    assertEquals(401, tablet.get("/api/v1/me").statusCode(), "all others ended");
    assertEquals(200, office.get("/api/v1/me").statusCode(), "but this one");
  }

  @Test
  void endingTheCurrentSessionSignsOutHere() throws Exception {
    Browser b = app.browser();
    signIn(b, "judge", true);
    String mine = (String) app.one("SELECT id::text FROM web_session WHERE account_id = "
        + "(SELECT id FROM account WHERE username = 'judge')");
    b.get("/account");
    HttpResponse<String> r = b.post("/account/sessions/" + mine + "/end", Map.of());
    assertEquals(302, r.statusCode());
    assertEquals("/login", r.headers().firstValue("Location").orElse(""));
    assertEquals(401, b.get("/api/v1/me").statusCode());
  }

  @Test
  void refusalsChangeNothing() throws Exception {
    Browser victim = app.browser();
    signIn(victim, "organiser2", true);
    String victimSession = (String) app.one("SELECT id::text FROM web_session WHERE account_id = "
        + "(SELECT id FROM account WHERE username = 'organiser2')");
    Browser other = app.browser();
    signIn(other, "citytrainer", false);
    other.get("/account");

    HttpResponse<String> someoneElses = other.post("/account/sessions/" + victimSession + "/end", Map.of());
    assertEquals(404, someoneElses.statusCode(), "another account's session is not one's own to end");
    HttpResponse<String> noToken = other.postRaw("/account/sessions/others/end", Map.of());
    assertEquals(403, noToken.statusCode(), "a form without its CSRF token");
    HttpResponse<String> wrongToken = victim.postRaw("/account/sessions/" + victimSession + "/end",
        Map.of("_csrf", "forged"));
    assertEquals(403, wrongToken.statusCode());
    assertEquals(404, other.post("/account/sessions/not-an-id/end", Map.of()).statusCode());
    assertEquals(302, app.browser().get("/account").statusCode(), "signed out: to the sign-in page");
    assertEquals(200, victim.get("/api/v1/me").statusCode(), "the victim's kept session stands");
  }

  @Test
  void aPasswordChangeEndsKeptSessionsAsItEndsOthers() throws Exception {
    app.addStaff("kept.changer", "保持者", "云溪市", Role.TRAINER);
    Browser phone = app.browser();
    signIn(phone, "kept.changer", true);
    Browser laptop = app.browser();
    signIn(laptop, "kept.changer", false);
    laptop.get("/password");
    HttpResponse<String> changed = laptop.post("/password", Map.of("current", TestApp.DEMO_PASSWORD,
        "password", "Qinglan-river-88", "confirm", "Qinglan-river-88"));
    assertEquals(302, changed.statusCode(), changed.body());
    assertEquals(401, phone.get("/api/v1/me").statusCode(), "the kept session on the phone ended");
    assertEquals(200, laptop.get("/api/v1/me").statusCode());
  }

  @Test
  void theApiKeepsASessionOnRequestAndRefusesANonBoolean() {
    Browser app1 = app.browser();
    HttpResponse<String> r = app1.json("POST", "/api/v1/session", "{\"username\":\"trainer\",\"password\":\""
        + TestApp.DEMO_PASSWORD + "\",\"keep\":true}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(sessionCookie(r).toLowerCase(Locale.ROOT).contains("max-age="), sessionCookie(r));
    HttpResponse<String> bad = app.browser().json("POST", "/api/v1/session", "{\"username\":\"trainer\",\"password\":\""
        + TestApp.DEMO_PASSWORD + "\",\"keep\":\"yes\"}");
    assertEquals(400, bad.statusCode(), bad.body());
  }
}
