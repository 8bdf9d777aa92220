package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Appends to the audit trail, inside the caller's transaction. */
public final class Audit {
  private static final String INSERT = "INSERT INTO audit_log (actor_id, action, subject_id, detail) VALUES ($1, $2, $3, $4)";

  private Audit() {
  }

  public static Future<Void> record(SqlClient db, UUID actorId, String action, String subjectId, JsonObject detail) {
    return db.preparedQuery(INSERT).execute(Tuple.of(actorId, action, subjectId, detail)).mapEmpty();
  }
}
