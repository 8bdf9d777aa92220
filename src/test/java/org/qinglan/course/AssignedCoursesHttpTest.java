package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Workers see the courses assigned to them, with due dates and what is overdue, on their pages and in the API. */
class AssignedCoursesHttpTest {
  static final String GRID = "inservice-grid-governance";
  static final String GRID_TITLE = "网格化服务管理：社区网格工作实务";
  static final String ETHICS = "induction-role-ethics-law";
  static final String ETHICS_TITLE = "社区工作者的角色、职业伦理与法律基础";
  static TestApp app;
  static LocalDate due;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(14);
    Browser organiser = app.signedInAs("organiser");
    organiser.get("/training/courses");
    assertEquals(201, organiser.post("/training/courses/" + GRID + "/assignments",
        Map.of("worker", "worker", "due", due.toString())).statusCode());
    // An older assignment, now past its due date, for everyone in 江畔社区 (worker and mentor, not 书院社区's w002).
    app.update("""
        INSERT INTO course_assignment (id, course_id, assigned_by, org_unit_id, due_date)
        VALUES (gen_random_uuid(), ?, (SELECT id FROM account WHERE username = 'organiser'),
                (SELECT id FROM org_unit WHERE name = '江畔社区'), DATE '2026-01-15')
        """, ETHICS);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void myTrainingListsAssignedCoursesWithDueDatesAndMarksTheOverdue() {
    String page = app.signedInAs("worker").get("/my/training").body();
    assertTrue(page.contains("指派课程"), page);
    assertTrue(page.contains(GRID_TITLE) && page.contains("截止 " + due), page);
    assertTrue(page.contains(ETHICS_TITLE) && page.contains("截止 2026-01-15"), page);
    assertTrue(page.contains("已逾期"), page);

    String mentor = app.signedInAs("mentor").get("/my/training").body();
    assertTrue(mentor.contains(ETHICS_TITLE) && mentor.contains("已逾期"), "assigned to the whole community");
    assertFalse(mentor.contains(GRID_TITLE), "assigned to worker only");

    String other = app.signedInAs("w002").get("/my/training").body();
    assertFalse(other.contains("指派课程"), "nothing assigned to 书院社区");
  }

  @Test
  void theCatalogueAndTheCoursePageShowTheAssignment() {
    Browser b = app.signedInAs("worker");
    String catalogue = b.get("/courses").body();
    assertTrue(catalogue.contains("指派课程"), catalogue);
    assertTrue(catalogue.contains("截止 " + due), catalogue);
    assertTrue(catalogue.contains("已逾期"), catalogue);
    String course = b.get("/courses/" + GRID).body();
    assertTrue(course.contains("指派课程") && course.contains("截止 " + due), course);
    assertFalse(course.contains("已逾期"), course);
    assertTrue(b.get("/courses/" + ETHICS).body().contains("已逾期"));
  }

  @Test
  void theApiToo() {
    Browser b = app.signedInAs("worker");
    JsonArray items = new JsonObject(b.get("/api/v1/courses").body()).getJsonArray("items");
    JsonObject grid = null;
    JsonObject other = null;
    for (int i = 0; i < items.size(); i++) {
      JsonObject c = items.getJsonObject(i);
      if (c.getString("id").equals(GRID)) {
        grid = c;
      } else if (!c.getString("id").equals(ETHICS)) {
        other = c;
      }
    }
    assertEquals(due.toString(), grid.getJsonObject("assignment").getString("due"));
    assertFalse(grid.getJsonObject("assignment").getBoolean("overdue"));
    assertNull(other.getJsonObject("assignment"), "not assigned");

    JsonArray assigned = new JsonObject(b.get("/api/v1/my/training").body()).getJsonArray("assigned");
    assertEquals(2, assigned.size(), assigned.encode());
    JsonObject ethics = assigned.getJsonObject(0);
    assertEquals(ETHICS, ethics.getString("courseId"), "earliest due first");
    assertEquals("2026-01-15", ethics.getString("due"));
    assertTrue(ethics.getBoolean("overdue"));
    assertFalse(ethics.getBoolean("completed"));

    assertEquals(403, app.signedInAs("organiser").get("/api/v1/my/training").statusCode(), "workers' own page");
    assertEquals(401, app.browser().get("/api/v1/my/training").statusCode());
  }
}
