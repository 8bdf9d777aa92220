package org.qinglan.exam.manage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.QuestionJson;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.TextFormat;

/** SQL for managing the question bank: categories, uploads, edits, retiring, and answer statistics. */
public final class QuestionBankStore {
  private static final String CATEGORY_SELECT = """
      SELECT c.id, c.path, c.org_unit_id, c.description, c.description_format,
             count(q.id) FILTER (WHERE q.retired_at IS NULL) AS active,
             count(q.id) FILTER (WHERE q.retired_at IS NOT NULL) AS retired
      FROM question_category c LEFT JOIN question q ON q.category_id = c.id
      """;
  /** Shipped categories and those of the given org units ($1). */
  private static final String CATEGORIES = CATEGORY_SELECT + """
      WHERE c.org_unit_id IS NULL OR c.org_unit_id = ANY($1)
      GROUP BY c.id ORDER BY c.org_unit_id IS NOT NULL, c.path
      """;
  private static final String CATEGORY = CATEGORY_SELECT + " WHERE c.id = $1 GROUP BY c.id";
  /** A category ($1 = its org unit, $2 = its path) and every category below it. */
  private static final String SUBTREE = CATEGORY_SELECT + """
      WHERE c.org_unit_id IS NOT DISTINCT FROM $1::uuid AND c.path[1:cardinality($2::text[])] = $2::text[]
      GROUP BY c.id ORDER BY c.path
      """;
  private static final String INSERT_CATEGORY = """
      INSERT INTO question_category (id, path, org_unit_id, description, description_format) VALUES ($1, $2, $3, $4, $5)
      """;
  /** The category's id, created when missing (an existing one keeps its description). */
  private static final String ENSURE_CATEGORY = """
      WITH created AS (
        INSERT INTO question_category (id, path, org_unit_id, description, description_format)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id)
      SELECT id FROM created
      UNION ALL
      SELECT id FROM question_category WHERE org_unit_id = $3 AND path = $2
      LIMIT 1
      """;

  private static final String QUESTION_SELECT = """
      SELECT q.id, q.stable_key, q.revision, q.type, q.name, q.body, q.tags, q.source, q.retired_at,
             q.created_at, q.updated_at, q.category_id, c.path, c.org_unit_id
      FROM question q JOIN question_category c ON c.id = q.category_id
      """;
  private static final String QUESTION = QUESTION_SELECT + " WHERE q.id = $1";
  private static final String SUBTREE_QUESTIONS = QUESTION_SELECT + """
      WHERE c.org_unit_id IS NOT DISTINCT FROM $1::uuid AND c.path[1:cardinality($2::text[])] = $2::text[]
        AND ($3 OR q.retired_at IS NULL)
      ORDER BY c.path, q.seq
      """;
  private static final String TAKEN_KEYS = "SELECT stable_key FROM question WHERE stable_key = ANY($1)";
  private static final String INSERT_QUESTION = """
      INSERT INTO question (id, stable_key, category_id, type, chapter, name, body, tags, content_hash, source, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'UPLOAD', $10)
      """;
  private static final String LOCK_QUESTION = "SELECT revision, body, tags FROM question WHERE id = $1 FOR UPDATE";
  private static final String KEEP_REVISION = """
      INSERT INTO question_revision (question_id, revision, body, tags, changed_by) VALUES ($1, $2, $3, $4, $5)
      """;
  /** A new revision; an uploaded question edited on the web now has the editor as its source. */
  private static final String UPDATE_CONTENT = """
      UPDATE question SET type = $2, body = $3, tags = $4, content_hash = $5, revision = revision + 1,
             source = CASE WHEN source = 'UPLOAD' THEN 'EDITOR' ELSE source END, updated_at = now()
      WHERE id = $1 AND source <> 'BANK'
      RETURNING revision
      """;
  private static final String RETIRE = """
      UPDATE question SET retired_at = now(), updated_at = now() WHERE id = $1 AND retired_at IS NULL AND source <> 'BANK'
      """;
  private static final String UNRETIRE = """
      UPDATE question SET retired_at = NULL, updated_at = now() WHERE id = $1 AND retired_at IS NOT NULL AND source <> 'BANK'
      """;
  private static final String REVISIONS = """
      SELECT revision, changed_at FROM question_revision WHERE question_id = $1 ORDER BY revision DESC
      """;

