package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * The store of {@code web_session} (all of web's SQL): sessions kept in PostgreSQL, so every node
 * sees a sign-in or sign-out at once. The cookie holds a random token; only its SHA-256 is stored,
 * so a copy of the table opens no session. Whose session it is, and whether that account may still
 * sign in, is the people feature's to say (through {@link SessionAccounts}).
 */
public final class Sessions {
  public static final String COOKIE = "qinglan_session";
  static final Duration IDLE_TIMEOUT = Duration.ofHours(12);

  private static final String INSERT = """
      INSERT INTO web_session (token_hash, account_id, expires_at, address)
      VALUES ($1, $2, now() + make_interval(secs => $3), $4)
      """;
  /** The account of a live session, with the sliding expiry written at most once a minute, in one statement. */
  private static final String FIND_AND_TOUCH = """
      WITH live AS (
        SELECT account_id FROM web_session WHERE token_hash = $1 AND expires_at > now()
      ), touched AS (
        UPDATE web_session SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2)
        WHERE token_hash = $1 AND expires_at > now() AND last_seen_at < now() - interval '1 minute'
      )
      SELECT account_id FROM live
      """;
  private static final String DELETE = "DELETE FROM web_session WHERE token_hash = $1";
  private static final String DELETE_OTHERS = "DELETE FROM web_session WHERE account_id = $1 AND token_hash <> $2";
  private static final String DELETE_ALL = "DELETE FROM web_session WHERE account_id = $1";
  private static final String PURGE = "DELETE FROM web_session WHERE expires_at < now()";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Pool pool;

  public Sessions(Pool pool) {
    this.pool = pool;
  }

  /** Opens a session for the account (in the caller's transaction) and returns the cookie token. */
  public Future<String> open(SqlClient db, UUID accountId, String address) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(hash(token), accountId, (double) IDLE_TIMEOUT.toSeconds(), address))
        .map(token);
  }

  /** The account id of a live session, or null. Extends the session at most once a minute. */
  public Future<UUID> accountIdOf(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(FIND_AND_TOUCH).execute(Tuple.of(hash(token), (double) IDLE_TIMEOUT.toSeconds()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("account_id"));
  }

  public Future<Void> close(String token) {
    return close(pool, token);
  }

  /** Ends the session of this token, if any (in the caller's transaction). */
  public Future<Void> close(SqlClient db, String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(DELETE).execute(Tuple.of(hash(token))).mapEmpty();
  }

  /** Signs the account out everywhere but here (after a password change). */
  public Future<Void> closeOthers(SqlClient db, UUID accountId, String keepToken) {
    return db.preparedQuery(DELETE_OTHERS).execute(Tuple.of(accountId, hash(keepToken))).mapEmpty();
  }

  /** Signs the account out everywhere (disabled, or its password reset by an admin), in the caller's transaction. */
  public Future<Void> closeAll(SqlClient db, UUID accountId) {
    return db.preparedQuery(DELETE_ALL).execute(Tuple.of(accountId)).mapEmpty();
  }

  /** Removes expired sessions. */
  public Future<Void> purgeExpired() {
    return pool.query(PURGE).execute().mapEmpty();
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
