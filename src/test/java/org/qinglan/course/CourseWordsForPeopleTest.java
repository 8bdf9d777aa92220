package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Course pages speak to people: no internal ids, folder or file names, or file syntax names in what they read. */
class CourseWordsForPeopleTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    CourseEditorHttpTest.app = app;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** What a person reads: the page without its tags (ids in links and form values are fine). */
  static String text(String html) {
    return html.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]*>", " ");
  }

  static void noInternals(String what, String html) {
    String t = text(html);
    for (String internal : List.of("courses/", "course.yaml", "lessons/", "Markdown", "markdown", "case-0",
        "inservice-grid-governance", "m1-l", "m1-quiz")) {
      assertFalse(t.contains(internal), what + " shows " + internal + ": " + t);
    }
  }

  @Test
  void theEditorOfAShippedCourse() {
    Browser trainer = app.signedInAs("trainer");
    HttpResponse<String> page = trainer.get("/training/courses/inservice-grid-governance/edit");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("内置课程"), page.body());
    noInternals("the shipped course's editor page", page.body());
    HttpResponse<String> refused = trainer.post("/training/courses/inservice-grid-governance/publish",
        Map.of("revision", "1"));
    assertEquals(403, refused.statusCode());
    noInternals("the refusal", refused.body());
  }

  @Test
  void writingLessons() {
    Browser trainer = app.signedInAs("trainer");
    String id = CourseEditorHttpTest.createDraft(trainer, "东湖区", "邻里互助实务");
    CourseEditorHttpTest.change(trainer, id, "/training/courses/" + id + "/modules", "moduleTitle", "互助的组织",
        "title", "单元测验", "category", CourseHttpTest.CHAPTER, "count", "3", "passMark", "60");
    String module = CourseEditorHttpTest.moduleIds(trainer, id).get(0);
    String reading = trainer.get("/training/courses/" + id + "/modules/" + module + "/lessons/new?kind=reading").body();
    assertTrue(reading.contains("正文"), reading);
    noInternals("a new reading lesson", reading);
    String caseLesson = trainer.get("/training/courses/" + id + "/modules/" + module + "/lessons/new?kind=case").body();
    assertTrue(caseLesson.contains("老旧小区加装电梯引发的邻里纠纷调解"), "cases are listed by title");
    noInternals("a new case lesson", caseLesson);
    assertEquals(302, CourseEditorHttpTest.addLesson(trainer, id, module, "case", "title", "案例研读：加装电梯",
        "caseId", "case-001").statusCode());
    noInternals("the outline", trainer.get("/training/courses/" + id + "/edit").body());
  }

  @Test
  void aCaseLessonForTheWorker() {
    Browser worker = app.signedInAs("worker");
    worker.get("/courses");
    worker.post("/courses/inservice-grid-governance/enrol", Map.of());
    noInternals("the course page", worker.get("/courses/inservice-grid-governance").body());
    noInternals("a case lesson", worker.get("/courses/inservice-grid-governance/lessons/m1-l3").body());
    noInternals("a reading lesson", worker.get("/courses/inservice-grid-governance/lessons/m1-l1").body());
  }
}
