package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglan.cases.CaseFile;
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
    return CourseFiles.load(dirs, CaseFile.ids(coursesDir.resolve("case-library")),
        BankQuestionSource.read(contentDir.resolve("question-bank")));
  }

  private Future<Report> apply(SqlConnection tx, List<CourseDefinition> courses) {
    List<String> ids = courses.stream().map(CourseDefinition::id).toList();
    return store.lockForSync(tx)
        .compose(v -> store.editorIds(tx, ids))
        .compose(taken -> {
          if (!taken.isEmpty()) {
            List<String> problems = new ArrayList<>();
            taken.forEach(id -> problems.add("课程编号 " + id + " 已被网页上编写的课程使用，请为课程文件另取编号"));
            return Future.succeededFuture(notSynced(problems));
          }
          return store.shipped(tx).compose(rows -> apply(tx, courses, rows));
        });
  }

  private Future<Report> apply(SqlConnection tx, List<CourseDefinition> courses, List<CourseStore.ShippedRow> rows) {
    Map<String, CourseStore.ShippedRow> existing = new HashMap<>();
    rows.forEach(r -> existing.put(r.id(), r));
    int[] counts = new int[4];
    Future<Void> chain = Future.succeededFuture();
    Set<String> present = new HashSet<>();
    for (CourseDefinition c : courses) {
      present.add(c.id());
      String hash = CourseJson.hash(c);
      CourseStore.ShippedRow old = existing.get(c.id());
      if (old != null && hash.equals(old.contentHash()) && !old.retired()) {
        counts[3]++;
        continue;
      }
      counts[old == null ? 0 : 1]++;
      chain = chain.compose(v -> write(tx, c, hash));
    }
    for (CourseStore.ShippedRow r : existing.values()) {
      if (!present.contains(r.id()) && !r.retired()) {
        counts[2]++;
        chain = chain.compose(v -> store.retire(tx, r.id()));
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
    return store.upsertShipped(tx, c, hash).compose(v -> store.writeLessons(tx, c));
  }
}
