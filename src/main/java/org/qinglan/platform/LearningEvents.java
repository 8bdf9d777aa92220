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

  /** Many events in one statement, column by column. */
  private static final String INSERT_ALL = """
      INSERT INTO learning_event
        (id, actor_id, verb, object_id, object_type, result_score, result_success,
         result_duration_ms, context, occurred_at)
      SELECT id, actor_id, verb, object_id, object_type, result_score, result_success, result_duration_ms,
             context::jsonb, occurred_at
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::bool[], $8::bigint[],
                  $9::text[], $10::timestamptz[])
        AS e (id, actor_id, verb, object_id, object_type, result_score, result_success, result_duration_ms, context,
              occurred_at)
      """;

  private LearningEvents() {
  }

  public static Future<Void> append(SqlClient client, LearningEvent e) {
    return client.preparedQuery(INSERT).execute(params(e)).mapEmpty();
  }

  /** Appends several events in one statement (thousands of entries of a round handed in at its close). */
  public static Future<Void> appendAll(SqlClient client, java.util.List<LearningEvent> events) {
    int n = events.size();
    if (n == 0) {
      return Future.succeededFuture();
    }
    java.util.UUID[] ids = new java.util.UUID[n];
    java.util.UUID[] actors = new java.util.UUID[n];
    String[] verbs = new String[n];
    String[] objects = new String[n];
    String[] types = new String[n];
    Double[] scores = new Double[n];
    Boolean[] success = new Boolean[n];
    Long[] durations = new Long[n];
    String[] contexts = new String[n];
    java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      LearningEvent e = events.get(i);
      ids[i] = e.id();
      actors[i] = e.actorId();
      verbs[i] = e.verb();
      objects[i] = e.objectId();
      types[i] = e.objectType();
      scores[i] = e.resultScore();
      success[i] = e.resultSuccess();
      durations[i] = e.resultDuration() == null ? null : e.resultDuration().toMillis();
      contexts[i] = e.context() == null ? "{}" : e.context().encode();
      at[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
    }
    return client.preparedQuery(INSERT_ALL).execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(actors)
        .addArrayOfString(verbs).addArrayOfString(objects).addArrayOfString(types).addArrayOfDouble(scores)
        .addArrayOfBoolean(success).addArrayOfLong(durations).addArrayOfString(contexts).addArrayOfOffsetDateTime(at))
        .mapEmpty();
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
