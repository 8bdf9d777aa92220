package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Await;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** The search API over the shipped cases, and the index following the review workflow. */
class CaseSearchHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer2", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static JsonObject search(Browser b, String query) {
    HttpResponse<String> r = b.get("/api/v1/cases/search?" + query);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static String q(String text) {
    return "q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void searchHighlightsSynonymsAndFacets() {
    Browser worker = app.signedInAs("worker");
    JsonObject r = search(worker, q("调解"));
    assertTrue(r.getLong("total") >= 6);
    JsonObject first = r.getJsonArray("hits").getJsonObject(0);
    assertTrue(first.getJsonArray("highlights").encode().contains("<mark>调解</mark>"), first.encode());
    JsonArray topics = r.getJsonObject("facets").getJsonArray("topic");
    long mediation = topics.stream().map(o -> (JsonObject) o).filter(o -> o.getString("value").equals("dispute-mediation"))
        .findFirst().orElseThrow().getLong("count");
    JsonObject narrowed = search(worker, q("调解") + "&topic=dispute-mediation");
    assertEquals(mediation, narrowed.getLong("total"), "a facet click narrows to its count");
    assertTrue(search(worker, q("长者")).getLong("total") > search(worker, q("长者") + "&method=casework")
        .getLong("total") - 1);
    JsonObject elders = search(worker, q("长者") + "&size=100");
    assertTrue(elders.getJsonArray("hits").stream().anyMatch(h -> ((JsonObject) h).getString("id").equals("case-008")),
        "长者 finds a case that only says 老年人");
    assertEquals(400, worker.get("/api/v1/cases/search?" + q("\"未闭合")).statusCode(), "a malformed query is a 400");
    assertEquals(401, app.browser().get("/api/v1/cases/search?" + q("调解")).statusCode());
    assertTrue(new JsonObject(worker.get("/api/v1/cases/suggestions?" + q("加装")).body()).getJsonArray("suggestions")
        .size() > 0);
    JsonArray related = new JsonObject(worker.get("/api/v1/cases/case-001/related").body()).getJsonArray("hits");
    assertFalse(related.isEmpty());
    assertTrue(related.stream().noneMatch(h -> ((JsonObject) h).getString("id").equals("case-001")));
  }

  @Test
  void theLibraryPagesSearchNarrowAndShowACase() {
    Browser worker = app.signedInAs("worker");
    String page = worker.get("/cases?" + q("调解")).body();
    assertTrue(page.contains("<mark>调解</mark>"), "highlighted in the snippets");
    assertTrue(page.contains("矛盾纠纷调解"), "facet labels in Chinese");
    String narrowed = worker.get("/cases?" + q("调解") + "&method=casework").body();
    assertTrue(narrowed.contains("清除筛选"));
    String casePage = worker.get("/cases/case-001").body();
    assertTrue(casePage.contains("## 背景") == false && casePage.contains("<h2>背景</h2>"), "Markdown rendered");
    assertTrue(casePage.contains("相关案例"));
    assertEquals(400, worker.get("/cases?" + q("\"未闭合")).statusCode());
    assertEquals(404, worker.get("/cases/no-such-case").statusCode());
    assertEquals(302, app.browser().get("/cases").statusCode(), "signed-in users only");
  }

  @Test
  void anApprovedCaseIsFoundAtOnceAndARetractedOneDisappears() {
    Browser trainer = app.signedInAs("dh.trainer2");
    String body = new JsonObject().put("title", "鹦鹉噪声引发的楼上楼下纠纷").put("summary", "一只鹦鹉的叫声让两户人家起了矛盾。")
        .put("body", "## 背景\n鹦鹉每天清晨鸣叫。").put("topics", new JsonArray().add("dispute-mediation"))
        .put("methods", new JsonArray().add("casework")).put("year", 2026).encode();
    String id = new JsonObject(trainer.json("POST", "/api/v1/cases", body).body()).getString("id");
    Browser worker = app.signedInAs("worker");
    assertEquals(0, search(worker, q("鹦鹉")).getLong("total"), "a draft is not in the library");
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    Browser organiser = app.signedInAs("organiser");
    organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}");
    assertEquals(1, search(worker, q("鹦鹉")).getLong("total"), "searchable right after approval");
    organiser.json("POST", "/api/v1/cases/" + id + "/retraction", "{}");
    assertEquals(0, search(worker, q("鹦鹉")).getLong("total"), "gone right after retraction");
  }

  @Test
  void theIndexIsRebuiltFromPostgresWhenItsDirectoryIsMissing() throws Exception {
    Path parent = Files.createTempDirectory("qinglan-case-index");
    try (CaseSearchService s = Await.of(CaseSearchService.open(app.app().vertx(), app.app().pool(),
        parent.resolve("cases"), null))) {
      assertTrue(Await.of(s.search(org.qinglan.cases.search.CaseQuery.of("调解"))).total() >= 6);
    } finally {
      org.qinglan.testing.TempDirs.delete(parent);
    }
  }

  @Test
  void anotherNodeFindsAnApprovedCaseAndLosesARetractedOne() throws Exception {
    try (TestApp second = app.secondNode()) {
      Browser trainer = app.signedInAs("dh.trainer2");
      String body = new JsonObject().put("title", "风筝节上的邻里互助").put("summary", "社区风筝节把新老居民连在一起。")
          .put("body", "## 背景\n新小区居民彼此陌生。").put("topics", new JsonArray().add("community-building"))
          .put("methods", new JsonArray().add("community-work")).put("year", 2026).encode();
      String id = new JsonObject(trainer.json("POST", "/api/v1/cases", body).body()).getString("id");
      trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
      app.signedInAs("organiser").json("POST", "/api/v1/cases/" + id + "/approval", "{}");
      Browser elsewhere = second.signedInAs("worker");
      long start = System.nanoTime();
      assertEquals(1, eventually(elsewhere, q("风筝节"), 1), "the other node indexed the approved case");
      System.out.printf("Approved case searchable on the other node after %.0f ms%n", (System.nanoTime() - start) / 1e6);
      app.signedInAs("organiser").json("POST", "/api/v1/cases/" + id + "/retraction", "{}");
      assertEquals(0, eventually(elsewhere, q("风筝节"), 0), "and dropped it after retraction");
    }
  }

  @Test
  void aNodeFollowsAnotherNodesAnnouncementEvenWhereTheScanCannotSeeIt() throws Exception {
    try (TestApp second = app.secondNode()) {
      Browser worker = second.signedInAs("worker");
      assertTrue(search(worker, q("调解")).getLong("total") >= 6);
      // Retracted with an old timestamp, which the catch-up scan has passed: only the announcement tells.
      app.update("UPDATE case_study SET retracted_at = now(), updated_at = now() - interval '1 day' WHERE id = 'case-001'");
      Thread.sleep(1500);
      assertEquals(1, search(worker, "q=&size=100&sort=date").getJsonArray("hits").stream()
          .filter(h -> ((JsonObject) h).getString("id").equals("case-001")).count(), "the scan cannot see it");
      Await.of(app.app().events().publish(CaseSearchService.TOPIC, new JsonObject().put("caseId", "case-001")));
      assertEquals(0, eventuallyWithout(worker, "case-001"), "the announcement removed it");
      app.update("UPDATE case_study SET retracted_at = NULL WHERE id = 'case-001'");
      Await.of(app.app().events().publish(CaseSearchService.TOPIC, new JsonObject().put("caseId", "case-001")));
      Await.of(app.app().caseSearch().refresh("case-001"));
    }
  }

  /** The total for a query once it equals {@code expected}, or after 10 s of trying. */
  private static long eventually(Browser b, String query, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long total;
    while ((total = search(b, query).getLong("total")) != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return total;
  }

  /** How often the case is among all cases, once it is gone or after 10 s of trying. */
  private static long eventuallyWithout(Browser b, String id) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long count;
    while ((count = search(b, "q=&size=100").getJsonArray("hits").stream()
        .filter(h -> ((JsonObject) h).getString("id").equals(id)).count()) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return count;
  }
}
