package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import org.qinglan.platform.Problem;

/** Checks credentials, with throttling of repeated failures per account and per address. */
public final class SignInService {
  private static final String FAILURES = """
      SELECT
        (SELECT count(*) FROM sign_in_attempt f
          WHERE lower(f.username) = $1 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)
            AND f.at > coalesce((SELECT max(s.at) FROM sign_in_attempt s
                                 WHERE lower(s.username) = $1 AND s.succeeded), '-infinity')) AS account_failures,
        (SELECT count(*) FROM sign_in_attempt f
          WHERE f.address = $2 AND NOT f.succeeded AND f.at > now() - make_interval(secs => $3)) AS address_failures
      """;
  private static final String RECORD = "INSERT INTO sign_in_attempt (username, address, succeeded) VALUES ($1, $2, $3)";

  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final SignInThrottle throttle;
  /** Verified against when the login is unknown, so both cases take the same time. */
  private final String dummyHash;

  public SignInService(Vertx vertx, Pool pool, AccountStore accounts, PasswordHasher hasher, SignInThrottle throttle) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.dummyHash = hasher.hash(PasswordHasher.randomPassword(16));
  }

  /**
   * The account for these credentials. Fails with a 401 {@link Problem} for bad credentials and a
   * 429 one while throttled; failures are slowed down before they are answered.
   */
  public Future<Account> signIn(String login, String password, String address) {
    String key = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    if (key.isEmpty() || password == null || password.isEmpty()) {
      return Future.failedFuture(new Problem(400, "bad_request", "请输入用户名和密码。"));
    }
    long windowSeconds = throttle.window().toSeconds();
    return pool.preparedQuery(FAILURES).execute(Tuple.of(key, address, (double) windowSeconds)).compose(rows -> {
      Row r = rows.iterator().next();
      SignInThrottle.Decision decision = throttle.decide(r.getLong("account_failures").intValue(),
          r.getLong("address_failures").intValue());
      if (decision.refused()) {
        long minutes = Math.max(1, decision.retryAfter().toMinutes());
        return Future.failedFuture(new Problem(429, "throttled",
            "登录失败次数过多，为保护账号安全，请 " + minutes + " 分钟后再试。"));
      }
      Future<Void> wait = decision.delay().isZero() ? Future.succeededFuture()
          : vertx.timer(decision.delay().toMillis()).mapEmpty();
      return wait.compose(v -> check(login.strip(), password)).compose(account -> {
        boolean ok = account != null;
        return pool.preparedQuery(RECORD).execute(Tuple.of(key, address, ok)).compose(x -> ok
            ? Future.succeededFuture(account)
            : Future.failedFuture(new Problem(401, "bad_credentials", "用户名或密码不正确。")));
      });
    });
  }

  private Future<Account> check(String login, String password) {
    return accounts.byLogin(pool, login).compose(found -> vertx.executeBlocking(() -> {
      if (found == null || !found.account().active()) {
        hasher.verify(password, dummyHash);
        return null;
      }
      return hasher.verify(password, found.passwordHash()) ? found.account() : null;
    }, false));
  }
}
