package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends to the audit trail, inside the caller's transaction, and reads a subject's trail back. */
public final class Audit {
  private static final String INSERT = "INSERT INTO audit_log (actor_id, action, subject_id, detail) VALUES ($1, $2, $3, $4)";
  private static final String TRAIL = """
      SELECT id, actor_id, action, detail, at FROM audit_log WHERE subject_id = $1 ORDER BY at, id LIMIT $2
      """;

  /** One recorded change: who did what, with its detail, and when. */
  public record Entry(long id, UUID actorId, String action, JsonObject detail, Instant at) {
  }

  private Audit() {
  }

  public static Future<Void> record(SqlClient db, UUID actorId, String action, String subjectId, JsonObject detail) {
    return db.preparedQuery(INSERT).execute(Tuple.of(actorId, action, subjectId, detail)).mapEmpty();
  }

  /** The changes recorded about a subject, oldest first, at most {@code limit} of them. */
  public static Future<List<Entry>> trail(SqlClient db, String subjectId, int limit) {
    return db.preparedQuery(TRAIL).execute(Tuple.of(subjectId, limit)).map(rows -> {
      List<Entry> out = new ArrayList<>();
      for (Row r : rows) {
        Object detail = r.getValue("detail");
        out.add(new Entry(r.getLong("id"), r.getUUID("actor_id"), r.getString("action"),
            detail instanceof JsonObject o ? o : new JsonObject(), r.getOffsetDateTime("at").toInstant()));
      }
      return out;
    });
  }
}
