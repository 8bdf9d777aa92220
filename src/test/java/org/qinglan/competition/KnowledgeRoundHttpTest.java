package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.RoundFixtures.Contestant;
import org.qinglan.testing.Await;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** The online knowledge round end to end over HTTP, on the real PostgreSQL. */
class KnowledgeRoundHttpTest {
  static TestApp app;
  static RoundFixtures fx;
  static Browser organiser;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    fx = new RoundFixtures(app);
    organiser = app.signedInAs("organiser");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** Results by username: rank, tied, points, correct, total ms, advances. */
  private static Map<String, Object[]> results(String round) throws Exception {
    Map<String, Object[]> out = new HashMap<>();
    for (Object[] r : app.rows("""
        SELECT a.username, res.rank, res.tied, res.points, res.correct, res.total_ms, res.advances
        FROM competition_result res JOIN account a ON a.id = res.account_id WHERE res.round_id = ?::uuid
        """, round)) {
      out.put((String) r[0], new Object[] {r[1], r[2], r[3], r[4], r[5], r[6]});
    }
    return out;
  }

  /**
   * Correct answers then time, with the tie-break "fewer wrong": four contestants, three single
   * choices and a multiple choice (the exam rule), times pinned. By hand:
   * worker 5 marks in 40 s; w001 5 marks in 80 s; w003 4 marks, no wrong answer, 3 × 10 s + 60 s
   * for the unanswered one = 90 s; w002 4 marks, one wrong, 4 × 22.5 s = 90 s. So worker, w001,
   * w003 (fewer wrong), w002; the top 2 advance, and only they may begin the next round.
   */
  @Test
  void correctThenTimeRanksByMarksThenTimeBreaksTiesByFewerWrongAndWritesWhoAdvances() throws Exception {
    UUID c = fx.competition("知识赛排名", "RUNNING");
    fx.register(c, "worker", "w001", "w002", "w003");
    List<String> singles = fx.questions("SINGLE_CHOICE", 3);
    String multi = fx.questions("MULTIPLE_CHOICE", 1).get(0);
    List<String> ids = List.of(singles.get(0), singles.get(1), singles.get(2), multi);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("第一轮 知识赛", "CORRECT_THEN_TIME",
        "FEWER_WRONG", ids).put("advancement", new JsonObject().put("kind", "TOP_N").put("value", 2)));
    String next = fx.declare(organiser, c, RoundFixtures.knowledge("第二轮 知识赛", "CORRECT_THEN_TIME",
        "NONE", ids));
    JsonObject opened = RoundFixtures.open(organiser, round);
    assertEquals("OPEN", opened.getString("state"));
    assertEquals(4, fx.count("SELECT count(*) FROM competition_round_question WHERE round_id = ?::uuid", round));

    Map<String, Contestant> who = new HashMap<>();
    for (String u : List.of("worker", "w001", "w002", "w003")) {
      who.put(u, fx.contestant(u, "phone-" + u));
      JsonObject sitting = who.get(u).sitting(round);
      assertEquals(4, sitting.getJsonArray("questions").size());
    }
    long seq = 1;
    for (String u : List.of("worker", "w001")) {
      for (String q : ids) {
        assertEquals(200, who.get(u).answer(round, q, seq++, fx.key(q)).statusCode());
      }
    }
    Contestant w002 = who.get("w002");
    w002.answer(round, singles.get(0), seq++, fx.key(singles.get(0)));
    w002.answer(round, singles.get(1), seq++, fx.key(singles.get(1)));
    w002.answer(round, singles.get(2), seq++, fx.wrong(singles.get(2)));
    assertEquals(200, w002.answer(round, multi, seq++, fx.key(multi)).statusCode());
    Contestant w003 = who.get("w003");
    w003.answer(round, singles.get(0), seq++, fx.key(singles.get(0)));
    w003.answer(round, singles.get(1), seq++, fx.key(singles.get(1)));
    w003.answer(round, multi, seq++, fx.key(multi));
    fx.answerTimes(round, "worker", 10_000);
    fx.answerTimes(round, "w001", 20_000);
    fx.answerTimes(round, "w002", 22_500);
    fx.answerTimes(round, "w003", 10_000);

