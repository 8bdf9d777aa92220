package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;

/**
 * The org tree: reading it within a person's scope, and changing it (as {@link PeoplePolicy}
 * allows: admins). Other features ask it for units, names and scopes, in batches.
 */
public final class OrgUnitService {
  private final Pool pool;
  private final OrgUnitStore store;

  public OrgUnitService(Pool pool, OrgUnitStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** Every unit the viewer can reach, in tree order (parents before children). */
  public Future<List<OrgUnit>> within(Account viewer) {
    if (!viewer.has(Role.ADMIN) && viewer.orgUnit() == null) {
      return Future.failedFuture(Problem.forbidden());
    }
    return store.below(pool, scopePath(viewer));
  }

  public Future<List<OrgUnit>> communitiesWithin(Account viewer) {
    return within(viewer).map(units -> units.stream().filter(u -> u.level() == OrgLevel.COMMUNITY).toList());
  }

  /** The unit, if the viewer may reach it; 404 when missing, 403 when outside their scope. */
  public Future<OrgUnit> reachable(Account viewer, UUID id) {
    return store.byId(pool, id).compose(unit -> {
      if (unit == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!PeoplePolicy.reaches(viewer, unit)) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Future.succeededFuture(unit);
    });
  }

  /** Units by id, in one query, without a scope check (ids of no unit are left out). */
  public Future<java.util.Map<UUID, OrgUnit>> byIds(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    List<UUID> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    return store.byIds(pool, distinct).map(units -> {
      java.util.Map<UUID, OrgUnit> out = new java.util.HashMap<>();
      units.forEach(u -> out.put(u.id(), u));
      return out;
    });
  }

  /** Adds a unit under {@code parentId} (a province at the top when null). Admins only. */
  public Future<OrgUnit> create(Account actor, UUID parentId, String name) {
    if (!PeoplePolicy.may(actor, PeoplePolicy.Action.EDIT_ORG_UNITS, null)) {
      return Future.failedFuture(Problem.forbidden());
    }
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 60) {
      return Future.failedFuture(Problem.badRequest("名称不能为空，且不超过 60 个字。"));
    }
    Future<OrgUnit> parent = parentId == null ? Future.succeededFuture(null) : reachable(actor, parentId);
    return parent.compose(p -> {
      OrgLevel level = p == null ? OrgLevel.PROVINCE : p.level().childLevel();
      if (level == null) {
        return Future.failedFuture(Problem.badRequest("社区是最低一级，不能再添加下级单位。"));
      }
      return pool.withTransaction(tx -> store.insert(tx, p, level, clean)
          .compose(unit -> Audit.record(tx, actor.id(), "org_unit.create", unit.id().toString(),
              new JsonObject().put("name", clean).put("level", level.name())).map(unit)));
    }).recover(this::explainDuplicate);
  }

  public Future<Void> rename(Account actor, UUID id, String name) {
    if (!PeoplePolicy.may(actor, PeoplePolicy.Action.EDIT_ORG_UNITS, null)) {
      return Future.failedFuture(Problem.forbidden());
    }
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 60) {
      return Future.failedFuture(Problem.badRequest("名称不能为空，且不超过 60 个字。"));
    }
    return reachable(actor, id).compose(unit -> pool.withTransaction(tx -> store.rename(tx, id, clean)
            .compose(v -> Audit.record(tx, actor.id(), "org_unit.rename", id.toString(),
                new JsonObject().put("from", unit.name()).put("to", clean)))))
        .recover(this::explainDuplicate);
  }

  /** Units with their depth, for an indented tree view. */
  public static List<TreeRow> tree(List<OrgUnit> units) {
    int top = units.stream().mapToInt(OrgUnit::depth).min().orElse(1);
    List<TreeRow> rows = new ArrayList<>();
    for (OrgUnit u : sortedByTree(units)) {
      rows.add(new TreeRow(u, u.depth() - top));
    }
    return rows;
  }

  /** A unit and how deep it sits below the top of the shown tree. */
  public record TreeRow(OrgUnit unit, int indent) {
  }

  private static List<OrgUnit> sortedByTree(List<OrgUnit> units) {
    // Depth-first with siblings by name; the path order alone would sort siblings by id.
    List<OrgUnit> out = new ArrayList<>();
    List<OrgUnit> roots = units.stream()
        .filter(u -> units.stream().noneMatch(p -> p.id().equals(u.parentId())))
        .sorted(java.util.Comparator.comparing(OrgUnit::name)).toList();
    for (OrgUnit root : roots) {
      addWithChildren(root, units, out);
    }
    return out;
  }

  private static void addWithChildren(OrgUnit unit, List<OrgUnit> all, List<OrgUnit> out) {
    out.add(unit);
    all.stream().filter(c -> unit.id().equals(c.parentId()))
        .sorted(java.util.Comparator.comparing(OrgUnit::name))
        .forEach(c -> addWithChildren(c, all, out));
  }

  static String scopePath(Account viewer) {
    if (viewer.has(Role.ADMIN)) {
      return "/";
    }
    if (viewer.orgUnit() == null) {
      throw Problem.forbidden();
    }
    return viewer.orgUnit().path();
  }

  private <T> Future<T> explainDuplicate(Throwable t) {
    if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(Problem.conflict("同一上级单位下已有同名单位。"));
    }
    return Future.failedFuture(t);
  }

  /** A unit by id without a scope check (null when missing): for features that decide scope by their own policy. */
  public Future<OrgUnit> unit(UUID id) {
    return id == null ? Future.succeededFuture(null) : store.byId(pool, id);
  }

  /**
   * Each unit's place names from the top down, joined by '/' (江东省/云溪市/东湖区), keyed by unit
   * id; the whole tree in one query.
   */
  public Future<java.util.Map<UUID, String>> regionNames() {
    return store.all(pool).map(OrgUnitService::regionNames);
  }

  static java.util.Map<UUID, String> regionNames(List<OrgUnit> units) {
    java.util.Map<UUID, String> names = new java.util.HashMap<>();
    units.forEach(u -> names.put(u.id(), u.name()));
    java.util.Map<UUID, String> out = new java.util.LinkedHashMap<>();
    for (OrgUnit u : units) {
      StringBuilder region = new StringBuilder();
      for (UUID id : u.selfAndAncestorIds()) {
        String name = names.get(id);
        region.append(region.length() == 0 ? "" : "/").append(name == null ? "" : name);
      }
      out.put(u.id(), region.toString());
    }
    return out;
  }

  /**
   * The ids of the viewer's unit and of every unit above it, root first (empty without a unit):
   * what another feature passes to its SQL to keep to what the viewer's unit may see.
   */
  public static List<UUID> unitAndAbove(Account viewer) {
    return viewer.orgUnit() == null ? new ArrayList<>() : viewer.orgUnit().selfAndAncestorIds();
  }
}
