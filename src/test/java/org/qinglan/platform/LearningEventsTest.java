package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qinglan.testing.Await;
import org.qinglan.testing.MigratedDatabase;

class LearningEventsTest {
  @RegisterExtension
  static final MigratedDatabase database = new MigratedDatabase();
  static UUID actor = UUID.randomUUID();

  @BeforeAll
  static void setUp() throws Exception {
    Await.of(database.pool().query("INSERT INTO account (id, username, display_name, password_hash) VALUES ('" + actor
        + "', 'learner', '学员', 'x')").execute());
  }

  @Test
  void appendsAStatementInTheCallersTransaction() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/completed", "course-x", "course")
        .withResult(0.85, true, Duration.ofMinutes(42))
        .withContext(new JsonObject().put("creditHours", 8));
    Await.of(database.pool().withTransaction(tx -> LearningEvents.append(tx, e)));
    Row row = Await.of(database.pool().preparedQuery("SELECT * FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(e.id()))).iterator().next();
    assertEquals("course-x", row.getString("object_id"));
    assertEquals(0.85, row.getDouble("result_score"));
    assertEquals(42 * 60_000L, row.getLong("result_duration_ms"));
    assertEquals(8, ((JsonObject) row.getValue("context")).getInteger("creditHours"));
  }

  @Test
  void manyEventsGoInOneStatementAsEachWouldAlone() throws Exception {
    LearningEvent full = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/completed", "round-1", "competition-round")
        .withResult(0.5, null, Duration.ofSeconds(90)).withContext(new JsonObject().put("points", 12.5));
    LearningEvent bare = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/completed", "round-1", "competition-round");
    Await.of(database.pool().withTransaction(tx -> LearningEvents.appendAll(tx, java.util.List.of(full, bare))));
    Await.of(LearningEvents.appendAll(database.pool(), java.util.List.of()));
    Row a = Await.of(database.pool().preparedQuery("SELECT * FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(full.id()))).iterator().next();
    assertEquals(0.5, a.getDouble("result_score"));
    assertEquals(null, a.getBoolean("result_success"));
    assertEquals(90_000L, a.getLong("result_duration_ms"));
    assertEquals(12.5, ((JsonObject) a.getValue("context")).getDouble("points"));
    assertEquals(full.occurredAt().toEpochMilli(), a.getOffsetDateTime("occurred_at").toInstant().toEpochMilli());
    Row b = Await.of(database.pool().preparedQuery("SELECT * FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(bare.id()))).iterator().next();
    assertEquals(null, b.getValue("result_score"));
    assertEquals(new JsonObject(), b.getValue("context"));
  }

  @Test
  void aRolledBackTransactionLeavesNoEvent() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/attempted", "quiz-1", "quiz");
    assertThrows(ExecutionException.class, () -> Await.of(database.pool().withTransaction(tx -> LearningEvents.append(tx, e)
        .compose(v -> io.vertx.core.Future.failedFuture("the feature's own write failed")))));
    long n = Await.of(database.pool().preparedQuery("SELECT count(*) FROM learning_event WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(e.id()))).iterator().next().getLong(0);
    assertEquals(0, n);
  }

  @Test
  void eventsCannotBeChangedOrDeleted() throws Exception {
    LearningEvent e = LearningEvent.of(actor, "http://adlnet.gov/expapi/verbs/experienced", "lesson-1", "lesson");
    Await.of(LearningEvents.append(database.pool(), e));
    ExecutionException update = assertThrows(ExecutionException.class, () -> Await.of(
        database.pool().query("UPDATE learning_event SET object_id = 'x'").execute()));
    assertTrue(update.getCause().getMessage().contains("append-only"));
    assertThrows(ExecutionException.class, () -> Await.of(database.pool().query("DELETE FROM learning_event").execute()));
  }
}
