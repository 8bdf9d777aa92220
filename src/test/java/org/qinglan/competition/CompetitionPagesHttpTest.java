package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/**
 * The competition pages with forms, as a browser uses them: the organiser's set-up form, overview
 * and stage buttons, the worker's phone page with registration, the lower unit's nomination page,
 * and the results page. Every form carries its CSRF token.
 */
class CompetitionPagesHttpTest {
  static TestApp app;
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("wj.organiser", "望江街道组织者", "望江街道", Role.ORGANISER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static String local(Duration fromNow) {
    return LOCAL.format(LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plus(fromNow));
  }

  static Map<String, String> form(String title, String entryMode) throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", title);
    f.put("year", "2026");
    f.put("orgUnitId", app.one("SELECT id FROM org_unit WHERE name = '东湖区'").toString());
    f.put("entryMode", entryMode);
    f.put("teamBasis", "STREET");
    f.put("teamScoringMode", "SUM_OF_BEST_K");
    f.put("teamScoringK", "2");
    f.put("awardBasis", "BY_SHARE");
    f.put("limit-FIRST", "10");
    f.put("limit-SECOND", "20");
    f.put("registrationOpens", local(Duration.ofHours(-1)));
    f.put("registrationCloses", local(Duration.ofDays(1)));
    return f;
  }

  /** Creates a competition through the form; its id from the redirect. */
  static String createThroughTheForm(Browser organiser, Map<String, String> fields) {
    organiser.get("/competitions/new");
    HttpResponse<String> r = organiser.post("/competitions", fields);
    assertEquals(302, r.statusCode(), r.body());
    Matcher m = Pattern.compile("/competitions/([0-9a-f-]{36})/manage\\?done=created")
        .matcher(r.headers().firstValue("Location").orElse(""));
    assertTrue(m.find(), r.headers().map().toString());
    return m.group(1);
  }

