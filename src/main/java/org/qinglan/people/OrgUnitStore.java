package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for the org tree. */
public final class OrgUnitStore {
  static final String COLUMNS = "u.id, u.parent_id, u.level, u.name, u.path";

  private static final String ALL = "SELECT " + COLUMNS + " FROM org_unit u ORDER BY u.path";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM org_unit u WHERE u.id = $1";
  private static final String BELOW = "SELECT " + COLUMNS + " FROM org_unit u WHERE u.path LIKE $1 || '%' ORDER BY u.path";
  private static final String BY_IDS = "SELECT " + COLUMNS + " FROM org_unit u WHERE u.id = ANY($1::uuid[])";
  private static final String INSERT = """
      INSERT INTO org_unit (id, parent_id, level, name, path) VALUES ($1, $2, $3, $4, $5)
      """;
  private static final String RENAME = "UPDATE org_unit SET name = $2 WHERE id = $1";

  public Future<List<OrgUnit>> all(SqlClient db) {
    return db.query(ALL).execute().map(rows -> {
      List<OrgUnit> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** The unit with the given path prefix and everything below it. */
  public Future<List<OrgUnit>> below(SqlClient db, String pathPrefix) {
    return db.preparedQuery(BELOW).execute(Tuple.of(pathPrefix)).map(rows -> {
      List<OrgUnit> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<OrgUnit> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  public Future<List<OrgUnit>> byIds(SqlClient db, java.util.Collection<UUID> ids) {
    return db.preparedQuery(BY_IDS).execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))).map(rows -> {
      List<OrgUnit> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<OrgUnit> insert(SqlClient db, OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    String path = (parent == null ? "/" : parent.path()) + id + "/";
    OrgUnit unit = new OrgUnit(id, parent == null ? null : parent.id(), level, name, path);
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(id, unit.parentId(), level.name(), name, path))
        .map(unit);
  }

  public Future<Void> rename(SqlClient db, UUID id, String name) {
    return db.preparedQuery(RENAME).execute(Tuple.of(id, name)).mapEmpty();
  }

  static OrgUnit map(Row r) {
    return mapPrefixed(r, "");
  }

  static OrgUnit mapPrefixed(Row r, String prefix) {
    UUID id = r.getUUID(prefix + "id");
    if (id == null) {
      return null;
    }
    return new OrgUnit(id, r.getUUID(prefix + "parent_id"), OrgLevel.valueOf(r.getString(prefix + "level")),
        r.getString(prefix + "name"), r.getString(prefix + "path"));
  }
}
