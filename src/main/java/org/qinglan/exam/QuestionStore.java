package org.qinglan.exam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.mock.PaperDrawer;

/**
 * SQL for reading the question bank. "Visible" means shipped, or in a category of the reader's org unit or above;
 * {@code units} are the ids of the reader's unit and every unit above it.
 */
public final class QuestionStore {
  /**
   * Parsed questions by what they were parsed from. A question's body and tags change only with a
   * new revision (every change to them bumps it, and older revisions are never rewritten), so a
   * question's light columns ({@link Light}) name its parse exactly: a paper of 80 questions read
   * again on every reload or save parses nothing. Per store, that is per node: databases copied from
   * one template share ids and revisions.
   */
  private final Cache<Light, StoredQuestion> parsed = Caffeine.newBuilder().maximumSize(20_000).build();

  /** Everything of a stored question that its parse reads, but its body and tags. */
  record Light(UUID id, String key, int revision, String type, String chapter, String name, List<String> path,
               UUID orgUnitId, boolean retired) {
    static Light of(Row r) {
      return new Light(r.getUUID("id"), r.getString("stable_key"), r.getInteger("revision"), r.getString("type"),
          r.getString("chapter"), r.getString("name"), List.of(r.getArrayOfStrings("path")), r.getUUID("org_unit_id"),
          r.getBoolean("retired"));
    }
  }

  /**
   * Visibility: shipped categories, or ones of the reader's unit or a unit above it ($1: those
   * units' ids, from {@link ExamPolicy#visibleUnits}).
   */
  public static final String VISIBLE = """
      (c.org_unit_id IS NULL OR c.org_unit_id = ANY($1::uuid[]))
      """;
  private static final String BY_IDS = """
      SELECT q.id, q.stable_key, q.revision, q.type, q.chapter, q.name, q.body, q.tags, q.retired_at IS NOT NULL AS retired,
             c.path, c.org_unit_id
      FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.id = ANY($1)
      """;
  private static final String LIGHT_BY_IDS = """
      SELECT q.id, q.stable_key, q.revision, q.type, q.chapter, q.name, q.retired_at IS NOT NULL AS retired,
             c.path, c.org_unit_id
      FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.id = ANY($1)
      """;
  /** Questions as they were at given revisions: older ones are kept in question_revision, the newest in question. */
  private static final String AT_REVISIONS = """
      SELECT q.id, q.stable_key, COALESCE(d.revision, q.revision) AS revision, q.type, q.chapter, q.name,
             COALESCE(r.body, q.body) AS body,
             COALESCE(r.tags, q.tags) AS tags, q.retired_at IS NOT NULL AS retired, c.path, c.org_unit_id
      FROM unnest($1::uuid[], $2::int[]) AS d(id, revision)
      JOIN question q ON q.id = d.id
      JOIN question_category c ON c.id = q.category_id
      LEFT JOIN question_revision r ON r.question_id = d.id AND r.revision = d.revision AND d.revision <> q.revision
      """;
  private static final String LIGHT_AT_REVISIONS = """
      SELECT q.id, q.stable_key, COALESCE(d.revision, q.revision) AS revision, q.type, q.chapter, q.name,
             q.retired_at IS NOT NULL AS retired, c.path, c.org_unit_id
      FROM unnest($1::uuid[], $2::int[]) AS d(id, revision)
      JOIN question q ON q.id = d.id
      JOIN question_category c ON c.id = q.category_id
      """;
  private static final String CHAPTERS = """
      SELECT c.path[1] AS level, c.path[2] AS paper, q.chapter, min(c.path[3]) AS chapter_name,
             count(*) FILTER (WHERE q.type IN ('SINGLE_CHOICE','MULTIPLE_CHOICE','TRUE_FALSE','SHORT_ANSWER','NUMERICAL','MATCHING')) AS objective,
             count(*) FILTER (WHERE q.type = 'CASE_ANALYSIS') AS cases
      FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND cardinality(c.path) >= 3 AND
      """ + VISIBLE + """
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      """;
  private static final String IN_CHAPTER = """
      SELECT q.id FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND c.path[1] = $2 AND c.path[2] = $3 AND q.chapter = $4
        AND q.type <> 'CASE_ANALYSIS' AND q.type <> 'DESCRIPTION' AND
      """ + VISIBLE + " ORDER BY q.stable_key";
  private static final String OBJECTIVE_IN_PAPER = """
      SELECT q.id FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND ($2::text IS NULL OR (c.path[1] = $2 AND c.path[2] = $3))
        AND q.type IN ('SINGLE_CHOICE','MULTIPLE_CHOICE','TRUE_FALSE','SHORT_ANSWER','NUMERICAL','MATCHING') AND
      """ + VISIBLE;
  private static final String CANDIDATES = """
      SELECT q.id, q.chapter, q.type, q.tags FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND c.org_unit_id IS NULL AND array_to_string(c.path[1:2], '/') = $1
      """;
  private static final String CASES = """
      SELECT q.id, q.name, q.body, q.tags, c.path[2] AS paper FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND q.type = 'CASE_ANALYSIS' AND
      """ + VISIBLE + " ORDER BY q.stable_key";

