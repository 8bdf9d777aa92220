package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SQL for courses and their lessons: what a viewer may see, a course with its live lessons, and
 * writing lessons (shared by the sync of the course files and the web editor). Lessons are never
 * deleted: those no longer in a course are retired, because progress refers to them.
 */
public final class CourseStore {
  private static final String COLUMNS = """
      c.id, c.title, c.tier, c.summary, c.audience, c.prerequisites, c.credit_hours, c.pass_mark,
      c.post_entry_certificate, c.final_assessment""";
  /**
   * Shipped courses, and published editor courses whose org unit contains the viewer's ($1, an
   * org-unit path) or, with $2, lies within it (staff see the courses of their scope too).
   */
  private static final String VISIBLE = "SELECT " + COLUMNS + """

      FROM course c LEFT JOIN org_unit u ON u.id = c.org_unit_id
      WHERE c.retired_at IS NULL AND (c.source = 'FILES' OR (c.published_at IS NOT NULL
        AND (starts_with($1::text, u.path) OR ($2 AND starts_with(u.path, $1::text)))))
      ORDER BY c.tier, c.id
      """;
  private static final String LESSONS = """
      SELECT id, module_id, module_title, module_position, position, title, kind, body, case_id, url, minutes, quiz
      FROM course_lesson WHERE course_id = $1 AND retired_at IS NULL ORDER BY module_position, position
      """;
  private static final String STORED_SELECT = "SELECT " + COLUMNS + """
      , c.source, c.org_unit_id, u.name AS unit_name, c.revision, c.published_at IS NOT NULL AS published,
        c.updated_at
      FROM course c LEFT JOIN org_unit u ON u.id = c.org_unit_id
      """;
  private static final String STORED = STORED_SELECT + " WHERE c.id = $1 AND c.retired_at IS NULL";
  private static final String LOCK = STORED + " FOR UPDATE OF c";
  private static final String EDITOR_COURSES = STORED_SELECT + """
      WHERE c.source = 'EDITOR' AND c.retired_at IS NULL AND c.org_unit_id = ANY($1) ORDER BY c.updated_at DESC
      """;
  private static final String SHIPPED_IDS = "SELECT id FROM course WHERE source = 'FILES' AND retired_at IS NULL";
  /** Every id used in a course, retired lessons included, so a new one never revives an old row. */
  private static final String TAKEN_IDS = """
      SELECT id FROM course_lesson WHERE course_id = $1 UNION SELECT module_id FROM course_lesson WHERE course_id = $1
      """;
  private static final String INSERT_EDITOR_COURSE = """
      INSERT INTO course (id, title, tier, summary, audience, prerequisites, credit_hours, pass_mark,
                          final_assessment, org_unit_id, source, content_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'EDITOR', $11)
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String UPDATE_EDITOR_COURSE = """
      UPDATE course SET title = $2, tier = $3, summary = $4, audience = $5, prerequisites = $6, credit_hours = $7,
        pass_mark = $8, final_assessment = $9, org_unit_id = $10, content_hash = $11, revision = revision + 1,
        updated_at = now()
      WHERE id = $1 AND source = 'EDITOR'
      RETURNING revision
      """;
  private static final String SET_PUBLISHED = """
      UPDATE course SET published_at = CASE WHEN $2 THEN now() END, revision = revision + 1, updated_at = now()
      WHERE id = $1 AND source = 'EDITOR'
      RETURNING revision
      """;
  private static final String UPSERT_LESSON = """
      INSERT INTO course_lesson (course_id, id, module_id, module_title, module_position, position, title, kind, body,
                                 case_id, url, minutes, quiz)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (course_id, id) DO UPDATE SET module_id = excluded.module_id, module_title = excluded.module_title,
        module_position = excluded.module_position, position = excluded.position, title = excluded.title,
        kind = excluded.kind, body = excluded.body, case_id = excluded.case_id, url = excluded.url,
        minutes = excluded.minutes, quiz = excluded.quiz, retired_at = NULL
      """;
  private static final String RETIRE_OTHER_LESSONS = """
      UPDATE course_lesson SET retired_at = now() WHERE course_id = $1 AND NOT (id = ANY($2)) AND retired_at IS NULL
      """;

  /**
   * A course as kept, with who owns it: {@code orgUnitId} is null for a shipped course (source
   * FILES). The course's modules are empty in lists and filled when it is read on its own.
   */
  public record Stored(CourseDefinition course, String source, UUID orgUnitId, String unitName, int revision,
                       boolean published, OffsetDateTime updatedAt) {
    public boolean shipped() {
      return "FILES".equals(source);
    }
  }

  /** The courses a viewer may see; {@code unitPath} null means shipped courses only. */
  public Future<List<CourseDefinition>> visible(SqlClient db, String unitPath, boolean withScope) {
    return db.preparedQuery(VISIBLE).execute(Tuple.of(unitPath, withScope)).map(rows -> {
      List<CourseDefinition> out = new ArrayList<>();
      rows.forEach(r -> out.add(course(r, List.of())));
      return out;
    });
  }

  /** The course with its live lessons, in order. */
  public Future<CourseDefinition> withLessons(SqlClient db, CourseDefinition c) {
    return db.preparedQuery(LESSONS).execute(Tuple.of(c.id())).map(rows -> withLessons(c, rows));
  }

  /** A course with its live lessons (null when there is none); {@code lock} holds it for a change. */
  public Future<Stored> stored(SqlClient db, String id, boolean lock) {
    return db.preparedQuery(lock ? LOCK : STORED).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Stored s = stored(rows.iterator().next());
      return withLessons(db, s.course()).map(c -> new Stored(c, s.source(), s.orgUnitId(), s.unitName(), s.revision(),
          s.published(), s.updatedAt()));
    });
  }

  /** The editor's courses of these org units, most recently changed first (without lessons). */
  public Future<List<Stored>> editorCourses(SqlClient db, Collection<UUID> orgUnitIds) {
    return db.preparedQuery(EDITOR_COURSES).execute(Tuple.of(orgUnitIds.toArray(UUID[]::new))).map(rows -> {
      List<Stored> out = new ArrayList<>();
      rows.forEach(r -> out.add(stored(r)));
      return out;
    });
  }

  /** The ids of the shipped courses (from the course files). */
  public Future<Set<String>> shippedIds(SqlClient db) {
    return db.query(SHIPPED_IDS).execute().map(rows -> {
      Set<String> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getString("id")));
      return out;
    });
  }

  public Future<Set<String>> takenIds(SqlClient db, String courseId) {
    return db.preparedQuery(TAKEN_IDS).execute(Tuple.of(courseId)).map(rows -> {
      Set<String> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getString(0)));
      return out;
    });
  }

  /** Adds an editor course as a draft; false when the id is taken. */
  public Future<Boolean> insertEditorCourse(SqlClient db, CourseDefinition c, UUID orgUnitId) {
    return db.preparedQuery(INSERT_EDITOR_COURSE).execute(fields(c, orgUnitId)).map(rows -> rows.rowCount() == 1);
  }

  /** Saves an editor course's fields; returns its new revision. */
  public Future<Integer> updateEditorCourse(SqlClient db, CourseDefinition c, UUID orgUnitId) {
    return db.preparedQuery(UPDATE_EDITOR_COURSE).execute(fields(c, orgUnitId))
        .map(rows -> rows.iterator().next().getInteger("revision"));
  }

  /** Publishes or withdraws an editor course; returns its new revision. */
  public Future<Integer> setPublished(SqlClient db, String id, boolean published) {
    return db.preparedQuery(SET_PUBLISHED).execute(Tuple.of(id, published))
        .map(rows -> rows.iterator().next().getInteger("revision"));
  }

  /** Writes the course's lessons in its order (by their ids) and retires every other lesson of it. */
  public Future<Void> writeLessons(SqlClient db, CourseDefinition c) {
    List<Tuple> lessons = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int m = 0; m < c.modules().size(); m++) {
      CourseDefinition.Module module = c.modules().get(m);
      for (int i = 0; i < module.lessons().size(); i++) {
        CourseDefinition.Lesson l = module.lessons().get(i);
        ids.add(l.id());
        lessons.add(Tuple.tuple().addString(c.id()).addString(l.id()).addString(module.id()).addString(module.title())
            .addInteger(m).addInteger(i).addString(l.title()).addString(l.kind().name()).addString(l.body())
            .addString(l.caseId()).addString(l.url()).addInteger(l.minutes()).addValue(CourseJson.quiz(l.quiz())));
      }
    }
    Future<?> upsert = lessons.isEmpty() ? Future.succeededFuture()
        : db.preparedQuery(UPSERT_LESSON).executeBatch(lessons);
    return upsert.compose(v -> db.preparedQuery(RETIRE_OTHER_LESSONS).execute(Tuple.tuple().addString(c.id())
        .addArrayOfString(ids.toArray(String[]::new)))).mapEmpty();
  }

  private static Tuple fields(CourseDefinition c, UUID orgUnitId) {
    return Tuple.tuple().addString(c.id()).addString(c.title()).addString(c.tier().name()).addString(c.summary())
        .addValue(CourseJson.audience(c.audience())).addArrayOfString(c.prerequisites().toArray(String[]::new))
        .addDouble(c.creditHours()).addInteger(c.passMark()).addValue(CourseJson.quiz(c.finalAssessment()))
        .addUUID(orgUnitId).addString(CourseJson.hash(c));
  }

  private static Stored stored(Row r) {
    return new Stored(course(r, List.of()), r.getString("source"), r.getUUID("org_unit_id"), r.getString("unit_name"),
        r.getInteger("revision"), r.getBoolean("published"), r.getOffsetDateTime("updated_at"));
  }

  private static CourseDefinition course(Row r, List<CourseDefinition.Module> modules) {
    return new CourseDefinition(r.getString("id"), r.getString("title"), Tier.valueOf(r.getString("tier")),
        r.getString("summary"), CourseJson.audience(r.getJsonObject("audience")),
        List.of(r.getArrayOfStrings("prerequisites")), r.getDouble("credit_hours"), r.getInteger("pass_mark"),
        r.getBoolean("post_entry_certificate"), CourseJson.quiz(r.getJsonObject("final_assessment")), modules);
  }

  private static CourseDefinition withLessons(CourseDefinition c, RowSet<Row> rows) {
    Map<String, List<CourseDefinition.Lesson>> byModule = new LinkedHashMap<>();
    Map<String, String> moduleTitles = new HashMap<>();
    for (Row r : rows) {
      String m = r.getString("module_id");
      moduleTitles.put(m, r.getString("module_title"));
      byModule.computeIfAbsent(m, k -> new ArrayList<>()).add(new CourseDefinition.Lesson(r.getString("id"),
          r.getString("title"), LessonKind.valueOf(r.getString("kind")), r.getString("body"), r.getString("case_id"),
          r.getString("url"), r.getInteger("minutes"), CourseJson.quiz(r.getJsonObject("quiz"))));
    }
    List<CourseDefinition.Module> modules = new ArrayList<>();
    byModule.forEach((id, lessons) -> modules.add(new CourseDefinition.Module(id, moduleTitles.get(id), lessons)));
    return new CourseDefinition(c.id(), c.title(), c.tier(), c.summary(), c.audience(), c.prerequisites(),
        c.creditHours(), c.passMark(), c.postEntryCertificate(), c.finalAssessment(), modules);
  }
}
