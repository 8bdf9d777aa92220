package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Large CSV imports: one-time passwords without a slow hash per row. Own node: thousands of workers. */
class WorkerBulkImportTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static byte[] csv(String prefix, int rows) {
    StringBuilder sb = new StringBuilder("\uFEFF姓名,手机号,社区,岗位类别,岗位等级\r\n");
    for (int i = 0; i < rows; i++) {
      sb.append("工作者").append(i).append(',').append(prefix).append(String.format("%05d", i))
          .append(",江畔社区,其他,").append(1 + i % 12).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void importedAccountsGetAFastOneTimeSecretThatTheFirstSignInReplacesWithArgon2() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    organiser.get("/workers/import");
    HttpResponse<String> r = organiser.upload("/workers/import", "file", "two-hundred.csv", csv("135100", 200),
        "text/csv");
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(r.body().contains("导入 200 个账号"), r.body());
    assertEquals(0L, app.one("SELECT count(*) FROM account WHERE mobile LIKE '135100%' "
        + "AND password_hash LIKE '$argon2id$%'"), "no slow hash per row");
    assertEquals(200L, app.one("SELECT count(*) FROM account WHERE mobile LIKE '135100%' AND must_change_password"));

    Matcher m = Pattern.compile("<td data-label=\"用户名\">([^<]+)</td><td data-label=\"初始密码\"><code>([^<]+)</code>")
        .matcher(r.body());
    assertTrue(m.find(), r.body());
    String username = m.group(1);
    String oneTime = m.group(2);
    Browser first = app.browser();
    first.signIn(username, oneTime);
    assertTrue(String.valueOf(app.one("SELECT password_hash FROM account WHERE username = ?", username))
        .startsWith("$argon2id$"), "the first sign-in stores a slow hash");
    assertEquals("/password", first.get("/").headers().firstValue("Location").orElse(""));
    first.get("/password");
    HttpResponse<String> changed = first.post("/password", Map.of("current", oneTime,
        "password", "Jiangpan-river-2026", "confirm", "Jiangpan-river-2026"));
    assertEquals(302, changed.statusCode(), changed.body());
    app.browser().signIn(username, "Jiangpan-river-2026");

    Browser wrong = app.browser();
    wrong.get("/login");
    assertEquals(401, wrong.post("/login", Map.of("username", "13510000001", "password", "not-the-secret"))
        .statusCode());
  }

  @Test
  void fiveThousandRowsImportAllOrNothing() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    organiser.get("/workers/import");
    long t0 = System.nanoTime();
    HttpResponse<String> r = organiser.upload("/workers/import", "file", "five-thousand.csv", csv("136100", 5000),
        "text/csv");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("CSV import of 5,000 workers: " + millis + " ms");
    assertEquals(201, r.statusCode(), r.body().length() > 2000 ? r.body().substring(0, 2000) : r.body());
    assertEquals(5000L, app.one("SELECT count(*) FROM account WHERE mobile LIKE '136100%'"));

    byte[] clash = (new String(csv("137100", 4999), StandardCharsets.UTF_8) + "重复者,13610000001,江畔社区,其他,1\r\n")
        .getBytes(StandardCharsets.UTF_8);
    organiser.get("/workers/import");
    HttpResponse<String> refused = organiser.upload("/workers/import", "file", "clash.csv", clash, "text/csv");
    assertEquals(400, refused.statusCode());
    assertEquals(0L, app.one("SELECT count(*) FROM account WHERE mobile LIKE '137100%'"), "nothing imported");
  }
}
