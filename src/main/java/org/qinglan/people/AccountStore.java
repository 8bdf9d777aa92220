package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** SQL for accounts and their roles. */
public final class AccountStore {
  /** Account columns with roles and org unit; callers add the WHERE clause. */
  public static final String SELECT_ACCOUNT = """
      SELECT a.id, a.username, a.mobile, a.display_name, a.must_change_password, a.active, a.password_hash,
             u.id AS unit_id, u.parent_id AS unit_parent_id, u.level AS unit_level, u.name AS unit_name,
             u.path AS unit_path,
             coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM account_role r WHERE r.account_id = a.id),
                      '{}'::text[]) AS roles
      FROM account a
      LEFT JOIN org_unit u ON u.id = a.org_unit_id
      """;
  private static final String BY_ID = SELECT_ACCOUNT + " WHERE a.id = $1";
  private static final String BY_LOGIN = SELECT_ACCOUNT + " WHERE lower(a.username) = lower($1) OR a.mobile = $1";
  private static final String INSERT = """
      INSERT INTO account (id, username, mobile, display_name, password_hash, must_change_password, org_unit_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  private static final String INSERT_ROLE = "INSERT INTO account_role (account_id, role) VALUES ($1, $2)";
  private static final String DELETE_ROLES = "DELETE FROM account_role WHERE account_id = $1";
  private static final String SET_PASSWORD = """
      UPDATE account SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1
      """;
  private static final String COUNT = "SELECT count(*) FROM account";
  private static final String TAKEN = """
      SELECT lower(username) AS username, mobile FROM account
      WHERE lower(username) = ANY($1::text[]) OR mobile = ANY($2::text[])
      """;

  /** An account with its stored password hash, for sign-in only. */
  public record WithHash(Account account, String passwordHash) {
  }

  public Future<Account> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows) == null ? null : map(first(rows)));
  }

  public Future<WithHash> byLogin(SqlClient db, String login) {
    return db.preparedQuery(BY_LOGIN).execute(Tuple.of(login)).map(rows -> {
      Row r = first(rows);
      return r == null ? null : new WithHash(map(r), r.getString("password_hash"));
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

  /** Of the given usernames (lower-cased) and mobile numbers, those already in use. */
  public Future<Set<String>> taken(SqlClient db, String[] usernamesLower, String[] mobiles) {
    return db.preparedQuery(TAKEN).execute(Tuple.tuple().addArrayOfString(usernamesLower).addArrayOfString(mobiles)).map(rows -> {
      Set<String> out = new java.util.HashSet<>();
      for (Row r : rows) {
        out.add("u:" + r.getString("username"));
        if (r.getString("mobile") != null) {
          out.add("m:" + r.getString("mobile"));
        }
      }
      return out;
    });
  }

  public static Account map(Row r) {
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
