package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Issue #12: bad input answers 4xx, the pages' security headers, Origin checks, exports, the favicon. */
class HardeningHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  // ---- item 9: bad input is a 4xx in the error shape and changes nothing ----

  @Test
  void aNulCharacterInAFormFieldIsA400AndCreatesNothing() throws Exception {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/new");
    long before = (Long) app.one("SELECT count(*) FROM account");
    String community = app.one("SELECT id FROM org_unit WHERE name = '江畔社区'").toString();
    Map<String, String> form = new java.util.HashMap<>(Map.of("username", "nul.test", "displayName", "林\u0000小雨",
        "mobile", "13800009999", "postCategory", "OTHER", "grade", "3", "qualification", "NONE",
        "community", community));
    HttpResponse<String> r = b.post("/workers", form);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("空字符"), r.body());
    assertEquals(before, app.one("SELECT count(*) FROM account"), "nothing is created");
    form.put("displayName", "林小雨");
    assertEquals(201, b.post("/workers", form).statusCode(), "the same form without the NUL is fine");
  }

  @Test
  void aNulCharacterInAJsonBodyOrQueryIsA400InTheErrorShape() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    long before = (Long) app.one("SELECT count(*) FROM case_study");
    HttpResponse<String> r = trainer.json("POST", "/api/v1/cases",
        "{\"title\":\"社区\\u0000调解\",\"summary\":\"x\",\"body\":\"y\"}");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("bad_request", new JsonObject(r.body()).getJsonObject("error").getString("code"));
    assertEquals(before, app.one("SELECT count(*) FROM case_study"));

    Browser organiser = app.signedInAs("organiser");
    HttpResponse<String> q = organiser.get("/api/v1/workers?q=%00");
    assertEquals(400, q.statusCode(), q.body());
    assertEquals("bad_request", new JsonObject(q.body()).getJsonObject("error").getString("code"));
  }

  @Test
  void aNulCharacterInAnUploadedFileNameOrAFileIsA400WithoutLibraryNames() throws Exception {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/import");
    HttpResponse<String> name = b.upload("/workers/import", "file", "workers\u0000.csv",
        "姓名\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    assertEquals(400, name.statusCode(), name.body());

    byte[] nul = "用户名,姓名,社区,岗位类别,岗位等级\nlin,林\u0000小雨,江畔社区,其他,3\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> content = b.upload("/workers/import", "file", "nul.csv", nul, "text/csv");
    assertEquals(400, content.statusCode(), content.body());

    byte[] broken = "用户名,姓名,社区,岗位类别,岗位等级\nlin,\"林\"小雨,江畔社区,其他,3\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> parse = b.upload("/workers/import", "file", "broken.csv", broken, "text/csv");
    assertEquals(400, parse.statusCode(), parse.body());
    assertFalse(parse.body().contains("Exception"), "no library exception names: " + parse.body());
  }

  @Test
  void aNulCharacterInsideAnUploadedTextFileIsA400AndImportsNothing() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    trainer.get("/question-bank");
    HttpResponse<String> created = trainer.post("/question-bank/categories", Map.of("path", "东湖区/空字符",
        "unit", app.one("SELECT id FROM org_unit WHERE name = '东湖区'").toString(), "description", "测试"));
    assertEquals(302, created.statusCode(), created.body());
    String category = created.headers().firstValue("Location").orElseThrow();
    long before = (Long) app.one("SELECT count(*) FROM question");
    trainer.get(category);
    byte[] gift = "::q1:: 社区\u0000工作者的首要职责是什么？ {=服务居民 ~管理居民}\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = trainer.upload(category + "/import", "file", "nul.gift", gift, "text/plain");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("空字符"), r.body());
    assertEquals(before, app.one("SELECT count(*) FROM question"));
  }

  @Test
  void aPageNumberNear2To31IsA400OnEveryList() {
    Browser organiser = app.signedInAs("organiser");
    HttpResponse<String> api = organiser.get("/api/v1/workers?page=2147483647");
    assertEquals(400, api.statusCode(), api.body());
    assertEquals("bad_request", new JsonObject(api.body()).getJsonObject("error").getString("code"));
    assertEquals(400, organiser.get("/workers?page=2147483647").statusCode());
    HttpResponse<String> cases = organiser.get("/api/v1/cases/search?q=%E7%A4%BE%E5%8C%BA&page=2147483647");
    assertEquals(400, cases.statusCode(), cases.body());
    assertEquals(400, organiser.get("/cases?q=%E7%A4%BE%E5%8C%BA&page=2147483647").statusCode());
    assertEquals(200, organiser.get("/api/v1/workers?page=2").statusCode(), "an ordinary page still works");
  }

  @Test
  void aUrlOver4KbIsA414InTheErrorShape() {
    Browser b = app.signedInAs("organiser");
    String longQuery = "a".repeat(5000);
    HttpResponse<String> api = b.get("/api/v1/me?x=" + longQuery);
    assertEquals(414, api.statusCode());
    assertEquals("uri_too_long", new JsonObject(api.body()).getJsonObject("error").getString("code"));
    HttpResponse<String> page = b.get("/workers?x=" + longQuery);
    assertEquals(414, page.statusCode());
    assertTrue(page.body().contains("网址太长"), page.body());
  }

  @Test
  void aRequestLineLongerThanTheServerReadsIsA414InTheApiErrorShape() throws Exception {
    String answer = raw("GET /workers?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 414") || answer.startsWith("HTTP/1.0 414"), answer.length() + ":" + answer);
    assertTrue(answer.contains("{\"error\":{\"code\":\"uri_too_long\""), answer);
  }

  // ---- item 16: every failure ends the request ----

  @Test
  void aMissingLessonOfAnEnrolledCourseIsA404() throws Exception {
    String course = (String) app.one("SELECT id FROM course WHERE retired_at IS NULL ORDER BY id LIMIT 1");
    app.enrol("worker", course);
    HttpResponse<String> r = app.signedInAs("worker").get("/courses/" + course + "/lessons/no-such-lesson");
    assertEquals(404, r.statusCode());
    assertTrue(r.body().contains("不存在"), r.body());
  }

  // ---- item 12: headers, Origin, links that leave the application ----

  @Test
  void pagesCarryAContentSecurityPolicyAndItsCompanions() {
    HttpResponse<String> r = app.browser().get("/login");
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(r.headers().firstValue("Referrer-Policy").isPresent());
  }

  @Test
  void noTemplateNeedsInlineScriptOrStyle() throws Exception {
    Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|\\sstyle\\s*=|<style");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ftlh")).toList()) {
        Matcher m = inline.matcher(Files.readString(f));
        while (m.find()) {
          found.add(f + ": " + m.group());
        }
      }
    }
    assertEquals(List.of(), found, "the Content-Security-Policy allows only the pages' own script and style files");
  }

  @Test
  void aStateChangeFromAForeignOriginIsRefused() throws Exception {
    Browser b = app.signedInAs("organiser");
    b.get("/workers/new");
    long before = (Long) app.one("SELECT count(*) FROM account");
    Map<String, String> form = Map.of("displayName", "跨站", "mobile", "13800007777", "postCategory", "OTHER",
        "grade", "3");
    HttpResponse<String> page = b.postWithHeaders("/workers", form, Map.of("Origin", "https://evil.example"));
    assertEquals(403, page.statusCode(), page.body());
    assertTrue(page.body().contains("来源"), page.body());
    assertEquals(before, app.one("SELECT count(*) FROM account"));

    HttpResponse<String> api = b.jsonWithHeaders("DELETE", "/api/v1/session", "{}",
        Map.of("Origin", "https://evil.example"));
    assertEquals(403, api.statusCode(), api.body());
    assertEquals("foreign_origin", new JsonObject(api.body()).getJsonObject("error").getString("code"));
    assertEquals(200, b.get("/api/v1/me").statusCode(), "still signed in");

    HttpResponse<String> same = b.postWithHeaders("/workers", Map.of("displayName", ""),
        Map.of("Origin", app.baseUrl()));
    assertEquals(400, same.statusCode(), "the page's own origin gets as far as validation");
  }

  @Test
  void theCertificateLinksUseThePublicUrlNotTheHostHeader() throws Exception {
    String course = (String) app.one("SELECT id FROM course ORDER BY id LIMIT 1");
    app.update("""
        INSERT INTO certificate (code, account_id, course_id, kind, holder_name, course_title, credit_hours, issuing_unit)
        SELECT 'TEST-HOST-0001', id, ?, 'COMPLETION', display_name, '测试课程', 1, '东湖区' FROM account
        WHERE username = 'worker'
        """, course);
    Browser worker = app.signedInAs("worker");
    String page = raw("GET /certificates/TEST-HOST-0001 HTTP/1.1\r\nHost: evil.example\r\nCookie: "
        + worker.cookieHeader() + "\r\nConnection: close\r\n\r\n");
    assertTrue(page.startsWith("HTTP/1.1 200"), page);
    assertFalse(page.contains("evil.example"), "never the Host header");
    assertTrue(page.contains(app.baseUrl() + "/verify/TEST-HOST-0001"), "the default public URL");
  }

  // ---- item 8: exports ----

  @Test
  void csvExportCellsThatLookLikeFormulasAreText() throws Exception {
    app.update("""
        UPDATE account SET display_name = '=HYPERLINK(\"http://x\")' || display_name
        WHERE id IN (SELECT account_id FROM account_role WHERE role = 'WORKER')
        """);
    HttpResponse<String> r = app.signedInAs("organiser").get("/training/compliance.csv");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("\uFEFF"), "UTF-8 with a BOM");
    List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(r.body().substring(1))).getRecords();
    assertTrue(records.size() > 1, "someone is overdue in the demo data");
    assertEquals("街道", records.get(0).get(0));
    boolean sawName = false;
    for (CSVRecord rec : records) {
      for (String cell : rec) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "a formula cell: " + cell);
        sawName |= cell.startsWith("'=HYPERLINK");
      }
    }
    assertTrue(sawName, "the name is kept, as text");
  }

  // ---- item 27 ----

  @Test
  void thereIsAFavicon() {
    Browser b = app.browser();
    HttpResponse<String> ico = b.get("/favicon.ico");
    assertEquals(200, ico.statusCode());
    assertTrue(ico.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
    assertTrue(b.get("/login").body().contains("rel=\"icon\""), "the layout links it");
    assertEquals(200, b.get("/static/favicon.svg").statusCode());
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket("localhost", app.app().port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      assertNotNull(text);
      return text;
    }
  }
}
