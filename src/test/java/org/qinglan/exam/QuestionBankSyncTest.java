package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.testing.Await;
import org.qinglan.testing.MigratedDatabase;

class QuestionBankSyncTest {
  @RegisterExtension
  static final MigratedDatabase database = new MigratedDatabase();

  static long count(String sql) throws Exception {
    return Await.of(database.pool().query(sql).execute()).iterator().next().getLong(0);
  }

  private static final String CHAPTER = """
      $CATEGORY: 助理社会工作师/社会工作综合能力(初级)/01 测试章

      // [id:t-01-001] [tag:甲]
      ::t-01-001::第一题 {=对 ~错 ~错二 ~错三 ####解析一}

      // [id:t-01-002] [tag:乙]
      ::t-01-002::第二题 {=对 ~错 ~错二 ~错三 ####解析二}
      """;

  @Test
  void addsUpdatesKeepsRevisionsAndRetires(@TempDir Path bank) throws Exception {
    Path file = bank.resolve("01.gift");
    Files.writeString(file, CHAPTER, StandardCharsets.UTF_8);
    QuestionBankSync sync = new QuestionBankSync(database.vertx(), database.pool());
    QuestionBankSync.Report first = Await.of(sync.sync(bank));
    assertEquals(2, first.added());
    assertEquals(0, Await.of(sync.sync(bank)).added(), "a second sync changes nothing");
    assertEquals(2, Await.of(sync.sync(bank)).unchanged());

    Files.writeString(file, CHAPTER.replace("解析一", "解析一（修订）").replace("""

        // [id:t-01-002] [tag:乙]
        ::t-01-002::第二题 {=对 ~错 ~错二 ~错三 ####解析二}
        """, "\n"), StandardCharsets.UTF_8);
    QuestionBankSync.Report changed = Await.of(sync.sync(bank));
    assertEquals(1, changed.updated());
    assertEquals(1, changed.retired());
    assertEquals(2, count("SELECT revision FROM question WHERE stable_key = 't-01-001'"));
    assertEquals(1, count("SELECT count(*) FROM question_revision r JOIN question q ON q.id = r.question_id "
        + "WHERE q.stable_key = 't-01-001' AND r.body->'explanation'->>'text' = '解析一'"), "the old text is kept");
    assertEquals(1, count("SELECT count(*) FROM question WHERE stable_key = 't-01-002' AND retired_at IS NOT NULL"),
        "removed from the file: retired, not deleted");

    Files.writeString(file, CHAPTER, StandardCharsets.UTF_8);
    assertEquals(2, Await.of(sync.sync(bank)).updated(), "the retired question comes back, the other reverts");
    assertEquals(0, count("SELECT count(*) FROM question WHERE stable_key LIKE 't-01-%' AND retired_at IS NOT NULL"));
  }

  @Test
  void aBankWithAnyErrorChangesNothing(@TempDir Path bank) throws Exception {
    long before = count("SELECT count(*) FROM question");
    Files.writeString(bank.resolve("good.gift"), CHAPTER.replace("t-01-", "t-02-"), StandardCharsets.UTF_8);
    Files.writeString(bank.resolve("bad.gift"), """
        $CATEGORY: 助理社会工作师/社会工作综合能力(初级)/02 坏章

        // [id:t-03-001] [tag:丙]
        ::t-03-001::没有正确答案 {~甲 ~乙}

        ::no-id::没有编号 {=甲 ~乙}
        """, StandardCharsets.UTF_8);
    QuestionBankSync.Report r = Await.of(new QuestionBankSync(database.vertx(), database.pool()).sync(bank));
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).startsWith("bad.gift:4: 题目 t-03-001："), r.errors().get(0));
    assertTrue(r.errors().get(1).startsWith("bad.gift:6: 题目缺少"), r.errors().get(1));
    assertEquals(before, count("SELECT count(*) FROM question"));
  }

  @Test
  void theShippedBankSyncsCompletely() throws Exception {
    QuestionBankSync.Report r = Await.of(new QuestionBankSync(database.vertx(), database.pool()).sync(Path.of("question-bank")));
    assertEquals(List.of(), r.errors());
    assertTrue(count("SELECT count(*) FROM question WHERE source = 'BANK' AND stable_key LIKE 'a-%'") >= 300);
    assertTrue(count("SELECT count(*) FROM question WHERE stable_key LIKE 's-prac-%'") >= 10);
    assertEquals(count("SELECT count(*) FROM question WHERE stable_key LIKE 'i-prac-%' OR stable_key LIKE 's-prac-%'"),
        count("SELECT count(*) FROM question WHERE type = 'CASE_ANALYSIS'"));
    assertEquals(0, count("SELECT count(*) FROM question WHERE source = 'BANK' AND stable_key NOT LIKE 't-%' "
        + "AND chapter IS NULL"));
  }
}
