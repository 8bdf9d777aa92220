package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.exam.bank.Question;

/** SQL of the shipped bank's sync ({@link QuestionBankSync}): shipped categories and bank questions by stable key. */
public final class QuestionBankSyncStore {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(727002)";
  private static final String CATEGORIES = "SELECT id, path FROM question_category WHERE org_unit_id IS NULL";
  private static final String INSERT_CATEGORY = "INSERT INTO question_category (id, path) VALUES ($1, $2)";
  private static final String EXISTING = "SELECT id, stable_key, content_hash, retired_at IS NOT NULL AS retired, revision, body, tags "
      + "FROM question WHERE source = 'BANK'";
  private static final String INSERT = """
      INSERT INTO question (id, stable_key, category_id, type, chapter, name, body, tags, content_hash, source)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'BANK')
      """;
  private static final String KEEP_REVISION = """
      INSERT INTO question_revision (question_id, revision, body, tags) VALUES ($1, $2, $3, $4)
      """;
  private static final String UPDATE = """
      UPDATE question SET category_id = $2, type = $3, chapter = $4, name = $5, body = $6, tags = $7,
             content_hash = $8, revision = revision + 1, retired_at = NULL, updated_at = now()
      WHERE id = $1
      """;
  private static final String UNRETIRE = "UPDATE question SET retired_at = NULL, updated_at = now() WHERE id = $1";
  private static final String RETIRE = "UPDATE question SET retired_at = now(), updated_at = now() WHERE id = $1";

  /** A bank question as stored: what an update keeps as the old revision. */
  public record Existing(UUID id, String contentHash, boolean retired, int revision, JsonObject body, String[] tags) {
  }

  /** A question of the files with where it goes. */
  public record Placed(UUID id, Question question, UUID categoryId, String contentHash) {
  }

  /** One sync at a time across nodes, for the caller's transaction. */
  public Future<Void> lock(SqlClient tx) {
    return tx.query(LOCK).execute().mapEmpty();
  }

  /** The shipped categories by path. */
  public Future<Map<List<String>, UUID>> shippedCategories(SqlClient tx) {
    return tx.query(CATEGORIES).execute().map(rows -> {
      Map<List<String>, UUID> out = new HashMap<>();
      for (Row r : rows) {
        out.put(List.of(r.getArrayOfStrings("path")), r.getUUID("id"));
      }
      return out;
    });
  }

  public Future<Void> insertCategories(SqlClient tx, Map<List<String>, UUID> categories) {
    List<Tuple> rows = new ArrayList<>();
    categories.forEach((path, id) -> rows.add(Tuple.tuple().addUUID(id).addArrayOfString(path.toArray(String[]::new))));
    return batch(tx, INSERT_CATEGORY, rows);
  }

  /** The bank's questions by stable key. */
  public Future<Map<String, Existing>> existing(SqlClient tx) {
    return tx.query(EXISTING).execute().map(rows -> {
      Map<String, Existing> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getString("stable_key"), new Existing(r.getUUID("id"), r.getString("content_hash"),
            r.getBoolean("retired"), r.getInteger("revision"), r.getJsonObject("body"), r.getArrayOfStrings("tags")));
      }
      return out;
    });
  }

  public Future<Void> insert(SqlClient tx, List<Placed> questions) {
    List<Tuple> rows = new ArrayList<>();
    for (Placed p : questions) {
      Question q = p.question();
      rows.add(Tuple.tuple().addUUID(p.id()).addString(q.id()).addUUID(p.categoryId())
          .addString(q.type().name()).addString(QuestionJson.chapter(q.category())).addString(q.name())
          .addValue(QuestionJson.body(q)).addArrayOfString(q.tags().toArray(String[]::new)).addString(p.contentHash()));
    }
    return batch(tx, INSERT, rows);
  }

  /** Keeps the stored versions as revisions, then replaces them with the files' versions. */
  public Future<Void> update(SqlClient tx, List<Existing> old, List<Placed> updated) {
    List<Tuple> revisions = new ArrayList<>();
    for (Existing e : old) {
      revisions.add(Tuple.tuple().addUUID(e.id()).addInteger(e.revision()).addValue(e.body())
          .addArrayOfString(e.tags()));
    }
    List<Tuple> rows = new ArrayList<>();
    for (Placed p : updated) {
      Question q = p.question();
      rows.add(Tuple.tuple().addUUID(p.id()).addUUID(p.categoryId()).addString(q.type().name())
          .addString(QuestionJson.chapter(q.category())).addString(q.name()).addValue(QuestionJson.body(q))
          .addArrayOfString(q.tags().toArray(String[]::new)).addString(p.contentHash()));
    }
    return batch(tx, KEEP_REVISION, revisions).compose(v -> batch(tx, UPDATE, rows));
  }

  public Future<Void> unretire(SqlClient tx, List<UUID> ids) {
    return batch(tx, UNRETIRE, ids.stream().map(Tuple::of).toList());
  }

  public Future<Void> retire(SqlClient tx, List<UUID> ids) {
    return batch(tx, RETIRE, ids.stream().map(Tuple::of).toList());
  }

  private static Future<Void> batch(SqlClient tx, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }
}
