package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * Competitions over the JSON API on a real node and database: set-up, registration, the stages,
 * publication with awards and certificates, and the refusals (wrong role, another district's
 * organiser, ineligible workers, the window, full quotas, bad input). Rounds and their results are
 * written with SQL here, where the knowledge round's code writes them when a round closes.
 */
class CompetitionHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    // An organiser of a street of 东湖区: nominates for the street's quota.
    app.addStaff("wj.organiser", "望江街道组织者", "望江街道", Role.ORGANISER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static JsonObject bands() {
    return new JsonObject().put("basis", "BY_RANK").put("bands", new JsonArray()
        .add(new JsonObject().put("award", "FIRST").put("limit", 1))
        .add(new JsonObject().put("award", "SECOND").put("limit", 2))
        .add(new JsonObject().put("award", "EXCELLENCE").putNull("limit")));
  }

  /** A self-entry competition of 东湖区 (the organiser's unit), registration open from an hour ago for a day. */
  static JsonObject setup(String title) {
    return new JsonObject().put("title", title).put("year", 2026).put("entryMode", "SELF")
        .put("teamBasis", "STREET").put("teamScoring", new JsonObject().put("mode", "SUM_OF_BEST_K").put("k", 2))
        .put("awardBands", bands())
        .put("registrationOpens", Instant.now().minus(Duration.ofHours(1)).toString())
        .put("registrationCloses", Instant.now().plus(Duration.ofDays(1)).toString());
  }

  static String create(Browser organiser, JsonObject setup) {
    HttpResponse<String> r = organiser.json("POST", "/api/v1/competitions", setup.encode());
    assertEquals(201, r.statusCode(), r.body());
    String id = new JsonObject(r.body()).getString("id");
    assertEquals("/api/v1/competitions/" + id, r.headers().firstValue("Location").orElse(""));
    return id;
  }

  static void stage(Browser organiser, String id, String to) {
    HttpResponse<String> r = organiser.json("POST", "/api/v1/competitions/" + id + "/stage", "{\"to\":\"" + to + "\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(to, new JsonObject(r.body()).getString("stage"));
  }

  static String accountId(String username) throws Exception {
    return app.one("SELECT id FROM account WHERE username = ?", username).toString();
  }

  static String unitId(String name) throws Exception {
    return app.one("SELECT id FROM org_unit WHERE name = ?", name).toString();
  }

  /** A worker of the named community (the demo's numbered workers). */
  static String workerOf(String community, int skip) throws Exception {
    return (String) app.rows("""
        SELECT a.username FROM account a JOIN org_unit u ON u.id = a.org_unit_id
        WHERE u.name = ? AND a.username LIKE 'w%' ORDER BY a.username""", community).get(skip)[0];
  }

  static long audits(String id) throws Exception {
    return (Long) app.one("SELECT count(*) FROM audit_log WHERE subject_id = ?", id);
  }

  /** A closed knowledge round with results, as the round's close leaves them. */
  static String closedRound(String competition, int position, Object[]... results) throws Exception {
    String round = UUID.randomUUID().toString();
    app.update("""
        INSERT INTO competition_round (id, competition_id, position, title, kind, scoring, tie_break, timing, minutes,
          state, opened_at, closed_at, advancement)
        VALUES (?::uuid, ?::uuid, ?, ?, 'KNOWLEDGE', 'CORRECT_THEN_TIME', 'NONE', 'WINDOW', 10, 'CLOSED', now(), now(),
          '{"kind":"TOP_N","value":1}'::jsonb)""", round, competition, position, "第" + position + "轮知识赛");
    for (Object[] r : results) {
      app.update("""
          INSERT INTO competition_result (round_id, account_id, rank, tied, points, correct, total_ms, advances)
          VALUES (?::uuid, ?::uuid, ?, false, ?, ?, ?, ?)""", round, r[0], r[1], r[2], r[3], r[4], r[5]);
    }
    return round;
  }

  @Test
  void anOrganiserRunsACompetitionFromDraftToPublishedResultsAndCertificatesVerify() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = create(organiser, setup("东湖区知识竞赛"));
    JsonObject created = new JsonObject(organiser.get("/api/v1/competitions/" + id).body());
    assertEquals("DRAFT", created.getString("stage"));
    assertEquals("东湖区", created.getJsonObject("orgUnit").getString("name"), "run by the organiser's unit");

    Browser worker = app.signedInAs("worker");
    assertEquals(404, worker.get("/api/v1/competitions/" + id).statusCode(), "a draft is the organisers' only");
    stage(organiser, id, "REGISTRATION");
    HttpResponse<String> registered = worker.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}");
    assertEquals(201, registered.statusCode(), registered.body());
    assertEquals("SELF", new JsonObject(registered.body()).getString("via"));
    assertEquals(409, worker.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}").statusCode(),
        "registered once");
    Browser mentor = app.signedInAs("mentor");
    assertEquals(201, mentor.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}").statusCode());
    Browser westerner = app.signedInAs(workerOf("桂园社区", 0));
    assertEquals(403, westerner.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}").statusCode(),
        "a worker of 西岭区 cannot enter a competition of 东湖区");

    JsonObject overview = new JsonObject(organiser.get("/api/v1/competitions/" + id).body());
    assertEquals(2, overview.getJsonObject("counts").getInteger("registered"));
    JsonArray teams = overview.getJsonArray("teams");
    assertEquals(1, teams.size(), teams.encode());
    assertEquals("望江街道", teams.getJsonObject(0).getString("name"), "the street team worked out from the unit");
    assertEquals(unitId("望江街道"), teams.getJsonObject(0).getString("key"));
    assertEquals(2, teams.getJsonObject(0).getInteger("members"));

    stage(organiser, id, "RUNNING");
    String round = closedRound(id, 1, new Object[] {accountId("worker"), 1, 10.0, 10, 60_000L, true},
        new Object[] {accountId("mentor"), 2, 8.0, 8, 75_000L, false});
    JsonArray rounds = new JsonObject(organiser.get("/api/v1/competitions/" + id).body()).getJsonArray("rounds");
    assertEquals(round, rounds.getJsonObject(0).getString("id"), "the rounds as stored");

    HttpResponse<String> hidden = worker.get("/api/v1/competitions/" + id + "/results");
    assertEquals(403, hidden.statusCode(), "results are hidden from contestants before publication");
    assertTrue(hidden.body().contains("not_published"), hidden.body());
    HttpResponse<String> hiddenPage = worker.get("/competitions/" + id + "/results");
    assertEquals(403, hiddenPage.statusCode());
    assertFalse(hiddenPage.body().contains("孙桂兰"), "nobody's result is on the page");
    JsonObject preview = new JsonObject(organiser.get("/api/v1/competitions/" + id + "/results").body());
    assertFalse(preview.getBoolean("published"));
    JsonObject first = preview.getJsonObject("individuals").getJsonArray("items").getJsonObject(0);
    assertEquals("林小雨", first.getString("name"));
    assertEquals("FIRST", first.getString("award"), "organisers see the awards publication would give");
    assertEquals("望江街道", preview.getJsonArray("teams").getJsonObject(0).getString("name"));
    assertEquals(18.0, preview.getJsonArray("teams").getJsonObject(0).getDouble("points"), "the sum of the best two");

    Browser other = app.signedInAs("organiser2");
    assertEquals(403, other.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}").statusCode(),
        "an organiser of another district cannot publish");
    assertEquals(403, other.get("/api/v1/competitions/" + id + "/results").statusCode());

    // A round still open holds the publication back.
    String open = UUID.randomUUID().toString();
    app.update("""
        INSERT INTO competition_round (id, competition_id, position, title, kind, state)
        VALUES (?::uuid, ?::uuid, 2, '案例分析', 'CASE_ANALYSIS', 'OPEN')""", open, id);
    HttpResponse<String> refused = organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("案例分析"), refused.body());
    assertEquals(0L, app.one("SELECT count(*) FROM competition_award WHERE competition_id = ?::uuid", id));
    app.update("UPDATE competition_round SET state = 'PLANNED' WHERE id = ?::uuid", open);

    long before = audits(id);
    HttpResponse<String> published = organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}");
    assertEquals(200, published.statusCode(), published.body());
    assertEquals(2, new JsonObject(published.body()).getInteger("awards"));
    assertEquals("RESULTS_PUBLISHED", app.one("SELECT stage FROM competition WHERE id = ?::uuid", id));
    assertEquals(before + 1, audits(id), "the publication is audited");
    assertEquals(2L, app.one("SELECT count(*) FROM learning_event WHERE verb = ? AND object_id = ?",
        CompetitionService.VERB_EARNED, id), "a learning event per award");
    String code = (String) app.one("""
        SELECT code FROM competition_award WHERE competition_id = ?::uuid AND account_id = ?::uuid AND award = 'FIRST'""",
        id, accountId("worker"));
    assertNotNull(code);
    assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);

    HttpResponse<String> resultsPage = worker.get("/competitions/" + id + "/results");
    assertEquals(200, resultsPage.statusCode());
    assertTrue(resultsPage.body().contains("团体排名") && resultsPage.body().contains("孙桂兰")
        && resultsPage.body().contains("二等奖"), resultsPage.body());
    assertFalse(resultsPage.body().contains("results.csv"), "the export is the organisers'");
    JsonObject results = new JsonObject(worker.get("/api/v1/competitions/" + id + "/results").body());
    assertTrue(results.getBoolean("published"));
    assertEquals("一等奖", results.getJsonObject("individuals").getJsonArray("items").getJsonObject(0)
        .getString("awardLabel"));
    assertTrue(results.getJsonObject("rules").getString("scoring").contains("答对优先"));
    JsonObject me = new JsonObject(worker.get("/api/v1/competitions/" + id).body()).getJsonObject("me");
    assertEquals(1, me.getJsonObject("result").getInteger("rank"));
    assertEquals(code, me.getJsonObject("award").getString("code"));

    String page = worker.get("/competitions/" + id).body();
    assertTrue(page.contains("一等奖") && page.contains("/competitions/" + id + "/certificate"), page);
    HttpResponse<String> certificate = worker.get("/competitions/" + id + "/certificate");
    assertEquals(200, certificate.statusCode());
    assertTrue(certificate.body().contains("林小雨") && certificate.body().contains("/verify/" + code));
    assertTrue(certificate.body().contains("<svg"), "a QR code");
    assertEquals(404, app.signedInAs(workerOf("江畔社区", 0)).get("/competitions/" + id + "/certificate").statusCode(),
        "no certificate for someone without an award");

    HttpResponse<String> verified = app.browser().get("/verify/" + code);
    assertEquals(200, verified.statusCode());
    assertTrue(verified.body().contains("证书有效") && verified.body().contains("林*雨"), verified.body());
    assertTrue(verified.body().contains("东湖区知识竞赛") && verified.body().contains("一等奖"));
    assertFalse(verified.body().contains("林小雨"));
    assertEquals(409, organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}").statusCode(),
        "published once");

    HttpResponse<String> csv = organiser.get("/competitions/" + id + "/results.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().startsWith("\uFEFF\"名次\",\"并列\",\"姓名\",\"单位\",\"队伍\",\"得分\""), csv.body());
    assertTrue(csv.body().contains("\"林小雨\",\"江畔社区\",\"望江街道\",\"10\",\"10\",\"60.0\",\"一等奖\",\"是\""), csv.body());
    HttpResponse<String> trail = organiser.get("/competitions/" + id + "/audit.csv");
    assertTrue(trail.body().startsWith("\uFEFF\"时间\",\"操作人\",\"操作\",\"内容\""), trail.body());
    for (String step : List.of("创建比赛", "阶段：草稿 → 报名中", "阶段：报名中 → 比赛中", "发布成绩")) {
      assertTrue(trail.body().contains(step), step + " in " + trail.body());
    }
    assertTrue(trail.body().contains("\"周敏\""), "who did it");
    assertEquals(403, worker.get("/competitions/" + id + "/audit.csv").statusCode());
    assertEquals(403, other.get("/competitions/" + id + "/audit.csv").statusCode());
  }

  @Test
  void republishedAfterADisputeAChangedAwardIsWithdrawnAndANewCertificateIssued() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = create(organiser, setup("复核测试赛"));
    stage(organiser, id, "REGISTRATION");
    assertEquals(201, app.signedInAs("worker").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}")
        .statusCode());
    assertEquals(201, app.signedInAs("mentor").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}")
        .statusCode());
    stage(organiser, id, "RUNNING");
    String round = closedRound(id, 1, new Object[] {accountId("worker"), 1, 10.0, 10, 60_000L, false},
        new Object[] {accountId("mentor"), 2, 8.0, 8, 75_000L, false});
    assertEquals(200, organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}").statusCode());
    String workerCode = (String) app.one("SELECT code FROM competition_award WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid", id, accountId("worker"));
    String mentorCode = (String) app.one("SELECT code FROM competition_award WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid", id, accountId("mentor"));

    // The results are withdrawn, a scoring error corrected (the mentor was first), and published again.
    stage(organiser, id, "RUNNING");
    app.update("UPDATE competition_result SET rank = 1, points = 11 WHERE round_id = ?::uuid AND account_id = ?::uuid",
        round, accountId("mentor"));
    app.update("UPDATE competition_result SET rank = 2 WHERE round_id = ?::uuid AND account_id = ?::uuid", round,
        accountId("worker"));
    JsonObject again = new JsonObject(organiser.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}")
        .body());
    assertEquals(2, again.getInteger("withdrawn"), again.encode());
    assertTrue(app.browser().get("/verify/" + workerCode).body().contains("证书已作废"));
    assertEquals(4L, app.one("SELECT count(*) FROM competition_award WHERE competition_id = ?::uuid", id),
        "the old awards are kept, withdrawn, beside the new ones");
    assertEquals("FIRST", app.one("SELECT award FROM competition_award WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid AND withdrawn_at IS NULL", id, accountId("mentor")));
    assertFalse(mentorCode.equals(app.one("SELECT code FROM competition_award WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid AND withdrawn_at IS NULL", id, accountId("mentor"))));
  }

  @Test
  void anIneligibleWorkerIsRefusedWithTheReasons() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    JsonObject s = setup("正职岗位专场").put("audience", new JsonObject().put("postCategories", new JsonArray().add("HEAD")));
    String id = create(organiser, s);
    stage(organiser, id, "REGISTRATION");
    HttpResponse<String> refused = app.signedInAs("worker").json("POST", "/api/v1/competitions/" + id + "/registrations",
        "{}");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("not_eligible") && refused.body().contains("面向正职岗位"), refused.body());
    assertEquals(0L, app.one("SELECT count(*) FROM competition_registration WHERE competition_id = ?::uuid", id));
    assertEquals(201, app.signedInAs("mentor").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}")
        .statusCode(), "the mentor holds a head post");
  }

  @Test
  void registrationOutsideTheWindowOrStageIsRefused() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    JsonObject s = setup("已截止报名的比赛")
        .put("registrationOpens", Instant.now().minus(Duration.ofDays(3)).toString())
        .put("registrationCloses", Instant.now().minus(Duration.ofDays(1)).toString());
    String id = create(organiser, s);
    Browser worker = app.signedInAs("worker");
    stage(organiser, id, "REGISTRATION");
    HttpResponse<String> late = worker.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}");
    assertEquals(409, late.statusCode(), late.body());
    assertTrue(late.body().contains("不在报名时间内"), late.body());

    String later = create(organiser, setup("尚未开始报名的比赛").put("registrationOpens",
        Instant.now().plus(Duration.ofDays(1)).toString()).put("registrationCloses",
        Instant.now().plus(Duration.ofDays(2)).toString()));
    stage(organiser, later, "REGISTRATION");
    assertEquals(409, worker.json("POST", "/api/v1/competitions/" + later + "/registrations", "{}").statusCode());

    // The window may still move while registration is open; then the worker gets in.
    HttpResponse<String> moved = organiser.json("PUT", "/api/v1/competitions/" + id + "/window", new JsonObject()
        .put("registrationOpens", Instant.now().minus(Duration.ofDays(1)).toString())
        .put("registrationCloses", Instant.now().plus(Duration.ofDays(1)).toString()).encode());
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(201, worker.json("POST", "/api/v1/competitions/" + id + "/registrations", "{}").statusCode());
    stage(organiser, id, "RUNNING");
    HttpResponse<String> running = app.signedInAs("mentor").json("POST", "/api/v1/competitions/" + id + "/registrations",
        "{}");
    assertEquals(409, running.statusCode(), "registration is over once the competition runs");
    assertEquals(409, worker.json("POST", "/api/v1/competitions/" + id + "/registrations/me/withdrawal", "{}")
        .statusCode(), "and nobody withdraws then");
    assertEquals(1L, app.one("SELECT count(*) FROM competition_registration WHERE competition_id = ?::uuid", id));
  }

  @Test
  void nominationsCountAgainstTheLowerUnitsQuota() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    JsonObject s = setup("推荐制比赛").put("entryMode", "NOMINATION").put("quotas", new JsonArray()
        .add(new JsonObject().put("orgUnitId", unitId("望江街道")).put("places", 1))
        .add(new JsonObject().put("orgUnitId", unitId("柳营街道")).put("places", 1)));
    String id = create(organiser, s);
    Browser street = app.signedInAs("wj.organiser");
    assertEquals(409, street.json("POST", "/api/v1/competitions/" + id + "/registrations", new JsonObject()
        .put("accountId", accountId("worker")).encode()).statusCode(), "not before registration opens");
    stage(organiser, id, "REGISTRATION");
    assertEquals(409, app.signedInAs("worker").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}")
        .statusCode(), "no self-registration in a nominated competition");

    HttpResponse<String> nominated = street.json("POST", "/api/v1/competitions/" + id + "/registrations",
        new JsonObject().put("accountId", accountId("worker")).encode());
    assertEquals(201, nominated.statusCode(), nominated.body());
    JsonObject r = new JsonObject(nominated.body());
    assertEquals("NOMINATION", r.getString("via"));
    assertEquals(unitId("望江街道"), r.getString("quotaUnitId"));
    HttpResponse<String> full = street.json("POST", "/api/v1/competitions/" + id + "/registrations",
        new JsonObject().put("accountId", accountId("mentor")).encode());
    assertEquals(409, full.statusCode(), full.body());
    assertTrue(full.body().contains("quota_full") && full.body().contains("名额已满"), full.body());
    HttpResponse<String> outside = street.json("POST", "/api/v1/competitions/" + id + "/registrations",
        new JsonObject().put("accountId", accountId(workerOf("柳营新村社区", 0))).encode());
    assertEquals(403, outside.statusCode(), "a worker outside the street organiser's scope: " + outside.body());
    assertEquals(400, street.json("POST", "/api/v1/competitions/" + id + "/registrations",
        "{\"accountId\":\"nobody\"}").statusCode());

    // Withdrawing the nominee frees the place.
    assertEquals(200, street.json("POST", "/api/v1/competitions/" + id + "/registrations/" + accountId("worker")
        + "/withdrawal", "{}").statusCode());
    assertEquals(201, street.json("POST", "/api/v1/competitions/" + id + "/registrations",
        new JsonObject().put("accountId", accountId("mentor")).encode()).statusCode());
    assertEquals(403, app.signedInAs("organiser2").json("POST", "/api/v1/competitions/" + id + "/registrations",
        new JsonObject().put("accountId", accountId("worker")).encode()).statusCode());

    // Six nominations race for 柳营街道's one place: one gets it.
    List<String> candidates = new ArrayList<>();
    for (String community : List.of("柳营新村社区", "锦绣社区")) {
      for (int i = 0; i < 3; i++) {
        candidates.add(accountId(workerOf(community, i)));
      }
    }
    organiser.get("/");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> racing = new ArrayList<>();
    for (String candidate : candidates) {
      racing.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return organiser.json("POST", "/api/v1/competitions/" + id + "/registrations",
            new JsonObject().put("accountId", candidate).encode()).statusCode();
      }));
    }
    go.countDown();
    List<Integer> statuses = racing.stream().map(CompletableFuture::join).toList();
    assertEquals(1, statuses.stream().filter(x -> x == 201).count(), statuses.toString());
    assertEquals(5, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
    assertEquals(1L, app.one("""
        SELECT count(*) FROM competition_registration
        WHERE competition_id = ?::uuid AND quota_unit_id = ?::uuid AND withdrawn_at IS NULL""", id, unitId("柳营街道")));

    // A quota cannot drop below its nominations.
    HttpResponse<String> lower = organiser.json("PUT", "/api/v1/competitions/" + id + "/quotas", new JsonObject()
        .put("quotas", new JsonArray().add(new JsonObject().put("orgUnitId", unitId("望江街道")).put("places", 0))
            .add(new JsonObject().put("orgUnitId", unitId("柳营街道")).put("places", 1))).encode());
    assertEquals(409, lower.statusCode(), lower.body());
    HttpResponse<String> raised = organiser.json("PUT", "/api/v1/competitions/" + id + "/quotas", new JsonObject()
        .put("quotas", new JsonArray().add(new JsonObject().put("orgUnitId", unitId("望江街道")).put("places", 3))
            .add(new JsonObject().put("orgUnitId", unitId("柳营街道")).put("places", 1))).encode());
    assertEquals(200, raised.statusCode(), raised.body());
    assertEquals(3, new JsonObject(raised.body()).getJsonArray("quotas").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("name").equals("望江街道")).findFirst().orElseThrow().getInteger("places"));
    String trail = organiser.get("/competitions/" + id + "/audit.csv").body();
    assertTrue(trail.contains("推荐参赛") && trail.contains("推荐 林小雨（望江街道名额）"), trail);
    assertTrue(trail.contains("代为退出报名") && trail.contains("设置推荐名额"), trail);
  }

  @Test
  void anOrganiserOfAnotherDistrictCannotReadOrChangeIt() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = create(organiser, setup("东湖区专属比赛"));
    Browser other = app.signedInAs("organiser2");
    assertEquals(404, other.get("/api/v1/competitions/" + id).statusCode(), "a draft is not even there for them");
    stage(organiser, id, "REGISTRATION");
    long before = audits(id);
    assertEquals(403, other.get("/api/v1/competitions/" + id).statusCode());
    assertEquals(403, other.json("PUT", "/api/v1/competitions/" + id, setup("改名").encode()).statusCode());
    assertEquals(403, other.json("PUT", "/api/v1/competitions/" + id + "/window", "{}").statusCode());
    assertEquals(403, other.json("POST", "/api/v1/competitions/" + id + "/stage", "{\"to\":\"RUNNING\"}").statusCode());
    assertEquals(403, other.get("/api/v1/competitions/" + id + "/registrations").statusCode());
    assertEquals(403, other.get("/competitions/" + id + "/manage").statusCode());
    assertEquals(403, other.get("/competitions/" + id + "/results").statusCode());
    assertEquals(403, other.post("/competitions/" + id + "/stage", java.util.Map.of("to", "RUNNING")).statusCode());
    assertEquals(before, audits(id), "nothing changed");
    assertEquals("REGISTRATION", app.one("SELECT stage FROM competition WHERE id = ?::uuid", id));
    // The city's organisers manage the district's competitions (the admin stands in for them in the demo).
    assertEquals(200, app.signedInAs("admin").get("/api/v1/competitions/" + id + "/registrations").statusCode());
  }

  @Test
  void workersAndTrainersCannotCreateOrManage() throws Exception {
    long before = (Long) app.one("SELECT count(*) FROM competition");
    Browser worker = app.signedInAs("worker");
    assertEquals(403, worker.json("POST", "/api/v1/competitions", setup("学员建的比赛").encode()).statusCode());
    assertEquals(403, worker.post("/competitions", java.util.Map.of("title", "学员建的比赛")).statusCode());
    assertEquals(403, app.signedInAs("trainer").json("POST", "/api/v1/competitions", setup("讲师建的比赛").encode())
        .statusCode());
    String id = create(app.signedInAs("organiser"), setup("学员不能管理的比赛"));
    assertEquals(403, worker.json("POST", "/api/v1/competitions/" + id + "/stage", "{\"to\":\"REGISTRATION\"}")
        .statusCode());
    assertEquals(403, worker.json("POST", "/api/v1/competitions/" + id + "/results/publication", "{}").statusCode());
    assertEquals(before + 1, app.one("SELECT count(*) FROM competition"));
  }

  @Test
  void badInputIsRefusedFieldByFieldAndChangesNothing() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    long competitions = (Long) app.one("SELECT count(*) FROM competition");
    long trail = (Long) app.one("SELECT count(*) FROM audit_log");

    HttpResponse<String> noTitle = organiser.json("POST", "/api/v1/competitions", setup("x").put("title", " ").encode());
    assertEquals(400, noTitle.statusCode());
    JsonObject error = new JsonObject(noTitle.body()).getJsonObject("error");
    assertEquals("bad_request", error.getString("code"));
    assertEquals(new JsonArray().add("title：请填写比赛名称"), error.getJsonArray("details"));

    JsonObject badBands = setup("奖项有误的比赛").put("awardBands", new JsonObject().put("basis", "BY_RANK")
        .put("bands", new JsonArray().add(new JsonObject().put("award", "SECOND").put("limit", 3))
            .add(new JsonObject().put("award", "FIRST").put("limit", 1))));
    HttpResponse<String> bands = organiser.json("POST", "/api/v1/competitions", badBands.encode());
    assertEquals(400, bands.statusCode());
    assertTrue(bands.body().contains("awardBands：奖项须按一等奖、二等奖、三等奖、优秀奖的顺序设置"), bands.body());

    HttpResponse<String> unknownUnit = organiser.json("POST", "/api/v1/competitions", setup("单位有误的比赛")
        .put("orgUnitId", UUID.randomUUID().toString()).encode());
    assertEquals(400, unknownUnit.statusCode());
    assertTrue(unknownUnit.body().contains("orgUnitId：没有这个单位"), unknownUnit.body());
    HttpResponse<String> otherDistrict = organiser.json("POST", "/api/v1/competitions", setup("西岭区的比赛")
        .put("orgUnitId", unitId("西岭区")).encode());
    assertEquals(403, otherDistrict.statusCode(), "a unit the organiser does not manage");

    HttpResponse<String> types = organiser.json("POST", "/api/v1/competitions", setup("类型有误的比赛")
        .put("year", "明年").put("entryMode", "LOTTERY").put("registrationOpens", "下周一")
        .put("audience", new JsonObject().put("gradeMin", 9).put("gradeMax", 3)).encode());
    assertEquals(400, types.statusCode());
    JsonArray details = new JsonObject(types.body()).getJsonObject("error").getJsonArray("details");
    assertTrue(details.contains("year：应为整数"), details.encode());
    assertTrue(details.contains("entryMode：应为 SELF、NOMINATION 之一"), details.encode());
    assertTrue(details.contains("registrationOpens：不是有效的时间（如 2026-12-01T09:00+08:00）"), details.encode());
    assertEquals(400, organiser.json("POST", "/api/v1/competitions", "[1,2]").statusCode());
    HttpResponse<String> quota = organiser.json("POST", "/api/v1/competitions", setup("名额给了上级").put("entryMode",
        "NOMINATION").put("quotas", new JsonArray().add(new JsonObject().put("orgUnitId", unitId("云溪市"))
        .put("places", 2))).encode());
    assertEquals(400, quota.statusCode());
    assertTrue(quota.body().contains("名额只能分配给东湖区的下级单位"), quota.body());
    assertEquals(competitions, app.one("SELECT count(*) FROM competition"), "no competition was created");

    String id = create(organiser, setup("原名"));
    HttpResponse<String> badEdit = organiser.json("PUT", "/api/v1/competitions/" + id, setup("").encode());
    assertEquals(400, badEdit.statusCode());
    HttpResponse<String> badStage = organiser.json("POST", "/api/v1/competitions/" + id + "/stage", "{\"to\":\"SOON\"}");
    assertEquals(400, badStage.statusCode());
    assertTrue(badStage.body().contains("to："), badStage.body());
    assertEquals(409, organiser.json("POST", "/api/v1/competitions/" + id + "/stage", "{\"to\":\"RUNNING\"}")
        .statusCode(), "no stage is skipped");
    HttpResponse<String> badWindow = organiser.json("PUT", "/api/v1/competitions/" + id + "/window", new JsonObject()
        .put("registrationOpens", "2026-12-10T09:00").put("registrationCloses", "2026-12-01T09:00").encode());
    assertEquals(400, badWindow.statusCode());
    assertTrue(badWindow.body().contains("registrationCloses：报名截止时间须晚于报名开始时间"));
    assertEquals("原名", app.one("SELECT title FROM competition WHERE id = ?::uuid", id));
    assertEquals(1L, audits(id), "only the creation is on record");
    assertEquals(trail + 1, app.one("SELECT count(*) FROM audit_log"));
  }

  @Test
  void theSetupChangesOnlyInDraftAndTheWindowAndQuotasWhileRegistrationIsOpen() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = create(organiser, setup("初稿"));
    int version = new JsonObject(organiser.get("/api/v1/competitions/" + id).body()).getInteger("version");
    HttpResponse<String> edited = organiser.json("PUT", "/api/v1/competitions/" + id, setup("定稿")
        .put("version", version).encode());
    assertEquals(200, edited.statusCode(), edited.body());
    assertEquals("定稿", new JsonObject(edited.body()).getString("title"));
    assertEquals(409, organiser.json("PUT", "/api/v1/competitions/" + id, setup("旧版本上的修改")
        .put("version", version).encode()).statusCode(), "an edit of an older version");
    stage(organiser, id, "REGISTRATION");
    HttpResponse<String> late = organiser.json("PUT", "/api/v1/competitions/" + id, setup("报名后改名").encode());
    assertEquals(409, late.statusCode());
    assertTrue(late.body().contains("只能修改报名时间"), late.body());
    assertEquals(200, organiser.json("PUT", "/api/v1/competitions/" + id + "/window", new JsonObject()
        .put("registrationCloses", Instant.now().plus(Duration.ofDays(5)).toString()).encode()).statusCode());
    assertEquals(201, app.signedInAs("worker").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}")
        .statusCode());
    assertEquals(unitId("望江街道"), app.one("SELECT team_key FROM competition_registration WHERE competition_id = ?::uuid",
        id));
    stage(organiser, id, "DRAFT");
    assertEquals(200, organiser.json("PUT", "/api/v1/competitions/" + id, setup("退回草稿后改名").put("teamBasis",
        "DISTRICT").encode()).statusCode());
    assertEquals(unitId("东湖区"), app.one("SELECT team_key FROM competition_registration WHERE competition_id = ?::uuid",
        id), "the registrants' teams are worked out again by the new basis");
    assertEquals(1L, app.one("SELECT count(*) FROM competition_registration WHERE competition_id = ?::uuid"
        + " AND withdrawn_at IS NULL", id), "going back to draft keeps the registrations");
    assertEquals(409, organiser.json("PUT", "/api/v1/competitions/" + id, setup("换主办单位").put("orgUnitId",
        unitId("望江街道")).encode()).statusCode(), "not with entrants");
    String trail = organiser.get("/competitions/" + id + "/audit.csv").body();
    assertTrue(trail.contains("修改设置") && trail.contains("修改报名时间") && trail.contains("阶段：报名中 → 草稿"), trail);
  }

  @Test
  void customTeamsListRegisteredContestants() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = create(organiser, setup("自定义队伍赛").put("teamBasis", "CUSTOM"));
    stage(organiser, id, "REGISTRATION");
    app.signedInAs("worker").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}");
    app.signedInAs("mentor").json("POST", "/api/v1/competitions/" + id + "/registrations", "{}");
    JsonObject teams = new JsonObject().put("teams", new JsonArray()
        .add(new JsonObject().put("name", "青年队").put("members", new JsonArray().add(accountId("worker"))))
        .add(new JsonObject().put("name", "骨干队").put("members", new JsonArray().add(accountId("mentor")))));
    HttpResponse<String> set = organiser.json("PUT", "/api/v1/competitions/" + id + "/teams", teams.encode());
    assertEquals(200, set.statusCode(), set.body());
    assertEquals("t001", app.one("SELECT team_key FROM competition_registration WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid", id, accountId("worker")));
    JsonObject notRegistered = new JsonObject().put("teams", new JsonArray().add(new JsonObject().put("name", "外援队")
        .put("members", new JsonArray().add(accountId("admin")))));
    HttpResponse<String> refused = organiser.json("PUT", "/api/v1/competitions/" + id + "/teams", notRegistered.encode());
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("没有报名本比赛"), refused.body());
    assertEquals(2L, app.one("SELECT count(*) FROM competition_team WHERE competition_id = ?::uuid", id),
        "the refused list changed nothing");
    String page = organiser.get("/competitions/" + id + "/manage").body();
    assertTrue(page.contains("name=\"team-" + accountId("worker") + "\"") && page.contains(">青年队</option>"), page);
    // The page's own form moves the worker to the other team.
    assertEquals(302, organiser.post("/competitions/" + id + "/teams/members", java.util.Map.of("team-"
        + accountId("worker"), "t002")).statusCode());
    assertEquals("t002", app.one("SELECT team_key FROM competition_registration WHERE competition_id = ?::uuid"
        + " AND account_id = ?::uuid", id, accountId("worker")));
  }

  @Test
  void theDemoHasADraftCompetitionOfTheDemoOrganiser() throws Exception {
    List<Object[]> demo = app.rows("""
        SELECT c.stage, a.username, u.name FROM competition c JOIN account a ON a.id = c.created_by
        JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = ?::uuid""", CompetitionDemo.ID.toString());
    assertEquals(1, demo.size());
    assertEquals(List.of("DRAFT", "organiser", "东湖区"), List.of(demo.get(0)));
    String list = app.signedInAs("organiser").get("/competitions/manage").body();
    assertTrue(list.contains("社区工作者职业能力大赛"), list);
    assertFalse(app.signedInAs("worker").get("/competitions").body().contains("社区工作者职业能力大赛"),
        "a draft is not shown to workers");
  }
}
