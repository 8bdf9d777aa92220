package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.testing.Await;
import org.qinglan.testing.MigratedDatabase;

/**
 * The store keeps a question's parse per revision (a paper read again parses nothing), and what it
 * hands out is still what the database holds: a new revision, a retirement, a move.
 */
class QuestionStoreTest {
  @RegisterExtension
  static final MigratedDatabase database = new MigratedDatabase();

  private static final String BANK = """
      $CATEGORY: 助理社会工作师/社会工作综合能力(初级)/01 缓存章

      // [id:c-01-001]
      ::c-01-001::第一题 {=对 ~错 ~错二 ~错三 ####解析一}

      // [id:c-01-002]
      ::c-01-002::第二题 {=对 ~错 ~错二 ~错三 ####解析二}
      """;

  private static UUID id(String key) throws Exception {
    return Await.of(database.pool().preparedQuery("SELECT id FROM question WHERE stable_key = $1")
        .execute(io.vertx.sqlclient.Tuple.of(key))).iterator().next().getUUID(0);
  }

  @Test
  void aKeptParseIsHandedOutAgainUntilTheQuestionChanges(@TempDir Path bank) throws Exception {
    Path file = bank.resolve("01.gift");
    Files.writeString(file, BANK, StandardCharsets.UTF_8);
    QuestionBankSync sync = new QuestionBankSync(database.vertx(), database.pool());
    Await.of(sync.sync(bank));
    QuestionStore store = new QuestionStore();
    UUID first = id("c-01-001");
    UUID second = id("c-01-002");

    StoredQuestion read = Await.of(store.byIds(database.pool(), List.of(first, second))).get(first);
    assertSame(read, Await.of(store.byIds(database.pool(), List.of(first))).get(first), "read again: the same parse");
    StoredQuestion atOne = Await.of(store.atRevisions(database.pool(), Map.of(first, 1))).get(first);
    assertSame(read, atOne, "the current revision asked for by number: the same parse");
    assertTrue(QuestionView.of(read, false) == QuestionView.of(atOne, false), "and the same view");
    assertNotSame(QuestionView.of(read, false), QuestionView.of(read, true), "the view with the key is another");

    // A new revision: the new text now, the old one still at its number.
    Files.writeString(file, BANK.replace("第一题", "第一题（改）"), StandardCharsets.UTF_8);
    Await.of(sync.sync(bank));
    StoredQuestion edited = Await.of(store.byIds(database.pool(), List.of(first))).get(first);
    assertEquals(2, edited.revision());
    assertTrue(edited.question().stem().text().contains("第一题（改）"), edited.question().stem().text());
    StoredQuestion old = Await.of(store.atRevisions(database.pool(), Map.of(first, 1))).get(first);
    assertEquals("第一题", old.question().stem().text());
    assertTrue(QuestionView.of(edited, false).stemHtml().contains("（改）"), "the view follows the revision");

    // Retired without a new revision: the kept parse does not hide it.
    Files.writeString(file, BANK.replace("第一题", "第一题（改）").replace("""

        // [id:c-01-002]
        ::c-01-002::第二题 {=对 ~错 ~错二 ~错三 ####解析二}
        """, "\n"), StandardCharsets.UTF_8);
    Await.of(sync.sync(bank));
    assertTrue(Await.of(store.byIds(database.pool(), List.of(second))).get(second).retired(), "retired");
    assertTrue(Await.of(store.atRevisions(database.pool(), Map.of(second, 1))).get(second).retired(), "retired at its revision too");

    // Moved to another chapter (a new revision): the move shows.
    Files.writeString(file, BANK.replace("01 缓存章", "02 另一章").replace("第一题", "第一题（改）"),
        StandardCharsets.UTF_8);
    Await.of(sync.sync(bank));
    StoredQuestion moved = Await.of(store.byIds(database.pool(), List.of(first))).get(first);
    assertEquals("02 另一章", moved.category().get(2));
    assertFalse(Await.of(store.byIds(database.pool(), List.of(second))).get(second).retired(), "back in the file: live again");
    assertTrue(Await.of(store.byIds(database.pool(), List.of(UUID.randomUUID()))).isEmpty(), "an unknown id: nothing");
  }
}
