package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** SQL for sign-in attempts (throttling). */
public final class SignInStore {
  /**
   * Serialises the attempts on one account (across nodes), never those of one address: an office
   * behind one public address signs in in parallel.
   */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('sign-in:' || $1, 0))";
  /**
   * Failures since the last success of the account (from anywhere) and of the account from this
   * address, counting attempts still being checked as failures (so that parallel attempts cannot
   * slip past the count); and the checked failures of the address (any account). Attempts of other
   * accounts from the address that are still being checked are not counted: on an exam morning
   * hundreds of colleagues behind one address sign in at once, and they are not failures. An
   * attempt still unsettled after a minute was abandoned (its answer was lost: its node stopped, or
   * it was too busy to record the outcome) and counts for nothing.
   */
  private static final String FAILURES = """
      SELECT
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.account_key = $1 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)
            AND (f.settled OR f.at > now() - interval '1 minute')
            AND f.at > coalesce((SELECT max(s.at) FROM sign_in_attempt s
                                 WHERE s.account_key = $1 AND s.succeeded), '-infinity')) AS account_failures,
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.account_key = $1 AND f.address = $2 AND NOT f.succeeded
            AND f.at > now() - make_interval(secs => $3) AND (f.settled OR f.at > now() - interval '1 minute')
            AND f.at > coalesce((SELECT max(s.at) FROM sign_in_attempt s
                                 WHERE s.account_key = $1 AND s.address = $2 AND s.succeeded),
                                '-infinity')) AS pair_failures,
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.address = $2 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)
            AND f.settled) AS address_failures
      """;
  /** Recorded as failed before the check; a right password turns it into a success. */
  private static final String RECORD = """
      INSERT INTO sign_in_attempt (username, account_key, address, succeeded, settled) VALUES ($1, $2, $3, false, false)
      RETURNING id
      """;
  private static final String SUCCEEDED = "UPDATE sign_in_attempt SET succeeded = true, settled = true WHERE id = $1";
  private static final String FAILED = "UPDATE sign_in_attempt SET settled = true WHERE id = $1";
  /** Sign-in attempts matter for throttling only within its window; a day is ample. */
  private static final String PURGE = "DELETE FROM sign_in_attempt WHERE at < now() - interval '1 day'";

  /** Recent failures counted for one attempt. */
  public record Failures(int account, int pair, int address) {
  }

  /** Takes the lock of an account until the end of the caller's transaction. */
  public Future<Void> lock(SqlClient tx, String accountKey) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(accountKey)).mapEmpty();
  }

  public Future<Failures> failures(SqlClient db, String accountKey, String address, Duration window) {
    return db.preparedQuery(FAILURES).execute(Tuple.of(accountKey, address, (double) window.toSeconds())).map(rows -> {
      Row r = rows.iterator().next();
      return new Failures(r.getLong("account_failures").intValue(), r.getLong("pair_failures").intValue(),
          r.getLong("address_failures").intValue());
    });
  }

  /** Records an attempt as failed and returns its id. */
  public Future<Long> record(SqlClient db, String name, String accountKey, String address) {
    return db.preparedQuery(RECORD).execute(Tuple.of(name, accountKey, address))
        .map(ids -> ids.iterator().next().getLong("id"));
  }

  public Future<Void> succeeded(SqlClient db, long attemptId) {
    return db.preparedQuery(SUCCEEDED).execute(Tuple.of(attemptId)).mapEmpty();
  }

  /** The password was checked and was wrong: from now on the attempt counts for its address too. */
  public Future<Void> failed(SqlClient db, long attemptId) {
    return db.preparedQuery(FAILED).execute(Tuple.of(attemptId)).mapEmpty();
  }

  public Future<Void> purgeOld(SqlClient db) {
    return db.query(PURGE).execute().mapEmpty();
  }
}
