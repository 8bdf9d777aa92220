package org.qinglan.people;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.qinglan.platform.BoundedWork;
import org.qinglan.platform.LearningEvent;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;
import org.qinglan.web.Sessions;

/**
 * Signing in and out, and changing one's own password. Checks credentials, with throttling of
 * repeated failures per account, per account and address, and per address. An attempt is counted
 * (as a failure until proven otherwise) before its password is checked, one attempt of an account
 * at a time, so parallel attempts on an account cannot slip past its count; attempts on different
 * accounts (an office behind one address) are counted in parallel.
 *
 * <p>Every Argon2 hash and check runs on {@code hashing}, a few threads with a bounded queue. A
 * sign-in reserves its place there before it counts its attempt: one that finds the queue full is
 * answered 503 with Retry-After at once, its password unchecked and nothing counted. No pooled
 * connection is held while a hash waits or runs: the count commits before the check starts.
 */
public final class SignInService {
  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final SignInStore attempts;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final BoundedWork hashing;
  private final SignInThrottle throttle;
  /** Verified against when the login is unknown, so both cases take the same time. */
  private final String dummyHash;
  /** The last queued count per account on this node (see {@link #oneAtATime}). */
  private final ConcurrentHashMap<String, Future<Void>> turns = new ConcurrentHashMap<>();

