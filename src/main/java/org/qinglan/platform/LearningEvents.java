package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * Appends learning events. Features call it with their own connection, inside their own
 * transaction, so an event exists exactly when the thing it records does.
 */
public final class LearningEvents {
  private static final String INSERT = """
      INSERT INTO learning_event
        (id, actor_id, verb, object_id, object_type, result_score, result_success,
         result_duration_ms, context, occurred_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """;

  private LearningEvents() {
  }

  public static Future<Void> append(SqlClient client, LearningEvent e) {
    return client.preparedQuery(INSERT).execute(params(e)).mapEmpty();
  }

  /** Appends several events in one batch (many entries of a round handed in at its close). */
  public static Future<Void> appendAll(SqlClient client, java.util.List<LearningEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery(INSERT).executeBatch(events.stream().map(LearningEvents::params).toList()).mapEmpty();
  }

  private static Tuple params(LearningEvent e) {
    return Tuple.tuple()
        .addUUID(e.id())
        .addUUID(e.actorId())
        .addString(e.verb())
        .addString(e.objectId())
        .addString(e.objectType())
        .addDouble(e.resultScore())
        .addBoolean(e.resultSuccess())
        .addLong(e.resultDuration() == null ? null : e.resultDuration().toMillis())
        .addValue(e.context())
        .addOffsetDateTime(e.occurredAt().atOffset(ZoneOffset.UTC));
  }
}