  private static final String COUNT_CASES = """
      SELECT count(*) AS n FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND q.type = 'CASE_ANALYSIS' AND
      """ + VISIBLE;

  /**
   * What decides whether a worker ($2) may practise a question ($1): its category's org unit, and
   * whether it is on the paper of a mock exam of theirs that is still open (practice shows the key).
   */
  private static final String PRACTISABLE = """
      SELECT c.org_unit_id,
             EXISTS (SELECT 1 FROM mock_exam e WHERE e.account_id = $2 AND e.submitted_at IS NULL
                       AND e.paper @> jsonb_build_array(jsonb_build_object('questionId', q.id::text))) AS in_open_exam
      FROM question q JOIN question_category c ON c.id = q.category_id WHERE q.id = $1
      """;

  /** What {@link ExamPolicy#mayPractise} needs to know of a question: its category's unit (null: shipped). */
  public record PractiseFacts(UUID categoryUnit, boolean inOpenExam) {
  }

  /** The facts, or null when there is no such question. */
  public Future<PractiseFacts> practiseFacts(SqlClient db, UUID accountId, UUID questionId) {
    return db.preparedQuery(PRACTISABLE).execute(Tuple.of(questionId, accountId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new PractiseFacts(r.getUUID("org_unit_id"), r.getBoolean("in_open_exam"));
    });
  }

  private static final String FOR_QUIZ = """
      SELECT q.id FROM question q JOIN question_category c ON c.id = q.category_id
      WHERE q.retired_at IS NULL AND q.type IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE')
        AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS p(prefix)
                    WHERE array_to_string(c.path, '/') = p.prefix
                       OR starts_with(array_to_string(c.path, '/'), p.prefix || '/'))
        AND (cardinality($2::text[]) = 0 OR q.tags && $2::text[])
      """;

  /** Live, automatically marked questions under any of the category prefixes (and with one of the tags, if any). */
  public Future<List<UUID>> forQuiz(SqlClient db, List<String> categoryPrefixes, List<String> tags) {
    return db.preparedQuery(FOR_QUIZ).execute(Tuple.tuple().addArrayOfString(categoryPrefixes.toArray(String[]::new))
        .addArrayOfString(tags.toArray(String[]::new))).map(QuestionStore::ids);
  }


  /** A chapter of a paper with how many questions it has. */
  public record Chapter(String level, String paper, String chapter, String name, long objective, long cases) {
    public String title() {
      String n = name == null ? chapter : name;
      return n.startsWith(chapter + " ") ? n.substring(chapter.length() + 1) : n;
    }
  }

  /** A case-analysis question for the case practice list; {@code name} is a title for people, not the file's id. */
  public record CaseItem(UUID id, String name, List<String> tags, String paper) {
  }

  public Future<Map<UUID, StoredQuestion>> byIds(SqlClient db, Collection<UUID> ids) {
    return db.preparedQuery(LIGHT_BY_IDS).execute(Tuple.of(ids.toArray(UUID[]::new)))
        .compose(lights -> withParses(lights, missing -> db.preparedQuery(BY_IDS)
            .execute(Tuple.of(missing.keySet().toArray(UUID[]::new)))));
  }

  /**
   * Questions as they were at the given revisions (a mock exam shows and marks the questions it
   * drew, whatever a trainer edited since).
   */
  public Future<Map<UUID, StoredQuestion>> atRevisions(SqlClient db, Map<UUID, Integer> revisions) {
    return db.preparedQuery(LIGHT_AT_REVISIONS).execute(revisionsTuple(revisions))
        .compose(lights -> withParses(lights, missing -> db.preparedQuery(AT_REVISIONS)
            .execute(revisionsTuple(missing))));
  }

