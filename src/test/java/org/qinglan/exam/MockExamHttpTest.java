package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

class MockExamHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    PracticeHttpTest.app = app;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static JsonObject startExam(Browser b, String blueprint) {
    HttpResponse<String> r = b.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"" + blueprint + "\"}");
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> save(Browser b, String exam, String question, String response, long seq) {
    return b.json("PUT", "/api/v1/mock-exams/" + exam + "/answers/" + question,
        "{\"seq\":" + seq + ",\"response\":" + response + "}");
  }

  /**
   * 60 single choice: 40 right, 10 wrong, 10 blank; 20 multiple choice: 5 complete (2 each), 5 with one correct
   * option (0.5 each), 5 with a wrong option (0), 5 blank. By hand: 40 + 10 + 2.5 = 52.5, a fail.
   */
  @Test
  void aWholeExamIsSavedAsAnsweredSurvivesAReloadAndIsScoredByTheExamRules() throws Exception {
    Browser b = app.signedInAs("worker");
    JsonObject exam = startExam(b, "assistant-practice");
    String id = exam.getString("id");
    assertEquals(80, exam.getInteger("questions"));
    assertTrue(exam.getLong("secondsLeft") > 7000 && exam.getLong("secondsLeft") <= 7200);
    JsonArray questions = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions");
    int single = 0;
    int multi = 0;
    long seq = 1;
    for (int i = 0; i < questions.size(); i++) {
      JsonObject q = questions.getJsonObject(i);
      List<Integer> key = PracticeHttpTest.key(q.getString("id"));
      String response = null;
      if (q.getString("type").equals("single-choice")) {
        if (single < 40) {
          response = "{\"choices\":" + key + "}";
        } else if (single < 50) {
          response = "{\"choices\":[" + PracticeHttpTest.wrongChoice(key) + "]}";
        }
        single++;
      } else {
        if (multi < 5) {
          response = "{\"choices\":" + key + "}";
        } else if (multi < 10) {
          response = "{\"choices\":[" + key.get(0) + "]}";
        } else if (multi < 15) {
          response = "{\"choices\":[" + key.get(0) + "," + PracticeHttpTest.wrongChoice(key) + "]}";
        }
        multi++;
      }
      if (response != null) {
        assertEquals(200, save(b, id, q.getString("id"), response, seq++).statusCode());
      }
    }
    assertEquals(60, single);
    assertEquals(20, multi);

    // A reload (or another phone) sees every saved answer.
    JsonArray reloaded = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions");
    assertEquals(65, reloaded.stream().filter(o -> ((JsonObject) o).containsKey("response")).count());
    HttpResponse<String> page = b.get("/mock-exams/" + id);
    assertTrue(page.body().contains("剩余时间"));
    assertTrue(page.body().contains(" checked>"), "saved answers are ticked on the page");

    // An older save arriving late does not replace a newer one.
    JsonObject first = reloaded.getJsonObject(0);
    String firstAnswer = first.getJsonObject("response").encode();
    assertEquals(409, save(b, id, first.getString("id"), "{\"choices\":[3]}", 0).statusCode());
    JsonObject after = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0);
    assertEquals(firstAnswer, after.getJsonObject("response").encode());

    JsonObject result = new JsonObject(b.json("POST", "/api/v1/mock-exams/" + id + "/submit", "{}").body());
    assertEquals(52.5, result.getDouble("score"));
    assertFalse(result.getBoolean("passed"));
    assertFalse(result.getBoolean("autoSubmitted"));
    double chapterSum = result.getJsonArray("byChapter").stream()
        .mapToDouble(o -> ((JsonObject) o).getDouble("score")).sum();
    assertEquals(52.5, chapterSum, 1e-9);

    HttpResponse<String> resultPage = b.get("/mock-exams/" + id);
    assertTrue(resultPage.body().contains("得分 <strong>52.5</strong> / 100"), resultPage.body());
    assertTrue(resultPage.body().contains("不合格"));
    assertTrue(resultPage.body().contains("各章得分"));
    assertEquals(409, save(b, id, first.getString("id"), "{\"choices\":[0]}", 999).statusCode(), "no changes after submit");
    assertTrue(PracticeHttpTest.count("SELECT count(*) FROM learning_event WHERE verb = "
        + "'http://adlnet.gov/expapi/verbs/completed' AND context->>'mockExamId' = '" + id + "'") == 1);
    assertEquals(65, PracticeHttpTest.count("SELECT count(*) FROM practice_answer WHERE mock_exam_id = '" + id + "'"));
  }

  @Test
  void theDeadlineSubmitsTheExamAutomatically() throws Exception {
    Browser b = app.signedInAs("w006");
    String id = startExam(b, "intermediate-policy").getString("id");
    JsonObject q = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0);
    save(b, id, q.getString("id"), "{\"choices\":" + PracticeHttpTest.key(q.getString("id")) + "}", 1);
    PracticeHttpTest.execute("UPDATE mock_exam SET deadline = now() - interval '1 second' WHERE id = '" + id + "'");
    assertEquals(409, save(b, id, q.getString("id"), "{\"choices\":[0]}", 2).statusCode(), "too late to save");
    JsonObject result = new JsonObject(b.get("/api/v1/mock-exams/" + id).body());
    assertTrue(result.getBoolean("submitted"));
    assertTrue(result.getBoolean("autoSubmitted"));
    assertEquals(q.getDouble("marks"), result.getDouble("score"), "the answer saved before the deadline counts");
  }

  @Test
  void overdueExamsAreSubmittedWithoutAnyoneComingBack() throws Exception {
    Browser b = app.signedInAs("w007");
    String id = startExam(b, "intermediate-policy").getString("id");
    PracticeHttpTest.execute("UPDATE mock_exam SET deadline = now() - interval '1 second' WHERE id = '" + id + "'");
    int submitted = org.qinglan.testing.Await.of(mockExams().submitOverdue());
    assertTrue(submitted >= 1);
    assertEquals(1, PracticeHttpTest.count("SELECT count(*) FROM mock_exam WHERE id = '" + id
        + "' AND auto_submitted AND submitted_at IS NOT NULL"));
  }

  @Test
  void refusals() {
    Browser owner = app.signedInAs("w008");
    String id = startExam(owner, "intermediate-policy").getString("id");
    Browser other = app.signedInAs("w009");
    assertEquals(403, other.get("/api/v1/mock-exams/" + id).statusCode());
    assertEquals(403, other.get("/mock-exams/" + id).statusCode());
    assertEquals(400, save(owner, id, "00000000-0000-0000-0000-000000000000", "{\"choices\":[0]}", 1).statusCode(),
        "a question not on the paper");
    assertEquals(400, owner.json("PUT", "/api/v1/mock-exams/" + id + "/answers/00000000-0000-0000-0000-000000000000",
        "{\"response\":{}}").statusCode(), "seq is required");
    assertEquals(400, owner.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"no-such-paper\"}").statusCode());
    assertEquals(403, app.signedInAs("trainer").get("/mock-exams").statusCode());
  }

  @Test
  void theBrowserFormWorksWithoutJavaScript() throws Exception {
    Browser b = app.signedInAs("w010");
    b.get("/mock-exams");
    HttpResponse<String> started = b.post("/mock-exams", Map.of("blueprint", "intermediate-policy"));
    assertEquals(302, started.statusCode(), started.body());
    String url = started.headers().firstValue("Location").orElseThrow();
    String page = b.get(url).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"q-([0-9a-f-]{36})\" value=\"").matcher(page);
    assertTrue(m.find());
    String first = m.group(1);
    List<Integer> key = PracticeHttpTest.key(first);
    java.util.Map<String, String> form = new java.util.HashMap<>();
    form.put("q-" + first, String.valueOf(key.get(0)));
    HttpResponse<String> warned = b.post(url + "/submit", form);
    assertEquals(200, warned.statusCode(), "79 unanswered: asked to confirm first");
    assertTrue(warned.body().contains("还有 79 题未作答"), warned.body());
    assertEquals(0, PracticeHttpTest.count("SELECT count(*) FROM mock_exam WHERE id = '"
        + url.substring(url.lastIndexOf('/') + 1) + "' AND submitted_at IS NOT NULL"));
    HttpResponse<String> submitted = b.post(url + "/submit", Map.of("confirmed", "1"));
    assertEquals(302, submitted.statusCode());
    String result = b.get(url).body();
    assertTrue(result.contains("逐题解析"), result);
    assertTrue(result.contains("得分 <strong>1</strong>") || result.contains("得分 <strong>0.5</strong>"), result);
  }

  private static org.qinglan.exam.mock.MockExamService mockExams() {
    return app.app().mockExams();
  }

  @Test
  void anOpenExamShowsTheQuestionsAsDrawnWhateverATrainerEditsMeanwhile() throws Exception {
    Browser b = app.signedInAs("worker");
    String id = startExam(b, "assistant-practice").getString("id");
    JsonObject first = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0);
    String qid = first.getString("id");
    String drawnStem = first.getString("stemHtml");
    // A trainer's edit, as the question editor stores it: the old version kept, the new one current.
    app.update("INSERT INTO question_revision (question_id, revision, body, tags) "
        + "SELECT id, revision, body, tags FROM question WHERE id = ?::uuid", qid);
    app.update("UPDATE question SET body = jsonb_set(body, '{stem,text}', '\"考试中途改过的题干\"'), "
        + "revision = revision + 1 WHERE id = ?::uuid", qid);
    JsonObject again = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0);
    assertEquals(drawnStem, again.getString("stemHtml"), "the question as drawn");
    assertFalse(b.get("/mock-exams/" + id).body().contains("考试中途改过的题干"), "the exam page too");
  }

  // ---- issue #12 ----

  /** Every save acknowledged while a submit races it is in the scored answers; the others are refused. */
  @Test
  void aSaveRacingTheSubmitIsEitherScoredOrRefused() throws Exception {
    String[] workers = {"w015", "w016", "w017"};
    for (String worker : workers) {
      Browser b = app.signedInAs(worker);
      String id = startExam(b, "intermediate-policy").getString("id");
      JsonArray questions = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions");
      int saves = 40;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(saves + 1);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<HttpResponse<String>>> replies = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < saves; i++) {
          String qid = questions.getJsonObject(i).getString("id");
          replies.add(pool.submit(() -> {
            go.await();
            return save(b, id, qid, "{\"choices\":[0]}", 1);
          }));
        }
        java.util.concurrent.Future<HttpResponse<String>> submit = pool.submit(() -> {
          go.await();
          return b.json("POST", "/api/v1/mock-exams/" + id + "/submit", "{}");
        });
        go.countDown();
        assertEquals(200, submit.get().statusCode());
        java.util.Set<String> scored = new java.util.HashSet<>();
        for (Object[] row : app.rows("SELECT question_id::text FROM practice_answer WHERE mock_exam_id = ?::uuid", id)) {
          scored.add((String) row[0]);
        }
        for (int i = 0; i < saves; i++) {
          HttpResponse<String> r = replies.get(i).get();
          String qid = questions.getJsonObject(i).getString("id");
          if (r.statusCode() == 200) {
            assertTrue(new JsonObject(r.body()).getBoolean("saved"));
            assertTrue(scored.contains(qid), worker + ": acknowledged save of question " + i + " was not scored");
          } else {
            assertEquals(409, r.statusCode(), r.body());
            assertEquals("exam_submitted", new JsonObject(r.body()).getJsonObject("error").getString("code"));
            assertFalse(scored.contains(qid));
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aLowerSeqIsRefusedAndSaysWhichSeqStands() throws Exception {
    Browser b = app.signedInAs("w018");
    String id = startExam(b, "intermediate-policy").getString("id");
    String qid = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0)
        .getString("id");
    HttpResponse<String> first = save(b, id, qid, "{\"choices\":[1]}", 2000);
    assertEquals(200, first.statusCode());
    assertEquals(2000, new JsonObject(first.body()).getLong("seq"));
    HttpResponse<String> stale = save(b, id, qid, "{\"choices\":[2]}", 1000);
    assertEquals(409, stale.statusCode(), stale.body());
    JsonObject body = new JsonObject(stale.body());
    assertEquals("stale_seq", body.getJsonObject("error").getString("code"));
    assertEquals(2000, body.getLong("seq"));
    assertEquals(1, PracticeHttpTest.count("SELECT count(*) FROM mock_exam_answer WHERE mock_exam_id = '" + id
        + "' AND seq = 2000 AND response = '{\"choices\":[1]}'::jsonb"));
    // The page and the API say which seq the server holds, so a page can count on from there.
    assertEquals(2000, new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getLong("seq"));
    assertTrue(b.get("/mock-exams/" + id).body().contains("data-seq=\"2000\""));
    assertEquals(200, save(b, id, qid, "{\"choices\":[2]}", 2001).statusCode());
  }

  @Test
  void textAnswersAreCappedAndMistypedResponsesAreRefused() throws Exception {
    Browser b = app.signedInAs("w019");
    String id = startExam(b, "intermediate-policy").getString("id");
    String qid = new JsonObject(b.get("/api/v1/mock-exams/" + id).body()).getJsonArray("questions").getJsonObject(0)
        .getString("id");
    String huge = "{\"text\":\"" + "长".repeat(10_001) + "\"}";
    HttpResponse<String> r = save(b, id, qid, huge, 1);
    assertEquals(400, r.statusCode());
    assertEquals("bad_request", new JsonObject(r.body()).getJsonObject("error").getString("code"));
    for (String wrong : List.of("\"abc\"", "[1]", "12", "{\"choices\":\"abc\"}", "{\"choices\":[\"a\"]}",
        "{\"choices\":[1.5]}", "{\"choices\":[-1]}", "{\"text\":[1]}", "{\"matches\":\"x\"}")) {
      HttpResponse<String> refused = save(b, id, qid, wrong, 2);
      assertEquals(400, refused.statusCode(), wrong + " → " + refused.body());
      assertEquals("bad_request", new JsonObject(refused.body()).getJsonObject("error").getString("code"), wrong);
    }
    assertEquals(0, PracticeHttpTest.count("SELECT count(*) FROM mock_exam_answer WHERE mock_exam_id = '" + id + "'"));
    assertEquals(200, save(b, id, qid, "{\"text\":\"" + "长".repeat(10_000) + "\"}", 3).statusCode());
  }

  @Test
  void theListShowsOnlyKnownErrorMessages() {
    Browser b = app.signedInAs("w020");
    String page = b.get("/mock-exams?error=" + java.net.URLEncoder.encode("请拨打客服电话 400-000-0000 领取奖品",
        java.nio.charset.StandardCharsets.UTF_8)).body();
    assertFalse(page.contains("领取奖品"), "text from the URL is not shown");
    assertTrue(b.get("/mock-exams?error=bank_too_small").body().contains("题库"), "a known code shows its message");
  }

  @Test
  void aTileAsksBeforeTheClockStarts() throws Exception {
    Browser b = app.signedInAs("w021");
    String list = b.get("/mock-exams").body();
    assertTrue(list.contains("href=\"/mock-exams/new/intermediate-policy\""), list);
    HttpResponse<String> confirm = b.get("/mock-exams/new/intermediate-policy");
    assertEquals(200, confirm.statusCode());
    assertTrue(confirm.body().contains("120 分钟") && confirm.body().contains("80 题")
        && confirm.body().contains("60 分合格") && confirm.body().contains("开始考试"), confirm.body());
    assertEquals(0, PracticeHttpTest.count("SELECT count(*) FROM mock_exam e JOIN account a ON a.id = e.account_id "
        + "WHERE a.username = 'w021'"), "no clock yet");
    assertEquals(404, b.get("/mock-exams/new/no-such-paper").statusCode());
  }

  @Test
  void theSeniorPracticePaperIsListedAndDrawsFourCasesAndAnEssay() {
    Browser b = app.signedInAs("w029");
    String list = b.get("/mock-exams").body();
    assertTrue(list.contains("href=\"/mock-exams/new/senior-practice\"") && list.contains("社会工作实务(高级)")
        && list.contains("高级社会工作师"), list);
    JsonObject exam = startExam(b, "senior-practice");
    assertEquals(5, exam.getInteger("questions"));
    assertTrue(exam.getLong("secondsLeft") > 10700 && exam.getLong("secondsLeft") <= 10800);
    JsonArray questions = new JsonObject(b.get("/api/v1/mock-exams/" + exam.getString("id")).body())
        .getJsonArray("questions");
    assertEquals(5, questions.size());
    for (int i = 0; i < questions.size(); i++) {
      assertEquals(20.0, questions.getJsonObject(i).getDouble("marks"), questions.getJsonObject(i).encode());
    }
    assertTrue(b.get("/practice/cases").body().contains("社会工作实务(高级)"), "the cases are there to practise");
  }

  /** The history is paged: {@code total} counts every exam, not only the 30 a page shows. */
  @Test
  void historyPastThirtyExamsIsPagedWithTheRightTotal() throws Exception {
    Browser b = app.signedInAs("w030");
    String id = startExam(b, "assistant-practice").getString("id");
    assertEquals(200, b.json("POST", "/api/v1/mock-exams/" + id + "/submit", "{}").statusCode());
    // 34 more past exams like it, each a minute older than the one before.
    app.update("INSERT INTO mock_exam (id, account_id, blueprint_id, title, paper, max_score, pass_mark, started_at, "
        + "deadline, submitted_at, auto_submitted, score, passed, by_chapter) "
        + "SELECT gen_random_uuid(), account_id, blueprint_id, title, paper, max_score, pass_mark, "
        + "started_at - n * interval '1 minute', deadline, submitted_at, auto_submitted, score, passed, by_chapter "
        + "FROM mock_exam CROSS JOIN generate_series(1, 34) AS n WHERE id = ?::uuid", id);

    JsonObject first = new JsonObject(b.get("/api/v1/mock-exams").body());
    assertEquals(35, first.getInteger("total"));
    assertEquals(1, first.getInteger("page"));
    assertEquals(30, first.getInteger("size"));
    assertEquals(30, first.getJsonArray("items").size());
    assertEquals(id, first.getJsonArray("items").getJsonObject(0).getString("id"), "newest first");

    JsonObject second = new JsonObject(b.get("/api/v1/mock-exams?page=2").body());
    assertEquals(35, second.getInteger("total"));
    assertEquals(5, second.getJsonArray("items").size());

    JsonObject small = new JsonObject(b.get("/api/v1/mock-exams?page=4&size=10").body());
    assertEquals(10, small.getInteger("size"));
    assertEquals(5, small.getJsonArray("items").size());

    String page = b.get("/mock-exams?page=2").body();
    assertTrue(page.contains("第 2 / 2 页，共 35 次"), page);
  }
}
