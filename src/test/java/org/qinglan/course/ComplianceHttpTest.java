package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class ComplianceHttpTest {
  static TestApp app;
  @TempDir
  static Path contentDir;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withContent(CourseHttpTest.fixtureContent(contentDir));
    CourseHttpTest.current = app;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password())) {
      c.createStatement().execute(statement);
    }
  }

  @Test
  void anOverdueSecretaryDropsOffAfterFinishingACourse() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String before = organiser.get("/training/compliance").body();
    assertTrue(before.contains("王晓梅"), "w001 is a secretary/director with no training this year");
    assertTrue(before.contains("书记/主任本年度尚未完成培训"));

    CourseHttpTest.completeDemoCourse(app.signedInAs("w001"));
    String after = organiser.get("/training/compliance").body();
    assertFalse(after.contains(">王晓梅<"), "done this year: no longer overdue");
  }

  @Test
  void csvOpensWithCorrectChineseInExcel() {
    HttpResponse<String> csv = app.signedInAs("organiser").get("/training/compliance.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv; charset=utf-8"));
    assertTrue(csv.body().startsWith("\uFEFF\"街道\",\"社区\",\"姓名\",\"用户名\",\"岗位类别\",\"岗位等级\",\"书记或主任\","
        + "\"未达标原因\""), csv.body());
    assertTrue(csv.body().contains("望江街道") || csv.body().contains("柳营街道"));
    assertFalse(csv.body().contains("桂园街道"), "only the organiser's district");
  }

  @Test
  void assignedCoursesPastDueAreListed() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    trainer.get("/training/courses");
    String due = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
    HttpResponse<String> r = trainer.post("/training/courses/demo-course/assignments", Map.of("worker", "w003",
        "due", due));
    assertEquals(201, r.statusCode(), r.body());
    assertFalse(app.signedInAs("organiser").get("/training/compliance").body().contains("已过期未完成"));
    sql("UPDATE course_assignment SET due_date = current_date - 1");
    String page = app.signedInAs("organiser").get("/training/compliance").body();
    assertTrue(page.contains("指派课程《示范课程：职业伦理》已过期未完成"), page);
    assertEquals(400, trainer.post("/training/courses/demo-course/assignments", Map.of("worker", "nobody",
        "due", due)).statusCode());
    assertEquals(400, trainer.post("/training/courses/demo-course/assignments", Map.of("worker", "w003",
        "due", "2001-01-01")).statusCode());
  }

  @Test
  void refusals() throws Exception {
    assertEquals(403, app.signedInAs("worker").get("/training/compliance").statusCode());
    assertEquals(403, app.signedInAs("worker").get("/training/courses").statusCode());
    assertEquals(403, app.signedInAs("trainer").get("/training/compliance.csv").statusCode());
    String xiling = app.signedInAs("organiser2").get("/training/compliance").body();
    assertFalse(xiling.contains("望江街道"), "another district's organiser sees only their own workers");
    Browser organiser = app.signedInAs("organiser");
    String admin = app.signedInAs("admin").get("/training/courses").body();
    Matcher m = Pattern.compile("<option value=\"([0-9a-f-]{36})\">(?:　)*西岭区</option>").matcher(admin);
    assertTrue(m.find());
    organiser.get("/training/courses");
    String due = java.time.LocalDate.now().plusDays(3).toString();
    assertEquals(403, organiser.post("/training/courses/demo-course/assignments", Map.of("unit", m.group(1),
        "due", due)).statusCode(), "an organiser cannot assign to another district");
  }
}