  private static Tuple revisionsTuple(Map<UUID, Integer> revisions) {
    UUID[] ids = revisions.keySet().toArray(UUID[]::new);
    Integer[] numbers = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      numbers[i] = revisions.get(ids[i]);
    }
    return Tuple.tuple().addArrayOfUUID(ids).addArrayOfInteger(numbers);
  }

  /**
   * The questions of {@code lights}, in their order: parses kept from earlier reads, the others read
   * whole by {@code readWhole} (their ids and revisions) and kept.
   */
  private Future<Map<UUID, StoredQuestion>> withParses(Iterable<Row> lights,
      java.util.function.Function<Map<UUID, Integer>, Future<? extends Iterable<Row>>> readWhole) {
    Map<UUID, Light> order = new LinkedHashMap<>();
    Map<UUID, Integer> missing = new LinkedHashMap<>();
    Map<UUID, StoredQuestion> found = new HashMap<>();
    for (Row r : lights) {
      Light light = Light.of(r);
      order.put(light.id(), light);
      StoredQuestion known = parsed.getIfPresent(light);
      if (known == null) {
        missing.put(light.id(), light.revision());
      } else {
        found.put(light.id(), known);
      }
    }
    Future<Void> read = missing.isEmpty() ? Future.succeededFuture() : readWhole.apply(missing).map(rows -> {
      for (Row r : rows) {
        StoredQuestion s = map(r);
        found.put(s.id(), s);
        parsed.put(Light.of(r), s);
      }
      return null;
    });
    return read.map(v -> {
      Map<UUID, StoredQuestion> out = new LinkedHashMap<>();
      order.keySet().forEach(id -> {
        StoredQuestion s = found.get(id);
        if (s != null) {
          out.put(id, s);
        }
      });
      return out;
    });
  }

  public Future<StoredQuestion> byId(SqlClient db, UUID id) {
    return byIds(db, List.of(id)).map(m -> m.get(id));
  }

  public Future<List<Chapter>> chapters(SqlClient db, List<UUID> units) {
    return db.preparedQuery(CHAPTERS).execute(Tuple.of(units(units))).map(rows -> {
      List<Chapter> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Chapter(r.getString("level"), r.getString("paper"), r.getString("chapter"),
            r.getString("chapter_name"), r.getLong("objective"), r.getLong("cases")));
      }
      return out;
    });
  }

  public Future<List<UUID>> inChapter(SqlClient db, List<UUID> units, String level, String paper, String chapter) {
    return db.preparedQuery(IN_CHAPTER).execute(Tuple.of(units(units), level, paper, chapter)).map(QuestionStore::ids);
  }

  /** Objective questions of a paper (or of every paper when {@code level} is null). */
  public Future<List<UUID>> objective(SqlClient db, List<UUID> units, String level, String paper) {
    return db.preparedQuery(OBJECTIVE_IN_PAPER).execute(Tuple.of(units(units), level, paper)).map(QuestionStore::ids);
  }

  /** Shipped questions under a category prefix such as 助理社会工作师/社会工作综合能力(初级), for blueprints. */
  public Future<List<PaperDrawer.Candidate>> candidates(SqlClient db, String categoryPrefix) {
    return db.preparedQuery(CANDIDATES).execute(Tuple.of(categoryPrefix)).map(rows -> {
      List<PaperDrawer.Candidate> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new PaperDrawer.Candidate(r.getUUID("id").toString(), r.getString("chapter"),
            QuestionType.valueOf(r.getString("type")), new HashSet<>(List.of(r.getArrayOfStrings("tags")))));
      }
      return out;
    });
  }

  public Future<List<CaseItem>> cases(SqlClient db, List<UUID> units) {
    return db.preparedQuery(CASES).execute(Tuple.of(units(units))).map(rows -> {
      List<CaseItem> out = new ArrayList<>();
      for (Row r : rows) {
        io.vertx.core.json.JsonObject stem = r.getJsonObject("body").getJsonObject("stem");
        String opening = QuestionView.opening(stem == null ? "" : stem.getString("text", ""));
        String title = "案例分析题 " + (out.size() + 1) + (opening.isEmpty() ? "" : "：" + opening);
        out.add(new CaseItem(r.getUUID("id"), title, List.of(r.getArrayOfStrings("tags")), r.getString("paper")));
      }
      return out;
    });
  }

  /** How many case analyses {@link #cases} would list. */
  public Future<Long> countCases(SqlClient db, List<UUID> units) {
    return db.preparedQuery(COUNT_CASES).execute(Tuple.of(units(units))).map(rows -> rows.iterator().next().getLong("n"));
  }

  private static UUID[] units(List<UUID> units) {
    return units.toArray(UUID[]::new);
  }

  private static List<UUID> ids(io.vertx.sqlclient.RowSet<Row> rows) {
    List<UUID> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getUUID(0)));
    return out;
  }

  static StoredQuestion map(Row r) {
    List<String> category = List.of(r.getArrayOfStrings("path"));
    QuestionType type = QuestionType.valueOf(r.getString("type"));
    List<String> tags = List.of(r.getArrayOfStrings("tags"));
    Question q = QuestionJson.question(r.getString("stable_key"), r.getString("name"), category, type,
        r.getJsonObject("body"), tags);
    return new StoredQuestion(r.getUUID("id"), r.getString("stable_key"), r.getInteger("revision"), type, r.getString("chapter"),
        category, r.getUUID("org_unit_id"), q, r.getBoolean("retired"));
  }
}
