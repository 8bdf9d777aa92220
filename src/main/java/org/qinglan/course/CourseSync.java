package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglan.cases.CaseIds;
import org.qinglan.platform.ContentMemo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shipped courses (courses/<id>/) into PostgreSQL by stable id: changed courses are
 * updated (lessons by their own ids), removed courses and lessons retired, never deleted. All
 * or nothing: if any course has a problem, every problem is logged and nothing changes.
 */
public final class CourseSync {
  private static final Logger log = LoggerFactory.getLogger(CourseSync.class);

  private static final String EXISTING = "SELECT id, content_hash, retired_at IS NOT NULL AS retired FROM course WHERE source = 'FILES'";
  private static final String UPSERT_COURSE = """
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
  private static final String RETIRE_COURSE = "UPDATE course SET retired_at = now(), updated_at = now() WHERE id = $1";

  /** What a sync did. */
  public record Report(int added, int updated, int retired, int unchanged, List<String> problems) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final CourseStore store = new CourseStore();

  public CourseSync(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Report> sync(Path contentDir) {
    Path coursesDir = contentDir.resolve("courses");
    return vertx.executeBlocking(() -> ContentMemo.read("courses", List.of(coursesDir,
        contentDir.resolve("question-bank")), () -> load(contentDir)), false).compose(result -> {
      if (!result.ok()) {
        return Future.succeededFuture(notSynced(result.problems().stream().map(CourseFiles.Problem::toString).toList()));
      }
      return pool.withTransaction(tx -> apply(tx, result.courses())).onSuccess(r -> {
        if (r.added() + r.updated() + r.retired() > 0) {
          log.info("Courses synced: {} added, {} updated, {} retired, {} unchanged", r.added(), r.updated(),
              r.retired(), r.unchanged());
        }
      });
    });
  }

  /** The course files, checked against the case library and the question bank. */
  private static CourseFiles.Result load(Path contentDir) throws java.io.IOException {
    Path coursesDir = contentDir.resolve("courses");
    List<Path> dirs = CourseFiles.courseDirs(coursesDir);
    return CourseFiles.load(dirs, CaseIds.read(coursesDir.resolve("case-library")),
        BankQuestionSource.read(contentDir.resolve("question-bank")));
  }

  private Future<Report> apply(SqlConnection tx, List<CourseDefinition> courses) {
    String[] ids = courses.stream().map(CourseDefinition::id).toArray(String[]::new);
    return tx.query("SELECT pg_advisory_xact_lock(727003)").execute()
        .compose(v -> tx.preparedQuery(EDITOR_IDS).execute(Tuple.of((Object) ids)))
        .compose(taken -> {
          if (taken.size() > 0) {
            List<String> problems = new ArrayList<>();
            taken.forEach(r -> problems.add("课程编号 " + r.getString("id") + " 已被网页上编写的课程使用，请为课程文件另取编号"));
            return Future.succeededFuture(notSynced(problems));
          }
          return tx.query(EXISTING).execute().compose(rows -> apply(tx, courses, rows));
        });
  }

  private Future<Report> apply(SqlConnection tx, List<CourseDefinition> courses, RowSet<Row> rows) {
    Map<String, Row> existing = new HashMap<>();
    rows.forEach(r -> existing.put(r.getString("id"), r));
    int[] counts = new int[4];
    Future<Void> chain = Future.succeededFuture();
    Set<String> present = new HashSet<>();
    for (CourseDefinition c : courses) {
      present.add(c.id());
      String hash = CourseJson.hash(c);
      Row old = existing.get(c.id());
      if (old != null && hash.equals(old.getString("content_hash")) && !old.getBoolean("retired")) {
        counts[3]++;
        continue;
      }
      counts[old == null ? 0 : 1]++;
      chain = chain.compose(v -> write(tx, c, hash));
    }
    for (Row r : existing.values()) {
      if (!present.contains(r.getString("id")) && !r.getBoolean("retired")) {
        counts[2]++;
        chain = chain.compose(v -> tx.preparedQuery(RETIRE_COURSE).execute(Tuple.of(r.getString("id"))).mapEmpty());
      }
    }
    return chain.map(v -> new Report(counts[0], counts[1], counts[2], counts[3], List.of()));
  }

  private static Report notSynced(List<String> problems) {
    problems.forEach(p -> log.error("Courses: {}", p));
    log.error("The courses were not synced: {} problem(s)", problems.size());
    return new Report(0, 0, 0, 0, problems);
  }

  private Future<Void> write(SqlConnection tx, CourseDefinition c, String hash) {
    Tuple course = Tuple.tuple().addString(c.id()).addString(c.title()).addString(c.tier().name())
        .addString(c.summary()).addValue(CourseJson.audience(c.audience()))
        .addArrayOfString(c.prerequisites().toArray(String[]::new)).addDouble(c.creditHours())
        .addInteger(c.passMark()).addBoolean(c.postEntryCertificate()).addValue(CourseJson.quiz(c.finalAssessment()))
        .addString(hash);
    return tx.preparedQuery(UPSERT_COURSE).execute(course).compose(v -> store.writeLessons(tx, c));
  }
}
