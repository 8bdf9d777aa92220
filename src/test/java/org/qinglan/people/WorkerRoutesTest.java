package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class WorkerRoutesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String idOf(Browser b, String username) {
    JsonArray items = new JsonObject(b.get("/api/v1/workers?q=" + username).body()).getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getString("username").equals(username)) {
        return items.getJsonObject(i).getString("id");
      }
    }
    throw new AssertionError("no worker " + username);
  }

  @Test
  void organiserSeesTheWorkersOfTheirDistrictOnly() {
    Browser b = app.signedInAs("organiser");
    HttpResponse<String> page = b.get("/workers");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("社区工作者"));
    assertTrue(page.body().contains("林小雨"), "a worker of 江畔社区 (东湖区)");
    JsonObject api = new JsonObject(b.get("/api/v1/workers?size=200").body());
    JsonArray items = api.getJsonArray("items");
    assertEquals(api.getLong("total").intValue(), items.size());
    for (int i = 0; i < items.size(); i++) {
      String street = items.getJsonObject(i).getString("street");
      assertTrue(street.equals("望江街道") || street.equals("柳营街道"), "only 东湖区 streets: " + street);
    }
    Browser admin = app.signedInAs("admin");
    long all = new JsonObject(admin.get("/api/v1/workers").body()).getLong("total");
    assertTrue(all > items.size(), "the admin sees both districts");
  }

  @Test
  void filtersAndSearch() {
    Browser b = app.signedInAs("organiser");
    JsonObject heads = new JsonObject(b.get("/api/v1/workers?post=HEAD&size=200").body());
    heads.getJsonArray("items").forEach(o -> assertEquals("HEAD", ((JsonObject) o).getString("postCategory")));
    JsonObject found = new JsonObject(b.get("/api/v1/workers?q=%E6%9E%97%E5%B0%8F%E9%9B%A8").body());
    assertEquals(1, found.getLong("total"));
    HttpResponse<String> html = b.get("/workers?q=%E6%9E%97%E5%B0%8F%E9%9B%A8&qualification=NONE");
    assertTrue(html.body().contains("共 1 人"), html.body());
  }

  @Test
  void anotherDistrictsWorkerIsForbidden() {
    Browser xiling = app.signedInAs("organiser2");
    String id = idOf(app.signedInAs("organiser"), "worker");
    assertEquals(403, xiling.get("/workers/" + id).statusCode());
    assertEquals(403, xiling.get("/workers/" + id + "/edit").statusCode());
    xiling.get("/workers");
    assertEquals(403, xiling.post("/workers/" + id, Map.of("displayName", "改名")).statusCode());
    assertEquals(200, app.signedInAs("organiser").get("/workers/" + id).statusCode());
  }

  @Test
  void createShowsAOneTimePasswordThatMustBeChangedAtFirstSignIn() {
    Browser b = app.signedInAs("organiser");
    String community = communityId(b, "书院社区");
    Map<String, String> form = new HashMap<>(Map.of("displayName", "新同事", "mobile", "13711112222",
        "community", community, "postCategory", "OTHER", "grade", "2", "qualification", "NONE"));
    HttpResponse<String> r = b.post("/workers", form);
    assertEquals(201, r.statusCode(), r.body());
    Matcher m = Pattern.compile("<code>([^<]+)</code>").matcher(r.body());
    assertTrue(m.find());
    String oneTime = m.group(1);

    Browser newcomer = app.browser();
    newcomer.signIn("13711112222", oneTime);
    HttpResponse<String> home = newcomer.get("/");
    assertEquals(302, home.statusCode());
    assertEquals("/password", home.headers().firstValue("Location").orElse(""));
    assertEquals(403, newcomer.get("/api/v1/workers").statusCode());
    newcomer.get("/password");
    assertEquals(400, newcomer.post("/password", Map.of("current", oneTime, "password", "short", "confirm", "short"))
        .statusCode());
    HttpResponse<String> changed = newcomer.post("/password",
        Map.of("current", oneTime, "password", "mine-2026-ok", "confirm", "mine-2026-ok"));
    assertEquals(302, changed.statusCode(), changed.body());
    assertEquals(200, newcomer.get("/").statusCode());
    Browser again = app.browser();
    again.signIn("13711112222", "mine-2026-ok");
  }

  @Test
  void invalidFormIsShownAgainWithEveryProblem() throws Exception {
    Browser b = app.signedInAs("organiser");
    long before = count("SELECT count(*) FROM account");
    Map<String, String> form = new HashMap<>(Map.of("displayName", "", "mobile", "123",
        "community", communityId(b, "江畔社区"), "postCategory", "HEAD", "grade", "3"));
    HttpResponse<String> r = b.post("/workers", form);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("姓名不能为空"), r.body());
    assertTrue(r.body().contains("岗位等级 3 超出正职岗位的范围（7–18 级）"), r.body());
    assertEquals(before, count("SELECT count(*) FROM account"));
  }

  @Test
  void anOrganiserCannotPlaceAWorkerInAnotherDistrict() {
    Browser admin = app.signedInAs("admin");
    String foreign = communityId(admin, "石桥社区");
    Browser b = app.signedInAs("organiser");
    b.get("/workers/new");
    HttpResponse<String> r = b.post("/workers", Map.of("displayName", "越权", "mobile", "13722223333",
        "community", foreign, "postCategory", "OTHER", "grade", "2"));
    assertEquals(403, r.statusCode());
  }

  @Test
  void editUpdatesTheProfile() {
    Browser b = app.signedInAs("organiser");
    String id = idOf(b, "w001");
    HttpResponse<String> edit = b.get("/workers/" + id + "/edit");
    assertEquals(200, edit.statusCode());
    String community = Pattern.compile("<option value=\"([^\"]+)\" selected>").matcher(edit.body()).results()
        .findFirst().orElseThrow().group(1);
    HttpResponse<String> r = b.post("/workers/" + id, Map.of("username", "w001", "displayName", "改过的名字",
        "mobile", "17000000001", "community", community, "postCategory", "HEAD", "grade", "12",
        "qualification", "ASSISTANT", "secretaryOrDirector", "on"));
    assertEquals(302, r.statusCode(), r.body());
    String detail = b.get("/workers/" + id).body();
    assertTrue(detail.contains("改过的名字"));
    assertTrue(detail.contains("12 级"));
  }

  @Test
  void csvImportCreatesEveryRowAndTheAccountsCanSignIn() throws Exception {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/import");
    String csv = "\uFEFF姓名,手机号,社区,岗位类别,岗位等级,入职日期,职业资格,证书编号,书记或主任,后备干部\r\n"
        + "郑雨桐,13655550001,江畔社区,副职,6,2022-03-01,助理社会工作师,ZS2023-7788,否,是\r\n"
        + "冯嘉禾,13655550002,柳营街道/锦绣社区,其他,1,2025-09-01,,,否,否\r\n";
    HttpResponse<String> r = b.upload("/workers/import", "file", "名单.csv", csv.getBytes(StandardCharsets.UTF_8),
        "text/csv");
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(r.body().contains("已从 名单.csv 导入 2 个账号"), r.body());
    Matcher m = Pattern.compile("<code>([^<]+)</code>").matcher(r.body());
    assertTrue(m.find());
    Browser imported = app.browser();
    imported.signIn("13655550001", m.group(1));
    assertEquals("/password", imported.get("/").headers().firstValue("Location").orElse(""));
    assertEquals(1, count("SELECT count(*) FROM worker_profile p JOIN account a ON a.id = p.account_id "
        + "WHERE a.mobile = '13655550002' AND p.post_category = 'OTHER' AND p.grade = 1"));
  }

  @Test
  void csvWithBadRowsChangesNothingAndListsEveryRow() throws Exception {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/import");
    long before = count("SELECT count(*) FROM account");
    String csv = "name,mobile,community,post_category,grade\n"
        + "甲,13666660001,江畔社区,OTHER,3\n"
        + "乙,13666660002,不存在社区,OTHER,3\n"
        + "丙,13666660003,江畔社区,HEAD,19\n"
        + "丁,13800000002,江畔社区,OTHER,3\n"
        + "戊,13666660005,石桥社区,OTHER,3\n";
    HttpResponse<String> r = b.upload("/workers/import", "file", "bad.csv", csv.getBytes(StandardCharsets.UTF_8),
        "text/csv");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("bad.csv 有 4 处问题，未导入任何数据"), r.body());
    assertTrue(r.body().contains("第 3 行：社区“不存在社区”不存在"), r.body());
    assertTrue(r.body().contains("第 4 行：岗位等级 19 超出正职岗位的范围"), r.body());
    assertTrue(r.body().contains("第 5 行：手机号“13800000002”已被其他账号使用"), r.body());
    assertTrue(r.body().contains("第 6 行：社区“石桥社区”不存在或不在您的管辖范围内"), r.body());
    assertEquals(before, count("SELECT count(*) FROM account"), "nothing was imported");
  }

  @Test
  void uploadsAreTypeAndSizeChecked() {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/import");
    HttpResponse<String> notCsv = b.upload("/workers/import", "file", "roster.xlsx", new byte[] {1, 2, 3},
        "application/octet-stream");
    assertEquals(400, notCsv.statusCode());
    assertTrue(notCsv.body().contains("roster.xlsx 不是 CSV 文件"), notCsv.body());
    byte[] big = new byte[(int) WorkerRoutes.MAX_CSV_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> tooBig = b.upload("/workers/import", "file", "big.csv", big, "text/csv");
    assertEquals(400, tooBig.statusCode());
    assertTrue(tooBig.body().contains("超过"), tooBig.body());
    HttpResponse<String> gbk = b.upload("/workers/import", "file", "gbk.csv",
        "姓名,手机号,社区,岗位类别,岗位等级\n王,13600000000,江畔社区,其他,1\n".getBytes(Charset.forName("GBK")), "text/csv");
    assertEquals(400, gbk.statusCode());
    assertTrue(gbk.body().contains("不是 UTF-8 编码"), gbk.body());
  }

  @Test
  void workersAndTrainersCannotManageWorkers() {
    assertEquals(403, app.signedInAs("worker").get("/workers").statusCode());
    assertEquals(403, app.signedInAs("trainer").get("/api/v1/workers").statusCode());
  }

  @Test
  void badIdsAndParametersAreClearErrors() {
    Browser b = app.signedInAs("organiser");
    assertEquals(404, b.get("/workers/not-a-uuid").statusCode());
    assertEquals(404, b.get("/workers/00000000-0000-0000-0000-000000000000").statusCode());
    assertEquals(400, b.get("/api/v1/workers?page=abc").statusCode());
    assertFalse(b.get("/api/v1/workers?page=abc").body().contains("Exception"));
  }

  @Test
  void aWorkersUsernameOrMobileCannotBeAnotherAccountsSignInName() throws Exception {
    Browser admin = app.signedInAs("admin");
    admin.get("/accounts");
    assertEquals(201, admin.post("/accounts", Map.of("username", "13912345000", "displayName", "数字名",
        "roles", "JUDGE", "orgUnit", unitIdOf("东湖区"))).statusCode(), "no account uses this number yet");
    long before = count("SELECT count(*) FROM account");
    Browser b = app.signedInAs("organiser");
    String community = communityId(b, "江畔社区");
    HttpResponse<String> mobileTaken = b.post("/workers", new HashMap<>(Map.of("username", "new.one",
        "displayName", "新人", "mobile", "13912345000", "community", community, "postCategory", "OTHER",
        "grade", "2", "qualification", "NONE")));
    assertEquals(409, mobileTaken.statusCode(), mobileTaken.body());
    HttpResponse<String> usernameIsAMobile = b.post("/workers", new HashMap<>(Map.of("username", "13800000001",
        "displayName", "新人", "mobile", "13912345001", "community", community, "postCategory", "OTHER",
        "grade", "2", "qualification", "NONE")));
    assertEquals(409, usernameIsAMobile.statusCode(), usernameIsAMobile.body());
    assertEquals(before, count("SELECT count(*) FROM account"));

    String id = idOf(b, "w002");
    HttpResponse<String> edit = b.post("/workers/" + id, Map.of("username", "w002", "displayName", "改号",
        "mobile", "13912345000", "community", community, "postCategory", "OTHER", "grade", "2",
        "qualification", "NONE"));
    assertEquals(409, edit.statusCode(), edit.body());
    assertEquals(0, count("SELECT count(*) FROM account WHERE username = 'w002' AND mobile = '13912345000'"));

    b.get("/workers/import");
    String csv = "用户名,姓名,手机号,社区,岗位类别,岗位等级\n13800000002,冒名,13655559001,江畔社区,其他,3\n";
    HttpResponse<String> r = b.upload("/workers/import", "file", "冒名.csv", csv.getBytes(StandardCharsets.UTF_8),
        "text/csv");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("用户名“13800000002”已被其他账号使用"), r.body());
  }

  private static String unitIdOf(String name) throws Exception {
    return String.valueOf(app.one("SELECT id::text FROM org_unit WHERE name = ?", name));
  }

  private static String communityId(Browser b, String name) {
    String html = b.get("/workers/new").body();
    Matcher m = Pattern.compile("<option value=\"([0-9a-f-]{36})\">" + Pattern.quote(name) + "</option>").matcher(html);
    if (!m.find()) {
      throw new AssertionError("community " + name + " not offered:\n" + html);
    }
    return m.group(1);
  }
}
