package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * The overview page's form "添加轮次": it declares rounds through the API's reader and service (a
 * knowledge round drawn by a blueprint, a case-analysis round), shows each problem next to its field
 * and changes nothing then, and is refused to a worker and to another district's organiser.
 */
class RoundFormHttpTest {
  static TestApp app;
  static RoundFixtures fx;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    fx = new RoundFixtures(app);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  /** The form as a browser sends it: every field, the knowledge round's too. */
  static Map<String, String> knowledgeRound(String title) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", title);
    f.put("kind", "KNOWLEDGE");
    f.put("advancementKind", "TOP_N");
    f.put("advancementValue", "10");
    f.put("scoring", "SPEED_POINTS");
    f.put("tieBreak", "FEWER_WRONG");
    f.put("timing", "WINDOW");
    f.put("minutes", "20");
    f.put("opensAt", CompetitionPagesHttpTest.local(Duration.ofMinutes(-5)));
    f.put("closesAt", CompetitionPagesHttpTest.local(Duration.ofDays(2)));
    f.put("questionSeconds", "45");
    f.put("sourceKind", "BLUEPRINT");
    f.put("blueprint", "assistant-comprehensive");
    f.put("count", "12");
    f.put("questionIds", "");
    return f;
  }

  private long rounds(UUID c) throws Exception {
    return fx.count("SELECT count(*) FROM competition_round WHERE competition_id = ?", c);
  }

  @Test
  void theFormDeclaresAKnowledgeRoundAndACaseRound() throws Exception {
    UUID c = fx.competition("表单添加轮次", "DRAFT");
    Browser organiser = app.signedInAs("organiser");
    String page = organiser.get("/competitions/" + c + "/manage").body();
    assertTrue(page.contains("添加轮次") && page.contains("action=\"/competitions/" + c + "/rounds\""), page);
    assertTrue(page.contains("value=\"assistant-comprehensive\""), "the blueprints with choice questions are offered");

    HttpResponse<String> first = organiser.post("/competitions/" + c + "/rounds", knowledgeRound("初赛 知识赛"));
    assertEquals(302, first.statusCode(), first.body());
    assertEquals("/competitions/" + c + "/manage?done=round", first.headers().firstValue("Location").orElse(""));
    Object[] stored = app.rows("""
        SELECT kind, scoring, tie_break, timing, minutes, question_seconds, question_source::text, advancement::text,
               position, id::text
        FROM competition_round WHERE competition_id = ?""", c).get(0);
    assertEquals(List.of("KNOWLEDGE", "SPEED_POINTS", "FEWER_WRONG", "WINDOW", 20, 45, 1),
        List.of(stored[0], stored[1], stored[2], stored[3], stored[4], stored[5], stored[8]));
    assertTrue(((String) stored[6]).contains("assistant-comprehensive") && ((String) stored[6]).contains("12"),
        (String) stored[6]);
    assertTrue(((String) stored[7]).contains("TOP_N"), (String) stored[7]);
    assertEquals(1, fx.count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = "
        + "'competition.round.declare'", c.toString()), "audited as the API's declaration is");

    // A case round: the knowledge settings the form still carries are not sent with it.
    Map<String, String> judged = knowledgeRound("复赛 案例分析");
    judged.put("kind", "CASE_ANALYSIS");
    judged.put("advancementKind", "TOP_SHARE");
    judged.put("advancementValue", "30");
    HttpResponse<String> second = organiser.post("/competitions/" + c + "/rounds", judged);
    assertEquals(302, second.statusCode(), second.body());
    Object[] caseRound = app.rows("SELECT kind, scoring, position FROM competition_round WHERE competition_id = ? "
        + "AND position = 2", c).get(0);
    assertEquals("CASE_ANALYSIS", caseRound[0]);
    assertNull(caseRound[1]);

    String overview = organiser.get("/competitions/" + c + "/manage?done=round").body();
    assertTrue(overview.contains("轮次已添加"), overview);
    assertTrue(overview.contains("初赛 知识赛") && overview.contains("速度积分") && overview.contains("同分答错少者在前")
        && overview.contains("前 10 名晋级") && overview.contains("未开始"), overview);
    assertTrue(overview.contains("复赛 案例分析") && overview.contains("案例分析赛") && overview.contains("前 30% 晋级"),
        overview);
    assertTrue(overview.contains("/rounds/" + stored[9] + "/live"), "linked to its live page");
  }

  @Test
  void badInputShowsEachProblemNextToItsFieldAndChangesNothing() throws Exception {
    UUID c = fx.competition("表单错误", "REGISTRATION");
    Browser organiser = app.signedInAs("organiser");
    organiser.get("/competitions/" + c + "/manage");

    Map<String, String> bad = knowledgeRound("");
    bad.put("minutes", "半小时");
    bad.put("opensAt", "明天上午");
    bad.put("count", "0");
    HttpResponse<String> r = organiser.post("/competitions/" + c + "/rounds", bad);
    assertEquals(400, r.statusCode(), r.body());
    String body = r.body();
    assertTrue(body.contains("轮次没有添加"), body);
    assertTrue(body.contains("id=\"error-title\">请填写轮次名称"), body);
    assertTrue(body.contains("id=\"error-minutes\">应为整数"), body);
    assertTrue(body.contains("id=\"error-opensAt\">请填写正确的日期和时间"), body);
    assertTrue(body.contains("id=\"error-questionSource\">抽题数量须在 1 到 200 道之间"), body);
    assertTrue(body.contains("value=\"半小时\""), "what was typed is shown again");

    // Read well, refused by the service: an unknown blueprint, a quota per team without teams.
    Map<String, String> unknown = knowledgeRound("初赛");
    unknown.put("blueprint", "no-such-paper");
    HttpResponse<String> refused = organiser.post("/competitions/" + c + "/rounds", unknown);
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("id=\"error-questionSource\">没有编号为“no-such-paper”"), refused.body());
    Map<String, String> quota = knowledgeRound("初赛");
    quota.put("advancementKind", "QUOTA_PER_TEAM");
    HttpResponse<String> noTeams = organiser.post("/competitions/" + c + "/rounds", quota);
    assertEquals(400, noTeams.statusCode(), noTeams.body());
    assertTrue(noTeams.body().contains("id=\"error-advancement\">本比赛不分队"), noTeams.body());
    // A closing moment before the opening one, and picked questions that are not ids.
    Map<String, String> picked = knowledgeRound("初赛");
    picked.put("closesAt", CompetitionPagesHttpTest.local(Duration.ofMinutes(-30)));
    picked.put("sourceKind", "IDS");
    picked.put("questionIds", "第一题\n");
    HttpResponse<String> both = organiser.post("/competitions/" + c + "/rounds", picked);
    assertEquals(400, both.statusCode(), both.body());
    assertTrue(both.body().contains("id=\"error-questionSource\">“第一题”不是题目编号"), both.body());

    assertEquals(403, organiser.postRaw("/competitions/" + c + "/rounds", knowledgeRound("初赛")).statusCode(),
        "a form without its CSRF token");
    assertEquals(0, rounds(c), "nothing declared");
    assertEquals(0, fx.count("SELECT count(*) FROM audit_log WHERE subject_id = ?", c.toString()));

    fx.stage(c, "RUNNING");
    HttpResponse<String> late = organiser.post("/competitions/" + c + "/rounds", knowledgeRound("加赛"));
    assertEquals(409, late.statusCode(), late.body());
    assertTrue(late.body().contains("只有草稿或报名中的比赛可以增加轮次"), late.body());
    assertTrue(!late.body().contains("id=\"round-form\""), "no form once the competition runs");
    assertEquals(0, rounds(c));
  }

  @Test
  void aWorkerAndAnotherDistrictsOrganiserAreRefused() throws Exception {
    UUID c = fx.competition("他区比赛", "DRAFT");
    Browser worker = app.signedInAs("worker");
    worker.get("/competitions");
    assertEquals(403, worker.post("/competitions/" + c + "/rounds", knowledgeRound("初赛")).statusCode());
    Browser other = app.signedInAs("organiser2");
    other.get("/competitions/manage");
    assertEquals(403, other.post("/competitions/" + c + "/rounds", knowledgeRound("初赛")).statusCode());
    Map<String, String> bad = knowledgeRound("");
    bad.put("minutes", "x");
    int status = other.post("/competitions/" + c + "/rounds", bad).statusCode();
    assertTrue(status == 403 || status == 404, "bad input shows another district's draft to nobody: " + status);
    assertEquals(0, rounds(c));
  }
}
