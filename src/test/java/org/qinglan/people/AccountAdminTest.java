package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Admins edit, disable, enable and reset accounts. */
class AccountAdminTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String idOf(String username) throws Exception {
    return String.valueOf(app.one("SELECT id::text FROM account WHERE username = ?", username));
  }

  private static String unitId(String name) throws Exception {
    return String.valueOf(app.one("SELECT id::text FROM org_unit WHERE name = ?", name));
  }

  private static long audits(String action, String subject) throws Exception {
    return (Long) app.one("SELECT count(*) FROM audit_log WHERE action = ? AND subject_id = ?", action, subject);
  }

  private static String form(Browser b, String... pairs) {
    StringBuilder sb = new StringBuilder("_csrf=" + enc(b.csrf()));
    for (int i = 0; i < pairs.length; i += 2) {
      sb.append('&').append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
    }
    return sb.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void anAdminEditsNameMobileRolesAndUnit() throws Exception {
    app.addStaff("ed.trainer", "编辑前", "云溪市", Role.TRAINER);
    String id = idOf("ed.trainer");
    Browser admin = app.signedInAs("admin");
    assertTrue(admin.get("/accounts").body().contains("/accounts/" + id), "the list links to the account");
    HttpResponse<String> page = admin.get("/accounts/" + id);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("编辑前"), page.body());
    HttpResponse<String> r = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "编辑后",
        "mobile", "13912340001", "roles", "ORGANISER", "roles", "JUDGE", "orgUnit", unitId("西岭区")));
    assertEquals(302, r.statusCode(), r.body());
    assertEquals("/accounts/" + id, r.headers().firstValue("Location").orElse(""));
    assertEquals("编辑后", app.one("SELECT display_name FROM account WHERE id = ?::uuid", id));
    assertEquals("13912340001", app.one("SELECT mobile FROM account WHERE id = ?::uuid", id));
    assertEquals("JUDGE,ORGANISER", app.one(
        "SELECT string_agg(role, ',' ORDER BY role) FROM account_role WHERE account_id = ?::uuid", id));
    assertEquals("西岭区", app.one("SELECT u.name FROM account a JOIN org_unit u ON u.id = a.org_unit_id "
        + "WHERE a.id = ?::uuid", id));
    assertEquals(1, audits("account.update", id));
    app.browser().signIn("13912340001", TestApp.DEMO_PASSWORD);
  }

  @Test
  void aDisabledAccountCannotSignInAndItsSessionsEnd() throws Exception {
    app.addStaff("dis.judge", "停用者", "云溪市", Role.JUDGE);
    String id = idOf("dis.judge");
    Browser user = app.signedInAs("dis.judge");
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts/" + id);
    assertEquals(302, admin.post("/accounts/" + id + "/disable", Map.of()).statusCode());
    assertEquals(401, user.get("/api/v1/me").statusCode(), "the open session ended");
    Browser again = app.browser();
    again.get("/login");
    assertEquals(401, again.post("/login", Map.of("username", "dis.judge", "password", TestApp.DEMO_PASSWORD))
        .statusCode());
    assertTrue(admin.get("/accounts/" + id).body().contains("已停用"));
    assertEquals(1, audits("account.disable", id));
    assertEquals(302, admin.post("/accounts/" + id + "/enable", Map.of()).statusCode());
    app.browser().signIn("dis.judge", TestApp.DEMO_PASSWORD);
    assertEquals(1, audits("account.enable", id));
  }

  @Test
  void aResetIssuesAOneTimePasswordShownOnce() throws Exception {
    app.addStaff("rs.trainer", "重置者", "云溪市", Role.TRAINER);
    String id = idOf("rs.trainer");
    Browser user = app.signedInAs("rs.trainer");
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts/" + id);
    HttpResponse<String> r = admin.post("/accounts/" + id + "/password", Map.of());
    assertEquals(200, r.statusCode(), r.body());
    Matcher m = Pattern.compile("<code>([^<]+)</code>").matcher(r.body());
    assertTrue(m.find(), r.body());
    String oneTime = m.group(1);
    assertFalse(admin.get("/accounts/" + id).body().contains(oneTime), "shown only once");
    assertEquals(401, user.get("/api/v1/me").statusCode(), "the user's sessions end");
    Browser old = app.browser();
    old.get("/login");
    assertEquals(401, old.post("/login", Map.of("username", "rs.trainer", "password", TestApp.DEMO_PASSWORD))
        .statusCode());
    Browser fresh = app.browser();
    fresh.signIn("rs.trainer", oneTime);
    assertEquals("/password", fresh.get("/").headers().firstValue("Location").orElse(""), "must change it");
    assertEquals(1, audits("account.reset_password", id));
    assertEquals(0L, app.one("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", "%" + oneTime + "%"));
  }

  @Test
  void aWorkersAccountIsReachedFromTheWorkerPageAndKeepsItsWorkerRole() throws Exception {
    String id = idOf("w003");
    Browser admin = app.signedInAs("admin");
    assertTrue(admin.get("/workers/" + id).body().contains("href=\"/accounts/" + id + "\""));
    assertFalse(app.signedInAs("organiser").get("/workers/" + id).body().contains("/accounts/" + id),
        "organisers are not offered account management");
    HttpResponse<String> page = admin.get("/accounts/" + id);
    assertEquals(200, page.statusCode());
    String community = String.valueOf(app.one("SELECT org_unit_id::text FROM account WHERE id = ?::uuid", id));
    HttpResponse<String> r = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "改名学员",
        "mobile", String.valueOf(app.one("SELECT mobile FROM account WHERE id = ?::uuid", id)), "roles", "MENTOR",
        "orgUnit", community));
    assertEquals(302, r.statusCode(), r.body());
    assertEquals("MENTOR,WORKER", app.one(
        "SELECT string_agg(role, ',' ORDER BY role) FROM account_role WHERE account_id = ?::uuid", id));
    HttpResponse<String> notACommunity = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "改名学员",
        "orgUnit", unitId("东湖区")));
    assertEquals(400, notACommunity.statusCode(), notACommunity.body());
    assertEquals(community, String.valueOf(app.one("SELECT org_unit_id::text FROM account WHERE id = ?::uuid", id)));
  }

  @Test
  void onlyAdminsAndOnlyWithTheirCsrfToken() throws Exception {
    String id = idOf("trainer");
    Browser organiser = app.signedInAs("organiser");
    assertEquals(403, organiser.get("/accounts/" + id).statusCode());
    organiser.get("/");
    assertEquals(403, organiser.post("/accounts/" + id, Map.of("displayName", "x")).statusCode());
    assertEquals(403, organiser.post("/accounts/" + id + "/disable", Map.of()).statusCode());
    assertEquals(403, organiser.post("/accounts/" + id + "/password", Map.of()).statusCode());
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts/" + id);
    assertEquals(403, admin.postRaw("/accounts/" + id + "/disable", Map.of()).statusCode());
    assertEquals(403, admin.postRaw("/accounts/" + id + "/password", Map.of("_csrf", "forged")).statusCode());
    assertEquals(true, app.one("SELECT active FROM account WHERE id = ?::uuid", id));
    assertEquals(0L, app.one("SELECT count(*) FROM audit_log WHERE subject_id = ?", id));
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws Exception {
    String id = idOf("judge");
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts/" + id);
    HttpResponse<String> badMobile = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "吴建华",
        "mobile", "123", "roles", "JUDGE", "orgUnit", unitId("云溪市")));
    assertEquals(400, badMobile.statusCode());
    assertTrue(badMobile.body().contains("不是有效的 11 位手机号"), badMobile.body());
    HttpResponse<String> noName = admin.postEncoded("/accounts/" + id, form(admin, "displayName", " ",
        "roles", "JUDGE", "orgUnit", unitId("云溪市")));
    assertEquals(400, noName.statusCode());
    HttpResponse<String> noRole = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "吴建华",
        "orgUnit", unitId("云溪市")));
    assertEquals(400, noRole.statusCode());
    HttpResponse<String> unknownRole = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "吴建华",
        "roles", "KING", "orgUnit", unitId("云溪市")));
    assertEquals(400, unknownRole.statusCode());
    HttpResponse<String> othersMobile = admin.postEncoded("/accounts/" + id, form(admin, "displayName", "吴建华",
        "mobile", "13800000002", "roles", "JUDGE", "orgUnit", unitId("云溪市")));
    assertEquals(409, othersMobile.statusCode(), othersMobile.body());
    assertEquals("吴建华", app.one("SELECT display_name FROM account WHERE id = ?::uuid", id));
    assertEquals(null, app.one("SELECT mobile FROM account WHERE id = ?::uuid", id));
    assertEquals(404, admin.get("/accounts/not-a-uuid").statusCode());
    assertEquals(404, admin.get("/accounts/00000000-0000-0000-0000-000000000000").statusCode());
    assertEquals(404, admin.post("/accounts/00000000-0000-0000-0000-000000000000/disable", Map.of()).statusCode());
    String self = idOf("admin");
    admin.get("/accounts/" + self);
    HttpResponse<String> disableSelf = admin.post("/accounts/" + self + "/disable", Map.of());
    assertEquals(400, disableSelf.statusCode());
    assertEquals(true, app.one("SELECT active FROM account WHERE id = ?::uuid", self));
  }

  @Test
  void aUsernameCannotBeAnotherAccountsMobileNumber() throws Exception {
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts");
    HttpResponse<String> r = admin.post("/accounts", Map.of("username", "13800000002", "displayName", "冒名者",
        "roles", "JUDGE", "orgUnit", unitId("云溪市")));
    assertEquals(409, r.statusCode(), r.body());
    assertEquals(0L, app.one("SELECT count(*) FROM account WHERE username = '13800000002'"));
    Browser b = app.browser();
    b.signIn("13800000002", TestApp.DEMO_PASSWORD);
    assertTrue(b.get("/").body().contains("林小雨"), "the number still signs its owner in");
  }
}
