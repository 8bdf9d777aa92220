package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class PracticeHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** The correct option indexes of a question, read from the database (tests know the key; pages do not show it). */
  static List<Integer> key(String questionId) throws Exception {
    return app.answerKey(questionId);
  }

  static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password()); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password())) {
      c.createStatement().execute(sql);
    }
  }

  static int wrongChoice(List<Integer> key) {
    for (int i = 0; i < 5; i++) {
      if (!key.contains(i)) {
        return i;
      }
    }
    throw new AssertionError();
  }

  @Test
  void chapterPracticeInTheBrowserWithFeedbackAndTheMistakeBook() throws Exception {
    Browser b = app.signedInAs("worker");
    HttpResponse<String> hub = b.get("/practice");
    assertEquals(200, hub.statusCode());
    assertTrue(hub.body().contains("社会工作实务(初级)"), "papers are listed");
    assertTrue(hub.body().contains("通用过程") || hub.body().contains("社会工作实务通用过程"));
    HttpResponse<String> started = b.post("/practice/sessions", Map.of("mode", "CHAPTER", "level", "助理社会工作师",
        "paper", "社会工作实务(初级)", "chapter", "02", "order", "ordered"));
    assertEquals(302, started.statusCode(), started.body());
    String sessionUrl = started.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> page = b.get(sessionUrl);
    assertTrue(page.body().contains("第 1 / "), page.body());
    String questionId = field(page.body(), "question");
    int wrong = wrongChoice(key(questionId));

    HttpResponse<String> answered = b.post(sessionUrl + "/answer", Map.of("question", questionId, "choice",
        String.valueOf(wrong)));
    assertEquals(302, answered.statusCode());
    HttpResponse<String> feedback = b.get(answered.headers().firstValue("Location").orElseThrow());
    assertTrue(feedback.body().contains("回答错误"), feedback.body());
    assertTrue(feedback.body().contains("解析"), "the explanation is shown after answering");
    // A question whose explanation rests on a statute says up to when the law was checked.
    boolean checkedLaw = count("SELECT count(*) FROM question WHERE id = '" + questionId
        + "' AND body->>'asOf' = '2026-01'") == 1;
    assertEquals(checkedLaw, feedback.body().contains("法规依据截至 2026年1月"), feedback.body());
    assertTrue(count("SELECT count(*) FROM question WHERE body->>'asOf' IS NOT NULL") > 100, "the sync keeps [asof:] months");
    assertTrue(feedback.body().contains("下一题"));

    HttpResponse<String> again = b.post(sessionUrl + "/answer", Map.of("question", questionId, "choice", "0"));
    assertEquals(302, again.statusCode(), "answering the same question twice does not record a second answer");
    assertEquals(1, count("SELECT count(*) FROM practice_answer WHERE question_id = '" + questionId + "'"));
    assertTrue(b.get(sessionUrl).body().contains("第 2 / "));

    JsonObject overview = new JsonObject(b.get("/api/v1/practice/overview").body());
    assertEquals(1, overview.getInteger("mistakes"));
    assertEquals(1, count("SELECT count(*) FROM learning_event WHERE verb = 'http://adlnet.gov/expapi/verbs/answered' "
        + "AND object_id = (SELECT stable_key FROM question WHERE id = '" + questionId + "')"));

    // Right twice in a row takes it out of the mistake book.
    int right = key(questionId).get(0);
    for (int round = 0; round < 2; round++) {
      JsonObject s = new JsonObject(b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"MISTAKES\"}").body());
      JsonObject current = new JsonObject(b.get("/api/v1/practice/sessions/" + s.getString("id")).body())
          .getJsonObject("question");
      assertEquals(questionId, current.getString("id"));
      JsonObject outcome = new JsonObject(b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
          "{\"questionId\":\"" + questionId + "\",\"response\":{\"choices\":[" + right + "]}}").body());
      assertTrue(outcome.getBoolean("correct"));
      assertEquals(round == 0, outcome.getBoolean("inMistakeBook"));
    }
    assertEquals(409, b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"MISTAKES\"}").statusCode(),
        "the mistake book is empty now");
  }

  @Test
  void apiAnswersCarryTheKeyAndExplanationOnlyAfterAnswering() throws Exception {
    Browser b = app.signedInAs("mentor");
    JsonObject s = new JsonObject(b.json("POST", "/api/v1/practice/sessions",
        "{\"mode\":\"RANDOM\",\"level\":\"社会工作师\",\"paper\":\"社会工作法规与政策(中级)\",\"count\":5}").body());
    assertEquals(5, s.getInteger("total"));
    JsonObject q = new JsonObject(b.get("/api/v1/practice/sessions/" + s.getString("id")).body()).getJsonObject("question");
    assertFalse(q.containsKey("explanationHtml"), "no key before answering");
    q.getJsonArray("options").forEach(o -> assertFalse(((JsonObject) o).containsKey("correct")));
    List<Integer> key = key(q.getString("id"));
    JsonObject outcome = new JsonObject(b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
        "{\"questionId\":\"" + q.getString("id") + "\",\"response\":{\"choices\":" + key + "}}").body());
    assertTrue(outcome.getBoolean("correct"));
    assertEquals(new JsonArray(key), outcome.getJsonArray("correctChoices"));
    assertTrue(outcome.getJsonObject("question").getString("explanationHtml").length() > 20);
    String asOf = outcome.getJsonObject("question").getString("lawAsOf");
    assertTrue(asOf == null || asOf.matches("法规依据截至 \\d{4}年\\d{1,2}月"), asOf);
    assertEquals(400, b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
        "{\"questionId\":\"x\",\"response\":{}}").statusCode());
    assertEquals(400, b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"SLEEPING\"}").statusCode());
  }

  @Test
  void dailyPracticeIsOneSetPerDayAndFavouritesToggle() throws Exception {
    Browser b = app.signedInAs("w002");
    HttpResponse<String> first = b.get("/practice/daily");
    HttpResponse<String> second = b.get("/practice/daily");
    assertEquals(302, first.statusCode());
    assertEquals(first.headers().firstValue("Location"), second.headers().firstValue("Location"));
    String page = b.get(first.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains("/ 10 题"), page);
    String questionId = field(page, "question");
    JsonObject fav = new JsonObject(b.json("POST", "/api/v1/practice/favourites/" + questionId, "{}").body());
    assertTrue(fav.getBoolean("favourite"));
    assertEquals(1, new JsonObject(b.get("/api/v1/practice/overview").body()).getInteger("favourites"));
    assertFalse(new JsonObject(b.json("POST", "/api/v1/practice/favourites/" + questionId, "{}").body())
        .getBoolean("favourite"));
  }

  @Test
  void anotherWorkersSessionIsForbiddenAndStaffCannotPractise() {
    Browser owner = app.signedInAs("w003");
    JsonObject s = new JsonObject(owner.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"RANDOM\"}").body());
    Browser other = app.signedInAs("w004");
    assertEquals(403, other.get("/api/v1/practice/sessions/" + s.getString("id")).statusCode());
    assertEquals(403, other.get("/practice/sessions/" + s.getString("id")).statusCode());
    assertEquals(403, app.signedInAs("organiser").get("/practice").statusCode());
  }

  @Test
  void examGoalPullsReviewsBeforeTheExam() throws Exception {
    Browser b = app.signedInAs("w005");
    JsonObject s = new JsonObject(b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"RANDOM\",\"count\":1}").body());
    JsonObject q = new JsonObject(b.get("/api/v1/practice/sessions/" + s.getString("id")).body()).getJsonObject("question");
    b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
        "{\"questionId\":\"" + q.getString("id") + "\",\"response\":{\"choices\":" + key(q.getString("id")) + "}}");
    // First right answer: learning step, then GOOD again puts it days away; set an exam date 2 days out.
    String examDate = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(5).toString();
    // As if the scheduler had put the next review a month away, after the exam.
    execute("UPDATE question_state SET due_at = now() + interval '30 days', last_review_at = now() - interval '1 day' "
        + "WHERE account_id = (SELECT id FROM account WHERE username = 'w005')");
    b.get("/practice");
    assertEquals(302, b.post("/practice/goal", Map.of("level", "ASSISTANT", "examDate", examDate)).statusCode());
    assertEquals(1, count("SELECT count(*) FROM exam_goal g JOIN account a ON a.id = g.account_id WHERE a.username = 'w005'"));
    assertEquals(1, count("SELECT count(*) FROM question_state s JOIN account a ON a.id = s.account_id "
        + "WHERE a.username = 'w005' AND s.due_at < DATE '" + examDate + "'"), "the review moved before the exam");
    assertEquals(400, b.post("/practice/goal", Map.of("level", "ASSISTANT", "examDate", "2001-01-01")).statusCode());
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no field " + name);
    }
    return m.group(1);
  }

  // ---- issue #12 ----

  /** The questions of an open mock exam cannot be practised (the reply would carry their key) until it is submitted. */
  @Test
  void anOpenExamsQuestionsAreNotPractisableUntilItIsSubmitted() throws Exception {
    Browser b = app.signedInAs("w022");
    JsonObject exam = new JsonObject(b.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"intermediate-policy\"}")
        .body());
    String examId = exam.getString("id");
    String qid = new JsonObject(b.get("/api/v1/mock-exams/" + examId).body()).getJsonArray("questions")
        .getJsonObject(0).getString("id");
    assertEquals(200, b.json("POST", "/api/v1/practice/favourites/" + qid, "{}").statusCode());
    assertEquals(409, b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"FAVOURITES\"}").statusCode(),
        "no favourites to practise while the only one is on the open exam's paper");
    // A session made before the exam began still holds the question: answering it is refused.
    String sessionId = java.util.UUID.randomUUID().toString();
    execute("INSERT INTO practice_session (id, account_id, mode, title, question_ids) SELECT '" + sessionId
        + "', id, 'FAVOURITES', '收藏 · 1 题', ARRAY['" + qid + "'::uuid] FROM account WHERE username = 'w022'");
    JsonObject s = new JsonObject(b.get("/api/v1/practice/sessions/" + sessionId).body());
    HttpResponse<String> answered = b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
        "{\"questionId\":\"" + qid + "\",\"response\":{\"choices\":[0]}}");
    assertEquals(409, answered.statusCode(), answered.body());
    assertFalse(answered.body().contains("correctChoices"));
    assertEquals("exam_open", new JsonObject(answered.body()).getJsonObject("error").getString("code"));
    assertEquals(0, count("SELECT count(*) FROM practice_answer WHERE question_id = '" + qid + "' AND session_id = '"
        + s.getString("id") + "'"));

    assertEquals(200, b.json("POST", "/api/v1/mock-exams/" + examId + "/submit", "{}").statusCode());
    HttpResponse<String> after = b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
        "{\"questionId\":\"" + qid + "\",\"response\":{\"choices\":[0]}}");
    assertEquals(200, after.statusCode(), after.body());
    assertEquals(201, b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"FAVOURITES\"}").statusCode());
  }

  /** A question of a category that only 东湖区 sees is not favourited or practised by a 西岭区 worker. */
  @Test
  void favouritesAndPracticeKeepToTheQuestionsCategoryUnits() throws Exception {
    app.update("""
        INSERT INTO question_category (path, org_unit_id)
        SELECT '{东湖区,测试专用,01 东湖}', id FROM org_unit WHERE name = '东湖区'
        """);
    app.update("""
        INSERT INTO question (stable_key, category_id, type, chapter, name, body, tags, content_hash, source)
        SELECT 'donghu-only-1', c.id, q.type, '01', q.name, q.body, q.tags, 'x', 'EDITOR'
        FROM question q, question_category c
        WHERE q.type = 'SINGLE_CHOICE' AND q.retired_at IS NULL AND c.path = '{东湖区,测试专用,01 东湖}'
        LIMIT 1
        """);
    String qid = (String) app.one("SELECT id::text FROM question WHERE stable_key = 'donghu-only-1'");
    Browser xiling = app.signedInAs("w023");
    assertEquals(404, xiling.json("POST", "/api/v1/practice/favourites/" + qid, "{}").statusCode());
    // Even one favourited earlier (say before the category was narrowed) is not practised.
    execute("INSERT INTO question_state (account_id, question_id, favourite) SELECT id, '" + qid
        + "', true FROM account WHERE username = 'w023'");
    HttpResponse<String> favourites = xiling.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"FAVOURITES\"}");
    assertEquals(409, favourites.statusCode(), favourites.body());
    assertEquals(0, new JsonObject(xiling.get("/api/v1/practice/overview").body()).getInteger("favourites"));
    // Nor answered by its id in a session that holds it (made, say, before the category was narrowed).
    String sessionId = java.util.UUID.randomUUID().toString();
    execute("INSERT INTO practice_session (id, account_id, mode, title, question_ids) SELECT '" + sessionId
        + "', id, 'FAVOURITES', '收藏 · 1 题', ARRAY['" + qid + "'::uuid] FROM account WHERE username = 'w023'");
    HttpResponse<String> answered = xiling.json("POST", "/api/v1/practice/sessions/" + sessionId + "/answers",
        "{\"questionId\":\"" + qid + "\",\"response\":{\"choices\":[0]}}");
    assertEquals(404, answered.statusCode(), answered.body());
    assertFalse(answered.body().contains("correctChoices"), "no key of a question the worker may not see");
    assertEquals(0, count("SELECT count(*) FROM practice_answer WHERE session_id = '" + sessionId + "'"));

    Browser donghu = app.signedInAs("w017");
    assertEquals(200, donghu.json("POST", "/api/v1/practice/favourites/" + qid, "{}").statusCode());
    JsonObject s = new JsonObject(donghu.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"FAVOURITES\"}").body());
    assertEquals(1, s.getInteger("total"));
  }

  @Test
  void aResponseOfTheWrongJsonTypeIsABadRequestAndChangesNothing() throws Exception {
    Browser b = app.signedInAs("w025");
    JsonObject s = new JsonObject(b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"RANDOM\",\"count\":2}").body());
    String qid = new JsonObject(b.get("/api/v1/practice/sessions/" + s.getString("id")).body()).getJsonObject("question")
        .getString("id");
    for (String wrong : List.of("\"abc\"", "[1]", "7", "{\"choices\":\"abc\"}", "{\"choices\":[\"a\"]}",
        "{\"choices\":[null]}", "{\"text\":{}}", "{\"matches\":[1]}")) {
      HttpResponse<String> r = b.json("POST", "/api/v1/practice/sessions/" + s.getString("id") + "/answers",
          "{\"questionId\":\"" + qid + "\",\"response\":" + wrong + "}");
      assertEquals(400, r.statusCode(), wrong + " → " + r.body());
      assertEquals("bad_request", new JsonObject(r.body()).getJsonObject("error").getString("code"), wrong);
    }
    assertEquals(0, count("SELECT count(*) FROM practice_answer WHERE session_id = '" + s.getString("id") + "'"));
    assertEquals(0, new JsonObject(b.get("/api/v1/practice/sessions/" + s.getString("id")).body()).getInteger("position"));
  }

  @Test
  void anEmptyAnswerSaysWhatIsMissing() {
    Browser b = app.signedInAs("w026");
    JsonObject s = new JsonObject(b.json("POST", "/api/v1/practice/sessions", "{\"mode\":\"RANDOM\",\"count\":2}").body());
    String url = "/practice/sessions/" + s.getString("id");
    String questionId = field(b.get(url).body(), "question");
    HttpResponse<String> empty = b.post(url + "/answer", Map.of("question", questionId));
    assertEquals(302, empty.statusCode());
    String page = b.get(empty.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains("请先选择答案"), page);
    assertFalse(b.get(url + "?error=" + java.net.URLEncoder.encode("中奖了", java.nio.charset.StandardCharsets.UTF_8))
        .body().contains("中奖了"));
    assertFalse(b.get("/practice?error=" + java.net.URLEncoder.encode("中奖了", java.nio.charset.StandardCharsets.UTF_8))
        .body().contains("中奖了"), "the practice hub shows only known messages too");
  }

  /** The practice home counts a worker's lists in full: more than 500 reviews due are all counted. */
  @Test
  void theOverviewCountsEveryDueReviewMistakeAndFavourite() throws Exception {
    String account = String.valueOf(app.one("SELECT id FROM account WHERE username = 'w031'"));
    app.update("INSERT INTO question_state (account_id, question_id, attempts, fsrs_state, fsrs_step, stability, "
        + "difficulty, due_at, last_review_at, in_mistake_book, favourite) "
        + "SELECT ?::uuid, q.id, 1, 'REVIEW', 0, 1, 5, now() - interval '1 day', now() - interval '2 days', "
        + "row_number() OVER (ORDER BY q.id) <= 520, row_number() OVER (ORDER BY q.id) <= 510 "
        + "FROM question q JOIN question_category c ON c.id = q.category_id "
        + "WHERE q.retired_at IS NULL AND c.org_unit_id IS NULL ORDER BY q.id LIMIT 600", account);
    Browser b = app.signedInAs("w031");
    JsonObject overview = new JsonObject(b.get("/api/v1/practice/overview").body());
    assertEquals(600, overview.getInteger("dueReviews"));
    assertEquals(520, overview.getInteger("mistakes"));
    assertEquals(510, overview.getInteger("favourites"));
    String home = b.get("/practice").body();
    assertTrue(home.contains("待复习 600 题"), home);
  }
}
