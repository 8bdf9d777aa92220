package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.StatementCounter;
import org.qinglan.testing.TestApp;
import org.qinglan.testing.TestDatabases;

/** The review page reads its queue in a fixed number of statements, however many cases wait. */
class CaseReviewQueueTest {
  static StatementCounter counter;
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    counter = new StatementCounter(TestDatabases.demoCopy());
    app = TestApp.start(counter.target(), true);
    app.addStaff("dh.trainer", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    counter.close();
  }

  static void submitOne(Browser trainer, int n) {
    String draft = new JsonObject().put("title", "第 " + n + " 个待审案例").put("summary", "社区协商化解停车难。")
        .put("body", "## 背景\n正文。").put("topics", new JsonArray().add("dispute-mediation"))
        .put("methods", new JsonArray().add("community-work")).put("year", 2025).encode();
    String id = new JsonObject(trainer.json("POST", "/api/v1/cases", draft).body()).getString("id");
    assertEquals(200, trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}").statusCode());
  }

  /** Statements run on cases' revisions and attachments while the organiser opens the review page. */
  static long statementsOfReviewPage(Browser organiser, int expectedItems) {
    long before = counter.executions(CaseReviewQueueTest::casesTable);
    HttpResponse<String> page = organiser.get("/cases/review");
    long after = counter.executions(CaseReviewQueueTest::casesTable);
    assertEquals(200, page.statusCode());
    assertEquals(expectedItems, page.body().split("/decision\"", -1).length - 1, "one decision form per submission");
    return after - before;
  }

  /** Statements on revisions and attachments, leaving out the search index's reads of published revisions. */
  static boolean casesTable(String sql) {
    return sql.contains("case_attachment")
        || sql.contains("case_revision") && !sql.contains("r.revision = s.published_revision");
  }

  @Test
  void theReviewPageRunsAsManyStatementsForSixSubmissionsAsForOne() {
    Browser trainer = app.signedInAs("dh.trainer");
    Browser organiser = app.signedInAs("organiser");
    submitOne(trainer, 1);
    long one = statementsOfReviewPage(organiser, 1);
    for (int n = 2; n <= 6; n++) {
      submitOne(trainer, n);
    }
    long six = statementsOfReviewPage(organiser, 6);
    assertTrue(one > 0, "the counter sees the page's statements");
    assertEquals(one, six, "statements for one submission, then for six");
  }
}
