package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Base64;

/** Values every node must agree on, kept in PostgreSQL. */
public final class Settings {
  private static final String INSERT_IF_MISSING = "INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING";
  private static final String SELECT = "SELECT value FROM app_setting WHERE key = $1";

  private Settings() {
  }

  /** A random secret stored under {@code key}; the first node to ask creates it, the others read it. */
  public static Future<byte[]> secret(Pool pool, String key) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    String encoded = Base64.getEncoder().encodeToString(fresh);
    return pool.preparedQuery(INSERT_IF_MISSING).execute(Tuple.of(key, encoded))
        .compose(v -> pool.preparedQuery(SELECT).execute(Tuple.of(key)))
        .map(rows -> Base64.getDecoder().decode(rows.iterator().next().getString("value")));
  }
}