  private static final String ATTEMPTS = """
      SELECT question_id, count(*) AS attempts FROM practice_answer WHERE question_id = ANY($1) GROUP BY question_id
      """;
  /**
   * Each worker's first answer to each of the questions ($1), with that worker's first-answer
   * totals over the whole bank (see {@link ItemAnalysis} for why).
   */
  private static final String FIRST_ANSWERS = """
      WITH takers AS (
        SELECT DISTINCT account_id FROM practice_answer WHERE question_id = ANY($1)
      ), firsts AS (
        SELECT DISTINCT ON (a.account_id, a.question_id) a.account_id, a.question_id, a.correct
        FROM practice_answer a JOIN takers t ON t.account_id = a.account_id
        ORDER BY a.account_id, a.question_id, a.answered_at, a.id
      ), totals AS (
        SELECT account_id, count(*) AS answered, count(*) FILTER (WHERE correct) AS answered_correctly
        FROM firsts GROUP BY account_id
      )
      SELECT f.question_id, f.correct, t.answered, t.answered_correctly
      FROM firsts f JOIN totals t ON t.account_id = f.account_id
      WHERE f.question_id = ANY($1)
      """;

  /** A category with how many questions it holds itself (not counting sub-categories). */
  public record Category(UUID id, List<String> path, UUID orgUnitId, FormattedText description, long active,
                         long retired) {
    public boolean shipped() {
      return orgUnitId == null;
    }

    public String display() {
      return CategoryPath.display(path);
    }
  }

  /** A question with where it sits and how it stands. */
  public record Managed(UUID id, String key, int revision, QuestionType type, QuestionSource source, boolean retired,
                        OffsetDateTime retiredAt, OffsetDateTime updatedAt, UUID categoryId, List<String> category,
                        UUID orgUnitId, Question question) {
    public boolean shipped() {
      return orgUnitId == null || source == QuestionSource.BANK;
    }
  }

  /** A question's current version, locked for an edit. */
  public record Locked(UUID id, int revision, JsonObject body, List<String> tags) {
  }

  /** An earlier version of a question. */
  public record Revision(int revision, OffsetDateTime changedAt) {
  }

  public Future<List<Category>> categories(SqlClient db, Collection<UUID> orgUnitIds) {
    return db.preparedQuery(CATEGORIES).execute(Tuple.of(orgUnitIds.toArray(UUID[]::new)))
        .map(QuestionBankStore::categoryList);
  }

