package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;

/** Staff accounts (organisers, trainers, judges, mentors, admins), managed by admins. */
public final class AccountService {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{3,40}");
  private static final String STAFF = AccountStore.SELECT_ACCOUNT + """
       WHERE EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role <> 'WORKER')
       ORDER BY a.username
      """;

  private final Vertx vertx;
  private final Pool pool;
  private final AccountStore accounts;
  private final OrgUnitService orgUnits;
  private final PasswordHasher hasher;

  public AccountService(Vertx vertx, Pool pool, AccountStore accounts, OrgUnitService orgUnits, PasswordHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.orgUnits = orgUnits;
    this.hasher = hasher;
  }

  public Future<List<Account>> staff(Account viewer) {
    requireAdmin(viewer);
    return pool.query(STAFF).execute().map(rows -> {
      List<Account> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(AccountStore.map(r));
      }
      return out;
    });
  }

  /**
   * Creates a staff account with a one-time password (returned). Organiser, trainer and judge
   * need an org unit; their scope is that unit and below.
   */
  public Future<WorkerService.Created> createStaff(Account actor, String username, String displayName, Set<Role> roles,
                                                   UUID orgUnitId) {
    requireAdmin(actor);
    List<String> errors = new ArrayList<>();
    String user = username == null ? "" : username.strip();
    String name = displayName == null ? "" : displayName.strip();
    if (!USERNAME.matcher(user).matches()) {
      errors.add("用户名只能包含字母、数字、下划线、点和连字符，长度 3–40");
    }
    if (name.isEmpty() || name.length() > 50) {
      errors.add("姓名不能为空，且不超过 50 个字");
    }
    Set<Role> chosen = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    chosen.remove(Role.WORKER);
    if (chosen.isEmpty()) {
      errors.add("请至少选择一个角色");
    }
    boolean needsUnit = chosen.contains(Role.ORGANISER) || chosen.contains(Role.TRAINER) || chosen.contains(Role.JUDGE)
        || chosen.contains(Role.MENTOR);
    if (needsUnit && orgUnitId == null) {
      errors.add("组织者、讲师、评委和导师必须指定所属单位");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", errors));
    }
    Future<OrgUnit> unit = orgUnitId == null ? Future.succeededFuture(null) : orgUnits.reachable(actor, orgUnitId);
    String password = PasswordHasher.randomPassword(10);
    return unit.compose(u -> vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> pool.withTransaction(tx -> {
          UUID id = UUID.randomUUID();
          return accounts.insert(tx, id, user, null, name, hash, true, u == null ? null : u.id(), chosen)
              .compose(v -> Audit.record(tx, actor.id(), "account.create", id.toString(),
                  new JsonObject().put("username", user).put("roles", chosen.toString())))
              .map(new WorkerService.Created(id, user, name, password));
        }))).recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(Problem.conflict("用户名“" + user + "”已被使用。"))
            : Future.failedFuture(t));
  }

  private static void requireAdmin(Account actor) {
    if (!actor.has(Role.ADMIN)) {
      throw Problem.forbidden();
    }
  }
}