    // The live standings (organisers only) already rank them so.
    JsonObject live = new JsonObject(organiser.get("/api/v1/rounds/" + round + "/standings").body());
    assertEquals(4, live.getJsonObject("counts").getInteger("entered"));
    assertEquals(List.of("林小雨", 5.0), List.of(live.getJsonArray("items").getJsonObject(0).getString("name"),
        live.getJsonArray("items").getJsonObject(0).getDouble("points")));
    assertTrue(live.getString("rule").contains("答错题数少者名次在前"), live.getString("rule"));

    assertEquals(200, who.get("worker").submit(round).statusCode(), "one hands in; the close hands in the rest");
    JsonObject closed = RoundFixtures.close(organiser, round);
    assertEquals("CLOSED", closed.getString("state"));

    Map<String, Object[]> res = results(round);
    assertEquals(4, res.size());
    assertEquals(List.of(1, 2, 3, 4), List.of(res.get("worker")[0], res.get("w001")[0], res.get("w003")[0],
        res.get("w002")[0]));
    assertEquals(List.of(5.0, 5.0, 4.0, 4.0), List.of(res.get("worker")[2], res.get("w001")[2], res.get("w003")[2],
        res.get("w002")[2]));
    assertEquals(List.of(40_000L, 80_000L, 90_000L, 90_000L), List.of(res.get("worker")[4], res.get("w001")[4],
        res.get("w003")[4], res.get("w002")[4]));
    assertEquals(List.of(true, true, false, false), List.of(res.get("worker")[5], res.get("w001")[5],
        res.get("w003")[5], res.get("w002")[5]));
    assertEquals(1, fx.count("SELECT count(*) FROM competition_entry WHERE round_id = ?::uuid AND NOT auto_submitted",
        round));
    assertEquals(3, fx.count("SELECT count(*) FROM competition_entry WHERE round_id = ?::uuid AND auto_submitted",
        round), "handed in at the close");
    assertEquals(4, fx.count("SELECT count(*) FROM learning_event WHERE object_type = 'competition-round' "
        + "AND object_id = ?", round), "one learning event per entry");
    assertEquals(2, fx.count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action IN "
        + "('competition.round.open', 'competition.round.close')", c.toString()));

    // The final standings say who advances; after the close an answer is refused.
    JsonObject fin = new JsonObject(organiser.get("/api/v1/rounds/" + round + "/standings").body());
    assertTrue(fin.getBoolean("final"));
    assertTrue(fin.getJsonArray("items").getJsonObject(0).getBoolean("advances"));
    assertEquals(409, w003.answer(round, singles.get(2), seq++, fx.key(singles.get(2))).statusCode());

    // The next round: only those who advanced may begin it.
    RoundFixtures.open(organiser, next);
    HttpResponse<String> refused = w003.begin(next);
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("not_advanced") && refused.body().contains("没有从上一轮晋级"), refused.body());
    assertEquals(200, who.get("worker").begin(next).statusCode());
  }

  /**
   * Speed points with streaks (Kahoot's formula), and the tie-break "earlier hand-in". Three single
   * choices of 60 s each. w004: right at 0 s (1000), right at 30 s (750 + 100 streak), right at 60 s
   * (500 + 200) = 2550. w009 and w010 the same: right at 30 s (750), wrong, right at 0 s (1000) = 1750,
   * w009 handing in first.
   */
  @Test
  void speedPointsRewardFastAnswersAndStreaksAndTheEarlierHandInBreaksATie() throws Exception {
    UUID c = fx.competition("速度积分赛", "RUNNING");
    fx.register(c, "w004", "w009", "w010");
    List<String> qs = fx.questions("SINGLE_CHOICE", 3);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("抢速知识赛", "SPEED_POINTS",
        "EARLIER_SUBMISSION", qs));
    RoundFixtures.open(organiser, round);
    Contestant w004 = fx.contestant("w004", "phone-w004");
    Contestant w009 = fx.contestant("w009", "phone-w009");
    Contestant w010 = fx.contestant("w010", "phone-w010");
    long seq = 1;
    for (Contestant x : List.of(w004, w009, w010)) {
      x.sitting(round);
    }
    for (String q : qs) {
      w004.answer(round, q, seq++, fx.key(q));
    }
    for (Contestant x : List.of(w009, w010)) {
      x.answer(round, qs.get(0), seq++, fx.key(qs.get(0)));
      x.answer(round, qs.get(1), seq++, fx.wrong(qs.get(1)));
      x.answer(round, qs.get(2), seq++, fx.key(qs.get(2)));
    }
    fx.answerTime(round, "w004", qs.get(0), 0);
    fx.answerTime(round, "w004", qs.get(1), 30_000);
    fx.answerTime(round, "w004", qs.get(2), 60_000);
    for (String u : List.of("w009", "w010")) {
      fx.answerTime(round, u, qs.get(0), 30_000);
      fx.answerTime(round, u, qs.get(1), 10_000);
      fx.answerTime(round, u, qs.get(2), 0);
    }
    assertEquals(200, w009.submit(round).statusCode());
    assertEquals(200, w010.submit(round).statusCode());
    JsonObject submitted = new JsonObject(w004.submit(round).body());
    assertTrue(submitted.getBoolean("submitted"));
    assertFalse(submitted.containsKey("points"), "no score before the results are published");
    RoundFixtures.close(organiser, round);
    Map<String, Object[]> res = results(round);
    assertEquals(List.of(2550.0, 1750.0, 1750.0), List.of(res.get("w004")[2], res.get("w009")[2], res.get("w010")[2]));
    assertEquals(List.of(1, 2, 3), List.of(res.get("w004")[0], res.get("w009")[0], res.get("w010")[0]));
    assertEquals(List.of(false, false, false), List.of(res.get("w004")[1], res.get("w009")[1], res.get("w010")[1]),
        "the earlier hand-in breaks the tie");
  }

  /** A quota per team: each street's best goes on, whatever the others scored. */
  @Test
  void aQuotaPerTeamAdvancesEachTeamsBest() throws Exception {
    UUID c = fx.competition("街道团体", "RUNNING", "STREET");
    fx.registerInTeam(c, "w001", "望江街道");
    fx.registerInTeam(c, "w002", "望江街道");
    fx.registerInTeam(c, "w003", "柳营街道");
    fx.registerInTeam(c, "w004", "柳营街道");
    List<String> qs = fx.questions("SINGLE_CHOICE", 14).subList(12, 14);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("团体知识赛", "CORRECT_THEN_TIME", "NONE", qs)
        .put("advancement", new JsonObject().put("kind", "QUOTA_PER_TEAM").put("value", 1)));
    RoundFixtures.open(organiser, round);
    long seq = 1;
    // 望江: w001 two right, w002 one; 柳营: w003 one right, w004 none. w002 ranks above w004 but w004's team is another.
    Map<String, Integer> right = Map.of("w001", 2, "w002", 1, "w003", 1, "w004", 0);
    for (String u : List.of("w001", "w002", "w003", "w004")) {
      Contestant x = fx.contestant(u, "phone-team-" + u);
      x.sitting(round);
      for (int i = 0; i < 2; i++) {
        String q = qs.get(i);
        assertEquals(200, x.answer(round, q, seq++, i < right.get(u) ? fx.key(q) : fx.wrong(q)).statusCode());
      }
      fx.answerTimes(round, u, 5_000);
    }
    RoundFixtures.close(organiser, round);
    Map<String, Object[]> res = results(round);
    assertEquals(List.of(true, false, true, false), List.of(res.get("w001")[5], res.get("w002")[5], res.get("w003")[5],
        res.get("w004")[5]));
    assertEquals(List.of(1, 2, 2, 4), List.of(res.get("w001")[0], res.get("w002")[0], res.get("w003")[0],
        res.get("w004")[0]));
  }

  @Test
  void aSecondDeviceTakesOverAndTheFirstIsRefusedWithTheReason() throws Exception {
    UUID c = fx.competition("换设备", "RUNNING");
    fx.register(c, "w011");
    String q = fx.questions("SINGLE_CHOICE", 2).get(1);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE",
        List.of(q)));
    RoundFixtures.open(organiser, round);
    Contestant phone = fx.contestant("w011", "phone-aaaaaaaa");
    JsonObject first = phone.sitting(round);
    assertEquals(200, phone.answer(round, q, 1, fx.key(q)).statusCode());
    Contestant tablet = phone.on("tablet-bbbbbbbb");
    JsonObject second = tablet.sitting(round);
    assertEquals(1, second.getJsonObject("entry").getInteger("takeovers"));
    assertEquals(first.getJsonObject("entry").getString("deadline"), second.getJsonObject("entry").getString("deadline"),
        "the clock is the entry's, whatever the device");
    assertEquals(1, second.getJsonObject("answers").size(), "the answer given on the phone is there");
    HttpResponse<String> refused = phone.answer(round, q, 2, fx.wrong(q));
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("device_taken_over") && refused.body().contains("另一台设备"), refused.body());
    assertEquals(200, tablet.answer(round, q, 3, fx.key(q)).statusCode());
    assertEquals(1, fx.count("""
        SELECT count(*) FROM competition_entry_note n JOIN competition_entry e ON e.id = n.entry_id
        WHERE e.round_id = ?::uuid AND n.kind = 'TAKEOVER'""", round));
    assertEquals(409, phone.submit(round).statusCode(), "nor may the phone hand in");
    // Visibility notes come from the active device and are counted beside the entry, nothing more.
    assertEquals(200, tablet.note(round, "PAGE_HIDDEN").statusCode());
    assertEquals(200, tablet.note(round, "PAGE_SHOWN").statusCode());
    assertEquals(400, tablet.note(round, "GONE").statusCode());
    JsonObject row = new JsonObject(organiser.get("/api/v1/rounds/" + round + "/standings").body()).getJsonArray("items")
        .getJsonObject(0);
    assertEquals(new JsonObject().put("pageHidden", 1).put("takeovers", 1), row.getJsonObject("notes"));
    assertEquals(1.0, row.getDouble("points"), "a note is not a disqualification");
  }

  @Test
  void aReconnectResumesWithTheClockStillRunningAndAnOlderSeqNeverOverwritesANewerOne() throws Exception {
    UUID c = fx.competition("断线重连", "RUNNING");
    fx.register(c, "w012");
    List<String> qs = fx.questions("SINGLE_CHOICE", 4).subList(2, 4);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    RoundFixtures.open(organiser, round);
    Contestant phone = fx.contestant("w012", "phone-cccccccc");
    JsonObject first = phone.sitting(round);
    long secondsLeft = first.getJsonObject("entry").getLong("secondsLeft");
    assertTrue(secondsLeft > 29 * 60 && secondsLeft <= 30 * 60, first.encode());
    String q = qs.get(0);
    assertEquals(new JsonObject().put("saved", true).put("seq", 5),
        new JsonObject(phone.answer(round, q, 5, fx.key(q)).body()));
    // An older save arriving late: acknowledged as superseded, the newer answer stays.
    HttpResponse<String> older = phone.answer(round, q, 3, fx.wrong(q));
    assertEquals(200, older.statusCode());
    JsonObject o = new JsonObject(older.body());
    assertEquals(List.of(false, true, 5L), List.of(o.getBoolean("saved"), o.getBoolean("superseded"), o.getLong("seq")));
    // The same save sent again (its reply was lost) stands as stored.
    assertEquals(new JsonObject().put("saved", true).put("seq", 5),
        new JsonObject(phone.answer(round, q, 5, fx.key(q)).body()));
    assertEquals(1.0, (Double) app.one("""
        SELECT a.earned FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id
        WHERE e.round_id = ?::uuid AND a.question_id = ?::uuid""", round, q));

    // Five minutes pass (the entry's clock moved back as time would move it on) and the phone reconnects.
    app.update("UPDATE competition_entry SET started_at = started_at - interval '5 minutes', "
        + "deadline = deadline - interval '5 minutes' WHERE round_id = ?::uuid", round);
    String deadline = app.one("SELECT deadline FROM competition_entry WHERE round_id = ?::uuid", round).toString();
    JsonObject again = phone.sitting(round);
    assertTrue(again.getJsonObject("entry").getLong("secondsLeft") <= 25 * 60, again.encode());
    assertEquals(0, fx.count("SELECT takeovers FROM competition_entry WHERE round_id = ?::uuid", round));
    assertEquals(deadline, app.one("SELECT deadline FROM competition_entry WHERE round_id = ?::uuid", round).toString(),
        "resuming keeps the deadline");
    assertEquals(5L, again.getLong("seq"), "the page counts its saves on from the highest stored");
    JsonObject saved = again.getJsonObject("answers").getJsonObject(q);
    Set<Integer> shownKey = OptionShuffle.of(round, fx.accountId("w012").toString(), q, fx.optionCount(q))
        .toShown(fx.key(q));
    assertEquals(new JsonArray(List.copyOf(shownKey)), saved.getJsonArray("choices"), "given back as it was shown");
  }

  @Test
  void anAnswerAfterTheDeadlineIsRefusedAndAnEntryNobodyReturnsToIsHandedInAtItsDeadline() throws Exception {
    UUID c = fx.competition("超时", "RUNNING");
    fx.register(c, "w017", "w018");
    List<String> qs = fx.questions("SINGLE_CHOICE", 6).subList(4, 6);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    RoundFixtures.open(organiser, round);
    Contestant late = fx.contestant("w017", "phone-dddddddd");
    late.sitting(round);
    assertEquals(200, late.answer(round, qs.get(0), 1, fx.key(qs.get(0))).statusCode());
    Contestant gone = fx.contestant("w018", "phone-eeeeeeee");
    gone.sitting(round);
    assertEquals(200, gone.answer(round, qs.get(0), 1, fx.key(qs.get(0))).statusCode());
    app.update("UPDATE competition_entry SET deadline = now() - interval '1 second' WHERE round_id = ?::uuid", round);

    HttpResponse<String> refused = late.answer(round, qs.get(1), 2, fx.key(qs.get(1)));
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("time_up") && refused.body().contains("作答时间已到"), refused.body());
    assertEquals(1, fx.count("""
        SELECT count(*) FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id
        WHERE e.round_id = ?::uuid AND e.account_id = ?""", round, fx.accountId("w017")), "nothing stored");

    // Nobody comes back: the node's periodic job hands both in, at their deadline, with what was saved in time.
    Await.of(app.app().knowledgeRounds().closeAndSubmitDue());
    for (Object[] r : app.rows("SELECT auto_submitted, points, submitted_at = deadline FROM competition_entry "
        + "WHERE round_id = ?::uuid", round)) {
      assertEquals(List.of(true, 1.0, true), Arrays.asList(r));
    }
    assertEquals(2, fx.count("SELECT count(*) FROM learning_event WHERE object_id = ? AND context ->> 'autoSubmitted' = "
        + "'true'", round));
    JsonObject resumed = late.sitting(round);
    assertTrue(resumed.getJsonObject("entry").getBoolean("submitted"));
    assertFalse(resumed.containsKey("questions"), "a handed-in entry shows no paper again");

    // And a round whose closing moment passed closes by itself.
    app.update("UPDATE competition_round SET closes_at = now() - interval '1 second' WHERE id = ?::uuid", round);
    Await.of(app.app().knowledgeRounds().closeAndSubmitDue());
    assertEquals("CLOSED", app.one("SELECT state FROM competition_round WHERE id = ?::uuid", round));
    assertEquals(2, fx.count("SELECT count(*) FROM competition_result WHERE round_id = ?::uuid", round));
    assertEquals(1, fx.count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = "
        + "'competition.round.close' AND actor_id IS NULL AND (detail ->> 'automatic')::boolean", c.toString()));
  }

  @Test
  void theContestantSeesNoKeyNoStandingsNoOtherAnswersAndNoReviewBeforePublication() throws Exception {
    UUID c = fx.competition("保密", "RUNNING");
    fx.register(c, "w019", "w020");
    List<String> qs = List.of(fx.questions("SINGLE_CHOICE", 8).get(7), fx.questions("MULTIPLE_CHOICE", 2).get(1));
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE", qs));
    RoundFixtures.open(organiser, round);
    Contestant a = fx.contestant("w019", "phone-ffffffff");
    JsonObject sitting = a.sitting(round);
    String paper = sitting.encode();
    for (String secret : List.of("correct", "explanation", "key", "rubric", "fraction")) {
      assertFalse(paper.contains(secret), secret + " in " + paper);
    }
    String multi = qs.get(1);
    assertNotEquals(-1, paper.indexOf(multi));
    a.answer(round, qs.get(0), 1, fx.key(qs.get(0)));
    a.answer(round, multi, 2, fx.key(multi));
    Contestant b = fx.contestant("w020", "phone-gggggggg");
    JsonObject other = b.sitting(round);
    assertEquals(0, other.getJsonObject("answers").size(), "another's answers are never shown");
    assertEquals(403, b.browser.get("/api/v1/rounds/" + round + "/standings").statusCode());
    assertEquals(403, b.browser.get("/rounds/" + round + "/live").statusCode());
    HttpResponse<String> review = b.browser.get("/rounds/" + round + "/review");
    assertEquals(403, review.statusCode());
    assertTrue(review.body().contains("成绩公布后"), review.body());
    assertEquals(200, b.browser.get("/rounds/" + round + "/play").statusCode());
    assertTrue(b.browser.get("/rounds/" + round + "/play").body().contains("data-round=\"" + round + "\""));

    RoundFixtures.close(organiser, round);
    assertEquals(403, a.browser.get("/rounds/" + round + "/review").statusCode(), "closed is not published");
    fx.stage(c, "RESULTS_PUBLISHED");
    HttpResponse<String> published = a.browser.get("/rounds/" + round + "/review");
    assertEquals(200, published.statusCode(), published.body());
    assertTrue(published.body().contains("第 <strong>1</strong> 名"), published.body());
    assertTrue(published.body().contains("正确答案") && published.body().contains("解析"), published.body());
    // The options as this contestant saw them: the key's letters are the shown positions.
    Set<Integer> shown = OptionShuffle.of(round, a.accountId.toString(), multi, fx.optionCount(multi)).toShown(fx.key(multi));
    StringBuilder letters = new StringBuilder();
    shown.forEach(i -> letters.append((char) ('A' + i)));
    assertTrue(published.body().contains("正确答案 " + letters + " · 你的答案 " + letters), published.body());
  }

  @Test
  void refusals() throws Exception {
    UUID c = fx.competition("拒绝", "RUNNING");
    fx.register(c, "w025");
    String q = fx.questions("SINGLE_CHOICE", 10).get(9);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE",
        List.of(q)));
    Browser otherDistrict = app.signedInAs("organiser2");
    assertEquals(403, otherDistrict.json("POST", "/api/v1/rounds/" + round + "/opening", "{}").statusCode());
    RoundFixtures.open(organiser, round);
    assertEquals(409, organiser.json("POST", "/api/v1/rounds/" + round + "/opening", "{}").statusCode(), "open already");
    assertEquals(403, otherDistrict.json("POST", "/api/v1/rounds/" + round + "/closing", "{}").statusCode());
    assertEquals(403, otherDistrict.get("/api/v1/rounds/" + round + "/standings").statusCode());
    assertEquals(403, otherDistrict.get("/api/v1/rounds/" + round + "/events").statusCode());
    assertEquals(403, otherDistrict.get("/rounds/" + round + "/live").statusCode());
    assertEquals(403, otherDistrict.post("/rounds/" + round + "/closing", Map.of()).statusCode());

    HttpResponse<String> notRegistered = fx.contestant("w026", "phone-hhhhhhhh").begin(round);
    assertEquals(403, notRegistered.statusCode());
    assertTrue(notRegistered.body().contains("not_registered"), notRegistered.body());
    // A worker of 西岭区 is not someone this 东湖区 competition was set up for.
    assertEquals(403, fx.contestant("w005", "phone-iiiiiiii").begin(round).statusCode());
    Contestant w025 = fx.contestant("w025", "phone-jjjjjjjj");
    HttpResponse<String> noDevice = w025.browser.json("POST", "/api/v1/rounds/" + round + "/entry", "{}");
    assertEquals(400, noDevice.statusCode());
    assertTrue(noDevice.body().contains("X-Qinglan-Device"), noDevice.body());
    w025.sitting(round);
    HttpResponse<String> notInPaper = w025.save(round, UUID.randomUUID().toString(), 1, List.of(0));
    assertEquals(400, notInPaper.statusCode());
    assertTrue(notInPaper.body().contains("not_in_paper"), notInPaper.body());
    assertEquals(400, w025.save(round, q, 1, List.of(0, 1)).statusCode(), "one option of a single choice");
    assertEquals(400, w025.save(round, q, 1, List.of(9)).statusCode(), "no such option");
    assertEquals(400, w025.browser.jsonWithHeaders("PUT", "/api/v1/rounds/" + round + "/entry/answers/" + q,
        "{\"response\":{\"choices\":[0]}}", Map.of("X-Qinglan-Device", w025.device)).statusCode(), "seq is required");
    assertEquals(0, fx.count("SELECT count(*) FROM competition_answer a JOIN competition_entry e ON e.id = a.entry_id "
        + "WHERE e.round_id = ?::uuid", round), "nothing stored");
    assertEquals(403, app.signedInAs("trainer").json("POST", "/api/v1/rounds/" + round + "/entry", "{}").statusCode());

    // The page forms: organisers of the competition open and close with the CSRF token.
    RoundFixtures.close(organiser, round);
    HttpResponse<String> again = organiser.post("/rounds/" + round + "/closing", Map.of());
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("本轮已经结束"), again.body());
    assertEquals(403, organiser.postRaw("/rounds/" + round + "/closing", Map.of()).statusCode(), "no CSRF token");
  }

  @Test
  void theLivePageOpensAndClosesWithItsForms() throws Exception {
    UUID c = fx.competition("页面", "RUNNING");
    fx.register(c, "w027");
    String q = fx.questions("SINGLE_CHOICE", 12).get(11);
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE",
        List.of(q)));
    HttpResponse<String> page = organiser.get("/rounds/" + round + "/live");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("开放本轮") && page.body().contains("name=\"_csrf\""), page.body());
    assertEquals(302, organiser.post("/rounds/" + round + "/opening", Map.of()).statusCode());
    Contestant w027 = fx.contestant("w027", "phone-kkkkkkkk");
    w027.sitting(round);
    assertEquals(200, w027.answer(round, q, 1, fx.key(q)).statusCode());
    HttpResponse<String> running = organiser.get("/rounds/" + round + "/live");
    assertTrue(running.body().contains("结束本轮") && running.body().contains("柳营新村社区（东湖区）"), running.body());
    assertEquals(302, organiser.post("/rounds/" + round + "/closing", Map.of()).statusCode());
    assertTrue(organiser.get("/rounds/" + round + "/live").body().contains("最终排名"));
    assertEquals("CLOSED", app.one("SELECT state FROM competition_round WHERE id = ?::uuid", round));
  }

  @Test
  void aRoundOpensOnlyWhileTheCompetitionRuns() throws Exception {
    UUID c = fx.competition("报名中", "REGISTRATION");
    String round = fx.declare(organiser, c, RoundFixtures.knowledge("知识赛", "CORRECT_THEN_TIME", "NONE",
        fx.questions("SINGLE_CHOICE", 1)));
    HttpResponse<String> refused = organiser.json("POST", "/api/v1/rounds/" + round + "/opening", "{}");
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("比赛中"), refused.body());
    assertEquals("PLANNED", app.one("SELECT state FROM competition_round WHERE id = ?::uuid", round));
    assertEquals(0, fx.count("SELECT count(*) FROM competition_round_question WHERE round_id = ?::uuid", round));
  }
}
