package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * Trainers write a course in the web editor, over real HTTP on a real database: create, edit,
 * add and order lessons, publish when every rule holds (refused with the problems before), and
 * the course reaches the workers of its org unit only. Refusals: workers, a trainer of another
 * district, shipped courses, stale forms, missing CSRF tokens.
 */
class CourseEditorHttpTest {
  static TestApp app;
  @TempDir
  static Path contentDir;
  static final String CHAPTER = CourseHttpTest.CHAPTER;
  /** A reading of well over 800 Chinese characters. */
  static final String READING = "# 调解的准备\n\n## 先听后说\n\n"
      + "调解员要先倾听双方的诉求，再梳理争议焦点，尊重当事人的意愿，依法依规提出建议。".repeat(25);

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withContent(CourseHttpTest.fixtureContent(contentDir));
    CourseHttpTest.current = app;
    // A trainer of 西岭区, beside the demo trainers of 东湖区 and of the city; same password as the demo accounts.
    app.addStaff("trainer-xl", "西岭区讲师", "西岭区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  // ---- helpers ----

  private static List<Object[]> rows(String sql, Object... params) throws SQLException {
    return app.rows(sql, params);
  }

  private static Object one(String sql, Object... params) throws SQLException {
    return app.one(sql, params);
  }

  /** Posts a form given as name, value pairs (names may repeat), with the CSRF token of the last page. */
  static HttpResponse<String> form(Browser b, String path, String... pairs) {
    StringBuilder body = new StringBuilder("_csrf=").append(enc(b.csrf()));
    for (int i = 0; i < pairs.length; i += 2) {
      body.append('&').append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
    }
    return b.postEncoded(path, body.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String unitId(Browser b, String name) {
    String page = b.get("/training/courses/new").body();
    Matcher m = Pattern.compile("<option value=\"([0-9a-f-]{36})\"[^>]*>(?:　)*" + name + "</option>").matcher(page);
    assertTrue(m.find(), name + " is not a choice: " + page);
    return m.group(1);
  }

  /** Creates a draft for the named unit; returns its id. */
  static String createDraft(Browser trainer, String unit, String title) {
    String unitId = unitId(trainer, unit);
    HttpResponse<String> r = form(trainer, "/training/courses", "title", title, "tier", "SPECIALISED",
        "unit", unitId, "summary", "面向社区调解员，学完能独立组织一次邻里纠纷调解。", "creditHours", "4",
        "passMark", "60", "post", "HEAD", "post", "OTHER", "final-category", CHAPTER, "final-count", "5");
    assertEquals(302, r.statusCode(), r.body());
    Matcher m = Pattern.compile("^/training/courses/(c-[a-z0-9]{8})/edit$")
        .matcher(r.headers().firstValue("Location").orElse(""));
    assertTrue(m.find(), "an opaque generated id: " + r.headers().firstValue("Location"));
    return m.group(1);
  }

  static int revision(String page) {
    Matcher m = Pattern.compile("name=\"revision\" value=\"(\\d+)\"").matcher(page);
    assertTrue(m.find(), page);
    return Integer.parseInt(m.group(1));
  }

  /** Opens the editor page, then posts a form of it with the page's revision. */
  static HttpResponse<String> change(Browser b, String courseId, String path, String... pairs) {
    int rev = revision(b.get("/training/courses/" + courseId + "/edit").body());
    String[] all = new String[pairs.length + 2];
    all[0] = "revision";
    all[1] = String.valueOf(rev);
    System.arraycopy(pairs, 0, all, 2, pairs.length);
    return form(b, path, all);
  }

  static List<String> moduleIds(Browser b, String courseId) {
    Matcher m = Pattern.compile("/modules/(m-[a-z0-9]{8})/lessons/new\\?kind=reading")
        .matcher(b.get("/training/courses/" + courseId + "/edit").body());
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The live lessons of a course in order: id, title, module. */
  static List<String> lessonTitles(String courseId) throws SQLException {
    return rows("""
        SELECT title FROM course_lesson WHERE course_id = ? AND retired_at IS NULL ORDER BY module_position, position
        """, courseId).stream().map(r -> (String) r[0]).toList();
  }

  static String lessonId(String courseId, String title) throws SQLException {
    return (String) one("SELECT id FROM course_lesson WHERE course_id = ? AND title = ?", courseId, title);
  }

  static HttpResponse<String> addLesson(Browser b, String courseId, String moduleId, String kind, String... pairs) {
    b.get("/training/courses/" + courseId + "/modules/" + moduleId + "/lessons/new?kind=" + kind);
    int rev = revision(b.get("/training/courses/" + courseId + "/edit").body());
    String[] all = new String[pairs.length + 6];
    all[0] = "revision";
    all[1] = String.valueOf(rev);
    all[2] = "kind";
    all[3] = kind;
    all[4] = "action";
    all[5] = "save";
    System.arraycopy(pairs, 0, all, 6, pairs.length);
    return form(b, "/training/courses/" + courseId + "/modules/" + moduleId + "/lessons", all);
  }

  // ---- the tests ----

  @Test
  void aTrainerWritesACourseThatOnlyWorkersOfItsDistrictSee() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    assertTrue(trainer.get("/training/courses").body().contains("新建课程"));
    String id = createDraft(trainer, "东湖区", "东湖区邻里纠纷调解实务");

    String page = trainer.get("/training/courses/" + id + "/edit").body();
    assertTrue(page.contains("草稿：学员看不到"), page);
    assertTrue(page.contains("至少需要一个模块"), "every problem is listed on the page");
    assertEquals(1, revision(page));
    assertFalse(app.signedInAs("worker").get("/courses").body().contains("东湖区邻里纠纷调解实务"), "a draft is hidden");

    // Publishing an incomplete course is refused with every problem listed.
    HttpResponse<String> tooEarly = change(trainer, id, "/training/courses/" + id + "/publish");
    assertEquals(400, tooEarly.statusCode());
    assertTrue(tooEarly.body().contains("还不能发布"), tooEarly.body());
    assertTrue(tooEarly.body().contains("至少需要一个模块"));

    // A module comes with the quiz that closes it.
    HttpResponse<String> module = change(trainer, id, "/training/courses/" + id + "/modules", "moduleTitle", "调解的准备",
        "title", "单元测验", "category", CHAPTER, "count", "3", "passMark", "60");
    assertEquals(302, module.statusCode(), module.body());
    assertTrue(module.headers().firstValue("Location").orElse("").contains("saved=2"), "each save bumps the revision");
    String m1 = moduleIds(trainer, id).get(0);

    // A short reading is saved in a draft, and the rule it breaks is shown.
    assertEquals(302, addLesson(trainer, id, m1, "reading", "title", "倾听与提问", "body", "# 倾听\n\n太短了。",
        "minutes", "20").statusCode());
    page = trainer.get("/training/courses/" + id + "/edit").body();
    assertTrue(page.contains("「倾听与提问」（模块 1 第 1 课时）：阅读课时只有 5 个汉字，至少需要 800 个"), page);
    assertTrue(page.contains("一门课程至少需要 5 个课时，现在只有 2 个"));
    assertEquals(List.of("倾听与提问", "单元测验"), lessonTitles(id), "a new lesson goes before the module's quiz");

    // The preview renders the Markdown safely and saves nothing.
    String lesson = lessonId(id, "倾听与提问");
    int before = revision(trainer.get("/training/courses/" + id + "/lessons/" + lesson).body());
    HttpResponse<String> preview = form(trainer, "/training/courses/" + id + "/lessons/" + lesson,
        "revision", String.valueOf(before), "action", "preview", "title", "倾听与提问",
        "body", "## 小标题\n\n**要点**\n\n<script>alert(1)</script>");
    assertEquals(200, preview.statusCode());
    assertTrue(preview.body().contains("<h2>小标题</h2>"), preview.body());
    assertTrue(preview.body().contains("<strong>要点</strong>"));
    assertFalse(preview.body().contains("<script>alert(1)"), "no script reaches the page");
    assertEquals(before, revision(trainer.get("/training/courses/" + id + "/edit").body()), "a preview is not a save");
    // A body over the limit is refused and not rendered: sanitising it would hold the event loop.
    HttpResponse<String> tooLong = form(trainer, "/training/courses/" + id + "/lessons/" + lesson,
        "revision", String.valueOf(before), "action", "preview", "title", "倾听与提问",
        "body", "## 超长的小标题\n\n" + "字".repeat(100_001));
    assertTrue(tooLong.body().contains("正文不超过 100000 个字"), tooLong.body().substring(0, 2000));
    assertFalse(tooLong.body().contains("<h2>超长的小标题</h2>"), "no preview of a body that cannot be saved");

    HttpResponse<String> saved = form(trainer, "/training/courses/" + id + "/lessons/" + lesson, "revision",
        String.valueOf(before), "action", "save", "title", "倾听与提问", "body", READING, "minutes", "30");
    assertEquals(302, saved.statusCode(), saved.body());
    assertEquals(302, addLesson(trainer, id, m1, "reading", "title", "梳理争议焦点", "body", READING).statusCode());
    assertEquals(302, addLesson(trainer, id, m1, "case", "title", "案例研读：加装电梯", "caseId", "case-001").statusCode());
    assertEquals(302, addLesson(trainer, id, m1, "video", "title", "调解示范", "url", "http://video.example/a",
        "minutes", "12").statusCode());
    page = trainer.get("/training/courses/" + id + "/edit").body();
    assertTrue(page.contains("视频地址应以 https:// 开头"), page);

    // Reordering within the module.
    String video = lessonId(id, "调解示范");
    assertEquals(302, change(trainer, id, "/training/courses/" + id + "/lessons/" + video + "/move", "direction", "up")
        .statusCode());
    assertEquals(List.of("倾听与提问", "梳理争议焦点", "调解示范", "案例研读：加装电梯", "单元测验"), lessonTitles(id));

    // Removing the video retires it: the row stays.
    assertEquals(302, change(trainer, id, "/training/courses/" + id + "/lessons/" + video + "/remove").statusCode());
    assertEquals(List.of("倾听与提问", "梳理争议焦点", "案例研读：加装电梯", "单元测验"), lessonTitles(id));
    assertNotNull(one("SELECT retired_at FROM course_lesson WHERE course_id = ? AND id = ?", id, video));

    // Still one lesson short: publishing is refused; one more reading and it goes out.
    assertEquals(400, change(trainer, id, "/training/courses/" + id + "/publish").statusCode());
    assertEquals(302, addLesson(trainer, id, m1, "reading", "title", "达成协议", "body", READING).statusCode());
    page = trainer.get("/training/courses/" + id + "/edit").body();
    assertTrue(page.contains("符合全部课程规则，可以发布"), page);
    HttpResponse<String> published = change(trainer, id, "/training/courses/" + id + "/publish");
    assertEquals(302, published.statusCode(), published.body());
    assertTrue(trainer.get("/training/courses/" + id + "/edit").body().contains("已发布"));

    // Every save was a revision with an audit entry.
    int revision = (Integer) one("SELECT revision FROM course WHERE id = ?", id);
    assertEquals(revision, ((Number) one("SELECT count(*) FROM audit_log WHERE subject_id = ?", id)).intValue());
    assertTrue(revision >= 10, "revision " + revision);
    assertEquals("EDITOR", one("SELECT source FROM course WHERE id = ?", id));

    // A worker of 东湖区 sees it and enrols; one of 西岭区 does not see it at all.
    Browser worker = app.signedInAs("worker");
    assertTrue(worker.get("/courses").body().contains("东湖区邻里纠纷调解实务"));
    assertEquals(302, worker.post("/courses/" + id + "/enrol", Map.of()).statusCode());
    assertTrue(worker.get("/courses/" + id).body().contains("倾听与提问"));
    Browser xiling = app.signedInAs("w005");
    assertFalse(xiling.get("/courses").body().contains("东湖区邻里纠纷调解实务"), "another district's worker");
    assertEquals(404, xiling.get("/courses/" + id).statusCode());
    assertEquals(404, xiling.json("POST", "/api/v1/courses/" + id + "/enrolment", "{}").statusCode());

    // It may be assigned inside its unit only.
    String due = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
    Browser city = app.signedInAs("citytrainer"); // reaches 西岭区, which the course does not
    HttpResponse<String> outside = form(city, "/training/courses/" + id + "/assignments", "unit",
        unitId(city, "西岭区"), "due", due);
    assertEquals(400, outside.statusCode());
    assertTrue(outside.body().contains("这门课程只面向所属单位的学员"), outside.body());
    assertEquals(400, form(trainer, "/training/courses/" + id + "/assignments", "worker", "w005", "due", due)
        .statusCode());
    assertEquals(201, form(trainer, "/training/courses/" + id + "/assignments", "worker", "worker", "due", due)
        .statusCode());

    // A published course must stay valid: a removal that breaks a rule is refused and nothing changes.
    String reading = lessonId(id, "达成协议");
    HttpResponse<String> breaking = change(trainer, id, "/training/courses/" + id + "/lessons/" + reading + "/remove");
    assertEquals(400, breaking.statusCode());
    assertTrue(breaking.body().contains("已经发布"), breaking.body());
    assertTrue(breaking.body().contains("一门课程至少需要 5 个课时，现在只有 4 个"));
    assertEquals(5, lessonTitles(id).size());

    // A lesson a worker has studied can be removed from a published course: it is retired, the progress kept.
    assertEquals(302, addLesson(trainer, id, m1, "video", "title", "补充视频", "url", "https://video.example/b",
        "minutes", "1").statusCode());
    String extra = lessonId(id, "补充视频");
    worker.get("/courses/" + id + "/lessons/" + extra);
    // As if the worker had watched for a minute: time watched counts only as the clock moves on.
    app.update("UPDATE lesson_progress SET watch_clock = watch_clock - interval '60 seconds' WHERE lesson_id = ?",
        extra);
    assertEquals(200, worker.json("POST", "/api/v1/courses/" + id + "/lessons/" + extra + "/watched",
        "{\"seconds\":60}").statusCode(), "watched the whole minute");
    assertEquals("/courses/" + id, worker.post("/courses/" + id + "/lessons/" + extra + "/complete", Map.of())
        .headers().firstValue("Location").orElse(""));
    assertEquals(302, change(trainer, id, "/training/courses/" + id + "/lessons/" + extra + "/remove").statusCode());
    assertNotNull(one("SELECT retired_at FROM course_lesson WHERE course_id = ? AND id = ?", id, extra));
    assertEquals(1L, one("SELECT count(*) FROM lesson_progress WHERE lesson_id = ?", extra));
    assertFalse(worker.get("/courses/" + id).body().contains("补充视频"));

    // Withdrawn, it disappears from the catalogue again.
    assertEquals(302, change(trainer, id, "/training/courses/" + id + "/unpublish").statusCode());
    assertFalse(worker.get("/courses").body().contains("东湖区邻里纠纷调解实务"));
  }

  @Test
  void fieldsAreSavedAndInputErrorsSaveNothing() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String id = createDraft(trainer, "东湖区", "社区应急处置");
    assertEquals("[\"HEAD\", \"OTHER\"]", one("SELECT audience->>'postCategories' FROM course WHERE id = ?", id));

    HttpResponse<String> bad = change(trainer, id, "/training/courses/" + id + "/edit", "title", "社区应急处置（修订）",
        "tier", "SPECIALISED", "unit", unitId(trainer, "东湖区"), "summary", "简介", "creditHours", "很多",
        "passMark", "60", "final-category", "不存在的分类", "final-count", "5");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("学时应为数字，而不是“很多”"), bad.body());
    assertTrue(bad.body().contains("题库分类“不存在的分类”不存在或不在您可用的范围内"));
    assertTrue(bad.body().contains("社区应急处置（修订）"), "the form keeps what was typed");
    assertEquals("社区应急处置", one("SELECT title FROM course WHERE id = ?", id));

    HttpResponse<String> ok = change(trainer, id, "/training/courses/" + id + "/edit", "title", "社区应急处置（修订）",
        "tier", "IN_SERVICE", "unit", unitId(trainer, "望江街道"), "summary", "简介", "creditHours", "300",
        "passMark", "80", "gradeMin", "10", "gradeMax", "4", "secretaryOnly", "on", "prerequisite", "demo-course",
        "final-category", CHAPTER, "final-count", "5");
    assertEquals(302, ok.statusCode(), ok.body());
    assertEquals("社区应急处置（修订）", one("SELECT title FROM course WHERE id = ?", id));
    assertEquals("望江街道", one("SELECT u.name FROM course c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = ?", id));
    String page = trainer.get("/training/courses/" + id + "/edit").body();
    assertTrue(page.contains("学时应在 0 到 200 之间"), "a draft keeps breaking values and lists them: " + page);
    assertTrue(page.contains("岗位等级的下限不能大于上限"));
    assertTrue(page.contains("<dt>先修课程</dt><dd>示范课程：职业伦理</dd>"), "the prerequisite by its title");

    // A stale form is refused rather than overwriting a newer save.
    HttpResponse<String> stale = form(trainer, "/training/courses/" + id + "/publish", "revision", "1");
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("刚被修改过"), stale.body());
  }

