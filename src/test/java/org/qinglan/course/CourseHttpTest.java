package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
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

/** A worker takes a whole course over HTTP: catalogue, enrolment, lessons, quiz, final, certificate, verification. */
class CourseHttpTest {
  static TestApp app;
  @TempDir
  static Path contentDir;
  /** The node whose database holds the answer keys (set by each test class that shares these helpers). */
  static TestApp current;

  static final String CHAPTER = "助理社会工作师/社会工作综合能力(初级)/02 社会工作价值观与专业伦理";

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withContent(fixtureContent(contentDir));
    current = app;
  }

  /**
   * Fills the empty folder {@code content} with the real question bank and case library (linked)
   * and two small test courses, and returns it.
   */
  static Path fixtureContent(Path content) throws Exception {
    Files.createSymbolicLink(content.resolve("question-bank"), Path.of("question-bank").toAbsolutePath());
    Path courses = Files.createDirectories(content.resolve("courses"));
    Files.createSymbolicLink(courses.resolve("case-library"), Path.of("courses", "case-library").toAbsolutePath());
    String reading = "# 依法履职\n\n" + "社区工作者要依法履职，尊重居民，保护隐私，廉洁自律。".repeat(50);
    CourseFilesTest.course(courses, "demo-course", """
        id: demo-course
        title: 示范课程：职业伦理
        tier: INDUCTION
        summary: 测试用的示范课程。
        creditHours: 6
        passMark: 60
        postEntryCertificate: true
        finalAssessment: { categories: ["%1$s"], count: 5 }
        modules:
          - id: m1
            title: 第一单元
            lessons:
              - { id: m1-l1, title: 阅读一, kind: reading, file: lessons/01.md, minutes: 30 }
              - { id: m1-l2, title: 案例研读, kind: case, case: case-001 }
              - { id: m1-l3, title: 阅读二, kind: reading, file: lessons/02.md }
              - { id: m1-l4, title: 阅读三, kind: reading, file: lessons/03.md }
              - { id: m1-quiz, title: 单元测验, kind: quiz, quiz: { categories: ["%1$s"], count: 3 } }
        """.formatted(CHAPTER), reading, reading, reading);
    CourseFilesTest.course(courses, "head-only", """
        id: head-only
        title: 书记主任专题
        tier: IN_SERVICE
        summary: 只面向正职。
        audience: { postCategories: [HEAD] }
        prerequisites: [demo-course]
        creditHours: 4
        passMark: 60
        finalAssessment: { categories: ["%1$s"], count: 5 }
        modules:
          - id: m1
            title: 单元
            lessons:
              - { id: a, title: 阅读一, kind: reading, file: lessons/01.md }
              - { id: b, title: 阅读二, kind: reading, file: lessons/02.md }
              - { id: c, title: 阅读三, kind: reading, file: lessons/03.md }
              - { id: d, title: 案例, kind: case, case: case-002 }
              - { id: q, title: 测验, kind: quiz, quiz: { categories: ["%1$s"], count: 3 } }
        """.formatted(CHAPTER), reading, reading, reading);
    CourseFilesTest.course(courses, "video-course", """
        id: video-course
        title: 视频示范课
        tier: IN_SERVICE
        summary: 有一节视频课。
        creditHours: 2
        passMark: 60
        finalAssessment: { categories: ["%1$s"], count: 5 }
        modules:
          - id: m1
            title: 单元
            lessons:
              - { id: v1, title: 视频, kind: video, url: "https://media.example.org/lesson.mp4", minutes: 2 }
              - { id: r1, title: 阅读一, kind: reading, file: lessons/01.md }
              - { id: r2, title: 阅读二, kind: reading, file: lessons/02.md }
              - { id: r3, title: 阅读三, kind: reading, file: lessons/03.md }
              - { id: q1, title: 测验, kind: quiz, quiz: { categories: ["%1$s"], count: 3 } }
        """.formatted(CHAPTER), reading, reading, reading);
    return content;
  }

  /** Takes the demo course from enrolment to its certificate; returns the certificate page URL. */
  static String completeDemoCourse(Browser b) throws Exception {
    b.get("/courses");
    b.post("/courses/demo-course/enrol", Map.of());
    for (String l : List.of("m1-l1", "m1-l2", "m1-l3", "m1-l4")) {
      b.get("/courses/demo-course/lessons/" + l);
      b.post("/courses/demo-course/lessons/" + l + "/complete", Map.of());
    }
    b.get("/courses/demo-course");
    answerAllRight(b, b.post("/courses/demo-course/lessons/m1-quiz/attempts", Map.of()).headers()
        .firstValue("Location").orElseThrow());
    b.get("/courses/demo-course");
    answerAllRight(b, b.post("/courses/demo-course/lessons/final/attempts", Map.of()).headers()
        .firstValue("Location").orElseThrow());
    Matcher cert = Pattern.compile("/certificates/([A-Z0-9-]+)").matcher(b.get("/courses/demo-course").body());
    assertTrue(cert.find(), "the course is complete");
    return cert.group();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static List<Integer> key(String questionId) throws Exception {
    return key(app, questionId);
  }

  static List<Integer> key(TestApp app, String questionId) throws Exception {
    return app.answerKey(questionId);
  }

  /** Answers every question of an attempt page correctly and submits. */
  static HttpResponse<String> answerAllRight(Browser b, String attemptUrl) throws Exception {
    String page = b.get(attemptUrl).body();
    Matcher m = Pattern.compile("name=\"q-([0-9a-f-]{36})\"").matcher(page);
    Map<String, List<Integer>> keys = new HashMap<>();
    TestApp owner = current;
    while (m.find()) {
      keys.putIfAbsent(m.group(1), key(owner, m.group(1)));
    }
    StringBuilder body = new StringBuilder("_csrf=" + b.csrf());
    keys.forEach((q, k) -> k.forEach(i -> body.append("&q-").append(q).append('=').append(i)));
    return b.postEncoded(attemptUrl, body.toString());
  }

  @Test
  void aWorkerCompletesACourseAndTheCertificateVerifies() throws Exception {
    Browser b = app.signedInAs("worker");
    String catalogue = b.get("/courses").body();
    assertTrue(catalogue.contains("示范课程：职业伦理"));
    assertTrue(catalogue.contains("可报名"));
    assertTrue(catalogue.contains("暂不能报名：面向正职岗位；需先完成《示范课程：职业伦理》"), catalogue);

    assertEquals(302, b.post("/courses/demo-course/enrol", Map.of()).statusCode());
    String lesson = b.get("/courses/demo-course/lessons/m1-l1").body();
    assertTrue(lesson.contains("依法履职"));
    assertEquals(302, b.post("/courses/demo-course/lessons/m1-l1/complete", Map.of("next", "m1-l2")).statusCode());
    assertTrue(b.get("/courses/demo-course/lessons/m1-l2").body().contains("加装电梯"), "the cited case is shown");
    for (String l : List.of("m1-l2", "m1-l3", "m1-l4")) {
      b.get("/courses/demo-course/lessons/" + l);
      assertEquals(302, b.post("/courses/demo-course/lessons/" + l + "/complete", Map.of()).statusCode());
    }
    // The final assessment is closed until the quiz is passed.
    b.get("/courses/demo-course");
    HttpResponse<String> tooEarly = b.post("/courses/demo-course/lessons/final/attempts", Map.of());
    assertTrue(tooEarly.headers().firstValue("Location").orElse("").contains("error="));

    HttpResponse<String> quiz = b.post("/courses/demo-course/lessons/m1-quiz/attempts", Map.of());
    String quizUrl = quiz.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> wrong = b.postEncoded(quizUrl, "_csrf=" + b.csrf());
    assertEquals(302, wrong.statusCode());
    assertTrue(b.get(quizUrl).body().contains("未通过"), "an empty quiz fails; retakes are allowed");
    b.get("/courses/demo-course");
    String retake = b.post("/courses/demo-course/lessons/m1-quiz/attempts", Map.of()).headers().firstValue("Location")
        .orElseThrow();
    answerAllRight(b, retake);
    String marked = b.get(retake).body();
    assertTrue(marked.contains("得分 100"));
    assertTrue(marked.contains("答对") && !marked.contains("答错"), "each question is marked from the stored answers");
    assertTrue(b.get(quizUrl).body().contains("答错"), "the empty attempt's questions are marked wrong");
    assertTrue(b.get("/courses/demo-course").body().contains("最好成绩 100 分"), "the best score is kept");

    b.get("/courses/demo-course");
    String finalUrl = b.post("/courses/demo-course/lessons/final/attempts", Map.of()).headers()
        .firstValue("Location").orElseThrow();
    answerAllRight(b, finalUrl);
    String coursePage = b.get("/courses/demo-course").body();
    assertTrue(coursePage.contains("已完成本课程"), coursePage);
    Matcher cert = Pattern.compile("/certificates/([A-Z0-9-]+)").matcher(coursePage);
    assertTrue(cert.find());
    String code = cert.group(1);

    String certificate = b.get("/certificates/" + code).body();
    assertTrue(certificate.contains("上岗培训证书"), "an induction course with postEntryCertificate issues the 上岗培训证书");
    assertTrue(certificate.contains("准予上岗"));
    assertTrue(certificate.contains("林小雨"));
    assertTrue(certificate.contains("<svg"), "a QR code");
    assertTrue(certificate.contains("/verify/" + code));

    Browser anyone = app.browser();
    HttpResponse<String> verified = anyone.get("/verify/" + code);
    assertEquals(200, verified.statusCode());
    assertTrue(verified.body().contains("证书有效"));
    assertTrue(verified.body().contains("林*雨"), "the name is partly masked");
    assertFalse(verified.body().contains("林小雨"));
    assertTrue(verified.body().contains("示范课程：职业伦理"));
    assertTrue(verified.body().contains("云溪市社区工作者培训"));
    HttpResponse<String> unknown = anyone.get("/verify/ABCD-EFGH-JKLM");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("未找到编号为“ABCD-EFGH-JKLM”的证书"));

    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password()); ResultSet rs = c.createStatement().executeQuery(
        "SELECT (context->>'creditHours')::float FROM learning_event WHERE object_id = 'demo-course' "
            + "AND verb = 'http://adlnet.gov/expapi/verbs/completed'")) {
      assertTrue(rs.next(), "completion is a learning event");
      assertEquals(6.0, rs.getDouble(1), "carrying the credit hours");
      assertFalse(rs.next(), "exactly once");
    }
    JsonObject training = new JsonObject(b.get("/api/v1/my/training").body());
    assertEquals(6.0, training.getDouble("hoursThisYear"));
    assertTrue(b.get("/my/training").body().contains("示范课程：职业伦理 · 6 学时"));

    assertEquals(403, app.signedInAs("w001").get("/certificates/" + code).statusCode(), "a certificate page is private");
    assertEquals(403, app.signedInAs("w001").get(retake).statusCode(), "and so is an attempt");
  }

  @Test
  void aVideoCountsOnlyOnceMostOfItWasWatched() throws Exception {
    Browser b = app.signedInAs("w005");
    b.get("/courses");
    b.post("/courses/video-course/enrol", Map.of());
    assertTrue(b.get("/courses/video-course/lessons/v1").body().contains("<video"));
    HttpResponse<String> early = b.post("/courses/video-course/lessons/v1/complete", Map.of());
    assertTrue(early.headers().firstValue("Location").orElse("").contains("error="), "not watched yet");
    assertEquals(400, b.json("POST", "/api/v1/courses/video-course/lessons/v1/watched", "{\"seconds\":600}")
        .statusCode(), "one report cannot claim ten minutes");
    assertEquals(400, b.json("POST", "/api/v1/courses/video-course/lessons/r1/watched", "{\"seconds\":10}")
        .statusCode(), "not a video");
    backdateWatchClock("w005", 60); // as if the lesson had been open for a minute
    b.json("POST", "/api/v1/courses/video-course/lessons/v1/watched", "{\"seconds\":60}");
    backdateWatchClock("w005", 60); // and another minute passed
    JsonObject total = new JsonObject(b.json("POST", "/api/v1/courses/video-course/lessons/v1/watched",
        "{\"seconds\":50}").body());
    assertEquals(110, total.getInteger("secondsWatched"));
    b.get("/courses/video-course/lessons/v1");
    HttpResponse<String> done = b.post("/courses/video-course/lessons/v1/complete", Map.of());
    assertEquals("/courses/video-course", done.headers().firstValue("Location").orElse(""), "110 s of 120: enough");
  }

  @Test
  void watchedTimeNeverOutrunsTheClock() throws Exception {
    Browser b = app.signedInAs("w006");
    b.get("/courses");
    b.post("/courses/video-course/enrol", Map.of());
    assertEquals(0, watched(b, 60).getInteger("secondsWatched"), "the lesson was never opened: nothing to count");

    b.get("/courses/video-course/lessons/v1");
    backdateWatchClock("w006", 30); // the page has been open for 30 seconds
    JsonObject first = watched(b, 60);
    int counted = first.getInteger("secondsWatched");
    assertTrue(counted >= 30 && counted < 60, "a minute claimed after 30 s counts 30 s, not 60: " + first);
    assertEquals(counted, first.getInteger("secondsCounted"));

    // The last counted report was "just now" (the clock a minute ahead): claims in a loop add nothing.
    app.update("UPDATE lesson_progress SET watch_clock = now() + interval '1 minute' WHERE lesson_id = 'v1'"
        + " AND enrolment_id = (SELECT e.id FROM enrolment e JOIN account a ON a.id = e.account_id"
        + " WHERE a.username = 'w006' AND e.course_id = 'video-course')");
    for (int i = 0; i < 5; i++) {
      JsonObject again = watched(b, 60);
      assertEquals(counted, again.getInteger("secondsWatched"), "report " + i + ": " + again);
      assertEquals(0, again.getInteger("secondsCounted"));
    }
    HttpResponse<String> done = b.post("/courses/video-course/lessons/v1/complete", Map.of());
    assertTrue(done.headers().firstValue("Location").orElse("").contains("error="), "still not watched enough");
  }

  private static JsonObject watched(Browser b, int seconds) {
    HttpResponse<String> r = b.json("POST", "/api/v1/courses/video-course/lessons/v1/watched",
        "{\"seconds\":" + seconds + "}");
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** Moves the server's watch clock of {@code username}'s video lesson back, as if that much time had passed. */
  private static void backdateWatchClock(String username, int seconds) throws Exception {
    app.update("UPDATE lesson_progress SET watch_clock = watch_clock - make_interval(secs => ?) WHERE lesson_id = 'v1'"
        + " AND enrolment_id = (SELECT e.id FROM enrolment e JOIN account a ON a.id = e.account_id"
        + " WHERE a.username = ? AND e.course_id = 'video-course')", seconds, username);
  }

  @Test
  void refusals() {
    Browser worker = app.signedInAs("w002");
    worker.get("/courses");
    HttpResponse<String> notEligible = worker.post("/courses/head-only/enrol", Map.of());
    assertEquals(403, notEligible.statusCode());
    assertTrue(notEligible.body().contains("暂不能报名这门课程"), notEligible.body());
    assertEquals(201, worker.json("POST", "/api/v1/courses/demo-course/enrolment", "{}").statusCode());
    assertEquals(404, worker.get("/courses/no-such-course").statusCode());
    assertEquals(403, app.signedInAs("organiser").get("/courses").statusCode());
    assertEquals(302, app.browser().get("/courses").statusCode(), "signed-out visitors are sent to sign in");
  }
}
