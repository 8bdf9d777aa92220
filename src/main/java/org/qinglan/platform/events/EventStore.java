package org.qinglan.platform.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The channel's events in PostgreSQL: appended with their NOTIFY, read after an id, purged by age. */
final class EventStore {
  /** The PostgreSQL channel every node listens on. */
  static final String PG_CHANNEL = "qinglan_events";

  /**
   * Takes the next id under the head row's lock (held until the publishing transaction ends, so
   * ids commit in order), stores the event and notifies "id envelope"; PostgreSQL delivers the
   * notification when the transaction commits, and never if it rolls back.
   */
  private static final String PUBLISH = """
      WITH head AS (UPDATE platform_event_head SET last_id = last_id + 1 RETURNING last_id),
           stored AS (INSERT INTO platform_event (id, topic, payload, origin)
                      SELECT last_id, $1, $2, $3 FROM head RETURNING id)
      SELECT id, pg_notify('qinglan_events', id || ' ' || $4) FROM stored
      """;
  /**
   * The same for several events in one statement (one transaction, one commit): ids base+1 to
   * base+n in the order given, announced in that order.
   */
  private static final String PUBLISH_ALL = """
      WITH head AS (UPDATE platform_event_head SET last_id = last_id + $1 RETURNING last_id - $1 AS base),
           input AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS i (topic, payload, envelope, n)),
           stored AS (INSERT INTO platform_event (id, topic, payload, origin)
                      SELECT base + n, topic, payload::jsonb, $5 FROM head, input RETURNING id)
      SELECT base + n AS id, pg_notify('qinglan_events', (base + n) || ' ' || envelope)
      FROM head, input ORDER BY n
      """;
  private static final String AFTER = """
      SELECT id, topic, payload, origin FROM platform_event WHERE id > $1 ORDER BY id LIMIT $2
      """;
  private static final String LAST_ID = "SELECT last_id FROM platform_event_head";
  private static final String PURGE = "DELETE FROM platform_event WHERE created_at < now() - make_interval(secs => $1)";

  private EventStore() {
  }

  static Future<Long> publish(SqlClient client, String topic, JsonObject payload, UUID origin, String envelope) {
    return client.preparedQuery(PUBLISH).execute(Tuple.of(topic, payload, origin, envelope))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Publishes several events in one statement; returns their ids in the order given. */
  static Future<List<Long>> publishAll(SqlClient client, List<String> topics, List<String> payloads,
                                       List<String> envelopes, UUID origin) {
    Tuple params = Tuple.of(topics.size(), topics.toArray(new String[0]), payloads.toArray(new String[0]),
        envelopes.toArray(new String[0]), origin);
    return client.preparedQuery(PUBLISH_ALL).execute(params).map(rows -> {
      List<Long> ids = new ArrayList<>();
      for (Row r : rows) {
        ids.add(r.getLong("id"));
      }
      return ids;
    });
  }

  /** Up to {@code limit} events after {@code id}, in order. */
  static Future<List<ChannelEvent>> after(SqlClient client, long id, int limit) {
    return client.preparedQuery(AFTER).execute(Tuple.of(id, limit)).map(rows -> {
      List<ChannelEvent> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new ChannelEvent(r.getLong("id"), r.getString("topic"), r.getJsonObject("payload"),
            r.getUUID("origin").toString()));
      }
      return out;
    });
  }

  /** The id of the last event published so far. */
  static Future<Long> lastId(SqlClient client) {
    return client.preparedQuery(LAST_ID).execute().map(rows -> rows.iterator().next().getLong("last_id"));
  }

  /** Deletes the events older than {@code age}; returns how many. */
  static Future<Integer> purge(SqlClient client, Duration age) {
    return client.preparedQuery(PURGE).execute(Tuple.of((double) age.toSeconds())).map(rows -> rows.rowCount());
  }
}