  public SignInService(Vertx vertx, Pool pool, AccountStore accounts, SignInStore attempts, Sessions sessions,
                       PasswordHasher hasher, BoundedWork hashing, SignInThrottle throttle) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.attempts = attempts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.hashing = hashing;
    this.throttle = throttle;
    this.dummyHash = hasher.hash(PasswordHasher.randomPassword(16));
  }

  private record Attempt(long id, java.time.Duration delay) {
  }

  /**
   * The account for these credentials. Fails with a 401 {@link Problem} for bad credentials, a
   * 429 one while throttled and a 503 one (with Retry-After) while the node has no room to check
   * a password; failures are slowed down before they are answered.
   */
  public Future<Account> signIn(String login, String password, String address) {
    String name = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || password == null || password.isEmpty()) {
      return Future.failedFuture(new Problem(400, "bad_request", "请输入用户名和密码。"));
    }
    // The place for the check first: a sign-in the node has no room for is not counted, nothing is read.
    BoundedWork.Reservation place = hashing.tryReserve();
    if (place == null) {
      return Future.failedFuture(hashing.refusal());
    }
    return accounts.byLogin(pool, name).compose(found -> {
      // One count per account, whichever of its names (username, mobile) was typed.
      String accountKey = found == null ? "n:" + name : "a:" + found.account().id();
      return oneAtATime(accountKey, () -> count(name, accountKey, address))
          .compose(attempt -> (attempt.delay().isZero() ? Future.<Void>succeededFuture()
              : vertx.timer(attempt.delay().toMillis()).<Void>mapEmpty())
              .compose(v -> check(place, found, password))
              .compose(account -> account == null
                  ? attempts.failed(pool, attempt.id()).transform(x ->
                      Future.failedFuture(new Problem(401, "bad_credentials", "用户名或密码不正确。")))
                  : attempts.succeeded(pool, attempt.id()).map(account)));
    }).onComplete(ar -> place.cancel());
  }

  /**
   * Runs {@code work} after the previous work of the same account on this node has finished. The
   * database lock alone would be correct, but a burst of parallel attempts on one account would
   * hold every pooled connection while waiting for it; queued here, they wait without one.
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
    return pool.withTransaction(tx -> attempts.lock(tx, accountKey)
        .compose(v -> attempts.failures(tx, accountKey, address, throttle.window()))
        .compose(f -> {
          SignInThrottle.Decision decision = throttle.decide(f.account(), f.pair(), f.address());
          if (decision.refused()) {
            long minutes = Math.max(1, decision.retryAfter().toMinutes());
            return Future.failedFuture(new Problem(429, "throttled",
                "登录失败次数过多，为保护账号安全，请 " + minutes + " 分钟后再试。")
                .withRetryAfter((int) decision.retryAfter().toSeconds()));
          }
          return attempts.record(tx, name, accountKey, address).map(id -> new Attempt(id, decision.delay()));
        }));
  }

  /** The account if the password is right (inactive accounts never are); replaces a one-time hash with Argon2. */
  private Future<Account> check(BoundedWork.Reservation place, AccountStore.WithHash found, String password) {
    return place.<String[]>submit(() -> {
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
    }).compose(ok -> {
      if (ok == null) {
        return Future.succeededFuture(null);
      }
      if (ok[0] == null) {
        return Future.succeededFuture(found.account());
      }
      return accounts.replaceHash(pool, found.account().id(), found.passwordHash(), ok[0]).map(found.account());
    });
  }

  /** A successful sign-in: the account and its new session (token and cookie lifetime). */
  public record SignedIn(Account account, Sessions.Opened session) {
    public String sessionToken() {
      return session.token();
    }
  }

  /**
   * Signs in and opens a session. A new sign-in in a browser ends the session it had
   * ({@code previousToken}: someone else's, or a stale one). {@code channel} is "web" or "api";
   * {@code device} says in words what the person signed in with; {@code keep} keeps the session
   * on this device for {@link Sessions#KEPT_LIFETIME}.
   */
  public Future<SignedIn> signInAndOpenSession(String login, String password, String address, String previousToken,
                                               String channel, String device, boolean keep) {
    return signIn(login, password, address).compose(account -> pool.withTransaction(tx ->
        sessions.close(tx, previousToken)
            .compose(v -> sessions.open(tx, account.id(), address, device, keep))
            .compose(opened -> LearningEvents.append(tx,
                    LearningEvent.of(account.id(), LearningEvent.Verbs.LOGGED_IN, "qinglan", "platform")
                        .withContext(new JsonObject().put("channel", channel).put("kept", keep)))
                .map(new SignedIn(account, opened)))));
  }

  /** The live sessions of the signed-in person, the one of {@code sessionToken} marked current. */
  public Future<List<Sessions.Listed>> sessionsOf(Account account, String sessionToken) {
    return sessions.list(account.id(), sessionToken);
  }

  /**
   * Ends one of the person's own sessions. A 404 {@link Problem} when they have none with this id
   * (another account's session, or one that has ended): nothing changes. True when it was this one.
   */
  public Future<Boolean> endSession(Account account, String sessionToken, java.util.UUID sessionId) {
    return sessions.closeById(account.id(), sessionId, sessionToken).compose(current -> current == null
        ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(current));
  }

  /** Ends every session of the person but this one. */
  public Future<Void> endOtherSessions(Account account, String sessionToken) {
    return sessions.closeOthers(account.id(), sessionToken);
  }

  /** Ends this session of the account. */
  public Future<Void> signOut(Account account, String sessionToken) {
    return sessions.close(sessionToken).compose(v -> LearningEvents.append(pool,
        LearningEvent.of(account.id(), LearningEvent.Verbs.LOGGED_OUT, "qinglan", "platform")));
  }

  /**
   * Changes the signed-in person's own password and signs them out everywhere but this session.
   * Fails with a 400 {@link Problem} listing what is wrong (a weak or mismatched new password, a
   * wrong current one).
   */
  public Future<Void> changePassword(Account account, String sessionToken, String current, String fresh,
                                     String confirm) {
    List<String> errors = new ArrayList<>(PasswordPolicy.standard().problems(fresh, account.username(),
        account.mobile()));
    if (fresh != null && !fresh.equals(confirm)) {
      errors.add("两次输入的新密码不一致");
    }
    if (fresh != null && fresh.equals(current)) {
      errors.add("新密码不能与当前密码相同");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", errors));
    }
    return accounts.byLogin(pool, account.username())
        .compose(found -> hashing.submit(() -> {
          if (found == null || !hasher.verify(current == null ? "" : current, found.passwordHash())) {
            return null;
          }
          return hasher.hash(fresh);
        }))
        .compose(hash -> hash == null
            ? Future.failedFuture(Problem.badRequest("请更正以下问题。", List.of("当前密码不正确")))
            : pool.withTransaction(tx -> accounts.setPassword(tx, account.id(), hash, false)
                .compose(v -> sessions.closeOthers(tx, account.id(), sessionToken))));
  }

  /** Forgets sign-in attempts older than any throttling window. */
  public Future<Void> purgeOldAttempts() {
    return attempts.purgeOld(pool);
  }
}
