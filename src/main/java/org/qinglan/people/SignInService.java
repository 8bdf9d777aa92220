package org.qinglan.people;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.qinglan.platform.Problem;

/**
 * Checks credentials, with throttling of repeated failures per account, per account and address,
 * and per address. An attempt is counted (as a failure until proven otherwise) before its password
 * is checked, under a lock per account and per address, so parallel attempts cannot slip past the count.
 */
public final class SignInService {
  /** Serialises attempts on one account, then on one address (always in this order: no deadlock). */
  private static final String LOCK = """
      SELECT pg_advisory_xact_lock(hashtextextended('sign-in:' || $1, 0)),
             pg_advisory_xact_lock(hashtextextended('sign-in-address:' || $2, 0))
      """;
  /** Failures since the last success of the account (from anywhere) and of the account from this address. */
  private static final String FAILURES = """
      SELECT
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.account_key = $1 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)
            AND f.at > coalesce((SELECT max(s.at) FROM sign_in_attempt s
                                 WHERE s.account_key = $1 AND s.succeeded), '-infinity')) AS account_failures,
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.account_key = $1 AND f.address = $2 AND NOT f.succeeded
            AND f.at > now() - make_interval(secs => $3)
            AND f.at > coalesce((SELECT max(s.at) FROM sign_in_attempt s
                                 WHERE s.account_key = $1 AND s.address = $2 AND s.succeeded),
                                '-infinity')) AS pair_failures,
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.address = $2 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)) AS address_failures
      """;
  /** Recorded as failed before the check; a right password turns it into a success. */
  private static final String RECORD = """
      INSERT INTO sign_in_attempt (username, account_key, address, succeeded) VALUES ($1, $2, $3, false)
      RETURNING id
      """;
  private static final String SUCCEEDED = "UPDATE sign_in_attempt SET succeeded = true WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final SignInThrottle throttle;
  /** Verified against when the login is unknown, so both cases take the same time. */
  private final String dummyHash;
  /** The last queued attempt per account and per address on this node (see {@link #oneAtATime}). */
  private final ConcurrentHashMap<String, Future<Void>> turns = new ConcurrentHashMap<>();

  public SignInService(Vertx vertx, Pool pool, AccountStore accounts, PasswordHasher hasher, SignInThrottle throttle) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.dummyHash = hasher.hash(PasswordHasher.randomPassword(16));
  }

  private record Attempt(long id, java.time.Duration delay) {
  }

  /**
   * The account for these credentials. Fails with a 401 {@link Problem} for bad credentials and a
   * 429 one while throttled; failures are slowed down before they are answered.
   */
  public Future<Account> signIn(String login, String password, String address) {
    String name = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || password == null || password.isEmpty()) {
      return Future.failedFuture(new Problem(400, "bad_request", "请输入用户名和密码。"));
    }
    return accounts.byLogin(pool, name).compose(found -> {
      // One count per account, whichever of its names (username, mobile) was typed.
      String accountKey = found == null ? "n:" + name : "a:" + found.account().id();
      return oneAtATime("a " + accountKey, () -> oneAtATime("n " + address, () -> count(name, accountKey, address)))
          .compose(attempt -> (attempt.delay().isZero() ? Future.<Void>succeededFuture()
              : vertx.timer(attempt.delay().toMillis()).<Void>mapEmpty())
              .compose(v -> check(found, password))
              .compose(account -> account == null
                  ? Future.failedFuture(new Problem(401, "bad_credentials", "用户名或密码不正确。"))
                  : pool.preparedQuery(SUCCEEDED).execute(Tuple.of(attempt.id())).map(account)));
    });
  }

  /**
   * Runs {@code work} after the previous work of the same key on this node has finished. The
   * database lock alone would be correct, but a burst of parallel attempts would hold every pooled
   * connection while waiting for it; queued here, they wait without one.
   */
  private <T> Future<T> oneAtATime(String key, Supplier<Future<T>> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    Promise<Void> turnOver = Promise.promise();
    Future<Void> mine = turnOver.future();
    Future<Void> previous = turns.put(key, mine);
    Handler<Void> run = v -> context.runOnContext(x -> {
      Future<T> done;
      try {
        done = work.get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onComplete(ar -> {
        turns.remove(key, mine);
        turnOver.complete();
        result.handle(ar);
      });
    });
    if (previous == null) {
      run.handle(null);
    } else {
      previous.onComplete(ar -> run.handle(null));
    }
    return result.future();
  }

  /** Counts the attempt before its password is checked, or refuses it while throttled. */
  private Future<Attempt> count(String name, String accountKey, String address) {
    double windowSeconds = throttle.window().toSeconds();
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(accountKey, address))
        .compose(v -> tx.preparedQuery(FAILURES).execute(Tuple.of(accountKey, address, windowSeconds)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          SignInThrottle.Decision decision = throttle.decide(r.getLong("account_failures").intValue(),
              r.getLong("pair_failures").intValue(), r.getLong("address_failures").intValue());
          if (decision.refused()) {
            long minutes = Math.max(1, decision.retryAfter().toMinutes());
            return Future.failedFuture(new Problem(429, "throttled",
                "登录失败次数过多，为保护账号安全，请 " + minutes + " 分钟后再试。"));
          }
          return tx.preparedQuery(RECORD).execute(Tuple.of(name, accountKey, address))
              .map(ids -> new Attempt(ids.iterator().next().getLong("id"), decision.delay()));
        }));
  }

  /** The account if the password is right (inactive accounts never are); replaces a one-time hash with Argon2. */
  private Future<Account> check(AccountStore.WithHash found, String password) {
    return vertx.<String[]>executeBlocking(() -> {
      if (found == null || !found.account().active()) {
        hasher.verify(password, dummyHash);
        return null;
      }
      if (PasswordHasher.isOneTime(found.passwordHash())) {
        // As slow as an Argon2 check either way, and the fast hash is not kept past its first use.
        boolean ok = hasher.verify(password, found.passwordHash());
        String slow = hasher.hash(ok ? password : PasswordHasher.randomPassword(16));
        return ok ? new String[] {slow} : null;
      }
      return hasher.verify(password, found.passwordHash()) ? new String[] {null} : null;
    }, false).compose(ok -> {
      if (ok == null) {
        return Future.succeededFuture(null);
      }
      if (ok[0] == null) {
        return Future.succeededFuture(found.account());
      }
      return accounts.replaceHash(pool, found.account().id(), found.passwordHash(), ok[0]).map(found.account());
    });
  }
}
