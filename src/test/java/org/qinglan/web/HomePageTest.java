package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Each role's home page shows what is really there, and no "coming soon" for what is built. */
class HomePageTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.update("""
        INSERT INTO course_assignment (id, course_id, assigned_by, account_id, due_date)
        VALUES (gen_random_uuid(), 'inservice-grid-governance', (SELECT id FROM account WHERE username = 'organiser'),
                (SELECT id FROM account WHERE username = 'worker'), DATE '2026-01-15')
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static void noComingSoonForBuiltThings(String home) {
    assertFalse(home.contains("陆续开放"), home);
    assertFalse(home.contains("即将"), home);
  }

  @Test
  void aWorkerSeesAssignedCoursesReviewsDueAndMockExams() {
    Browser b = app.signedInAs("worker");
    String before = b.get("/").body();
    noComingSoonForBuiltThings(before);
    assertTrue(before.contains("网格化服务管理：社区网格工作实务"), "the assigned course: " + before);
    assertTrue(before.contains("截止 2026-01-15") && before.contains("已逾期"), before);
    assertTrue(before.contains("href=\"/courses/inservice-grid-governance\""), before);
    assertTrue(before.contains("待复习"), before);
    assertTrue(before.contains("href=\"/practice\""), before);
    assertTrue(before.contains("href=\"/mock-exams\""), before);
    assertTrue(before.contains("href=\"/cases\""), before);

    String id = new JsonObject(b.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-comprehensive\"}")
        .body()).getString("id");
    String after = b.get("/").body();
    assertTrue(after.contains("href=\"/mock-exams/" + id + "\""), "the exam in progress: " + after);
  }

  /** The home page counts every mock exam and every due review, not the first page or list of them. */
  @Test
  void aWorkerWithManyMockExamsSeesHowManyInAll() throws Exception {
    Browser b = app.signedInAs("w031");
    var started = b.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-practice\"}");
    assertEquals(201, started.statusCode(), started.body());
    String id = new JsonObject(started.body()).getString("id");
    assertEquals(200, b.json("POST", "/api/v1/mock-exams/" + id + "/submit", "{}").statusCode());
    app.update("INSERT INTO mock_exam (id, account_id, blueprint_id, title, paper, max_score, pass_mark, started_at, "
        + "deadline, submitted_at, auto_submitted, score, passed, by_chapter) "
        + "SELECT gen_random_uuid(), account_id, blueprint_id, title, paper, max_score, pass_mark, "
        + "started_at - n * interval '1 minute', deadline, submitted_at, auto_submitted, score, passed, by_chapter "
        + "FROM mock_exam CROSS JOIN generate_series(1, 34) AS n WHERE id = ?::uuid", id);
    String home = b.get("/").body();
    assertTrue(home.contains("已参加 35 次"), home);
  }

  @Test
  void aTrainerSeesWhatTheyCanWrite() {
    String home = app.signedInAs("trainer").get("/").body();
    noComingSoonForBuiltThings(home);
    assertTrue(home.contains("href=\"/training/courses/new\""), home);
    assertTrue(home.contains("href=\"/cases/new\""), home);
    assertTrue(home.contains("href=\"/question-bank\""), home);
    assertFalse(home.contains("待复习"), "not a learner");
  }

  @Test
  void anOrganiserSeesReviewComplianceAndAssignment() {
    String home = app.signedInAs("organiser").get("/").body();
    noComingSoonForBuiltThings(home);
    assertTrue(home.contains("href=\"/cases/review\""), home);
    assertTrue(home.contains("href=\"/training/compliance\""), home);
    assertTrue(home.contains("href=\"/training/courses\""), home);
    assertFalse(home.contains("待复习"), "not a learner");
  }

  @Test
  void signedOutVisitorsAreSentToSignIn() {
    assertEquals(302, app.browser().get("/").statusCode());
  }
}
