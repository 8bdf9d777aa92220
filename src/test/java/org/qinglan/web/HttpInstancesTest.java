package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;
import org.qinglan.testing.Await;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TempDirs;
import org.qinglan.testing.TestApp;
import org.qinglan.testing.TestDatabases;

/** HTTP served from several verticles, one per event loop, in front of shared services. */
class HttpInstancesTest {

  /**
   * A route that answers with the name of the thread serving it: new connections go to the
   * instances in turn, so with two instances two event loops answer.
   */
  @Test
  void requestsAreServedByAsManyEventLoopsAsThereAreInstances() throws Exception {
    assertEquals(Set.of(1), Set.of(servingThreads(1).size()), "one instance: one event loop");
    Set<String> two = servingThreads(2);
    assertEquals(2, two.size(), "two instances: two event loops, " + two);
    assertTrue(two.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread-")), two.toString());
  }

  /** The distinct threads that served 12 requests, each on a new connection, with {@code instances}. */
  private static Set<String> servingThreads(int instances) throws Exception {
    DatabaseTarget db = TestDatabases.fresh();
    Migrations.migrate(db);
    // More loops than instances, so that the spread is the deployment's doing and not a coincidence.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    Path uploads = Files.createTempDirectory("qinglan-http-instances");
    try {
      Pool pool = Database.pool(vertx, db, 2);
      Auth auth = new Auth(new Sessions(pool), id -> io.vertx.core.Future.succeededFuture(null), false);
      Consumer<Routes> thread = r -> r.page(HttpMethod.GET, "/t/thread", Access.anyone(),
          ctx -> ctx.response().end(Thread.currentThread().getName()));
      WebServer web = new WebServer(vertx, pool, new Views(vertx, ZoneId.of("Asia/Shanghai")), auth,
          new Csrf(new byte[32], auth), uploads, () -> null, List.of(thread));
      int port = Await.of(web.deploy("127.0.0.1", 0, instances)).actualPort();
      Set<String> threads = new TreeSet<>();
      for (int i = 0; i < 12; i++) {
        // A client of its own: a connection of its own.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/thread"))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        threads.add(r.body());
      }
      return threads;
    } finally {
      Await.of(vertx.close());
      TempDirs.delete(uploads);
      TestDatabases.drop(db);
    }
  }

  /**
   * A whole node with two HTTP instances: both serve the features (a signed-in page, over new
   * connections), the periodic jobs are scheduled once for the node, not once per instance.
   */
  @Test
  void aNodeWithTwoInstancesServesEverythingAndSchedulesItsJobsOnce() throws Exception {
    try (TestApp app = TestApp.withDemoData(2)) {
      assertEquals(2, app.app().httpInstances());
      assertEquals(List.of("session-purge", "sign-in-attempt-purge", "overdue-exams", "case-index-catch-up", "channel-purge",
          "knowledge-rounds-due", "knowledge-round-screens", "overload-summary"),
          app.app().jobs().names(), "each periodic job once per node");
      Browser signedIn = app.signedInAs("organiser");
      for (int i = 0; i < 6; i++) {
        Browser onNewConnection = signedIn.onOtherNode(app.baseUrl());
        HttpResponse<String> page = onNewConnection.get("/workers");
        assertEquals(200, page.statusCode(), "request " + i + " (signed in on every instance)");
      }
      assertTrue(app.app().routes().specs().size() > 20, "the routes of every feature");
    }
  }
}
