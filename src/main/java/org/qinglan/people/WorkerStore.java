package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.platform.Page;

/** SQL for worker profiles. */
public final class WorkerStore {
  private static final String SELECT = """
      SELECT a.id, a.username, a.mobile, a.display_name, a.active,
             u.id AS unit_id, u.parent_id AS unit_parent_id, u.level AS unit_level, u.name AS unit_name,
             u.path AS unit_path, s.name AS street_name,
             p.post_category, pc.name_zh AS post_category_name, p.grade, p.hire_date, p.education,
             p.qualification, p.certificate_no, p.certificate_date, p.secretary_or_director, p.reserve_cadre,
             count(*) OVER () AS total
      FROM worker_profile p
      JOIN account a ON a.id = p.account_id
      JOIN org_unit u ON u.id = a.org_unit_id
      LEFT JOIN org_unit s ON s.id = u.parent_id
      JOIN post_category pc ON pc.code = p.post_category
      """;
  private static final String LIST = SELECT + """
      WHERE u.path LIKE $1 || '%'
        AND ($2::text IS NULL OR strpos(lower(a.display_name), lower($2)) > 0
             OR strpos(lower(a.username), lower($2)) > 0 OR strpos(coalesce(a.mobile, ''), $2) > 0)
        AND ($3::text IS NULL OR p.post_category = $3)
        AND ($4::text IS NULL OR p.qualification = $4)
      ORDER BY s.name, u.name, a.display_name, a.id
      LIMIT $5 OFFSET $6
      """;
  private static final String BY_ID = SELECT + " WHERE a.id = $1";
  private static final String CATEGORIES = "SELECT code, name_zh, grade_min, grade_max FROM post_category ORDER BY sort";
  private static final String INSERT_PROFILE = """
      INSERT INTO worker_profile (account_id, post_category, grade, hire_date, education, qualification,
                                  certificate_no, certificate_date, secretary_or_director, reserve_cadre)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """;
  private static final String UPDATE_PROFILE = """
      UPDATE worker_profile SET post_category = $2, grade = $3, hire_date = $4, education = $5, qualification = $6,
             certificate_no = $7, certificate_date = $8, secretary_or_director = $9, reserve_cadre = $10,
             updated_at = now()
      WHERE account_id = $1
      """;
  private static final String UPDATE_ACCOUNT = """
      UPDATE account SET username = $2, mobile = $3, display_name = $4, org_unit_id = $5, updated_at = now()
      WHERE id = $1
      """;

  public Future<Map<String, PostCategory>> categories(SqlClient db) {
    return db.query(CATEGORIES).execute().map(rows -> {
      Map<String, PostCategory> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.put(r.getString("code"), new PostCategory(r.getString("code"), r.getString("name_zh"),
            r.getInteger("grade_min"), r.getInteger("grade_max")));
      }
      return out;
    });
  }

  public Future<Page<WorkerView>> list(SqlClient db, String scopePath, WorkerFilter filter, int page, int size) {
    Tuple params = Tuple.of(scopePath, filter.query(), filter.postCategory(), filter.qualification(), size,
        (page - 1) * size);
    return db.preparedQuery(LIST).execute(params).map(rows -> {
      List<WorkerView> items = new ArrayList<>();
      long total = 0;
      for (Row r : rows) {
        items.add(map(r));
        total = r.getLong("total");
      }
      return new Page<>(items, page, size, total);
    });
  }

  public Future<WorkerView> byId(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
  }

  public Future<Void> insertProfile(SqlClient db, UUID accountId, WorkerForm.Valid w) {
    return db.preparedQuery(INSERT_PROFILE).execute(profileParams(accountId, w)).mapEmpty();
  }

  /** A profile for {@link #insertProfiles}. */
  public record NewProfile(UUID accountId, WorkerForm.Valid worker) {
  }

  /** Inserts many profiles with one batched statement (bulk imports), in the caller's transaction. */
  public Future<Void> insertProfiles(SqlClient db, List<NewProfile> profiles) {
    if (profiles.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (NewProfile p : profiles) {
      rows.add(profileParams(p.accountId(), p.worker()));
    }
    return db.preparedQuery(INSERT_PROFILE).executeBatch(rows).mapEmpty();
  }

  public Future<Void> update(SqlClient db, UUID accountId, WorkerForm.Valid w, UUID communityId) {
    return db.preparedQuery(UPDATE_ACCOUNT)
        .execute(Tuple.of(accountId, w.username(), w.mobile(), w.displayName(), communityId))
        .compose(v -> db.preparedQuery(UPDATE_PROFILE).execute(profileParams(accountId, w)))
        .mapEmpty();
  }

  private static Tuple profileParams(UUID accountId, WorkerForm.Valid w) {
    return Tuple.tuple().addUUID(accountId).addString(w.postCategory().code()).addInteger(w.grade())
        .addLocalDate(w.hireDate()).addString(w.education()).addString(w.qualification().name())
        .addString(w.certificateNo()).addLocalDate(w.certificateDate()).addBoolean(w.secretaryOrDirector())
        .addBoolean(w.reserveCadre());
  }

  private static WorkerView map(Row r) {
    return new WorkerView(r.getUUID("id"), r.getString("username"), r.getString("mobile"),
        r.getString("display_name"), OrgUnitStore.mapPrefixed(r, "unit_"), r.getString("street_name"),
        r.getString("post_category"), r.getString("post_category_name"), r.getInteger("grade"),
        r.getLocalDate("hire_date"), r.getString("education"), Qualification.valueOf(r.getString("qualification")),
        r.getString("certificate_no"), r.getLocalDate("certificate_date"), r.getBoolean("secretary_or_director"),
        r.getBoolean("reserve_cadre"), r.getBoolean("active"));
  }
}
