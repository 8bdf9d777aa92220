package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Declaring rounds: each at the next position, audited, and every bad declaration refused with nothing changed. */
class RoundDeclarationHttpTest {
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

  static JsonObject drawn(String title, int count) {
    return new JsonObject().put("title", title).put("kind", "KNOWLEDGE").put("scoring", "CORRECT_THEN_TIME")
        .put("tieBreak", "EARLIER_SUBMISSION").put("timing", "WINDOW")
        .put("opensAt", Instant.now().minus(Duration.ofMinutes(1)).toString())
        .put("closesAt", Instant.now().plus(Duration.ofDays(1)).toString()).put("minutes", 30)
        .put("advancement", new JsonObject().put("kind", "TOP_SHARE").put("value", 30))
        .put("questionSource", new JsonObject().put("blueprint", "assistant-comprehensive").put("count", count));
  }

  private static HttpResponse<String> declare(Browser b, UUID competition, JsonObject body) {
    return b.json("POST", "/api/v1/competitions/" + competition + "/rounds", body.encode());
  }

  @Test
  void threeRoundsAreDeclaredInOrderAndTheKnowledgeRoundIsDrawnAndFrozenWhenItOpens() throws Exception {
    UUID c = fx.competition("年度擂台比武", "DRAFT");
    HttpResponse<String> first = declare(organiser, c, drawn("第一轮 在线知识赛", 30));
    assertEquals(201, first.statusCode(), first.body());
    JsonObject round = new JsonObject(first.body());
    assertEquals(1, round.getInteger("position"));
    assertEquals("PLANNED", round.getString("state"));
    assertTrue(round.getString("rule").contains("先交卷者"), round.encode());
    HttpResponse<String> second = declare(organiser, c, new JsonObject().put("title", "第二轮 案例分析")
        .put("kind", "CASE_ANALYSIS").put("advancement", new JsonObject().put("kind", "TOP_N").put("value", 10)));
    assertEquals(201, second.statusCode(), second.body());
    assertEquals(2, new JsonObject(second.body()).getInteger("position"));
    fx.stage(c, "REGISTRATION");
    HttpResponse<String> third = declare(organiser, c, new JsonObject().put("title", "决赛").put("kind", "LIVE_FINAL"));
    assertEquals(201, third.statusCode(), third.body());
    assertEquals(3, new JsonObject(third.body()).getInteger("position"));
    assertEquals(3, fx.count("SELECT count(*) FROM audit_log WHERE subject_id = ? AND action = "
        + "'competition.round.declare'", c.toString()));

    // Opening draws 30 choice questions spread as the paper spreads them (60 single : 20 multiple → 23 : 7).
    String id = round.getString("id");
    fx.stage(c, "RUNNING");
    HttpResponse<String> judged = organiser.json("POST", "/api/v1/rounds/" + new JsonObject(second.body())
        .getString("id") + "/opening", "{}");
    assertEquals(409, judged.statusCode(), "a case-analysis round is declared, not run, in this version");
    RoundFixtures.open(organiser, id);
    assertEquals(23, fx.count("SELECT count(*) FROM competition_round_question WHERE round_id = ?::uuid "
        + "AND body ->> 'type' = 'SINGLE_CHOICE'", id));
    assertEquals(7, fx.count("SELECT count(*) FROM competition_round_question WHERE round_id = ?::uuid "
        + "AND body ->> 'type' = 'MULTIPLE_CHOICE'", id));
    assertEquals(30, fx.count("SELECT count(DISTINCT question_id) FROM competition_round_question WHERE round_id = "
        + "?::uuid", id));

    // Later bank edits change nothing in the frozen set.
    fx.register(c, "w001");
    RoundFixtures.Contestant w001 = fx.contestant("w001", "phone-llllllll");
    JsonObject q = w001.sitting(id).getJsonArray("questions").getJsonObject(0);
    String qid = q.getString("id");
    app.update("INSERT INTO question_revision (question_id, revision, body, tags) "
        + "SELECT id, revision, body, tags FROM question WHERE id = ?::uuid", qid);
    app.update("UPDATE question SET body = jsonb_set(body, '{stem,text}', '\"比赛中途改过的题干\"'), "
        + "revision = revision + 1 WHERE id = ?::uuid", qid);
    app.update("UPDATE question SET retired_at = now() WHERE id = ?::uuid", qid);
    JsonObject again = w001.sitting(id).getJsonArray("questions").getJsonObject(0);
    assertEquals(q.getString("stemHtml"), again.getString("stemHtml"));
    assertTrue(!app.one("SELECT body::text FROM competition_round_question WHERE round_id = ?::uuid AND question_id = "
        + "?::uuid", id, qid).toString().contains("比赛中途改过的题干"));
  }

