package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Capacity;
import org.qinglan.platform.Overload;
import org.qinglan.testing.Browser;
import org.qinglan.testing.LogCapture;
import org.qinglan.testing.TestApp;

/**
 * Starting a mock exam is admitted a few at a time: beyond the places and the queue the node
 * answers 503 busy with Retry-After at once (logged once), while an answer's save is never held
 * by it; the start that had the place completes.
 */
class MockExamAdmissionHttpTest {

  @Test
  void aStartBeyondThePlacesIsA503AtOnceAndASaveIsNotHeldByIt() throws Exception {
    // One heavy request at a time, none waiting.
    try (TestApp app = TestApp.withDemoData(config -> config.withCapacity(new Capacity(4, 1, 0, 1, 0)))) {
      Browser worker = app.signedInAs("worker");
      Browser other = app.signedInAs("w015");
      HttpResponse<String> started = worker.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-practice\"}");
      assertEquals(201, started.statusCode(), started.body());
      String exam = new JsonObject(started.body()).getString("id");
      String question = new JsonObject(worker.get("/api/v1/mock-exams/" + exam).body()).getJsonArray("questions")
          .getJsonObject(0).getString("id");

      // The learning-event table locked by the test: the next start takes the one place, draws its
      // paper and waits inside its transaction, at the learning event it appends. A save appends none.
      Connection lock = app.connection();
      lock.setAutoCommit(false);
      try (Statement st = lock.createStatement()) {
        st.execute("LOCK TABLE learning_event IN EXCLUSIVE MODE");
      }
      try (LogCapture logs = new LogCapture(Overload.class)) {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
            other.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-practice\"}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (app.one("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") instanceof Long n
            && n == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(1, app.app().examAdmission().running(), "the first start holds the place, waiting for the lock");
        CompletableFuture<HttpResponse<String>> save = CompletableFuture.supplyAsync(() ->
            worker.json("PUT", "/api/v1/mock-exams/" + exam + "/answers/" + question,
                "{\"seq\":1,\"response\":{\"choices\":[0]}}"));

        HttpResponse<String> refused = worker.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-practice\"}");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("busy", new JsonObject(refused.body()).getJsonObject("error").getString("code"), refused.body());
        assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        HttpResponse<String> page = worker.get("/mock-exams/" + exam);
        assertEquals(503, page.statusCode(), "reading a whole paper is admitted the same way");
        assertTrue(page.body().contains("访问的人较多"), page.body());
        assertEquals(1, logs.count("Queue of mock-exam work full"), "refused by the admission, logged once: "
            + logs.messages());
        assertEquals(0, logs.count(Overload.POOL_TIMEOUT), "not a pool timeout: " + logs.messages());
        assertEquals(2, app.app().examAdmission().refused(), "both refusals counted");
        HttpResponse<String> saved = save.get(30, TimeUnit.SECONDS);
        assertEquals(200, saved.statusCode(), "the save was never held by the admission: " + saved.body());

        lock.rollback();
        HttpResponse<String> firstDone = first.get(30, TimeUnit.SECONDS);
        assertEquals(201, firstDone.statusCode(), "the start that had the place completes: " + firstDone.body());
      } finally {
        lock.rollback();
        lock.close();
      }
      // The place is given back when the answer has gone, which the client may see first.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (app.app().examAdmission().running() > 0 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertEquals(0, app.app().examAdmission().running(), "every place given back");
      assertEquals(201, worker.json("POST", "/api/v1/mock-exams", "{\"blueprintId\":\"assistant-practice\"}")
          .statusCode(), "admitted again once the place is free");
    }
  }
}
