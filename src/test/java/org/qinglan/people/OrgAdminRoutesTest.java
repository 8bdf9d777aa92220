package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class OrgAdminRoutesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String unitId(String html, String name) {
    Matcher m = Pattern.compile("action=\"/org-units/([0-9a-f-]{36})\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\" "
        + "value=\"[^\"]*\">\\s*<input name=\"name\" value=\"" + Pattern.quote(name) + "\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no unit " + name);
    }
    return m.group(1);
  }

  @Test
  void adminSeesTheTreeAndAddsACommunityUnderAStreet() {
    Browser admin = app.signedInAs("admin");
    HttpResponse<String> tree = admin.get("/org-units");
    assertEquals(200, tree.statusCode());
    for (String name : new String[] {"江东省", "云溪市", "东湖区", "西岭区", "望江街道", "石桥镇", "新河湾社区"}) {
      assertTrue(tree.body().contains(name), name);
    }
    String street = unitId(tree.body(), "望江街道");
    assertEquals(302, admin.post("/org-units", Map.of("parent", street, "name", "滨江花园社区")).statusCode());
    assertTrue(admin.get("/org-units").body().contains("滨江花园社区"));
    HttpResponse<String> duplicate = admin.post("/org-units", Map.of("parent", street, "name", "滨江花园社区"));
    assertEquals(409, duplicate.statusCode());
    assertTrue(duplicate.body().contains("同名单位"));
    String community = unitId(admin.get("/org-units").body(), "滨江花园社区");
    HttpResponse<String> below = admin.post("/org-units", Map.of("parent", community, "name", "某小区"));
    assertEquals(400, below.statusCode());
    assertTrue(below.body().contains("社区是最低一级"));
  }

  @Test
  void adminCreatesAStaffAccountBoundToAUnit() {
    Browser admin = app.signedInAs("admin");
    String district = unitId(admin.get("/org-units").body(), "西岭区");
    admin.get("/accounts");
    HttpResponse<String> r = admin.post("/accounts", Map.of("username", "xl.trainer", "displayName", "刘老师",
        "roles", "TRAINER", "orgUnit", district));
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(r.body().contains("已创建账号 xl.trainer"));
    HttpResponse<String> missingUnit = admin.post("/accounts", Map.of("username", "org3", "displayName", "某某",
        "roles", "ORGANISER"));
    assertEquals(400, missingUnit.statusCode());
    assertTrue(missingUnit.body().contains("必须指定所属单位"));
  }

  @Test
  void onlyAdminsManageTheTreeAndAccounts() {
    Browser organiser = app.signedInAs("organiser");
    assertEquals(403, organiser.get("/org-units").statusCode());
    organiser.get("/");
    assertEquals(403, organiser.post("/org-units", Map.of("name", "私设省")).statusCode());
    assertEquals(403, organiser.post("/accounts", Map.of("username", "sneaky", "displayName", "x",
        "roles", "ADMIN")).statusCode());
  }
}
