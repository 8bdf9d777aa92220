package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** A trainer's new case through the review pages, and into the search results. */
class CaseBrowserFlowTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer3", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void writeSubmitReviewAndFind() {
    Browser trainer = app.signedInAs("dh.trainer3");
    trainer.get("/cases/new");
    String body = "## 背景\n刘阿姨（身份证号11010519491231002X）家中漏水影响楼下住户，双方多次争吵。";
    java.util.Map<String, String> form = new java.util.HashMap<>(Map.of("title", "楼上漏水引发的纠纷化解", "summary",
        "社区工作者组织双方协商，物业协助维修。", "body", body, "topics", "dispute-mediation", "methods", "casework",
        "communityType", "old-town", "year", "2025", "tags", "漏水，协商"));
    HttpResponse<String> created = trainer.post("/cases/new", form);
    assertEquals(302, created.statusCode(), created.body());
    String editUrl = created.headers().firstValue("Location").orElseThrow();
    String id = editUrl.split("/")[2];

    trainer.get(editUrl);
    HttpResponse<String> blocked = trainer.post("/cases/" + id + "/submit", Map.of());
    assertEquals(400, blocked.statusCode(), "an ID-card number keeps it from being submitted");
    assertTrue(blocked.body().contains("<mark title=\"身份证号\">11010519491231002X</mark>"), "marked in place");

    form.put("body", "## 背景\n刘阿姨家中漏水影响楼下住户，双方多次争吵。");
    assertEquals(302, trainer.post("/cases/" + id + "/edit", form).statusCode());
    assertEquals(302, trainer.post("/cases/" + id + "/submit", Map.of()).statusCode());
    assertTrue(trainer.get(editUrl).body().contains("审核中"));

    Browser organiser = app.signedInAs("organiser");
    String queue = organiser.get("/cases/review").body();
    assertTrue(queue.contains("楼上漏水引发的纠纷化解"));
    assertEquals(403, app.signedInAs("organiser2").post("/cases/" + id + "/decision", Map.of("decision", "approve"))
        .statusCode(), "another district's organiser cannot review");
    assertEquals(403, app.signedInAs("worker").get("/cases/review").statusCode());
    organiser.get("/cases/review");
    assertEquals(302, organiser.post("/cases/" + id + "/decision", Map.of("decision", "approve")).statusCode());

    String results = app.signedInAs("worker").get("/cases?q=" + java.net.URLEncoder.encode("漏水",
        java.nio.charset.StandardCharsets.UTF_8)).body();
    assertTrue(results.contains("楼上漏水引发的纠纷化解"), "found right after approval");
  }
}
