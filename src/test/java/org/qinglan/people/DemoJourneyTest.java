package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * The README's journeys work with the demo accounts as they are seeded: the trainer's case is
 * reviewed by `organiser` and found by `worker`; the trainer's courses reach the organiser's workers;
 * the worker's practice task is signed off by a supervisor of their district.
 */
class DemoJourneyTest {
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
  void theTrainerWritesACaseOrganiserApprovesItAndTheWorkerFindsIt() {
    Browser trainer = app.signedInAs("trainer");
    String draft = new JsonObject().put("title", "加装电梯协商中的楼组议事").put("summary", "楼组长召集议事会化解加装电梯分歧。")
        .put("body", "## 背景\n老旧小区加装电梯，一楼住户担心采光。\n\n## 做法\n楼组议事会多轮协商，形成补偿方案。")
        .put("topics", new JsonArray().add("dispute-mediation")).put("methods", new JsonArray().add("community-work"))
        .put("communityType", "old-town").put("year", 2026).encode();
    HttpResponse<String> created = trainer.json("POST", "/api/v1/cases", draft);
    assertEquals(201, created.statusCode(), created.body());
    String id = new JsonObject(created.body()).getString("id");
    HttpResponse<String> submitted = trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals("SUBMITTED", new JsonObject(submitted.body()).getString("status"), submitted.body());

    Browser organiser = app.signedInAs("organiser");
    assertTrue(organiser.get("/api/v1/cases/review-queue").body().contains(id), "the trainer's case reaches 案例审核");
    HttpResponse<String> approved = organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}");
    assertEquals(200, approved.statusCode(), approved.body());
    assertEquals("PUBLISHED", new JsonObject(approved.body()).getString("status"));

    String found = app.signedInAs("worker").get("/api/v1/cases/search?q="
        + URLEncoder.encode("加装电梯 楼组议事", StandardCharsets.UTF_8)).body();
    assertTrue(found.contains(id), found);
  }

  @Test
  void theTrainerAssignsACourseToTheOrganisersWorkerWhoSeesIt() {
    Browser trainer = app.signedInAs("trainer");
    trainer.get("/training/courses");
    String due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
    assertEquals(201, trainer.post("/training/courses/inservice-grid-governance/assignments",
        Map.of("worker", "worker", "due", due)).statusCode());
    assertTrue(app.signedInAs("worker").get("/my/training").body().contains("截止 " + due));
  }

  @Test
  void theWorkersPracticeTaskIsSignedOffInTheirDistrict() throws Exception {
    Browser worker = app.signedInAs("worker");
    String course = "/courses/practicum-first-household-visits";
    worker.get(course);
    assertEquals(302, worker.post(course + "/enrol", Map.of()).statusCode());
    assertTrue(worker.get(course + "/tasks/m1-task").body().contains("评价标准"), "the shipped brief");
    assertEquals(302, worker.post(course + "/tasks/m1-task", Map.of("action", "hand-in",
        "body", "## 走访计划表\n\n| 代号 | 类别 |\n|---|---|\n| 甲-01 | 独居高龄老人 |")).statusCode());

    assertTrue(app.signedInAs("organiser").get("/training/reports").body().contains("林小雨"),
        "the organiser of 东湖区 sees it under 实践任务审阅");
    Browser trainer = app.signedInAs("trainer");
    String report = "/training/reports/" + app.one("SELECT id::text FROM task_report WHERE lesson_id = 'm1-task'");
    assertTrue(trainer.get(report).body().contains("<table"), "the report's table renders as a table");
    assertEquals(302, trainer.post(report, Map.of("decision", "sign-off", "feedback", "计划可行。", "handIn", "1"))
        .statusCode());
    assertTrue(worker.get(course).body().contains("已签字通过"));
  }

  @Test
  void theCityTrainerReachesBothDistricts() throws Exception {
    assertEquals("云溪市", app.one("""
        SELECT u.name FROM account a JOIN org_unit u ON u.id = a.org_unit_id WHERE a.username = 'citytrainer'
        """));
    assertTrue(DemoData.ACCOUNTS.contains("citytrainer"), "the banner lists it");
    Browser city = app.signedInAs("citytrainer");
    city.get("/training/courses");
    String due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
    assertEquals(201, city.post("/training/courses/inservice-grid-governance/assignments",
        Map.of("worker", "w005", "due", due)).statusCode(), "w005 works in 西岭区");
  }

  /** As the README says: no district organiser reviews a case of the city; admin does, and both districts read it. */
  @Test
  void theCityTrainersCaseIsReviewedByAdminAndReadInBothDistricts() {
    Browser city = app.signedInAs("citytrainer");
    String draft = new JsonObject().put("title", "全市推广的社区食堂运营经验").put("summary", "社区食堂由居民议事会共同管理。")
        .put("body", "## 背景\n老人吃饭难。\n\n## 做法\n居民议事会共同制定菜单和价格，志愿者轮流帮厨。")
        .put("topics", new JsonArray().add("elderly-care")).put("methods", new JsonArray().add("community-work")).encode();
    String id = new JsonObject(city.json("POST", "/api/v1/cases", draft).body()).getString("id");
    assertEquals(200, city.json("POST", "/api/v1/cases/" + id + "/submission", "{}").statusCode());

    assertFalse(app.signedInAs("organiser").get("/api/v1/cases/review-queue").body().contains(id), "not 东湖区's");
    assertFalse(app.signedInAs("organiser2").get("/api/v1/cases/review-queue").body().contains(id), "not 西岭区's");
    Browser admin = app.signedInAs("admin");
    assertTrue(admin.get("/api/v1/cases/review-queue").body().contains(id), "admin's 案例审核");
    assertEquals(200, admin.json("POST", "/api/v1/cases/" + id + "/approval", "{}").statusCode());

    String q = "/api/v1/cases/search?q=" + URLEncoder.encode("社区食堂 议事会", StandardCharsets.UTF_8);
    assertTrue(app.signedInAs("worker").get(q).body().contains(id), "a worker of 东湖区 finds it");
    assertTrue(app.signedInAs("w005").get(q).body().contains(id), "a worker of 西岭区 finds it");
  }
}
