package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * A practice task over HTTP: the worker hands in a report, a supervisor returns it, the worker
 * revises, the supervisor signs it off and the lesson is done; and everyone who may not, cannot.
 */
class TaskReportHttpTest {
  static TestApp app;
  @TempDir
  static Path contentDir;

  static final String TASK = "/courses/task-course/tasks/m1-task";

  @BeforeAll
  static void start() throws Exception {
    Files.createSymbolicLink(contentDir.resolve("question-bank"), Path.of("question-bank").toAbsolutePath());
    Path courses = Files.createDirectories(contentDir.resolve("courses"));
    Files.createSymbolicLink(courses.resolve("case-library"), Path.of("courses", "case-library").toAbsolutePath());
    String reading = "# 入户走访\n\n" + "入户走访要预约，两人同行，尊重居民意愿，保护隐私。".repeat(50);
    CourseFilesTest.course(courses, "task-course", """
        id: task-course
        title: 示范实践课：入户走访
        tier: PRACTICUM
        summary: 测试用的实践锻炼课程。
        creditHours: 4
        passMark: 60
        finalAssessment: { categories: ["%1$s"], count: 3 }
        modules:
          - id: m1
            title: 走访与评估
            lessons:
              - { id: m1-l1, title: 走访前的准备, kind: reading, file: lessons/01.md }
              - { id: m1-task, title: 完成六户走访, kind: task, file: lessons/02.md, minutes: 240 }
              - { id: m1-l3, title: 需求评估, kind: reading, file: lessons/03.md }
              - { id: m1-l4, title: 汇报, kind: reading, file: lessons/04.md }
              - { id: m1-quiz, title: 单元测验, kind: quiz, quiz: { categories: ["%1$s"], count: 3 } }
        """.formatted(CourseHttpTest.CHAPTER), reading, CourseRulesTest.BRIEF, reading, reading);
    app = TestApp.withContent(contentDir);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static Browser enrolled(String username) {
    Browser b = app.signedInAs(username);
    b.get("/courses/task-course");
    b.post("/courses/task-course/enrol", Map.of());
    return b;
  }

  static HttpResponse<String> save(Browser b, String action, String text) {
    b.get(TASK);
    return b.post(TASK, Map.of("action", action, "body", text));
  }

  static String reportId(String username) throws Exception {
    return app.one("SELECT r.id::text FROM task_report r JOIN account a ON a.id = r.account_id WHERE a.username = ?",
        username).toString();
  }

  static HttpResponse<String> decide(Browser b, String reportId, String decision, String feedback, int handIn) {
    b.get("/training/reports/" + reportId);
    return b.post("/training/reports/" + reportId, Map.of("decision", decision, "feedback", feedback,
        "handIn", String.valueOf(handIn)));
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void handedInReturnedRevisedSignedOffAndTheLessonIsDone() throws Exception {
    Browser worker = enrolled("worker");
    HttpResponse<String> viaLessons = worker.get("/courses/task-course/lessons/m1-task");
    assertEquals(302, viaLessons.statusCode());
    assertEquals(TASK, location(viaLessons), "a task has its own page");
    String page = worker.get(TASK).body();
    assertTrue(page.contains("任务要求") && page.contains("评价标准"), "the brief is shown");
    assertTrue(page.contains("提交督导审阅"));
    assertTrue(location(worker.post("/courses/task-course/lessons/m1-task/complete", Map.of())).contains("error="),
        "a task cannot be marked studied: only a sign-off completes it");

    // A draft is kept; handing it in sends it to the supervisors of the worker's unit.
    assertEquals(TASK + "?done=draft", location(save(worker, "draft", "走访了三户，还差三户。")));
    assertTrue(worker.get(TASK).body().contains("走访了三户，还差三户。"), "the draft comes back");
    String first = "## 走访记录\n\n走访了六户，其中两户独居老人需要助餐。<script>alert(1)</script>";
    assertEquals(TASK + "?done=handed-in", location(save(worker, "hand-in", first)));
    page = worker.get(TASK + "?done=handed-in").body();
    assertTrue(page.contains("报告已提交，等待督导审阅。") && page.contains("正在等待督导审阅"), page);
    assertTrue(worker.get("/courses/task-course").body().contains("待督导审阅"), "the course page says where it stands");
    HttpResponse<String> whileWaiting = save(worker, "draft", "再改一改");
    assertEquals(409, whileWaiting.statusCode(), "a report waiting for a decision is not changed");
    assertTrue(whileWaiting.body().contains("再改一改"), "but what was typed is shown again");

    // The trainer of the district sees it in the queue, newest first, and reads it sanitised.
    Browser trainer = app.signedInAs("trainer");
    String queue = trainer.get("/training/reports").body();
    assertTrue(queue.contains("林小雨") && queue.contains("示范实践课：入户走访") && queue.contains("完成六户走访"), queue);
    assertTrue(queue.contains("江畔社区"), "with the worker's unit");
    String id = reportId("worker");
    String report = trainer.get("/training/reports/" + id).body();
    assertTrue(report.contains("两户独居老人需要助餐"));
    assertFalse(report.contains("<script>alert(1)"), "the report's Markdown is sanitised");
    assertTrue(report.contains("<h2"), "and rendered");

    HttpResponse<String> noFeedback = decide(trainer, id, "return", "  ", 1);
    assertEquals(400, noFeedback.statusCode());
    assertTrue(noFeedback.body().contains("退回修改时，请写明需要修改或补充的地方。"));
    assertEquals("/training/reports?done=returned",
        location(decide(trainer, id, "return", "请补充两户老人的助餐对接方案和回访时间。", 1)));
    assertFalse(trainer.get("/training/reports").body().contains("林小雨"), "a returned report leaves the queue");

    page = worker.get(TASK).body();
    assertTrue(page.contains("督导退回了你的报告") && page.contains("请补充两户老人的助餐对接方案和回访时间。"), page);
    assertTrue(page.contains("两户独居老人需要助餐"), "the returned text is there to revise");
    assertTrue(worker.get("/courses/task-course").body().contains("已退回修改"));
    String second = first + "\n\n## 跟进\n\n已对接街道长者食堂，下周三回访。";
    assertEquals(TASK + "?done=handed-in", location(save(worker, "hand-in", second)));
    assertTrue(trainer.get("/training/reports").body().contains("第 2 次提交"));

    HttpResponse<String> stale = decide(trainer, id, "sign-off", "", 1);
    assertEquals(409, stale.statusCode(), "a decision on hand-in 1 does not sign off hand-in 2");
    assertTrue(stale.body().contains("学员已重新提交了报告"));
    assertEquals("/training/reports?done=signed-off", location(decide(trainer, id, "sign-off", "跟进安排具体可行。", 2)));
    HttpResponse<String> twice = decide(app.signedInAs("citytrainer"), id, "sign-off", "", 2);
    assertEquals(409, twice.statusCode(), "signing off twice");
    assertTrue(twice.body().contains("已经签字通过"));

    page = worker.get(TASK).body();
    assertTrue(page.contains("督导已签字通过") && page.contains("跟进安排具体可行。"), page);
    assertFalse(page.contains("提交督导审阅"), "a signed-off report is closed");
    assertEquals(409, save(worker, "hand-in", "再交一次").statusCode());
    assertEquals(1L, app.one("""
        SELECT count(*) FROM lesson_progress p JOIN enrolment e ON e.id = p.enrolment_id JOIN account a ON a.id = e.account_id
        WHERE a.username = 'worker' AND p.lesson_id = 'm1-task' AND p.completed_at IS NOT NULL"""), "the lesson is done");

    // Kept: both hand-ins as handed in, both decisions; audited; one learning event for the lesson.
    List<Object[]> steps = app.rows("SELECT action, hand_in, body FROM task_report_step WHERE report_id = ?::uuid ORDER BY id",
        id);
    assertEquals(List.of("HAND_IN 1", "RETURN 1", "HAND_IN 2", "SIGN_OFF 2"),
        steps.stream().map(s -> s[0] + " " + s[1]).toList());
    assertEquals(first, steps.get(0)[2], "the first hand-in is kept as it was");
    assertEquals(List.of("course.task.return", "course.task.sign_off"), app.rows(
        "SELECT action FROM audit_log WHERE subject_id = ? ORDER BY id", id).stream().map(r -> (String) r[0]).toList());
    assertEquals(1L, app.one("""
        SELECT count(*) FROM learning_event e JOIN account a ON a.id = e.actor_id
        WHERE a.username = 'worker' AND e.object_id = 'task-course/m1-task' AND e.verb = ?
          AND e.context->>'kind' = 'TASK' AND e.result_success""", CourseService.VERB_EXPERIENCED));
  }

  @Test
  void theFinalAssessmentWaitsForTheSignOff() throws Exception {
    Browser b = enrolled("w002");
    for (String l : List.of("m1-l1", "m1-l3", "m1-l4")) {
      b.get("/courses/task-course/lessons/" + l);
      b.post("/courses/task-course/lessons/" + l + "/complete", Map.of());
    }
    CourseHttpTest.current = app;
    b.get("/courses/task-course");
    CourseHttpTest.answerAllRight(b, location(b.post("/courses/task-course/lessons/m1-quiz/attempts", Map.of())));
    b.get("/courses/task-course");
    assertTrue(location(b.post("/courses/task-course/lessons/final/attempts", Map.of())).contains("error="),
        "every other lesson is done, the task is not signed off yet");
    save(b, "hand-in", "走访记录：六户，已去标识化。");
    String supervisorOfTheStreet = "organiser"; // 东湖区 covers every community of 望江街道 and 柳营街道
    assertEquals(302, decide(app.signedInAs(supervisorOfTheStreet), reportId("w002"), "sign-off", "", 1).statusCode());
    b.get("/courses/task-course");
    assertTrue(location(b.post("/courses/task-course/lessons/final/attempts", Map.of())).startsWith("/course-attempts/"),
        "signed off: the final assessment opens as for any completed lessons");
  }

  @Test
  void refusals() throws Exception {
    Browser worker = enrolled("w003");
    HttpResponse<String> empty = save(worker, "hand-in", " \n ");
    assertEquals(400, empty.statusCode());
    assertTrue(empty.body().contains("报告是空的，请写好后再提交。"));
    String tooLong = "访".repeat(TaskReportRules.MAX_REPORT_CHARS + 1);
    HttpResponse<String> oversized = save(worker, "hand-in", tooLong);
    assertEquals(400, oversized.statusCode());
    assertTrue(oversized.body().contains("报告最长 20000 字，现在有 20001 字"), "a clear message");
    assertTrue(oversized.body().contains(tooLong), "what was typed comes back in the form");
    assertEquals(0L, app.one("SELECT count(*) FROM task_report r JOIN account a ON a.id = r.account_id"
        + " WHERE a.username = 'w003'"), "refused hand-ins change nothing");

    assertEquals(TASK + "?done=handed-in", location(save(worker, "hand-in", "走访记录。")));
    String id = reportId("w003");

    // A worker (or a mentor) signs nothing off: the supervisors' pages are not theirs.
    Browser colleague = app.signedInAs("worker");
    assertEquals(403, colleague.get("/training/reports").statusCode());
    assertEquals(403, colleague.post("/training/reports/" + id, Map.of("decision", "sign-off", "handIn", "1"))
        .statusCode());
    assertEquals(403, worker.post("/training/reports/" + id, Map.of("decision", "sign-off", "handIn", "1"))
        .statusCode(), "nor their own");
    assertEquals(403, app.signedInAs("mentor").get("/training/reports/" + id).statusCode());

    // A supervisor of another district neither sees it nor decides on it.
    Browser outside = app.signedInAs("organiser2");
    assertFalse(outside.get("/training/reports").body().contains(id));
    assertEquals(403, outside.get("/training/reports/" + id).statusCode());
    outside.get("/training/reports");
    assertEquals(403, outside.post("/training/reports/" + id, Map.of("decision", "sign-off", "handIn", "1"))
        .statusCode());

    // A form without its CSRF token is refused.
    Browser trainer = app.signedInAs("trainer");
    trainer.get("/training/reports/" + id);
    assertEquals(403, trainer.postRaw("/training/reports/" + id, Map.of("decision", "sign-off", "handIn", "1"))
        .statusCode());
    assertEquals(403, worker.postRaw(TASK, Map.of("action", "draft", "body", "x")).statusCode());

    assertEquals(400, decide(trainer, id, "approve", "", 1).statusCode(), "an unknown decision");
    assertEquals(400, decide(trainer, id, "sign-off", "好".repeat(TaskReportRules.MAX_FEEDBACK_CHARS + 1), 1)
        .statusCode(), "over-long feedback");
    assertEquals(404, trainer.get("/training/reports/not-a-report").statusCode());
    assertEquals(404, trainer.get("/training/reports/00000000-0000-0000-0000-000000000000").statusCode());
    assertEquals("SUBMITTED", app.one("SELECT status FROM task_report WHERE id = ?::uuid", id), "nothing changed");
    assertEquals(0L, app.one("SELECT count(*) FROM audit_log WHERE subject_id = ?", id));

    // A task of a course the worker has not enrolled in sends them to enrol; a lesson that is no task is not found.
    Browser stranger = app.signedInAs("w004");
    assertEquals("/courses/task-course", location(stranger.get(TASK)));
    assertEquals(404, worker.get("/courses/task-course/tasks/m1-l1").statusCode());
  }
}