  @Test
  void anOrganiserSetsUpACompetitionAndAWorkerRegistersOnTheirPhone() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    HttpResponse<String> list = organiser.get("/competitions/manage");
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("新建比赛") && list.body().contains("比赛管理"));
    HttpResponse<String> blank = organiser.get("/competitions/new");
    assertEquals(200, blank.statusCode());
    assertTrue(blank.body().contains("name=\"_csrf\""));

    Map<String, String> missing = form("", "SELF");
    missing.put("limit-SECOND", "二十");
    HttpResponse<String> refused = organiser.post("/competitions", missing);
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("title：请填写比赛名称"), refused.body());
    assertTrue(refused.body().contains("awardBands.bands[1].limit：应为整数"), refused.body());
    assertTrue(refused.body().contains("value=\"二十\""), "what was typed is shown again");

    String id = createThroughTheForm(organiser, form("望江杯知识竞赛", "SELF"));
    HttpResponse<String> overview = organiser.get("/competitions/" + id + "/manage?done=created");
    assertEquals(200, overview.statusCode(), overview.body());
    assertTrue(overview.body().contains("比赛已创建") && overview.body().contains("开始报名"), overview.body());
    assertTrue(overview.body().contains("创建比赛“望江杯知识竞赛”"), "the audit trail");
    assertTrue(organiser.get("/competitions/" + id + "/edit").body().contains("value=\"望江杯知识竞赛\""));

    assertEquals(403, organiser.postRaw("/competitions/" + id + "/stage", Map.of("to", "REGISTRATION")).statusCode(),
        "a form without its CSRF token");
    assertEquals(302, organiser.post("/competitions/" + id + "/stage", Map.of("to", "REGISTRATION")).statusCode());
    assertEquals("REGISTRATION", app.one("SELECT stage FROM competition WHERE id = ?::uuid", id));
    HttpResponse<String> lateEdit = organiser.post("/competitions/" + id + "/edit", form("改名", "SELF"));
    assertEquals(409, lateEdit.statusCode());
    assertTrue(lateEdit.body().contains("只能修改报名时间"), lateEdit.body());

    Browser worker = app.signedInAs("worker");
    assertTrue(worker.get("/competitions").body().contains("望江杯知识竞赛"));
    String page = worker.get("/competitions/" + id).body();
    assertTrue(page.contains("报名参赛") && page.contains("比赛规则") && page.contains("前 10%"), page);
    assertEquals(403, worker.postRaw("/competitions/" + id + "/registration", Map.of()).statusCode());
    HttpResponse<String> registered = worker.post("/competitions/" + id + "/registration", Map.of());
    assertEquals(302, registered.statusCode(), registered.body());
    assertTrue(worker.get("/competitions/" + id + "?done=registered").body().contains("您已报名"));
    HttpResponse<String> twice = worker.post("/competitions/" + id + "/registration", Map.of());
    assertEquals(409, twice.statusCode());
    assertTrue(twice.body().contains("您已报名本比赛"), twice.body());

    String managed = organiser.get("/competitions/" + id + "/manage").body();
    assertTrue(managed.contains("林小雨") && managed.contains("望江街道"), managed);

    // A round the knowledge round's code declared: the overview links to its live page, the contestant to play.
    String round = UUID.randomUUID().toString();
    app.update("""
        INSERT INTO competition_round (id, competition_id, position, title, kind, scoring, tie_break, timing, minutes,
          state, opened_at)
        VALUES (?::uuid, ?::uuid, 1, '初赛', 'KNOWLEDGE', 'CORRECT_THEN_TIME', 'NONE', 'WINDOW', 10, 'OPEN', now())""",
        round, id);
    assertEquals(302, organiser.post("/competitions/" + id + "/stage", Map.of("to", "RUNNING")).statusCode());
    assertTrue(organiser.get("/competitions/" + id + "/manage").body().contains("/rounds/" + round + "/live"));
    assertTrue(worker.get("/competitions/" + id).body().contains("/rounds/" + round + "/play"));
    HttpResponse<String> early = organiser.post("/competitions/" + id + "/publication", Map.of());
    assertEquals(409, early.statusCode());
    assertTrue(early.body().contains("还在进行中"), early.body());

    HttpResponse<String> results = organiser.get("/competitions/" + id + "/results");
    assertEquals(200, results.statusCode());
    assertTrue(results.body().contains("还没有已结束的轮次"), results.body());
  }

  @Test
  void aLowerUnitsOrganiserNominatesOnTheNominationPage() throws Exception {
    Browser organiser = app.signedInAs("organiser");
    String id = createThroughTheForm(organiser, form("推荐制技能比武", "NOMINATION"));
    String street = app.one("SELECT id FROM org_unit WHERE name = '望江街道'").toString();
    HttpResponse<String> early = organiser.post("/competitions/" + id + "/stage", Map.of("to", "REGISTRATION"));
    assertEquals(409, early.statusCode(), "no registration without quotas");
    assertTrue(early.body().contains("推荐名额"), early.body());
    organiser.get("/competitions/" + id + "/manage");
    assertEquals(302, organiser.post("/competitions/" + id + "/quotas", Map.of("places-" + street, "2")).statusCode());
    assertTrue(organiser.get("/competitions/" + id + "/manage").body().contains("name=\"places-" + street
        + "\" type=\"number\" min=\"0\" value=\"2\""), "the quota form shows the places set");
    assertEquals(302, organiser.post("/competitions/" + id + "/stage", Map.of("to", "REGISTRATION")).statusCode());

    Browser wj = app.signedInAs("wj.organiser");
    assertTrue(wj.get("/competitions/manage").body().contains("推荐制技能比武"), "listed among the units above's");
    String found = wj.get("/competitions/" + id + "/nominations?q=" + java.net.URLEncoder.encode("林小雨",
        java.nio.charset.StandardCharsets.UTF_8)).body();
    assertTrue(found.contains("剩余 <strong>2</strong> 人") && found.contains("林小雨"), found);
    String worker = app.one("SELECT id FROM account WHERE username = 'worker'").toString();
    assertEquals(302, wj.post("/competitions/" + id + "/nominations", Map.of("accountId", worker)).statusCode());
    String after = wj.get("/competitions/" + id + "/nominations?done=nominated").body();
    assertTrue(after.contains("推荐成功") && after.contains("剩余 <strong>1</strong> 人"), after);
    assertTrue(app.signedInAs("worker").get("/competitions/" + id).body().contains("您已报名（单位推荐）"));
    HttpResponse<String> again = wj.post("/competitions/" + id + "/nominations", Map.of("accountId", worker));
    assertEquals(409, again.statusCode());
    assertEquals(302, wj.post("/competitions/" + id + "/registrations/" + worker + "/withdrawal",
        Map.of("from", "nominations")).statusCode());
    assertEquals(403, app.signedInAs("organiser2").get("/competitions/" + id + "/nominations").statusCode());
    assertFalse(app.signedInAs("worker").get("/competitions/" + id).body().contains("您已报名"));
  }
}
