package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** A trainer's new case through the review pages, and into the search results. */
class CaseBrowserFlowTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer3", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void writeSubmitReviewAndFind() {
    Browser trainer = app.signedInAs("dh.trainer3");
    trainer.get("/cases/new");
    String body = "## 背景\n刘阿姨（身份证号11010519491231002X）家中漏水影响楼下住户，双方多次争吵。";
    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "楼上漏水引发的纠纷化解", "summary",
        "社区工作者组织双方协商，物业协助维修。", "body", body, "topics", "dispute-mediation", "methods", "casework",
        "communityType", "old-town", "year", "2025", "tags", "漏水，协商"));
    HttpResponse<String> created = trainer.post("/cases/new", form);
    assertEquals(302, created.statusCode(), created.body());
    String editUrl = created.headers().firstValue("Location").orElseThrow();
    String id = editUrl.split("/")[2];

    trainer.get(editUrl);
    HttpResponse<String> blocked = trainer.post("/cases/" + id + "/submit", Map.of());
    assertEquals(400, blocked.statusCode(), "an ID-card number keeps it from being submitted");
    assertTrue(blocked.body().contains("<mark title=\"身份证号\">11010519491231002X</mark>"), "marked in place");

    form.put("body", "## 背景\n刘阿姨家中漏水影响楼下住户，双方多次争吵。");
    assertEquals(302, trainer.post("/cases/" + id + "/edit", form).statusCode());
    assertEquals(302, trainer.post("/cases/" + id + "/submit", Map.of()).statusCode());
    String underReview = trainer.get(editUrl).body();
    assertTrue(underReview.contains("审核中") && underReview.contains("<fieldset disabled"), "no editing during review");

    Browser organiser = app.signedInAs("organiser");
    String queue = organiser.get("/cases/review").body();
    assertTrue(queue.contains("楼上漏水引发的纠纷化解"));
    assertEquals(403, app.signedInAs("organiser2").post("/cases/" + id + "/decision", Map.of("decision", "approve"))
        .statusCode(), "another district's organiser cannot review");
    assertEquals(403, app.signedInAs("worker").get("/cases/review").statusCode());
    organiser.get("/cases/review");
    assertEquals(302, organiser.post("/cases/" + id + "/decision", Map.of("decision", "approve")).statusCode());

    String results = app.signedInAs("worker").get("/cases?q=" + java.net.URLEncoder.encode("漏水",
        java.nio.charset.StandardCharsets.UTF_8)).body();
    assertTrue(results.contains("楼上漏水引发的纠纷化解"), "found right after approval");
  }

  @Test
  void aReturnedCaseShowsTheReviewersCommentToItsAuthorAndTheHistoryToStaff() {
    Browser trainer = app.signedInAs("dh.trainer3");
    trainer.get("/cases/new");
    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "雨夜转移独居老人", "summary",
        "暴雨预警后网格员逐户确认独居老人安全。", "body", "## 背景\n暴雨预警发布后，网格员逐户敲门。", "topics",
        "emergency-response", "methods", "community-work"));
    String id = trainer.post("/cases/new", form).headers().firstValue("Location").orElseThrow().split("/")[2];
    trainer.get("/cases/" + id + "/edit");
    assertEquals(302, trainer.post("/cases/" + id + "/submit", Map.of()).statusCode());

    Browser organiser = app.signedInAs("organiser");
    organiser.get("/cases/review");
    assertEquals(400, organiser.post("/cases/" + id + "/decision", Map.of("decision", "return")).statusCode(),
        "returning needs a comment");
    organiser.get("/cases/review");
    assertEquals(302, organiser.post("/cases/" + id + "/decision", Map.of("decision", "return", "comment",
        "请补充转移后的安置与回访情况。")).statusCode());

    String mine = trainer.get("/cases/mine").body();
    assertTrue(mine.contains("雨夜转移独居老人") && mine.contains("已退回"), mine);
    assertTrue(mine.contains("审核意见：请补充转移后的安置与回访情况。"), mine);
    io.vertx.core.json.JsonObject mineJson = new io.vertx.core.json.JsonObject(trainer.get("/api/v1/cases/mine").body())
        .getJsonArray("items").stream().map(o -> (io.vertx.core.json.JsonObject) o)
        .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
    assertEquals("RETURNED", mineJson.getString("status"));
    assertEquals("请补充转移后的安置与回访情况。", mineJson.getString("returnComment"));
    String edit = trainer.get("/cases/" + id + "/edit").body();
    assertTrue(edit.contains("请补充转移后的安置与回访情况。") && edit.contains("退回修改（第 1 版）"), edit);
    assertEquals(403, app.signedInAs("worker").get("/cases/mine").statusCode(), "workers write no cases");
    assertEquals(403, app.signedInAs("trainer").get("/cases/" + id + "/edit").statusCode(), "only its author edits it");

    form.put("body", "## 背景\n暴雨预警发布后，网格员逐户敲门。\n\n## 成效\n转移后第二天逐户回访。");
    trainer.get("/cases/" + id + "/edit");
    assertEquals(302, trainer.post("/cases/" + id + "/edit", form).statusCode());
    assertEquals(302, trainer.post("/cases/" + id + "/submit", Map.of()).statusCode());
    organiser.get("/cases/review");
    assertEquals(302, organiser.post("/cases/" + id + "/decision", Map.of("decision", "approve")).statusCode());

    io.vertx.core.json.JsonArray steps = new io.vertx.core.json.JsonObject(trainer.get("/api/v1/cases/" + id + "/history")
        .body()).getJsonArray("items");
    assertEquals(List.of("SUBMIT", "RETURN", "SUBMIT", "APPROVE"), steps.stream()
        .map(o -> ((io.vertx.core.json.JsonObject) o).getString("action")).toList());
    assertEquals("请补充转移后的安置与回访情况。", steps.getJsonObject(1).getString("comment"));
    assertEquals(403, app.signedInAs("worker").get("/api/v1/cases/" + id + "/history").statusCode(),
        "readers do not see the reviewers' record");
    String staffView = organiser.get("/cases/" + id).body();
    assertTrue(staffView.contains("审核记录") && staffView.contains("退回修改（第 1 版）")
        && staffView.contains("审核通过并发布（第 1 版）"), staffView);
    String workerView = app.signedInAs("worker").get("/cases/" + id).body();
    assertTrue(workerView.contains("雨夜转移独居老人") && !workerView.contains("审核记录"), "readers see the case only");

    assertTrue(staffView.contains("撤下这个案例"), "its reviewer may retract it");
    assertFalse(app.signedInAs("organiser2").get("/cases/" + id).body().contains("撤下这个案例"), "another district's may not");
    Browser worker = app.signedInAs("worker");
    worker.get("/cases/" + id);
    assertEquals(403, worker.post("/cases/" + id + "/retraction", Map.of("comment", "不要")).statusCode());
    HttpResponse<String> retracted = organiser.post("/cases/" + id + "/retraction", Map.of("comment", "安置情况待核实"));
    assertEquals(302, retracted.statusCode(), retracted.body());
    assertTrue(organiser.get(retracted.headers().firstValue("Location").orElseThrow()).body().contains("案例已撤下"));
    assertEquals(404, worker.get("/cases/" + id).statusCode(), "gone from the library");
    String edit2 = trainer.get("/cases/" + id + "/edit").body();
    assertTrue(edit2.contains("撤下（第 1 版）") && edit2.contains("安置情况待核实") && edit2.contains("已撤下"), edit2);
    assertTrue(trainer.get("/cases/mine").body().contains("已撤下"));
  }

  @Test
  void savingConfirmsItAndShowsWhatThePrivacyCheckFindsAtOnce() {
    Browser trainer = app.signedInAs("dh.trainer3");
    trainer.get("/cases/new");
    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "独居老人的夜间求助", "summary",
        "一次夜间求助引出的探访安排。", "body", "## 背景\n老人住在解放路128号，电话13912345678。", "topics", "elderly-care",
        "methods", "casework"));
    HttpResponse<String> created = trainer.post("/cases/new", form);
    assertEquals(302, created.statusCode(), created.body());
    String editUrl = created.headers().firstValue("Location").orElseThrow();
    String id = editUrl.split("/")[2];
    String page = trainer.get(editUrl).body();
    assertTrue(page.contains("class=\"alert success\"") && page.contains("案例已保存为草稿"), "confirmed: " + page);
    assertTrue(page.contains("<mark title=\"手机号\">13912345678</mark>")
        && page.contains("<mark title=\"详细地址\">解放路128号</mark>"), "found on save, before any submission");
    java.util.regex.Matcher label = java.util.regex.Pattern
        .compile("name=\"privacyConfirmed\"[^>]*>\\s*([^<]+?)\\s*</label>").matcher(page);
    assertTrue(label.find(), page);
    assertTrue(page.contains("“" + label.group(1) + "”"), "the advice names the checkbox as it reads: " + label.group(1));

    form.put("body", "## 背景\n老人独自居住，夜间按响了求助铃。");
    HttpResponse<String> saved = trainer.post("/cases/" + id + "/edit", form);
    assertEquals(302, saved.statusCode());
    String after = trainer.get(saved.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(after.contains("已保存") && !after.contains("<mark"), after);
    assertFalse(trainer.get("/cases/" + id + "/edit?done=%3Cb%3Ehi").body().contains("alert success"),
        "only known notices are shown");

    HttpResponse<String> submitted = trainer.post("/cases/" + id + "/submit", Map.of());
    assertEquals(302, submitted.statusCode());
    assertTrue(trainer.get(submitted.headers().firstValue("Location").orElseThrow()).body().contains("已提交审核"));
    Browser organiser = app.signedInAs("organiser");
    organiser.get("/cases/review");
    HttpResponse<String> returned = organiser.post("/cases/" + id + "/decision", Map.of("decision", "return",
        "comment", "请补充探访后的安排。"));
    assertTrue(organiser.get(returned.headers().firstValue("Location").orElseThrow()).body().contains("已退回给作者修改"));
    trainer.get("/cases/" + id + "/edit");
    trainer.post("/cases/" + id + "/submit", Map.of());
    organiser.get("/cases/review");
    HttpResponse<String> approved = organiser.post("/cases/" + id + "/decision", Map.of("decision", "approve"));
    String review = organiser.get(approved.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(review.contains("已通过并发布") && review.contains("href=\"/cases/" + id + "\""), review);
  }

  @Test
  void thePagesSpeakTheTrainersLanguage() {
    Browser trainer = app.signedInAs("dh.trainer3");
    String edit = trainer.get("/cases/new").body();
    assertFalse(edit.contains("Markdown"), "no file syntax in the form");
    assertTrue(edit.contains("支持简单排版"), edit);
    String casePage = app.signedInAs("worker").get("/cases/case-001").body();
    assertTrue(casePage.contains("江东省云溪市东湖区望江街道") && !casePage.contains("江东省/云溪市"),
        "the region reads as a place, not a folder path");

    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "社区食堂的开办", "summary",
        "老年助餐点的开办过程。", "body", "## 背景\n老人吃饭难。", "topics", "bogus-topic", "methods", "casework"));
    HttpResponse<String> badTopic = trainer.post("/cases/new", form);
    assertEquals(400, badTopic.statusCode());
    assertTrue(badTopic.body().contains("主题") && !badTopic.body().contains("bogus-topic"),
        "the problem is named without the internal code: " + badTopic.body());
    form.put("topics", "elderly-care");
    form.put("year", "去年");
    HttpResponse<String> badYear = trainer.post("/cases/new", form);
    assertEquals(400, badYear.statusCode());
    assertTrue(badYear.body().contains("年份请填写数字") && badYear.body().contains("value=\"社区食堂的开办\""),
        "the form comes back with what was typed: " + badYear.body());
    HttpResponse<String> badPage = app.signedInAs("worker").get("/cases?page=abc");
    assertEquals(400, badPage.statusCode());
    assertTrue(badPage.body().contains("页码请填写数字") && !badPage.body().contains("参数"), badPage.body());
  }

  @Test
  void aChosenFacetLinksToTheResultsWithoutIt() {
    Browser worker = app.signedInAs("worker");
    String q = java.net.URLEncoder.encode("调解", java.nio.charset.StandardCharsets.UTF_8);
    String page = worker.get("/cases?q=" + q + "&method=casework").body();
    assertTrue(page.contains("href=\"/cases?q=" + q + "\" class=\"chosen\""), "clicking the chosen value removes it");
    assertTrue(page.contains("href=\"/cases?q=" + q + "&amp;method=casework&amp;method=group-work\""),
        "another value is added to it");
  }

  @Test
  void whatTheAuthorConfirmedAsFictionalIsMarkedForTheReviewer() {
    Browser trainer = app.signedInAs("dh.trainer3");
    trainer.get("/cases/new");
    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "热线来电后的上门探访", "summary",
        "一次求助热线引出的独居老人探访。", "body", "## 背景\n老人拨打社区热线13912345678求助。", "topics", "elderly-care",
        "methods", "casework", "privacyConfirmed", "on"));
    String id = trainer.post("/cases/new", form).headers().firstValue("Location").orElseThrow().split("/")[2];
    trainer.get("/cases/" + id + "/edit");
    assertEquals(302, trainer.post("/cases/" + id + "/submit", Map.of()).statusCode(), "confirmed as fictional");
    String queue = app.signedInAs("organiser").get("/cases/review").body();
    assertTrue(queue.contains("作者确认以下标出的内容为虚构") && queue.contains(">13912345678</mark>"), queue);
  }
}
