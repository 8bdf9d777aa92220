package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
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

  /** What a sync did. */
  public record Report(int added, int updated, int retired, int unchanged, List<String> errors) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final QuestionBankSyncStore store = new QuestionBankSyncStore();

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
    return store.lock(tx)
        .compose(v -> store.shippedCategories(tx))
        .compose(known -> {
          categories.putAll(known);
          Map<List<String>, UUID> newCategories = new LinkedHashMap<>();
          for (Question q : questions) {
            if (!categories.containsKey(q.category())) {
              UUID id = UUID.randomUUID();
              categories.put(q.category(), id);
              newCategories.put(q.category(), id);
            }
          }
          return store.insertCategories(tx, newCategories);
        })
        .compose(v -> store.existing(tx))
        .compose(stored -> {
          Map<String, QuestionBankSyncStore.Existing> existing = new HashMap<>(stored);
          List<QuestionBankSyncStore.Placed> inserts = new ArrayList<>();
          List<QuestionBankSyncStore.Existing> replaced = new ArrayList<>();
          List<QuestionBankSyncStore.Placed> updates = new ArrayList<>();
          List<UUID> unretire = new ArrayList<>();
          int unchanged = 0;
          for (Question q : questions) {
            QuestionBankSyncStore.Existing old = existing.remove(q.id());
            String hash = QuestionJson.hash(q);
            UUID category = categories.get(q.category());
            if (old == null) {
              inserts.add(new QuestionBankSyncStore.Placed(UUID.randomUUID(), q, category, hash));
            } else if (!hash.equals(old.contentHash())) {
              replaced.add(old);
              updates.add(new QuestionBankSyncStore.Placed(old.id(), q, category, hash));
            } else if (old.retired()) {
              unretire.add(old.id());
            } else {
              unchanged++;
            }
          }
          List<UUID> retire = existing.values().stream().filter(gone -> !gone.retired())
              .map(QuestionBankSyncStore.Existing::id).toList();
          int finalUnchanged = unchanged;
          return store.insert(tx, inserts)
              .compose(x -> store.update(tx, replaced, updates))
              .compose(x -> store.unretire(tx, unretire))
              .compose(x -> store.retire(tx, retire))
              .map(x -> new Report(inserts.size(), updates.size() + unretire.size(), retire.size(), finalUnchanged,
                  List.of()));
        });
  }
}
