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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The store of {@code web_session} (all of web's SQL): sessions kept in PostgreSQL, so every node
 * sees a sign-in or sign-out at once. The cookie holds a random token; only its SHA-256 is stored,
 * so a copy of the table opens no session. Whose session it is, and whether that account may still
 * sign in, is the people feature's to say (through {@link SessionAccounts}).
 *
 * <p>A session ends after {@link #IDLE_TIMEOUT} without use. A kept one ("keep me signed in on
 * this phone") instead lives {@link #KEPT_LIFETIME} from its sign-in, used or not, and no longer;
 * its cookie has a Max-Age that ends with it. Either can be ended from the account page.
 */
public final class Sessions {
  public static final String COOKIE = "qinglan_session";
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
  public static final Duration KEPT_LIFETIME = Duration.ofDays(14);

  /** Returns how many whole seconds the session has left by the database's clock, for the cookie's Max-Age. */
  private static final String INSERT = """
      INSERT INTO web_session (token_hash, account_id, expires_at, address, device, kept)
      VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5, $6)
      RETURNING floor(extract(epoch FROM expires_at - clock_timestamp()))::bigint AS seconds_left
      """;
  /**
   * The account of a live session, in one statement with its sliding expiry (written at most once a
   * minute; a kept session's end is fixed) and its last use.
   */
  private static final String FIND_AND_TOUCH = """
      WITH live AS (
        SELECT account_id FROM web_session WHERE token_hash = $1 AND expires_at > now()
      ), touched AS (
        UPDATE web_session SET last_seen_at = now(),
               expires_at = CASE WHEN kept THEN expires_at ELSE now() + make_interval(secs => $2) END
        WHERE token_hash = $1 AND expires_at > now() AND last_seen_at < now() - interval '1 minute'
      )
      SELECT account_id FROM live
      """;
  /** The live sessions of an account, this one first, then the most recently used. */
  private static final String LIST = """
      SELECT id, created_at, last_seen_at, expires_at, address, device, kept, token_hash = $2 AS current
      FROM web_session WHERE account_id = $1 AND expires_at > now()
      ORDER BY token_hash = $2 DESC, last_seen_at DESC
      """;
  private static final String DELETE_BY_ID = """
      DELETE FROM web_session WHERE account_id = $1 AND id = $2 RETURNING token_hash = $3 AS current
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

  /**
   * A new session's cookie token, and the cookie's Max-Age in seconds: the session's remaining life
   * for a kept session, -1 (a browser-session cookie) for another.
   */
  public record Opened(String token, long maxAgeSeconds) {
  }

  /** One live session of an account, as its account page lists it. */
  public record Listed(UUID id, OffsetDateTime openedAt, OffsetDateTime lastSeenAt, OffsetDateTime expiresAt,
                       String address, String device, boolean kept, boolean current) {
  }

  /**
   * Opens a session for the account (in the caller's transaction).
   *
   * @param device what the person signed in with, in words (see {@link Devices})
   * @param kept   kept on this device for {@link #KEPT_LIFETIME}, else ended after {@link #IDLE_TIMEOUT} idle
   */
  public Future<Opened> open(SqlClient db, UUID accountId, String address, String device, boolean kept) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Duration life = kept ? KEPT_LIFETIME : IDLE_TIMEOUT;
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(hash(token), accountId, (double) life.toSeconds(), address, device, kept))
        .map(rows -> new Opened(token, kept ? Math.max(0, rows.iterator().next().getLong("seconds_left")) : -1));
  }

  /** The live sessions of an account; {@code currentToken} marks the one asking. */
  public Future<List<Listed>> list(UUID accountId, String currentToken) {
    return pool.preparedQuery(LIST).execute(Tuple.of(accountId, hash(currentToken == null ? "" : currentToken)))
        .map(rows -> {
          List<Listed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Listed(r.getUUID("id"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_seen_at"),
                r.getOffsetDateTime("expires_at"), r.getString("address"), r.getString("device"), r.getBoolean("kept"),
                r.getBoolean("current")));
          }
          return out;
        });
  }

  /**
   * Ends one session of the account by its id. Null when the account has no such session (another
   * account's, or one that ended); else whether it was the one of {@code currentToken}.
   */
  public Future<Boolean> closeById(UUID accountId, UUID sessionId, String currentToken) {
    return pool.preparedQuery(DELETE_BY_ID)
        .execute(Tuple.of(accountId, sessionId, hash(currentToken == null ? "" : currentToken)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean("current"));
  }

  /** Signs the account out everywhere but here (its own choice on the account page). */
  public Future<Void> closeOthers(UUID accountId, String keepToken) {
    return closeOthers(pool, accountId, keepToken);
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
