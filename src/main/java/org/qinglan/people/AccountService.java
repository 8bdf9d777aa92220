package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;
import org.qinglan.web.SessionAccounts;
import org.qinglan.web.Sessions;

/**
 * Accounts: staff accounts (organisers, trainers, judges, mentors, admins) as admins manage them
 * (who may is {@link PeoplePolicy}'s to say), the account of a session, and display names for
 * other features.
 */
public final class AccountService implements SessionAccounts {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{3,40}");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private final Pool pool;
  private final AccountStore accounts;
  private final OrgUnitService orgUnits;
  private final Sessions sessions;

  public AccountService(Pool pool, AccountStore accounts, OrgUnitService orgUnits, Sessions sessions) {
    this.pool = pool;
    this.accounts = accounts;
    this.orgUnits = orgUnits;
    this.sessions = sessions;
  }

  public Future<List<Account>> staff(Account viewer) {
    if (!PeoplePolicy.may(viewer, PeoplePolicy.Action.MANAGE_ACCOUNTS, null)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return accounts.staff(pool);
  }

  /**
   * Accounts by id, in one query, without a scope check (ids of no account are left out): for
   * features that show names of people their own policy lets the viewer see (a competition's
   * entrants, the actors of its audit trail).
   */
  public Future<java.util.Map<UUID, Account>> byIds(java.util.Collection<UUID> ids) {
    List<UUID> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (distinct.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return accounts.byIds(pool, distinct).map(list -> {
      java.util.Map<UUID, Account> out = new java.util.HashMap<>();
      list.forEach(a -> out.put(a.id(), a));
      return out;
    });
  }

  /** The account with this username (not a mobile number), or null: for demo data that names its accounts. */
  public Future<Account> byUsername(String username) {
    return accounts.byLogin(pool, username).map(w -> w == null || !w.account().username().equalsIgnoreCase(username)
        ? null : w.account());
  }

  /** The active account with this id, or null: whom a session belongs to. */
  @Override
  public Future<Account> accountOf(UUID accountId) {
    return accounts.activeById(pool, accountId);
  }

  /**
   * Display names by account id, without a scope check: for another feature that shows the people
   * it already holds (a competition's standings). Ids of no account are left out.
   */
  public Future<java.util.Map<UUID, String>> displayNames(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return accounts.displayNames(pool, ids.stream().filter(java.util.Objects::nonNull).distinct().toList());
  }

  /**
   * Creates a staff account with a one-time password (returned). Organiser, trainer and judge
   * need an org unit; their scope is that unit and below.
   */
  public Future<WorkerService.Created> createStaff(Account actor, String username, String displayName, Set<Role> roles,
                                                   UUID orgUnitId) {
    if (!PeoplePolicy.may(actor, PeoplePolicy.Action.MANAGE_ACCOUNTS, null)) {
      return Future.failedFuture(Problem.forbidden());
    }
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
    String password = PasswordHasher.oneTimePassword();
    return unit.compose(u -> pool.withTransaction(tx -> {
          UUID id = UUID.randomUUID();
          return accounts.insert(tx, id, user, null, name, PasswordHasher.hashOneTime(password), true,
                  u == null ? null : u.id(), chosen)
              .compose(v -> Audit.record(tx, actor.id(), "account.create", id.toString(),
                  new JsonObject().put("username", user).put("roles", chosen.toString())))
              .map(new WorkerService.Created(id, user, name, password));
        })).recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(Problem.conflict("用户名“" + user + "”已被使用（用户名不能与其他账号的用户名或手机号相同）。"))
            : Future.failedFuture(t));
  }

  /** Any account, for an admin to look at and change. */
  public Future<Account> get(Account actor, UUID id) {
    if (!PeoplePolicy.may(actor, PeoplePolicy.Action.MANAGE_ACCOUNTS, null)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return accounts.byId(pool, id).compose(a -> {
      if (a == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!PeoplePolicy.mayManageAccount(actor, a)) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Future.succeededFuture(a);
    });
  }

  /**
   * Changes an account's display name, mobile number, staff roles and org unit. A worker keeps the
   * worker role and stays in a community; an admin cannot take the admin role from themselves.
   */
  public Future<Void> update(Account actor, UUID id, String displayName, String mobile, Set<Role> roles,
                             UUID orgUnitId) {
    return get(actor, id).compose(existing -> {
      List<String> errors = new ArrayList<>();
      String name = displayName == null ? "" : displayName.strip();
      String mob = mobile == null || mobile.isBlank() ? null : mobile.strip();
      if (name.isEmpty() || name.length() > 50) {
        errors.add("姓名不能为空，且不超过 50 个字");
      }
      if (mob != null && !MOBILE.matcher(mob).matches()) {
        errors.add("手机号“" + mob + "”不是有效的 11 位手机号");
      }
      boolean worker = existing.has(Role.WORKER);
      if (worker && mob == null && existing.mobile() != null && existing.mobile().equalsIgnoreCase(existing.username())) {
        errors.add("该学员用手机号登录，手机号不能清空");
      }
      Set<Role> chosen = EnumSet.noneOf(Role.class);
      chosen.addAll(roles);
      chosen.remove(Role.WORKER);
      if (worker) {
        chosen.add(Role.WORKER);
      } else if (chosen.isEmpty()) {
        errors.add("请至少选择一个角色");
      }
      boolean needsUnit = worker || chosen.contains(Role.ORGANISER) || chosen.contains(Role.TRAINER)
          || chosen.contains(Role.JUDGE) || chosen.contains(Role.MENTOR);
      if (needsUnit && orgUnitId == null) {
        errors.add(worker ? "学员必须属于一个社区" : "组织者、讲师、评委和导师必须指定所属单位");
      }
      if (existing.id().equals(actor.id()) && !chosen.contains(Role.ADMIN)) {
        errors.add("不能取消自己的管理员角色");
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题。", errors));
      }
      Future<OrgUnit> unit = orgUnitId == null ? Future.succeededFuture(null) : orgUnits.reachable(actor, orgUnitId);
      return unit.compose(u -> {
        if (worker && u.level() != OrgLevel.COMMUNITY) {
          return Future.failedFuture(Problem.badRequest("学员必须属于一个社区。", List.of("学员必须属于一个社区")));
        }
        return pool.withTransaction(tx -> accounts.update(tx, id, name, mob, u == null ? null : u.id())
            .compose(v -> accounts.replaceRoles(tx, id, chosen))
            .compose(v -> Audit.record(tx, actor.id(), "account.update", id.toString(), new JsonObject()
                .put("displayName", name).put("mobile", mob).put("roles", chosen.toString())
                .put("orgUnit", u == null ? null : u.id().toString()))));
      });
    }).recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(Problem.conflict("手机号“" + mobile + "”已被其他账号用作用户名或手机号。"))
        : Future.failedFuture(t));
  }

  /** Disables (its sessions end, it cannot sign in) or enables an account. Admins cannot disable themselves. */
  public Future<Void> setActive(Account actor, UUID id, boolean active) {
    return get(actor, id).compose(existing -> {
      if (!active && existing.id().equals(actor.id())) {
        return Future.failedFuture(Problem.badRequest("不能停用自己的账号。"));
      }
      return pool.withTransaction(tx -> accounts.setActive(tx, id, active)
          .compose(v -> active ? Future.<Void>succeededFuture() : sessions.closeAll(tx, id))
          .compose(v -> Audit.record(tx, actor.id(), active ? "account.enable" : "account.disable", id.toString(),
              new JsonObject().put("username", existing.username()))));
    });
  }

  /**
   * Gives an account a new one-time password (returned, to be shown once), to be changed at its
   * next sign-in; its sessions end. The password itself is never written to the audit trail.
   */
  public Future<WorkerService.Created> resetPassword(Account actor, UUID id) {
    return get(actor, id).compose(existing -> {
      if (!PeoplePolicy.mayResetPassword(actor, existing)) {
        return Future.failedFuture(Problem.forbidden());
      }
      String password = PasswordHasher.oneTimePassword();
      return pool.withTransaction(tx -> accounts.setPassword(tx, id, PasswordHasher.hashOneTime(password), true)
          .compose(v -> sessions.closeAll(tx, id))
          .compose(v -> Audit.record(tx, actor.id(), "account.reset_password", id.toString(),
              new JsonObject().put("username", existing.username())))
          .map(new WorkerService.Created(id, existing.username(), existing.displayName(), password)));
    });
  }
}
