package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.CategoryInfo;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.MoodleXmlReader;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.TextFormat;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** The trainer side of the question bank, through real HTTP on a real database. */
class QuestionBankHttpTest {
  static final Path FIXTURES = Path.of("../shared/fixtures/moodle");
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    // A trainer of 西岭区, beside the demo trainer of the whole city; same password as the demo accounts.
    app.addStaff("trainer2", "西岭区讲师", "西岭区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  // ---- helpers ----

  private static Connection db() throws SQLException {
    return app.connection();
  }

  private static void update(String sql, Object... params) throws SQLException {
    app.update(sql, params);
  }

  private static List<Object[]> rows(String sql, Object... params) throws SQLException {
    return app.rows(sql, params);
  }

  private static Object one(String sql, Object... params) throws SQLException {
    return app.one(sql, params);
  }

  private static long count(String sql, Object... params) throws SQLException {
    return ((Number) one(sql, params)).longValue();
  }

  private static UUID unitId(String name) throws SQLException {
    return (UUID) one("SELECT id FROM org_unit WHERE name = ?", name);
  }

  private static UUID questionId(String key) throws SQLException {
    return (UUID) one("SELECT id FROM question WHERE stable_key = ?", key);
  }

  /** Creates a category through the form and returns its id. */
  private static String createCategory(Browser b, String path, String unit) throws SQLException {
    b.get("/question-bank");
    HttpResponse<String> r = b.post("/question-bank/categories",
        Map.of("path", path, "unit", unitId(unit).toString(), "description", "测试分类"));
    assertEquals(302, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    Matcher m = Pattern.compile("^/question-bank/categories/([0-9a-f-]{36})$").matcher(location);
    assertTrue(m.find(), location);
    return m.group(1);
  }

  private static HttpResponse<String> upload(Browser b, String categoryId, String fileName, byte[] content) {
    return upload(b, categoryId, fileName, content, Map.of());
  }

  private static HttpResponse<String> upload(Browser b, String categoryId, String fileName, byte[] content,
                                             Map<String, String> fields) {
    b.get("/question-bank/categories/" + categoryId);
    return b.upload("/question-bank/categories/" + categoryId + "/import", "file", fileName, content,
        "application/octet-stream", fields);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(FIXTURES.resolve(name));
  }

  private static long questionCount() throws SQLException {
    return count("SELECT count(*) FROM question");
  }

  /** Questions as content: without the line they start on and, when asked, without their id. */
  private static List<Question> content(List<Question> qs, boolean withIds) {
    return qs.stream().map(q -> new Question(withIds ? q.id() : null, q.name(), q.category(), q.type(), q.stem(),
        q.answers(), q.pairs(), q.generalFeedback(), q.tags(), q.rubric(), 0)).toList();
  }

  private static String shippedCategoryOf(String key) throws SQLException {
    return one("SELECT category_id FROM question WHERE stable_key = ?", key).toString();
  }

  private static final String GOOD_GIFT = """
      // 东湖区调解实务 · 第一节
      // [id:dh-med-001] [tag:调解原则]
      ::调解原则::人民调解应当遵循的原则不包括（　　）。{
      =强制调解
      ~自愿平等
      ~依法依规
      ~尊重当事人权利
      ####人民调解以当事人自愿为前提，不能强制。
      }

      // [id:a-comp-01-001]
      ::借用编号::社会工作是一种助人活动。{T}

      $CATEGORY: 第二节 调解技巧

      // [tag:倾听]
      ::倾听::调解中积极倾听的做法有（　　）。{
      ~%50%复述当事人的话
      ~%50%关注当事人的情绪
      ~%-100%打断当事人
      ~%-100%急于给出结论
      }
      """;

  // ---- pages and uploads ----

  @Test
  void trainersFindTheBankInTheirNavigationWithTheShippedCategoriesReadOnly() {
    Browser trainer = app.signedInAs("trainer");
    HttpResponse<String> home = trainer.get("/");
    assertTrue(home.body().contains("href=\"/question-bank\"") && home.body().contains("题库管理"), home.body());
    HttpResponse<String> page = trainer.get("/question-bank");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("内置题库（只读）"));
    assertTrue(page.body().contains("助理社会工作师 / 社会工作综合能力(初级)"), page.body());
    assertTrue(app.signedInAs("admin").get("/").body().contains("href=\"/question-bank\""));
    assertFalse(app.signedInAs("worker").get("/").body().contains("/question-bank"));
    assertFalse(app.signedInAs("organiser").get("/").body().contains("/question-bank"));
  }

  @Test
  void aGoodGiftFileIsImportedWithKeysSourceUnitAndSubCategories() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/调解实务/01 基础知识", "东湖区");
    assertEquals(1, count("SELECT count(*) FROM question_category WHERE org_unit_id = ? AND path = '{东湖区,调解实务}'",
        unitId("东湖区")), "the parent category is created with it");
    long auditBefore = count("SELECT count(*) FROM audit_log WHERE action = 'question.import'");
    HttpResponse<String> r = upload(trainer, cat, "调解.gift", utf8(GOOD_GIFT));
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(r.body().contains("已从 调解.gift 导入 3 道题目"), r.body());
    assertTrue(r.body().contains("第 12 行：编号“a-comp-01-001”已被其他题目使用，已改用新编号 u-"), r.body());
    assertTrue(r.body().contains("第二节 调解技巧"), r.body());

    List<Object[]> imported = rows("""
        SELECT q.stable_key, q.source, array_to_string(c.path, '/'), c.org_unit_id, q.created_by, q.type, q.chapter, q.tags
        FROM question q JOIN question_category c ON c.id = q.category_id
        WHERE c.org_unit_id IS NOT NULL AND c.path[1:3] = '{东湖区,调解实务,01 基础知识}' ORDER BY q.seq
        """);
    assertEquals(3, imported.size());
    UUID trainerId = (UUID) one("SELECT id FROM account WHERE username = 'trainer'");
    for (Object[] row : imported) {
      assertEquals("UPLOAD", row[1]);
      assertEquals(unitId("东湖区"), row[3], "the category's org unit");
      assertEquals(trainerId, row[4]);
      assertEquals("01", row[6]);
    }
    assertEquals("dh-med-001", imported.get(0)[0], "a free id from the file is kept");
    assertEquals("SINGLE_CHOICE", imported.get(0)[5]);
    assertTrue(((String) imported.get(1)[0]).matches("u-[0-9a-f-]{36}"), "a taken id is replaced");
    assertTrue(((String) imported.get(2)[0]).matches("u-[0-9a-f-]{36}"), "no id: a generated key");
    assertEquals("东湖区/调解实务/01 基础知识/第二节 调解技巧", imported.get(2)[2]);
    assertEquals("MULTIPLE_CHOICE", imported.get(2)[5]);
    assertEquals("BANK", one("SELECT source FROM question WHERE stable_key = 'a-comp-01-001'"), "the shipped one is untouched");
    assertEquals(auditBefore + 1, count("SELECT count(*) FROM audit_log WHERE action = 'question.import'"));

    HttpResponse<String> page = trainer.get("/question-bank/categories/" + cat);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("dh-med-001") && page.body().contains("第二节 调解技巧"), page.body());
    assertTrue(trainer.get("/question-bank").body().contains("东湖区 / 调解实务 / 01 基础知识"));
  }

  @Test
  void moodlesNestedXmlAndAikenFixturesAreImported() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/Moodle 导入", "东湖区");
    HttpResponse<String> xml = upload(trainer, cat, "nested_categories_with_questions.xml",
        fixture("nested_categories_with_questions.xml"));
    assertEquals(201, xml.statusCode(), xml.body());
    assertTrue(xml.body().contains("导入 5 道题目"), xml.body());
    List<Object[]> categories = rows("""
        SELECT array_to_string(path, '/'), description, description_format FROM question_category
        WHERE org_unit_id = ? AND path[1:2] = '{东湖区,Moodle 导入}' ORDER BY path
        """, unitId("东湖区"));
    assertEquals(List.of("东湖区/Moodle 导入", "东湖区/Moodle 导入/Iota", "东湖区/Moodle 导入/Iota/Kappa",
        "东湖区/Moodle 导入/Iota/Kappa/Lambda", "东湖区/Moodle 导入/Iota/Mu"),
        categories.stream().map(r -> r[0]).toList(), "Moodle's $course$ context is dropped");
    assertEquals("This is Iota category for test", categories.get(1)[1]);
    assertEquals("PLAIN", categories.get(1)[2]);
    assertEquals("MARKDOWN", categories.get(2)[2]);
    assertEquals(1, count("""
        SELECT count(*) FROM question q JOIN question_category c ON c.id = q.category_id
        WHERE array_to_string(c.path, '/') = '东湖区/Moodle 导入/Iota/Kappa' AND q.type = 'ESSAY'
        """));

    String aikenCat = createCategory(trainer, "东湖区/Aiken 导入", "东湖区");
    HttpResponse<String> aiken = upload(trainer, aikenCat, "questions.aiken.txt", fixture("questions.aiken.txt"));
    assertEquals(201, aiken.statusCode(), aiken.body());
    assertTrue(aiken.body().contains("单项选择题 2 道"), aiken.body());
    Object[] markup = rows("""
        SELECT q.body->'stem'->>'text', q.body->'stem'->>'format', q.id FROM question q
        JOIN question_category c ON c.id = q.category_id
        WHERE c.id = ?::uuid AND q.body->'stem'->>'text' LIKE '%abilities%'
        """, aikenCat).get(0);
    assertTrue(((String) markup[0]).contains("<html class=\"cool\"> & images"), "kept as text");
    assertEquals("PLAIN", markup[1]);
    HttpResponse<String> q = trainer.get("/question-bank/questions/" + markup[2]);
    assertTrue(q.body().contains("&lt;html class=&quot;cool&quot;&gt; &amp; images"), "shown as text, escaped");
  }

  @Test
  void aFileWithErrorsChangesNothingAndListsEveryErrorWithItsLine() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/有错的文件", "东湖区");
    long before = questionCount();
    String bad = """
        // [id:bad-001]
        ::缺答案::这道题没有正确答案 {~甲 ~乙}

        ::缺括号::这道题缺少右括号 {=甲 ~乙

        ::好题::这道题没有问题 {=甲 ~乙}
        """;
    HttpResponse<String> r = upload(trainer, cat, "bad.gift", utf8(bad));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("bad.gift 有 2 处问题，未导入任何题目"), r.body());
    assertTrue(r.body().contains("bad.gift 第 2 行：题目 bad-001：多项选择题没有正确答案"), r.body());
    assertTrue(r.body().contains("bad.gift 第 4 行：题目“缺括号”：缺少 }"), r.body());
    assertEquals(before, questionCount(), "nothing was imported, not even the good question");

    HttpResponse<String> aiken = upload(trainer, cat, "aiken_errors.txt", fixture("aiken_errors.txt"));
    assertEquals(400, aiken.statusCode(), aiken.body());
    for (int line : new int[] {3, 5, 7, 18}) {
      assertTrue(aiken.body().contains("aiken_errors.txt 第 " + line + " 行："), line + "\n" + aiken.body());
    }
    HttpResponse<String> grades = upload(trainer, cat, "error_invalid_grades.xml", fixture("error_invalid_grades.xml"));
    assertEquals(400, grades.statusCode());
    assertTrue(grades.body().contains("权重 33% 不是 Moodle 允许的分值"), grades.body());
    assertEquals(before, questionCount());
    assertEquals(0, count("SELECT count(*) FROM question_category WHERE path[1:2] = '{东湖区,有错的文件}' AND cardinality(path) > 2"));
  }

  @Test
  void oversizeWrongTypeAndNonUtf8FilesAreRefusedAndTheFormatCanBeChosen() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/类型检查", "东湖区");
    long before = questionCount();
    HttpResponse<String> docx = upload(trainer, cat, "题目.docx", new byte[] {80, 75, 3, 4});
    assertEquals(400, docx.statusCode());
    assertTrue(docx.body().contains("题目.docx 不是题目文件"), docx.body());
    byte[] big = new byte[(int) QuestionBankRoutes.MAX_FILE_BYTES + 10];
    Arrays.fill(big, (byte) 'a');
    HttpResponse<String> tooBig = upload(trainer, cat, "big.gift", big);
    assertEquals(400, tooBig.statusCode());
    assertTrue(tooBig.body().contains("big.gift 超过 2048 KB"), tooBig.body());
    HttpResponse<String> gbk = upload(trainer, cat, "gbk.gift", "::题::题干 {=对 ~错}".getBytes(Charset.forName("GBK")));
    assertEquals(400, gbk.statusCode());
    assertTrue(gbk.body().contains("不是 UTF-8 编码"), gbk.body());
    assertEquals(before, questionCount());

    // GIFT saved as .txt reads as Aiken by its extension; the select box says what it is.
    byte[] giftAsTxt = utf8("::选择::选出正确的一项 {=对 ~错}\n");
    assertEquals(400, upload(trainer, cat, "moodle-export.txt", giftAsTxt).statusCode());
    HttpResponse<String> chosen = upload(trainer, cat, "moodle-export.txt", giftAsTxt, Map.of("format", "gift"));
    assertEquals(201, chosen.statusCode(), chosen.body());
    assertEquals(before + 1, questionCount());
  }

  // ---- editing and retiring ----

  @Test
  void anEditIsANewRevisionAndTheOldVersionIsKept() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/编辑", "东湖区");
    assertEquals(201, upload(trainer, cat, "edit.gift",
        utf8("// [id:edit-001] [tag:甲]\n::编辑::原来的题干 {=对 ~错 ~也错 ####原来的解析}\n")).statusCode());
    UUID id = questionId("edit-001");
    String url = "/question-bank/questions/" + id;
    HttpResponse<String> page = trainer.get(url);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("原来的题干") && page.body().contains("name=\"revision\" value=\"1\""), page.body());

    Map<String, String> form = new HashMap<>(Map.of("revision", "1", "stem", "修改后的题干", "explanation", "新的解析",
        "tags", "甲，乙", "option0", "对", "option1", "错", "option2", "也错", "option3", "新增的选项", "correct", "3"));
    HttpResponse<String> saved = trainer.post(url, form);
    assertEquals(302, saved.statusCode(), saved.body());
    assertEquals(url + "?saved=2", saved.headers().firstValue("Location").orElse(""));
    Object[] now = rows("SELECT revision, source, body->'stem'->>'text', tags::text, body->'answers'->3->>'fraction' "
        + "FROM question WHERE id = ?", id).get(0);
    assertEquals(2, now[0]);
    assertEquals("EDITOR", now[1], "an uploaded question edited on the web");
    assertEquals("修改后的题干", now[2]);
    assertEquals("{甲,乙}", now[3]);
    assertEquals("1.0", now[4]);
    assertEquals("原来的题干", one("SELECT body->'stem'->>'text' FROM question_revision WHERE question_id = ? AND revision = 1", id));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'question.edit' AND subject_id = ?", id.toString()));
    HttpResponse<String> after = trainer.get(url + "?saved=2");
    assertTrue(after.body().contains("已保存为第 2 版") && after.body().contains("修改后的题干"), after.body());
    assertTrue(after.body().contains("第 1 版"), "the revision history");

    HttpResponse<String> stale = trainer.post(url, form);
    assertEquals(409, stale.statusCode(), "an edit of an older version");
    assertTrue(stale.body().contains("已被修改"), stale.body());
    form.put("revision", "2");
    form.put("stem", "  ");
    HttpResponse<String> invalid = trainer.post(url, form);
    assertEquals(400, invalid.statusCode());
    assertTrue(invalid.body().contains("题干为空"), invalid.body());
    assertEquals(2, one("SELECT revision FROM question WHERE id = ?", id));
  }

  @Test
  void otherTypesSayToEditByReuploading() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/匹配题", "东湖区");
    assertEquals(201, upload(trainer, cat, "m.gift",
        utf8("// [id:match-001]\n::配对::把机构与职责配对 {=民政 -> 甲 =人社 -> 乙 =卫健 -> 丙}\n")).statusCode());
    String url = "/question-bank/questions/" + questionId("match-001");
    HttpResponse<String> page = trainer.get(url);
    assertTrue(page.body().contains("匹配题不能在网页上编辑：请修改题目文件后重新上传"), page.body());
    assertFalse(page.body().contains("保存为新版本"));
    assertEquals(400, trainer.post(url, Map.of("revision", "1", "stem", "改")).statusCode());
  }

  @Test
  void retireAndUnretire() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/停用", "东湖区");
    assertEquals(201, upload(trainer, cat, "r.gift", utf8("// [id:retire-001]\n::停用::会被停用的题 {=对 ~错}\n")).statusCode());
    UUID id = questionId("retire-001");
    String url = "/question-bank/questions/" + id;
    trainer.get(url);
    assertEquals(403, trainer.postRaw(url + "/retire", Map.of()).statusCode(), "no CSRF token, no change");
    assertNull(one("SELECT retired_at FROM question WHERE id = ?", id));

    HttpResponse<String> retired = trainer.post(url + "/retire", Map.of());
    assertEquals(302, retired.statusCode());
    assertNotNull(one("SELECT retired_at FROM question WHERE id = ?", id));
    HttpResponse<String> page = trainer.get(url);
    assertTrue(page.body().contains("已停用") && page.body().contains("恢复使用"), page.body());
    assertTrue(trainer.get("/question-bank/categories/" + cat).body().contains("已停用 1 道"));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'question.retire' AND subject_id = ?", id.toString()));

    assertEquals(302, trainer.post(url + "/unretire", Map.of()).statusCode());
    assertNull(one("SELECT retired_at FROM question WHERE id = ?", id));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'question.unretire' AND subject_id = ?", id.toString()));
  }

  // ---- export ----

  @Test
  void exportRoundTripKeepsEveryQuestionAndCategory() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/往返", "东湖区");
    assertEquals(201, upload(trainer, cat, "nested.xml", fixture("nested_categories_with_questions.xml")).statusCode());
    assertEquals(201, upload(trainer, cat, "调解.gift", utf8(GOOD_GIFT.replace("dh-med-001", "rt-001"))).statusCode());
    List<String> base = List.of("东湖区", "往返");
    ParsedFile xmlIn = MoodleXmlReader.parse("in.xml", new String(fixture("nested_categories_with_questions.xml"),
        StandardCharsets.UTF_8));
    ParsedFile giftIn = GiftParser.parse("in.gift", GOOD_GIFT);
    List<Question> expected = new ArrayList<>();
    Stream.concat(xmlIn.questions().stream(), giftIn.questions().stream())
        .forEach(q -> expected.add(q.withCategory(CategoryPath.under(base, q.category()))));
    // In category order, each category's questions in the order they were added.
    List<List<String>> order = expected.stream().map(Question::category).distinct().sorted((a, b) ->
        String.join("\u0000", a).compareTo(String.join("\u0000", b))).toList();
    List<Question> sorted = order.stream().flatMap(c -> expected.stream().filter(q -> q.category().equals(c))).toList();
    List<String> keys = rows("""
        SELECT q.stable_key FROM question q JOIN question_category c ON c.id = q.category_id
        WHERE c.path[1:2] = '{东湖区,往返}' ORDER BY c.path, q.seq
        """).stream().map(r -> (String) r[0]).toList();
    assertEquals(8, keys.size());

    HttpResponse<String> gift = trainer.get("/question-bank/categories/" + cat + "/export?format=gift");
    assertEquals(200, gift.statusCode());
    assertEquals("text/plain; charset=utf-8", gift.headers().firstValue("Content-Type").orElse(""));
    String disposition = gift.headers().firstValue("Content-Disposition").orElse("");
    assertTrue(disposition.startsWith("attachment; filename=\"questions.gift\"; filename*=UTF-8''%E5%BE%80%E8%BF%94.gift"),
        disposition);
    ParsedFile giftOut = GiftParser.parse("out.gift", gift.body());
    assertEquals(List.of(), giftOut.errors(), gift.body());
    assertEquals(content(sorted, false), content(giftOut.questions(), false));
    assertEquals(keys, giftOut.questions().stream().map(Question::id).toList(), "the keys travel as [id:…]");

    HttpResponse<String> xml = trainer.get("/question-bank/categories/" + cat + "/export?format=moodle-xml");
    assertEquals(200, xml.statusCode());
    assertEquals("application/xml; charset=utf-8", xml.headers().firstValue("Content-Type").orElse(""));
    ParsedFile xmlOut = MoodleXmlReader.parse("out.xml", xml.body());
    assertEquals(List.of(), xmlOut.errors(), xml.body());
    assertEquals(content(sorted, false), content(xmlOut.questions(), false));
    assertEquals(keys, xmlOut.questions().stream().map(Question::id).toList(), "the keys travel as <idnumber>");
    for (CategoryInfo in : xmlIn.categories()) {
      List<String> path = CategoryPath.under(base, in.path());
      CategoryInfo out = xmlOut.categories().stream().filter(c -> c.path().equals(path)).findFirst().orElseThrow();
      assertEquals(in.description(), out.description(), "description and its format of " + path);
    }

    // Moodle → Qinglan → Moodle → Qinglan: the export imports again, nothing lost.
    String again = createCategory(trainer, "东湖区/再导入", "东湖区");
    HttpResponse<String> reimport = upload(trainer, again, "往返.xml", utf8(xml.body()));
    assertEquals(201, reimport.statusCode(), reimport.body());
    assertTrue(reimport.body().contains("导入 8 道题目"), reimport.body());
  }

  @Test
  void aShippedCategoryExportsAsItsFile() throws Exception {
    Path file;
    try (Stream<Path> files = Files.list(Path.of("question-bank/assistant/comprehensive"))) {
      file = files.filter(p -> p.getFileName().toString().startsWith("01")).findFirst().orElseThrow();
    }
    ParsedFile shipped = QuestionFormat.GIFT.parse(file.toString(), Files.readAllBytes(file));
    assertEquals(List.of(), shipped.errors());
    String cat = shippedCategoryOf(shipped.questions().get(0).id());
    Browser trainer = app.signedInAs("trainer");
    HttpResponse<String> gift = trainer.get("/question-bank/categories/" + cat + "/export?format=gift");
    assertEquals(200, gift.statusCode());
    ParsedFile out = GiftParser.parse("out.gift", gift.body());
    assertEquals(List.of(), out.errors());
    assertEquals(content(shipped.questions(), true), content(out.questions(), true));
    HttpResponse<String> xml = trainer.get("/question-bank/categories/" + cat + "/export?format=moodle-xml");
    assertEquals(content(shipped.questions(), true), content(MoodleXmlReader.parse("out.xml", xml.body()).questions(), true));
    assertEquals(400, trainer.get("/question-bank/categories/" + cat + "/export?format=aiken").statusCode());
  }

  // ---- statistics ----

  @Test
  void statisticsPerQuestionAndTheQuestionsToReviewFirst() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/统计", "东湖区");
    assertEquals(201, upload(trainer, cat, "s.gift", utf8("""
        // [id:stat-good]
        ::好题::区分度高的题 {=对 ~错}

        // [id:stat-bad]
        ::坏题::区分度为负的题 {=对 ~错}

        // [id:stat-none]
        ::没人做::还没有人做过的题 {=对 ~错}
        """)).statusCode());
    UUID good = questionId("stat-good");
    UUID bad = questionId("stat-bad");
    List<UUID> others = rows("SELECT id FROM question WHERE source = 'BANK' ORDER BY stable_key LIMIT 6").stream()
        .map(r -> (UUID) r[0]).toList();
    List<UUID> workers = rows("SELECT id FROM account ORDER BY username LIMIT 32").stream().map(r -> (UUID) r[0]).toList();
    assertEquals(32, workers.size());
    /*
     * Four kinds of worker, eight of each. First answers: good, bad, 6 shipped questions.
     * kind | good | bad | others right | total right of 8 | rest for good | rest for bad
     *  A   |  1   |  0  |      5       |        6         |     5/7       |     6/7
     *  B   |  1   |  0  |      4       |        5         |     4/7       |     5/7
     *  C   |  0   |  1  |      2       |        3         |     3/7       |     2/7
     *  D   |  0   |  1  |      1       |        2         |     2/7       |     1/7
     * good: right 1 1 0 0 vs rest 5 4 3 2 (/7): deviations ±.5 and 1.5 .5 −.5 −1.5, so
     *       r = 2 / √(1 · 5) = .894427. bad: right 0 0 1 1 vs 6 5 2 1: r = −4 / √(1 · 17) = −.970143.
     * Kind A answers "good" once more, wrong, later: an attempt, but not a first answer.
     */
    int[][] kinds = {{1, 0, 5}, {1, 0, 4}, {0, 1, 2}, {0, 1, 1}};
    Instant t0 = Instant.parse("2026-11-01T02:00:00Z");
    try (Connection c = db(); PreparedStatement s = c.prepareStatement("""
        INSERT INTO practice_answer (id, account_id, question_id, revision, response, correct, answered_at)
        VALUES (?, ?, ?, 1, '{}'::jsonb, ?, ?)
        """)) {
      for (int w = 0; w < workers.size(); w++) {
        int[] kind = kinds[w % 4];
        UUID account = workers.get(w);
        addAnswer(s, account, good, kind[0] == 1, t0);
        addAnswer(s, account, bad, kind[1] == 1, t0);
        for (int o = 0; o < others.size(); o++) {
          addAnswer(s, account, others.get(o), o < kind[2], t0);
        }
        if (w % 4 == 0) {
          addAnswer(s, account, good, false, t0.plusSeconds(3600));
        }
      }
      s.executeBatch();
    }

    HttpResponse<String> api = trainer.get("/api/v1/question-bank/categories/" + cat + "/stats");
    assertEquals(200, api.statusCode(), api.body());
    JsonObject json = new JsonObject(api.body());
    assertEquals(30, json.getInteger("minSampleForDiscrimination"));
    Map<String, JsonObject> byKey = new HashMap<>();
    json.getJsonArray("questions").forEach(o -> byKey.put(((JsonObject) o).getString("key"), (JsonObject) o));
    JsonObject g = byKey.get("stat-good");
    assertEquals(40, g.getLong("attempts"), "repeats count as attempts");
    assertEquals(32, g.getInteger("workers"));
    assertEquals(0.5, g.getDouble("facility"), 1e-9, "first answers only");
    assertEquals(2 / Math.sqrt(5), g.getDouble("discrimination"), 1e-9);
    assertEquals(32, g.getInteger("sample"));
    JsonObject b = byKey.get("stat-bad");
    assertEquals(32, b.getLong("attempts"));
    assertEquals(-4 / Math.sqrt(17), b.getDouble("discrimination"), 1e-9);
    JsonObject none = byKey.get("stat-none");
    assertEquals(0, none.getLong("attempts"));
    assertNull(none.getValue("facility"));
    assertNull(none.getValue("discrimination"));
    JsonArray review = json.getJsonArray("reviewFirst");
    assertEquals(1, review.size());
    assertEquals("stat-bad", review.getJsonObject(0).getString("key"));

    HttpResponse<String> page = trainer.get("/question-bank/categories/" + cat);
    assertTrue(page.body().contains("建议优先复核的题目") && page.body().contains("-0.97") && page.body().contains("0.89"),
        page.body());
    HttpResponse<String> question = trainer.get("/question-bank/questions/" + good);
    assertTrue(question.body().contains("作答 40 次，32 位学员；首次答对率 50%；区分度 0.89"), question.body());
  }

  private static void addAnswer(PreparedStatement s, UUID account, UUID question, boolean correct, Instant at)
      throws SQLException {
    s.setObject(1, UUID.randomUUID());
    s.setObject(2, account);
    s.setObject(3, question);
    s.setBoolean(4, correct);
    s.setTimestamp(5, Timestamp.from(at));
    s.addBatch();
  }

  // ---- refusals ----

  @Test
  void workersCannotUploadOrReadStatistics() throws Exception {
    String cat = createCategory(app.signedInAs("trainer"), "东湖区/学员不可上传", "东湖区");
    Browser worker = app.signedInAs("worker");
    worker.get("/");
    long before = questionCount();
    HttpResponse<String> r = worker.upload("/question-bank/categories/" + cat + "/import", "file", "x.gift",
        utf8("::q::题 {=对 ~错}"), "text/plain");
    assertEquals(403, r.statusCode());
    assertEquals(before, questionCount());
    assertEquals(403, worker.get("/question-bank").statusCode());
    assertEquals(403, worker.get("/api/v1/question-bank/categories/" + cat + "/stats").statusCode());
  }

  @Test
  void aTrainerOfAnotherUnitCannotTouchTheCategory() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    String cat = createCategory(trainer, "东湖区/只属于东湖区", "东湖区");
    assertEquals(201, upload(trainer, cat, "d.gift", utf8("// [id:dh-only-001]\n::东::东湖区的题 {=对 ~错}\n")).statusCode());
    UUID question = questionId("dh-only-001");
    long before = questionCount();

    Browser xiling = app.signedInAs("trainer2");
    HttpResponse<String> list = xiling.get("/question-bank");
    assertEquals(200, list.statusCode());
    assertFalse(list.body().contains("只属于东湖区"), "another unit's categories are not listed");
    assertEquals(403, xiling.get("/question-bank/categories/" + cat).statusCode());
    assertEquals(403, xiling.get("/question-bank/categories/" + cat + "/export?format=gift").statusCode());
    assertEquals(403, xiling.get("/api/v1/question-bank/categories/" + cat + "/stats").statusCode());
    assertEquals(403, xiling.get("/question-bank/questions/" + question).statusCode());
    xiling.get("/question-bank");
    HttpResponse<String> up = xiling.upload("/question-bank/categories/" + cat + "/import", "file", "x.gift",
        utf8("::q::题 {=对 ~错}"), "text/plain");
    assertEquals(403, up.statusCode());
    assertEquals(403, xiling.post("/question-bank/questions/" + question, Map.of("revision", "1", "stem", "改",
        "option0", "对", "option1", "错", "correct", "0")).statusCode());
    assertEquals(403, xiling.post("/question-bank/questions/" + question + "/retire", Map.of()).statusCode());
    assertEquals(403, xiling.post("/question-bank/categories", Map.of("path", "越权", "unit",
        unitId("东湖区").toString())).statusCode());
    assertEquals(before, questionCount());
    assertNull(one("SELECT retired_at FROM question WHERE id = ?", question));
    assertEquals(1, one("SELECT revision FROM question WHERE id = ?", question));

    // Within their own unit they work as usual.
    String own = createCategory(xiling, "西岭区/网格治理", "西岭区");
    assertEquals(201, upload(xiling, own, "x.gift", utf8("::西::西岭区的题 {=对 ~错}\n")).statusCode());
    assertEquals(200, app.signedInAs("citytrainer").get("/question-bank/categories/" + own).statusCode(),
        "the city's trainer reaches 西岭区 too");
  }

  @Test
  void shippedCategoriesAreReadOnlyForEveryone() throws Exception {
    String cat = shippedCategoryOf("a-comp-01-001");
    UUID question = questionId("a-comp-01-001");
    long before = questionCount();
    for (String who : List.of("trainer", "admin")) {
      Browser b = app.signedInAs(who);
      HttpResponse<String> page = b.get("/question-bank/categories/" + cat);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("内置题库随程序发布"), page.body());
      assertFalse(page.body().contains("上传并导入"), "no upload form");
      HttpResponse<String> up = upload(b, cat, "x.gift", utf8("::q::题 {=对 ~错}"));
      assertEquals(403, up.statusCode());
      assertTrue(up.body().contains("内置题库随程序发布"), up.body());
      HttpResponse<String> qPage = b.get("/question-bank/questions/" + question);
      assertEquals(200, qPage.statusCode());
      assertTrue(qPage.body().contains("这是内置题库的题目") && !qPage.body().contains("保存为新版本"), qPage.body());
      assertEquals(403, b.post("/question-bank/questions/" + question, Map.of("revision", "1", "stem", "改",
          "option0", "对", "option1", "错", "correct", "0")).statusCode());
      assertEquals(403, b.post("/question-bank/questions/" + question + "/retire", Map.of()).statusCode());
    }
    assertEquals(before, questionCount());
    assertEquals(1, one("SELECT revision FROM question WHERE id = ?", question));
    assertNull(one("SELECT retired_at FROM question WHERE id = ?", question));
    assertEquals("BANK", one("SELECT source FROM question WHERE id = ?", question));
  }

  @Test
  void badCategoryInputIsExplained() throws Exception {
    Browser trainer = app.signedInAs("trainer");
    trainer.get("/question-bank");
    HttpResponse<String> empty = trainer.post("/question-bank/categories", Map.of("path", " / ", "unit",
        unitId("东湖区").toString()));
    assertEquals(400, empty.statusCode());
    assertTrue(empty.body().contains("请填写分类路径"), empty.body());
    createCategory(trainer, "东湖区/重复", "东湖区");
    HttpResponse<String> twice = trainer.post("/question-bank/categories", Map.of("path", "东湖区/重复", "unit",
        unitId("东湖区").toString()));
    assertEquals(409, twice.statusCode());
    assertTrue(twice.body().contains("该单位已有分类“东湖区 / 重复”"), twice.body());
    assertEquals(404, trainer.get("/question-bank/categories/00000000-0000-0000-0000-000000000000").statusCode());
    assertEquals(404, trainer.get("/question-bank/questions/not-a-uuid").statusCode());
  }
}