  @Test
  void aPlannedRoundIsEditedOrDeletedAndTheLaterOnesMoveUp() throws Exception {
    UUID c = fx.competition("改轮次", "REGISTRATION");
    String first = new JsonObject(declare(organiser, c, drawn("第一轮", 30)).body()).getString("id");
    String second = new JsonObject(declare(organiser, c, new JsonObject().put("title", "第二轮").put("kind",
        "CASE_ANALYSIS")).body()).getString("id");
    String third = new JsonObject(declare(organiser, c, new JsonObject().put("title", "决赛").put("kind",
        "LIVE_FINAL")).body()).getString("id");

    HttpResponse<String> edited = organiser.json("PUT", "/api/v1/rounds/" + first,
        drawn("第一轮 在线知识赛", 20).put("scoring", "SPEED_POINTS").encode());
    assertEquals(200, edited.statusCode(), edited.body());
    JsonObject e = new JsonObject(edited.body());
    assertEquals(List.of("第一轮 在线知识赛", "SPEED_POINTS", 1, 20), List.of(e.getString("title"), e.getString("scoring"),
        e.getInteger("position"), e.getJsonObject("questionSource").getInteger("count")));
    HttpResponse<String> bad = organiser.json("PUT", "/api/v1/rounds/" + first, drawn("x", 20).put("minutes", -1).encode());
    assertEquals(400, bad.statusCode());
    assertEquals("第一轮 在线知识赛", app.one("SELECT title FROM competition_round WHERE id = ?::uuid", first));
    assertEquals(403, app.signedInAs("organiser2").request("DELETE", "/api/v1/rounds/" + second).statusCode());

    assertEquals(204, organiser.request("DELETE", "/api/v1/rounds/" + second).statusCode());
    assertEquals(2, app.one("SELECT position FROM competition_round WHERE id = ?::uuid", third));
    assertEquals(2, fx.count("SELECT count(*) FROM competition_round WHERE competition_id = ?", c));
    assertEquals(List.of("competition.round.declare", "competition.round.declare", "competition.round.declare",
        "competition.round.edit", "competition.round.delete"), app.rows("SELECT action FROM audit_log WHERE subject_id = ? "
        + "ORDER BY id", c.toString()).stream().map(r -> r[0]).toList());

    // Once a round opens it is kept as it was.
    fx.stage(c, "RUNNING");
    RoundFixtures.open(organiser, first);
    fx.stage(c, "REGISTRATION");
    assertEquals(409, organiser.json("PUT", "/api/v1/rounds/" + first, drawn("改", 20).encode()).statusCode());
    assertEquals(409, organiser.request("DELETE", "/api/v1/rounds/" + first).statusCode());
  }