  @Test
  void refusals() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String id = createDraft(trainer, "东湖区", "东湖区网格工作");
    String edit = "/training/courses/" + id + "/edit";

    // Workers and organisers may not use the editor at all.
    Browser worker = app.signedInAs("worker");
    worker.get("/");
    assertEquals(403, worker.get("/training/courses/new").statusCode());
    assertEquals(403, worker.get(edit).statusCode());
    assertEquals(403, form(worker, "/training/courses", "title", "x").statusCode());
    assertEquals(403, form(worker, edit, "revision", "1", "title", "x").statusCode());
    assertEquals(403, form(worker, "/training/courses/" + id + "/publish", "revision", "1").statusCode());
    assertEquals(403, app.signedInAs("organiser").get(edit).statusCode());

    // A trainer of another district neither sees nor changes it, nor creates courses outside their unit.
    Browser other = app.signedInAs("trainer-xl");
    assertFalse(other.get("/training/courses").body().contains("东湖区网格工作"));
    assertEquals(403, other.get(edit).statusCode());
    assertEquals(403, form(other, edit, "revision", "1", "title", "改掉", "tier", "IN_SERVICE", "summary", "x",
        "creditHours", "1", "passMark", "60", "final-category", CHAPTER, "final-count", "5").statusCode());
    assertEquals(403, form(other, "/training/courses/" + id + "/publish", "revision", "1").statusCode());
    String donghu = unitId(trainer, "东湖区");
    assertEquals(403, form(other, "/training/courses", "title", "越权课程", "tier", "IN_SERVICE", "unit", donghu,
        "summary", "x", "creditHours", "1", "passMark", "60", "final-category", CHAPTER, "final-count", "5")
        .statusCode());
    assertEquals("东湖区网格工作", one("SELECT title FROM course WHERE id = ?", id));
    assertEquals(0L, one("SELECT count(*) FROM course WHERE title = '越权课程'"));

