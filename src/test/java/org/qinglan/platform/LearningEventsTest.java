package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TestDatabases;

class LearningEventsTest {
  static DatabaseTarget db;
  static Vertx vertx;
  static Pool pool;
  static UUID actor = UUID.randomUUID();

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabases.fresh();
    Migrations.migrate(db);
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db, 2);
    await(pool.query("INSERT INTO account (id, username, display_name, password_hash) VALUES ('" + actor
        + "', 'learner', '学员', 'x')").execute());
  }

  @AfterAll
  static void tearDown() throws Exception {
    await(vertx.close());
    TestDatabases.drop(db);
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void appendsAStatementInTheCallersTransaction() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/completed", "course-x", "course")
        .withResult(0.85, true, Duration.ofMinutes(42))
        .withContext(new JsonObject().put("creditHours", 8));
    await(pool.withTransaction(tx -> LearningEvents.append(tx, e)));
    Row row = await(pool.preparedQuery("SELECT * FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(e.id()))).iterator().next();
    assertEquals("course-x", row.getString("object_id"));
    assertEquals(0.85, row.getDouble("result_score"));
    assertEquals(42 * 60_000L, row.getLong("result_duration_ms"));
    assertEquals(8, ((JsonObject) row.getValue("context")).getInteger("creditHours"));
  }

  @Test
  void aRolledBackTransactionLeavesNoEvent() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/attempted", "quiz-1", "quiz");
    assertThrows(ExecutionException.class, () -> await(pool.withTransaction(tx -> LearningEvents.append(tx, e)
        .compose(v -> io.vertx.core.Future.failedFuture("the feature's own write failed")))));
    long n = await(pool.preparedQuery("SELECT count(*) FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(e.id()))).iterator().next().getLong(0);
    assertEquals(0, n);
  }

  @Test
  void eventsCannotBeChangedOrDeleted() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/experienced", "lesson-1", "lesson");
    await(LearningEvents.append(pool, e));
    ExecutionException update = assertThrows(ExecutionException.class, () -> await(
        pool.query("UPDATE learning_event SET object_id = 'x'").execute()));
    assertTrue(update.getCause().getMessage().contains("append-only"));
    assertThrows(ExecutionException.class, () -> await(pool.query("DELETE FROM learning_event").execute()));
  }
}