  @Test
  void badDeclarationsNameTheFieldAndChangeNothing() throws Exception {
    UUID c = fx.competition("设置有误", "DRAFT");
    String caseQuestion = (String) app.one("SELECT id::text FROM question WHERE type = 'CASE_ANALYSIS' "
        + "AND retired_at IS NULL ORDER BY stable_key LIMIT 1");
    String single = fx.questions("SINGLE_CHOICE", 1).get(0);
    record Bad(JsonObject body, String field) {
    }
    List<Bad> bad = List.of(
        new Bad(new JsonObject().put("kind", "KNOWLEDGE"), "title"),
        new Bad(drawn("x", 30).put("kind", "QUIZ"), "kind"),
        new Bad(drawn("x", 30).put("minutes", "thirty"), "minutes"),
        new Bad(drawn("x", 30).put("minutes", 0), "minutes"),
        new Bad(drawn("x", 30).put("opensAt", "明天上午"), "opensAt"),
        new Bad(drawn("x", 30).put("closesAt", Instant.now().minus(Duration.ofDays(2)).toString()), "closesAt"),
        new Bad(drawn("x", 30).put("scoring", null), "scoring"),
        new Bad(drawn("x", 30).put("tieBreak", "COIN_TOSS"), "tieBreak"),
        new Bad(drawn("x", 30).put("questionSeconds", 2), "questionSeconds"),
        new Bad(drawn("x", 30).put("advancement", new JsonObject().put("kind", "TOP_SHARE").put("value", 120)),
            "advancement.value"),
        new Bad(drawn("x", 30).put("advancement", new JsonObject().put("kind", "QUOTA_PER_TEAM").put("value", 2)),
            "advancement"),
        new Bad(drawn("x", 30).put("questionSource", new JsonObject().put("blueprint", "no-such-paper").put("count", 30)),
            "questionSource.blueprint"),
        new Bad(drawn("x", 30).put("questionSource", new JsonObject().put("blueprint", "intermediate-practice")
            .put("count", 3)), "questionSource.blueprint"),
        new Bad(drawn("x", 5000), "questionSource.count"),
        new Bad(drawn("x", 30).put("questionSource", new JsonObject().put("questionIds",
            new JsonArray().add(UUID.randomUUID().toString()))), "questionSource.questionIds"),
        new Bad(drawn("x", 30).put("questionSource", new JsonObject().put("questionIds",
            new JsonArray().add(caseQuestion))), "questionSource.questionIds"),
        new Bad(drawn("x", 30).put("questionSource", new JsonObject().put("questionIds",
            new JsonArray().add(single).add(single))), "questionSource.questionIds"),
        new Bad(new JsonObject().put("title", "案例分析").put("kind", "CASE_ANALYSIS").put("scoring", "SPEED_POINTS"),
            "scoring"));
    for (Bad b : bad) {
      HttpResponse<String> r = declare(organiser, c, b.body());
      assertEquals(400, r.statusCode(), b.field() + ": " + r.body());
      JsonObject error = new JsonObject(r.body()).getJsonObject("error");
      assertTrue(error.getJsonArray("details").stream().anyMatch(d -> d.toString().startsWith(b.field() + "：")),
          b.field() + ": " + r.body());
    }
    assertEquals(400, organiser.json("POST", "/api/v1/competitions/" + c + "/rounds", "[1]").statusCode());
    assertEquals(403, declare(app.signedInAs("organiser2"), c, drawn("他区", 30)).statusCode());
    assertEquals(403, declare(app.signedInAs("trainer"), c, drawn("讲师", 30)).statusCode());
    assertEquals(404, declare(organiser, UUID.randomUUID(), drawn("无此比赛", 30)).statusCode());
    UUID running = fx.competition("进行中", "RUNNING");
    HttpResponse<String> late = declare(organiser, running, drawn("太迟", 30));
    assertEquals(409, late.statusCode());
    assertTrue(late.body().contains("比赛中"), late.body());
    assertEquals(0, fx.count("SELECT count(*) FROM competition_round WHERE competition_id IN (?, ?)", c, running));
    assertEquals(0, fx.count("SELECT count(*) FROM audit_log WHERE subject_id IN (?, ?)", c.toString(),
        running.toString()));
  }
}
