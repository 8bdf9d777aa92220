package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** SQL for accounts and their roles. */
public final class AccountStore {
  /** Account columns with roles and org unit; callers add the WHERE clause. */
  static final String SELECT_ACCOUNT = """
      SELECT a.id, a.username, a.mobile, a.display_name, a.must_change_password, a.active, a.password_hash,
             u.id AS unit_id, u.parent_id AS unit_parent_id, u.level AS unit_level, u.name AS unit_name,
             u.path AS unit_path,
             coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM account_role r WHERE r.account_id = a.id),
                      '{}'::text[]) AS roles
      FROM account a
      LEFT JOIN org_unit u ON u.id = a.org_unit_id
      """;
  private static final String BY_ID = SELECT_ACCOUNT + " WHERE a.id = $1";
  private static final String BY_IDS = SELECT_ACCOUNT + " WHERE a.id = ANY($1::uuid[])";
  /** Usernames and mobile numbers are one namespace (account_sign_in_name), so a name finds one account at most. */
  private static final String BY_LOGIN = SELECT_ACCOUNT + """
       JOIN account_sign_in_name n ON n.account_id = a.id
      WHERE n.name = lower($1)
      """;
  private static final String INSERT = """
      INSERT INTO account (id, username, mobile, display_name, password_hash, must_change_password, org_unit_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  private static final String INSERT_ROLE = "INSERT INTO account_role (account_id, role) VALUES ($1, $2)";
  private static final String DELETE_ROLES = "DELETE FROM account_role WHERE account_id = $1";
  private static final String SET_PASSWORD = """
      UPDATE account SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1
      """;
  /** Replaces a one-time password's fast hash with Argon2, unless the password changed meanwhile. */
  private static final String REPLACE_HASH = """
      UPDATE account SET password_hash = $3, updated_at = now() WHERE id = $1 AND password_hash = $2
      """;
  private static final String UPDATE = """
      UPDATE account SET display_name = $2, mobile = $3, org_unit_id = $4, updated_at = now() WHERE id = $1
      """;
  private static final String SET_ACTIVE = "UPDATE account SET active = $2, updated_at = now() WHERE id = $1";
  private static final String ACTIVE_BY_ID = SELECT_ACCOUNT + " WHERE a.id = $1 AND a.active";
  /** Accounts holding any role but worker's. */
  private static final String STAFF = SELECT_ACCOUNT + """
       WHERE EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role <> 'WORKER')
       ORDER BY a.username
      """;
  private static final String COUNT = "SELECT count(*) FROM account";
  private static final String DISPLAY_NAMES = "SELECT id, display_name FROM account WHERE id = ANY($1::uuid[])";
  private static final String TAKEN = "SELECT name FROM account_sign_in_name WHERE name = ANY($1::text[])";

  /** An account with its stored password hash, for sign-in only. */
  public record WithHash(Account account, String passwordHash) {
  }

  public Future<Account> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows) == null ? null : map(first(rows)));
  }

  /** The accounts with these ids, in one query (ids of no account are left out). */
  public Future<List<Account>> byIds(SqlClient db, java.util.Collection<UUID> ids) {
    return db.preparedQuery(BY_IDS).execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))).map(rows -> {
      List<Account> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<WithHash> byLogin(SqlClient db, String login) {
    return db.preparedQuery(BY_LOGIN).execute(Tuple.of(login)).map(rows -> {
      Row r = first(rows);
      return r == null ? null : new WithHash(map(r), r.getString("password_hash"));
    });
  }

  /** Display names by account id, in one query (ids of no account are left out). */
  public Future<java.util.Map<UUID, String>> displayNames(SqlClient db, java.util.Collection<UUID> ids) {
    return db.preparedQuery(DISPLAY_NAMES).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
      java.util.Map<UUID, String> out = new java.util.HashMap<>();
      rows.forEach(r -> out.put(r.getUUID("id"), r.getString("display_name")));
      return out;
    });
  }

  public Future<Long> count(SqlClient db) {
    return db.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> insert(SqlClient db, UUID id, String username, String mobile, String displayName,
                             String passwordHash, boolean mustChangePassword, UUID orgUnitId, Set<Role> roles) {
    Future<Void> f = db.preparedQuery(INSERT)
        .execute(Tuple.of(id, username, mobile, displayName, passwordHash, mustChangePassword, orgUnitId))
        .mapEmpty();
    for (Role role : roles) {
      f = f.compose(v -> db.preparedQuery(INSERT_ROLE).execute(Tuple.of(id, role.name())).mapEmpty());
    }
    return f;
  }

  /** A new account for {@link #insertAll}. */
  public record NewAccount(UUID id, String username, String mobile, String displayName, String passwordHash,
                           boolean mustChangePassword, UUID orgUnitId, Set<Role> roles) {
  }

  /** Inserts many accounts with two batched statements (bulk imports), in the caller's transaction. */
  public Future<Void> insertAll(SqlClient db, List<NewAccount> all) {
    if (all.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> roles = new ArrayList<>();
    for (NewAccount a : all) {
      rows.add(Tuple.of(a.id(), a.username(), a.mobile(), a.displayName(), a.passwordHash(), a.mustChangePassword(),
          a.orgUnitId()));
      for (Role role : a.roles()) {
        roles.add(Tuple.of(a.id(), role.name()));
      }
    }
    return db.preparedQuery(INSERT).executeBatch(rows)
        .compose(v -> db.preparedQuery(INSERT_ROLE).executeBatch(roles))
        .mapEmpty();
  }

  public Future<Void> update(SqlClient db, UUID id, String displayName, String mobile, UUID orgUnitId) {
    return db.preparedQuery(UPDATE).execute(Tuple.of(id, displayName, mobile, orgUnitId)).mapEmpty();
  }

  public Future<Void> setActive(SqlClient db, UUID id, boolean active) {
    return db.preparedQuery(SET_ACTIVE).execute(Tuple.of(id, active)).mapEmpty();
  }

  /** The account if it exists and is active, else null. */
  public Future<Account> activeById(SqlClient db, UUID id) {
    return db.preparedQuery(ACTIVE_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows) == null ? null : map(first(rows)));
  }

  /** Staff accounts (any role but worker's), by username. */
  public Future<List<Account>> staff(SqlClient db) {
    return db.query(STAFF).execute().map(rows -> {
      List<Account> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Swaps a stored hash for another (a one-time password's for Argon2) if it is still the stored one. */
  public Future<Void> replaceHash(SqlClient db, UUID id, String oldHash, String newHash) {
    return db.preparedQuery(REPLACE_HASH).execute(Tuple.of(id, oldHash, newHash)).mapEmpty();
  }

  public Future<Void> replaceRoles(SqlClient db, UUID id, Set<Role> roles) {
    Future<Void> f = db.preparedQuery(DELETE_ROLES).execute(Tuple.of(id)).mapEmpty();
    for (Role role : roles) {
      f = f.compose(v -> db.preparedQuery(INSERT_ROLE).execute(Tuple.of(id, role.name())).mapEmpty());
    }
    return f;
  }

  public Future<Void> setPassword(SqlClient db, UUID id, String passwordHash, boolean mustChange) {
    return db.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash, mustChange)).mapEmpty();
  }

  /**
   * Of the given sign-in names (lower-cased usernames and mobile numbers: one namespace), those
   * already in use by some account.
   */
  public Future<Set<String>> taken(SqlClient db, String[] namesLower) {
    return db.preparedQuery(TAKEN).execute(Tuple.tuple().addArrayOfString(namesLower)).map(rows -> {
      Set<String> out = new java.util.HashSet<>();
      for (Row r : rows) {
        out.add(r.getString("name"));
      }
      return out;
    });
  }

  static Account map(Row r) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : r.getArrayOfStrings("roles")) {
      roles.add(Role.valueOf(role));
    }
    return new Account(r.getUUID("id"), r.getString("username"), r.getString("mobile"), r.getString("display_name"),
        roles, OrgUnitStore.mapPrefixed(r, "unit_"), r.getBoolean("must_change_password"), r.getBoolean("active"));
  }

  private static Row first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }
}
