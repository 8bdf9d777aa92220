package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions kept in PostgreSQL, so every node sees a sign-in or sign-out at once. The cookie
 * holds a random token; only its SHA-256 is stored, so a copy of the table opens no session.
 */
public final class Sessions {
  private static final Logger log = LoggerFactory.getLogger(Sessions.class);
  public static final String COOKIE = "qinglan_session";
  static final Duration IDLE_TIMEOUT = Duration.ofHours(12);

  private static final String INSERT = """
      INSERT INTO web_session (token_hash, account_id, expires_at, address)
      VALUES ($1, $2, now() + make_interval(secs => $3), $4)
      """;
  private static final String FIND = AccountStore.SELECT_ACCOUNT + """
       JOIN web_session s ON s.account_id = a.id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND a.active
      """;
  /** Sliding expiry, written at most once a minute per session. */
  private static final String TOUCH_IF_STALE = """
      UPDATE web_session SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2)
      WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute'
      """;
  private static final String DELETE = "DELETE FROM web_session WHERE token_hash = $1";
  private static final String DELETE_OTHERS = "DELETE FROM web_session WHERE account_id = $1 AND token_hash <> $2";
  private static final String PURGE = "DELETE FROM web_session WHERE expires_at < now()";
  /** Sign-in attempts matter for throttling only within its window; a day is ample. */
  private static final String PURGE_ATTEMPTS = "DELETE FROM sign_in_attempt WHERE at < now() - interval '1 day'";

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

  /** The account of a live session, or null. Extends the session at most once a minute. */
  public Future<Account> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture(null);
    }
    byte[] key = hash(token);
    return pool.preparedQuery(FIND).execute(Tuple.of(key)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      // Not awaited: the request need not wait for the sliding expiry to be written.
      pool.preparedQuery(TOUCH_IF_STALE).execute(Tuple.of(key, (double) IDLE_TIMEOUT.toSeconds()))
          .onFailure(t -> log.warn("Could not extend a session: {}", t.getMessage()));
      return Future.succeededFuture(AccountStore.map(row));
    });
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

  /** Removes expired sessions and old sign-in attempts. */
  public Future<Void> purgeExpired() {
    return pool.query(PURGE).execute().compose(v -> pool.query(PURGE_ATTEMPTS).execute()).mapEmpty();
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