  public Future<Category> category(SqlClient db, UUID id) {
    return db.preparedQuery(CATEGORY).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : category(rows.iterator().next()));
  }

  public Future<List<Category>> subtree(SqlClient db, Category top) {
    return db.preparedQuery(SUBTREE).execute(Tuple.tuple().addUUID(top.orgUnitId())
        .addArrayOfString(top.path().toArray(String[]::new))).map(QuestionBankStore::categoryList);
  }

  public Future<Void> insertCategory(SqlClient db, UUID id, List<String> path, UUID orgUnitId, FormattedText description) {
    return db.preparedQuery(INSERT_CATEGORY).execute(categoryTuple(id, path, orgUnitId, description)).mapEmpty();
  }

  public Future<UUID> ensureCategory(SqlClient db, List<String> path, UUID orgUnitId, FormattedText description) {
    return db.preparedQuery(ENSURE_CATEGORY).execute(categoryTuple(UUID.randomUUID(), path, orgUnitId, description))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Future<Managed> question(SqlClient db, UUID id) {
    return db.preparedQuery(QUESTION).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : managed(rows.iterator().next()));
  }

  /** The questions of a category and its sub-categories, in category order and then the order they were added. */
  public Future<List<Managed>> questions(SqlClient db, Category top, boolean withRetired) {
    return db.preparedQuery(SUBTREE_QUESTIONS).execute(Tuple.tuple().addUUID(top.orgUnitId())
        .addArrayOfString(top.path().toArray(String[]::new)).addBoolean(withRetired)).map(rows -> {
          List<Managed> out = new ArrayList<>();
          rows.forEach(r -> out.add(managed(r)));
          return out;
        });
  }

  public Future<Set<String>> takenKeys(SqlClient db, Collection<String> keys) {
    return db.preparedQuery(TAKEN_KEYS).execute(Tuple.of(keys.toArray(String[]::new))).map(rows -> {
      Set<String> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getString(0)));
      return out;
    });
  }

  public Future<Void> insertQuestions(SqlClient db, List<Question> questions, Map<List<String>, UUID> categoryIds,
                                      UUID createdBy) {
    List<Tuple> rows = new ArrayList<>();
    for (Question q : questions) {
      rows.add(Tuple.tuple().addUUID(UUID.randomUUID()).addString(q.id()).addUUID(categoryIds.get(q.category()))
          .addString(q.type().name()).addString(QuestionJson.chapter(q.category())).addString(q.name())
          .addValue(QuestionJson.body(q)).addArrayOfString(q.tags().toArray(String[]::new))
          .addString(QuestionJson.hash(q)).addUUID(createdBy));
    }
    return rows.isEmpty() ? Future.succeededFuture() : db.preparedQuery(INSERT_QUESTION).executeBatch(rows).mapEmpty();
  }

  /** Locks the question for an edit; null when it does not exist. */
  public Future<Locked> lock(SqlClient db, UUID id) {
    return db.preparedQuery(LOCK_QUESTION).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Locked(id, r.getInteger("revision"), r.getJsonObject("body"), List.of(r.getArrayOfStrings("tags")));
    });
  }

  /** Keeps the version an edit is about to replace. */
  public Future<Void> keepRevision(SqlClient db, Locked current, UUID changedBy) {
    return db.preparedQuery(KEEP_REVISION).execute(Tuple.tuple().addUUID(current.id()).addInteger(current.revision())
        .addValue(current.body()).addArrayOfString(current.tags().toArray(String[]::new)).addUUID(changedBy))
        .mapEmpty();
  }

  /** Stores new content as the next revision; returns its number. */
  public Future<Integer> updateContent(SqlClient db, UUID id, Question q) {
    return db.preparedQuery(UPDATE_CONTENT).execute(Tuple.tuple().addUUID(id).addString(q.type().name())
            .addValue(QuestionJson.body(q)).addArrayOfString(q.tags().toArray(String[]::new))
            .addString(QuestionJson.hash(q)))
        .map(rows -> rows.iterator().next().getInteger("revision"));
  }

  /** True when the state changed. */
  public Future<Boolean> setRetired(SqlClient db, UUID id, boolean retired) {
    return db.preparedQuery(retired ? RETIRE : UNRETIRE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  public Future<List<Revision>> revisions(SqlClient db, UUID id) {
    return db.preparedQuery(REVISIONS).execute(Tuple.of(id)).map(rows -> {
      List<Revision> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Revision(r.getInteger("revision"), r.getOffsetDateTime("changed_at"))));
      return out;
    });
  }

  /** Answers given to each question, repeats included. */
  public Future<Map<UUID, Long>> attempts(SqlClient db, Collection<UUID> questionIds) {
    return db.preparedQuery(ATTEMPTS).execute(Tuple.of(questionIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, Long> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getUUID("question_id"), r.getLong("attempts")));
      return out;
    });
  }

  public Future<Map<UUID, List<ItemAnalysis.FirstAnswer>>> firstAnswers(SqlClient db, Collection<UUID> questionIds) {
    return db.preparedQuery(FIRST_ANSWERS).execute(Tuple.of(questionIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, List<ItemAnalysis.FirstAnswer>> out = new HashMap<>();
      rows.forEach(r -> out.computeIfAbsent(r.getUUID("question_id"), k -> new ArrayList<>())
          .add(new ItemAnalysis.FirstAnswer(r.getBoolean("correct"), r.getLong("answered").intValue(),
              r.getLong("answered_correctly").intValue())));
      return out;
    });
  }

  private static Tuple categoryTuple(UUID id, List<String> path, UUID orgUnitId, FormattedText description) {
    return Tuple.tuple().addUUID(id).addArrayOfString(path.toArray(String[]::new)).addUUID(orgUnitId)
        .addString(description.isEmpty() ? null : description.text()).addString(description.format().name());
  }

  private static List<Category> categoryList(RowSet<Row> rows) {
    List<Category> out = new ArrayList<>();
    rows.forEach(r -> out.add(category(r)));
    return out;
  }

  private static Category category(Row r) {
    String description = r.getString("description");
    return new Category(r.getUUID("id"), List.of(r.getArrayOfStrings("path")), r.getUUID("org_unit_id"),
        description == null ? FormattedText.EMPTY
            : new FormattedText(description, TextFormat.valueOf(r.getString("description_format"))),
        r.getLong("active"), r.getLong("retired"));
  }

  private static Managed managed(Row r) {
    List<String> category = List.of(r.getArrayOfStrings("path"));
    QuestionType type = QuestionType.valueOf(r.getString("type"));
    JsonObject body = r.getJsonObject("body");
    Question q = QuestionJson.question(r.getString("stable_key"), r.getString("name"), category, type, body,
        List.of(r.getArrayOfStrings("tags")));
    OffsetDateTime retiredAt = r.getOffsetDateTime("retired_at");
    return new Managed(r.getUUID("id"), r.getString("stable_key"), r.getInteger("revision"), type,
        QuestionSource.valueOf(r.getString("source")), retiredAt != null, retiredAt, r.getOffsetDateTime("updated_at"),
        r.getUUID("category_id"), category, r.getUUID("org_unit_id"), q);
  }
}
