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
  /** Shipped courses, and the published editor courses of these org units ($1). */
  private static final String VISIBLE = "SELECT " + COLUMNS + """

      FROM course c
      WHERE c.retired_at IS NULL AND (c.source = 'FILES' OR (c.published_at IS NOT NULL AND c.org_unit_id = ANY($1::uuid[])))
      ORDER BY c.tier, c.id
      """;
  private static final String LESSONS = """
      SELECT id, module_id, module_title, module_position, position, title, kind, body, case_id, url, minutes, quiz
      FROM course_lesson WHERE course_id = $1 AND retired_at IS NULL ORDER BY module_position, position
      """;
  private static final String STORED_SELECT = "SELECT " + COLUMNS + """
      , c.source, c.org_unit_id, c.revision, c.published_at IS NOT NULL AS published, c.updated_at
      FROM course c
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

  /** The shipped courses as kept: their content digests, and whether each is retired. */
  private static final String SHIPPED = "SELECT id, content_hash, retired_at IS NOT NULL AS retired FROM course WHERE source = 'FILES'";
  private static final String UPSERT_SHIPPED = """
      INSERT INTO course (id, title, tier, summary, audience, prerequisites, credit_hours, pass_mark,
                          post_entry_certificate, final_assessment, source, content_hash, published_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'FILES', $11, now())
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, tier = excluded.tier, summary = excluded.summary,
        audience = excluded.audience, prerequisites = excluded.prerequisites, credit_hours = excluded.credit_hours,
        pass_mark = excluded.pass_mark, post_entry_certificate = excluded.post_entry_certificate,
        final_assessment = excluded.final_assessment, content_hash = excluded.content_hash,
        revision = course.revision + 1, retired_at = NULL, updated_at = now()
      """;
  /** Ids a course file may not take: they belong to courses written in the web editor. */
  private static final String EDITOR_IDS = "SELECT id FROM course WHERE source = 'EDITOR' AND id = ANY($1)";
  private static final String RETIRE = "UPDATE course SET retired_at = now(), updated_at = now() WHERE id = $1";
  /** One sync of the course files at a time, across nodes (held to the end of the transaction). */
  private static final String SYNC_LOCK = "SELECT pg_advisory_xact_lock(727003)";

  /** Where a course comes from: the course files shipped with the program, or the web editor. */
  public enum Source {
    FILES, EDITOR
  }

  /** Where an editor course stands; shipped courses are published while they are in the files. */
  public enum Status {
    DRAFT, PUBLISHED, RETIRED
  }

  /** A shipped course as kept, for the sync. */
  public record ShippedRow(String id, String contentHash, boolean retired) {
  }

  /**
   * A course as kept, with who owns it: {@code orgUnitId} is null for a shipped course (source
   * FILES). The course's modules are empty in lists and filled when it is read on its own.
   */
  public record Stored(CourseDefinition course, Source source, UUID orgUnitId, String unitName, int revision,
                       Status status, OffsetDateTime updatedAt) {
    public boolean shipped() {
      return source == Source.FILES;
    }

    public boolean published() {
      return status == Status.PUBLISHED;
    }

    /** The same course with its org unit's name (the store does not read org units). */
    public Stored withUnitName(String name) {
      return new Stored(course, source, orgUnitId, name, revision, status, updatedAt);
    }
  }

  /** The shipped courses and the published editor courses of these org units. */
  public Future<List<CourseDefinition>> visible(SqlClient db, Collection<UUID> orgUnitIds) {
    return db.preparedQuery(VISIBLE).execute(Tuple.of((Object) orgUnitIds.toArray(UUID[]::new))).map(rows -> {
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
          s.status(), s.updatedAt()));
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

  // ---- the sync of the course files ----

  /** Takes the sync's lock for the rest of the transaction. */
  public Future<Void> lockForSync(SqlClient db) {
    return db.query(SYNC_LOCK).execute().mapEmpty();
  }

  /** Of these ids, those taken by courses written in the editor. */
  public Future<List<String>> editorIds(SqlClient db, Collection<String> ids) {
    return db.preparedQuery(EDITOR_IDS).execute(Tuple.of((Object) ids.toArray(String[]::new))).map(rows -> {
      List<String> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getString("id")));
      return out;
    });
  }

  /** Every shipped course as kept, retired ones included. */
  public Future<List<ShippedRow>> shipped(SqlClient db) {
    return db.query(SHIPPED).execute().map(rows -> {
      List<ShippedRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(new ShippedRow(r.getString("id"), r.getString("content_hash"), r.getBoolean("retired"))));
      return out;
    });
  }

  /** Writes a shipped course's fields (published, not retired) with its digest; its lessons are written apart. */
  public Future<Void> upsertShipped(SqlClient db, CourseDefinition c, String hash) {
    return db.preparedQuery(UPSERT_SHIPPED).execute(Tuple.tuple().addString(c.id()).addString(c.title())
        .addString(c.tier().name()).addString(c.summary()).addValue(CourseJson.audience(c.audience()))
        .addArrayOfString(c.prerequisites().toArray(String[]::new)).addDouble(c.creditHours())
        .addInteger(c.passMark()).addBoolean(c.postEntryCertificate()).addValue(CourseJson.quiz(c.finalAssessment()))
        .addString(hash)).mapEmpty();
  }

  public Future<Void> retire(SqlClient db, String id) {
    return db.preparedQuery(RETIRE).execute(Tuple.of(id)).mapEmpty();
  }

  private static Tuple fields(CourseDefinition c, UUID orgUnitId) {
    return Tuple.tuple().addString(c.id()).addString(c.title()).addString(c.tier().name()).addString(c.summary())
        .addValue(CourseJson.audience(c.audience())).addArrayOfString(c.prerequisites().toArray(String[]::new))
        .addDouble(c.creditHours()).addInteger(c.passMark()).addValue(CourseJson.quiz(c.finalAssessment()))
        .addUUID(orgUnitId).addString(CourseJson.hash(c));
  }

  private static Stored stored(Row r) {
    return new Stored(course(r, List.of()), Source.valueOf(r.getString("source")), r.getUUID("org_unit_id"), null,
        r.getInteger("revision"), r.getBoolean("published") ? Status.PUBLISHED : Status.DRAFT,
        r.getOffsetDateTime("updated_at"));
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