    // Without a unit the trainer's own is used.
    HttpResponse<String> own = form(other, "/training/courses", "title", "西岭区课程", "tier", "IN_SERVICE",
        "summary", "x", "creditHours", "1", "passMark", "60", "final-category", CHAPTER, "final-count", "5");
    assertEquals(302, own.statusCode(), own.body());
    assertEquals("西岭区", one("SELECT u.name FROM course c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.title = ?",
        "西岭区课程"));

    // Shipped courses open read-only: their files are their source.
    String shipped = trainer.get("/training/courses/demo-course/edit").body();
    assertTrue(shipped.contains("内容以程序附带的课程文件为准"), shipped);
    assertFalse(shipped.contains("action=\"/training/courses/demo-course/edit\""), "no forms");
    assertTrue(shipped.contains("阅读一"), "the outline is shown");
    HttpResponse<String> readOnly = form(trainer, "/training/courses/demo-course/edit", "revision", "1", "title", "x",
        "tier", "IN_SERVICE", "summary", "x", "creditHours", "1", "passMark", "60", "final-category", CHAPTER,
        "final-count", "5");
    assertEquals(403, readOnly.statusCode());
    assertTrue(readOnly.body().contains("内置课程"), readOnly.body());
    assertEquals(403, form(trainer, "/training/courses/demo-course/lessons/m1-l1/remove", "revision", "1").statusCode());
    assertEquals(403, trainer.get("/training/courses/demo-course/lessons/m1-l1").statusCode());
    assertTrue(trainer.get("/training/courses").body().contains("内置课程 · 以课程文件为准"));
    assertEquals(null, one("SELECT retired_at FROM course_lesson WHERE course_id = 'demo-course' AND id = 'm1-l1'"));

    // Forms need their CSRF token.
    assertEquals(403, trainer.postRaw("/training/courses/" + id + "/publish", Map.of("revision", "1")).statusCode());

    // Unknown courses and lessons.
    assertEquals(404, trainer.get("/training/courses/c-nothere0/edit").statusCode());
    assertEquals(404, change(trainer, id, "/training/courses/" + id + "/lessons/l-nothere0/remove").statusCode());
  }
}
