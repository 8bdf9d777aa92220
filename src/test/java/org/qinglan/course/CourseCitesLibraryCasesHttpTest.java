package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * Courses cite cases of the library as it is: a case written and approved on the web can be
 * cited in a course and is read on the lesson page; once retracted, the lesson says so plainly.
 */
class CourseCitesLibraryCasesHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** A case written by a trainer of 东湖区 and approved by the organiser; returns its id. */
  static String publishedWebCase(String title) {
    Browser writer = app.signedInAs("dh.trainer");
    String draft = new JsonObject().put("title", title).put("summary", "居民议事会协商解决加装电梯的分摊。")
        .put("body", "## 背景\n老旧小区加装电梯，高低楼层住户意见不一。\n\n## 过程\n社工组织三次议事会。")
        .put("topics", new JsonArray().add("dispute-mediation")).put("methods", new JsonArray().add("community-work"))
        .put("year", 2025).encode();
    HttpResponse<String> created = writer.json("POST", "/api/v1/cases", draft);
    assertEquals(201, created.statusCode(), created.body());
    String id = new JsonObject(created.body()).getString("id");
    assertEquals(200, writer.json("POST", "/api/v1/cases/" + id + "/submission", "{}").statusCode());
    HttpResponse<String> approved = app.signedInAs("organiser").json("POST", "/api/v1/cases/" + id + "/approval", "{}");
    assertEquals(200, approved.statusCode(), approved.body());
    return id;
  }

  @Test
  void aCaseApprovedOnTheWebIsCitedInACourseAndLeavesItWhenRetracted() throws Exception {
    String caseId = publishedWebCase("加装电梯的议事协商");

    Browser trainer = app.signedInAs("trainer");
    String course = CourseEditorHttpTest.createDraft(trainer, "东湖区", "加装电梯协商实务");
    assertEquals(302, CourseEditorHttpTest.change(trainer, course, "/training/courses/" + course + "/modules",
        "moduleTitle", "议事协商", "title", "单元测验", "category", CourseEditorHttpTest.CHAPTER, "count", "3",
        "passMark", "60").statusCode());
    String module = CourseEditorHttpTest.moduleIds(trainer, course).get(0);
    String offered = trainer.get("/training/courses/" + course + "/modules/" + module + "/lessons/new?kind=case")
        .body();
    assertTrue(offered.contains("<option value=\"" + caseId + "\""), "the editor offers the web case: " + offered);
    for (String reading : new String[] {"议事规则", "意见征集", "达成协议"}) {
      assertEquals(302, CourseEditorHttpTest.addLesson(trainer, course, module, "reading", "title", reading,
          "body", CourseEditorHttpTest.READING).statusCode());
    }
    assertEquals(302, CourseEditorHttpTest.addLesson(trainer, course, module, "case", "title", "案例研读：加装电梯",
        "caseId", caseId).statusCode());
    HttpResponse<String> published = CourseEditorHttpTest.change(trainer, course,
        "/training/courses/" + course + "/publish");
    assertEquals(302, published.statusCode(), "the cited case breaks no rule: " + published.body());

    Browser worker = app.signedInAs("worker");
    assertEquals(302, worker.post("/courses/" + course + "/enrol", Map.of()).statusCode());
    String lesson = (String) app.one("SELECT id FROM course_lesson WHERE course_id = ? AND case_id = ?", course,
        caseId);
    String page = worker.get("/courses/" + course + "/lessons/" + lesson).body();
    assertTrue(page.contains("加装电梯的议事协商") && page.contains("社工组织三次议事会"), page);

    assertEquals(200, app.signedInAs("organiser").json("POST", "/api/v1/cases/" + caseId + "/retraction", "{}")
        .statusCode());
    HttpResponse<String> after = worker.get("/courses/" + course + "/lessons/" + lesson);
    assertEquals(200, after.statusCode(), "a plain page, not an error");
    assertFalse(after.body().contains("社工组织三次议事会"), after.body());
    assertFalse(after.body().contains("加装电梯的议事协商"));
    assertTrue(after.body().contains("这一课引用的案例已不在案例库中"), after.body());
    assertFalse(trainer.get("/training/courses/" + course + "/modules/" + module + "/lessons/new?kind=case").body()
        .contains("加装电梯的议事协商"), "the editor no longer offers it as a case of the library");
    String editor = trainer.get("/training/courses/" + course + "/lessons/" + lesson).body();
    assertTrue(editor.contains("<option value=\"" + caseId + "\" selected>" + caseId + "（已不在案例库中）</option>"),
        "the lesson keeps its choice, marked, until the trainer changes it: " + editor);
  }
}
