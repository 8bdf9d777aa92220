package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionJson;
import org.qinglan.platform.ContentMemo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shipped question bank (question-bank/**.gift) into PostgreSQL by stable id:
 * new questions are added, changed ones updated (the old version kept as a revision), removed
 * ones retired, never deleted. All or nothing: a bank with any error changes nothing.
 */
public final class QuestionBankSync {
  private static final Logger log = LoggerFactory.getLogger(QuestionBankSync.class);

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

  /** What a sync did. */
  public record Report(int added, int updated, int retired, int unchanged, List<String> errors) {
  }

  private final Vertx vertx;
  private final Pool pool;

  public QuestionBankSync(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Report> sync(Path bankDir) {
    return vertx.executeBlocking(() -> readOnce(bankDir), false).compose(parsed -> {
      List<String> errors = new ArrayList<>();
      List<Question> questions = new ArrayList<>();
      Map<String, String> firstSeen = new HashMap<>();
      for (ParsedFile f : parsed) {
        f.errors().forEach(e -> errors.add(f.file() + ":" + e.line() + ": " + e.message()));
        for (Question q : f.questions()) {
          if (q.id() == null) {
            errors.add(f.file() + ":" + q.line() + ": 题目缺少 // [id:…] 编号");
          } else if (firstSeen.putIfAbsent(q.id(), f.file()) != null) {
            errors.add(f.file() + ":" + q.line() + ": 编号 " + q.id() + " 与 " + firstSeen.get(q.id()) + " 中的题目重复");
          } else if (q.category().isEmpty()) {
            errors.add(f.file() + ":" + q.line() + ": 题目不在任何 $CATEGORY 下");
          } else {
            questions.add(q);
          }
        }
      }
      if (!errors.isEmpty()) {
        errors.forEach(e -> log.error("Question bank: {}", e));
        log.error("The question bank was not synced: {} error(s)", errors.size());
        return Future.succeededFuture(new Report(0, 0, 0, 0, errors));
      }
      return pool.withTransaction(tx -> apply(tx, questions)).onSuccess(r -> {
        if (r.added() + r.updated() + r.retired() > 0) {
          log.info("Question bank synced: {} added, {} updated, {} retired, {} unchanged", r.added(), r.updated(),
              r.retired(), r.unchanged());
        }
      });
    });
  }

  /** The parsed bank; a process that starts many nodes (the tests) parses the same files once. */
  private static List<ParsedFile> readOnce(Path bankDir) throws IOException {
    return ContentMemo.read("question-bank", List.of(bankDir), () -> read(bankDir));
  }

  private static List<ParsedFile> read(Path bankDir) throws IOException {
    if (!Files.isDirectory(bankDir)) {
      log.warn("No question bank at {}", bankDir.toAbsolutePath());
      return List.of();
    }
    List<ParsedFile> out = new ArrayList<>();
    // The bank may be a symbolic link (a deployment's content checkout): walk the real folder.
    Path real = bankDir.toRealPath();
    try (Stream<Path> files = Files.walk(real)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".gift")).sorted().toList()) {
        out.add(QuestionFormat.GIFT.parse(real.relativize(f).toString(), Files.readAllBytes(f)));
      }
    }
    return out;
  }

  private Future<Report> apply(SqlConnection tx, List<Question> questions) {
    Map<List<String>, UUID> categories = new HashMap<>();
    return tx.query("SELECT pg_advisory_xact_lock(727002)").execute()
        .compose(v -> tx.query(CATEGORIES).execute())
        .compose(rows -> {
          for (Row r : rows) {
            categories.put(List.of(r.getArrayOfStrings("path")), r.getUUID("id"));
          }
          List<Tuple> newCategories = new ArrayList<>();
          Set<List<String>> wanted = new HashSet<>();
          questions.forEach(q -> wanted.add(q.category()));
          for (List<String> path : wanted) {
            if (!categories.containsKey(path)) {
              UUID id = UUID.randomUUID();
              categories.put(path, id);
              newCategories.add(Tuple.tuple().addUUID(id).addArrayOfString(path.toArray(String[]::new)));
            }
          }
          return newCategories.isEmpty() ? Future.succeededFuture()
              : tx.preparedQuery(INSERT_CATEGORY).executeBatch(newCategories).mapEmpty();
        })
        .compose(v -> tx.query(EXISTING).execute())
        .compose(rows -> {
          Map<String, Row> existing = new HashMap<>();
          for (Row r : rows) {
            existing.put(r.getString("stable_key"), r);
          }
          List<Tuple> inserts = new ArrayList<>();
          List<Tuple> revisions = new ArrayList<>();
          List<Tuple> updates = new ArrayList<>();
          List<Tuple> unretire = new ArrayList<>();
          int unchanged = 0;
          for (Question q : questions) {
            Row old = existing.remove(q.id());
            String hash = QuestionJson.hash(q);
            UUID category = categories.get(q.category());
            String[] tags = q.tags().toArray(String[]::new);
            if (old == null) {
              inserts.add(Tuple.tuple().addUUID(UUID.randomUUID()).addString(q.id()).addUUID(category)
                  .addString(q.type().name()).addString(QuestionJson.chapter(q.category())).addString(q.name())
                  .addValue(QuestionJson.body(q)).addArrayOfString(tags).addString(hash));
            } else if (!hash.equals(old.getString("content_hash"))) {
              revisions.add(Tuple.tuple().addUUID(old.getUUID("id")).addInteger(old.getInteger("revision"))
                  .addValue(old.getJsonObject("body")).addArrayOfString(old.getArrayOfStrings("tags")));
              updates.add(Tuple.tuple().addUUID(old.getUUID("id")).addUUID(category).addString(q.type().name())
                  .addString(QuestionJson.chapter(q.category())).addString(q.name()).addValue(QuestionJson.body(q))
                  .addArrayOfString(tags).addString(hash));
            } else if (old.getBoolean("retired")) {
              unretire.add(Tuple.of(old.getUUID("id")));
            } else {
              unchanged++;
            }
          }
          List<Tuple> retire = new ArrayList<>();
          for (Row gone : existing.values()) {
            if (!gone.getBoolean("retired")) {
              retire.add(Tuple.of(gone.getUUID("id")));
            }
          }
          int finalUnchanged = unchanged;
          return batch(tx, INSERT, inserts)
              .compose(x -> batch(tx, KEEP_REVISION, revisions))
              .compose(x -> batch(tx, UPDATE, updates))
              .compose(x -> batch(tx, UNRETIRE, unretire))
              .compose(x -> batch(tx, RETIRE, retire))
              .map(x -> new Report(inserts.size(), updates.size() + unretire.size(), retire.size(), finalUnchanged,
                  List.of()));
        });
  }

  private static Future<Void> batch(SqlConnection tx, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }
}
