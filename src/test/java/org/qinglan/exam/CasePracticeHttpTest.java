package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class CasePracticeHttpTest {
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
  void writeThenCompareWithTheReferenceAndTickRubricPoints() {
    Browser b = app.signedInAs("worker");
    String list = b.get("/practice/cases").body();
    Matcher m = Pattern.compile("href=\"/practice/cases/([0-9a-f-]{36})\"").matcher(list);
    assertTrue(m.find(), list);
    String caseId = m.group(1);
    String page = b.get("/practice/cases/" + caseId).body();
    assertTrue(page.contains("我的分析"));
    assertTrue(!page.contains("评分要点："), "no reference answer before writing");

    assertEquals(400, b.post("/practice/cases/" + caseId, Map.of("answer", "  ")).statusCode());
    HttpResponse<String> written = b.post("/practice/cases/" + caseId, Map.of("answer",
        "服务对象的需要包括安全需要和社会支持需要<script>alert(1)</script>"));
    assertEquals(302, written.statusCode());
    String attemptUrl = written.headers().firstValue("Location").orElseThrow();
    String attempt = b.get(attemptUrl).body();
    assertTrue(attempt.contains("参考答案与评分要点"));
    assertTrue(attempt.contains("&lt;script&gt;"), "the worker's text is escaped");
    HttpResponse<String> assessed = b.post(attemptUrl + "/assessment", Map.of("point", "0"));
    assertEquals(302, assessed.statusCode());
    assertTrue(b.get(attemptUrl).body().contains("自评得分"));
    assertEquals(403, app.signedInAs("w011").get(attemptUrl).statusCode(), "another worker's answer is private");
  }

  @Test
  void theApiDoesTheSame() {
    Browser b = app.signedInAs("mentor");
    JsonObject list = new JsonObject(b.get("/api/v1/practice/cases").body());
    assertTrue(list.getInteger("total") >= 10);
    String caseId = list.getJsonArray("items").getJsonObject(0).getString("id");
    HttpResponse<String> r = b.json("POST", "/api/v1/practice/cases/" + caseId + "/attempts",
        "{\"answer\":\"我的分析……\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject created = new JsonObject(r.body());
    assertTrue(created.getJsonObject("question").getJsonArray("rubric").size() >= 2);
    String attempt = created.getString("attemptId");
    JsonObject scored = new JsonObject(b.json("POST", "/api/v1/practice/case-attempts/" + attempt + "/assessment",
        "{\"covered\":[0,1]}").body());
    double expected = created.getJsonObject("question").getJsonArray("rubric").getJsonObject(0).getDouble("marks")
        + created.getJsonObject("question").getJsonArray("rubric").getJsonObject(1).getDouble("marks");
    assertEquals(expected, scored.getDouble("selfScore"));
    assertEquals(400, b.json("POST", "/api/v1/practice/case-attempts/" + attempt + "/assessment",
        "{\"covered\":[99]}").statusCode());
  }

  @Test
  void anAnswerOfTheWrongJsonTypeIsABadRequest() throws Exception {
    Browser b = app.signedInAs("w027");
    String caseId = new JsonObject(b.get("/api/v1/practice/cases").body()).getJsonArray("items").getJsonObject(0)
        .getString("id");
    for (String wrong : java.util.List.of("[1]", "123", "{\"a\":1}", "true")) {
      HttpResponse<String> r = b.json("POST", "/api/v1/practice/cases/" + caseId + "/attempts", "{\"answer\":" + wrong + "}");
      assertEquals(400, r.statusCode(), wrong + " → " + r.body());
      assertEquals("bad_request", new JsonObject(r.body()).getJsonObject("error").getString("code"));
    }
    assertEquals(0L, ((Number) app.one("SELECT count(*) FROM case_practice p JOIN account a ON a.id = p.account_id "
        + "WHERE a.username = 'w027'")).longValue());
  }

  @Test
  void casesHaveHumanTitlesNotInternalIds() {
    Browser b = app.signedInAs("w028");
    String list = b.get("/practice/cases").body();
    assertTrue(list.contains("案例分析题 1"), list);
    assertTrue(!list.contains("i-prac-"), "no internal ids in the list");
    Matcher m = Pattern.compile("href=\"/practice/cases/([0-9a-f-]{36})\"").matcher(list);
    assertTrue(m.find());
    String page = b.get("/practice/cases/" + m.group(1)).body();
    assertTrue(!page.contains("i-prac-"), "no internal id on the case page");
    HttpResponse<String> written = b.post("/practice/cases/" + m.group(1), Map.of("answer", "我的分析"));
    String attempt = b.get(written.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(!attempt.contains("i-prac-"), "nor on the attempt page");
  }
}
