package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TempDirs;
import org.qinglan.testing.TestApp;

/** {@code java -jar qinglan.jar reindex}: rebuilds a node's case index from PostgreSQL, unless the node is running. */
class ReindexCommandTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void rebuildsAStoppedNodesIndexFromTheDatabase() throws Exception {
    Path dataDir = Files.createTempDirectory("qinglan-reindex");
    try {
      long published = (Long) app.one("SELECT count(*) FROM case_study WHERE published_revision IS NOT NULL"
          + " AND retracted_at IS NULL");
      assertTrue(published >= 50, "the shipped cases: " + published);
      assertEquals(published, Qinglan.Reindex.rebuildCaseIndex(app.database(), dataDir), "every published case");
      assertTrue(Files.isDirectory(dataDir.resolve("search").resolve("cases")));
    } finally {
      TempDirs.delete(dataDir);
    }
  }

  @Test
  void refusesPlainlyWhileARunningNodeHoldsTheIndex() {
    Qinglan.Refusal refusal = assertThrows(Qinglan.Refusal.class,
        () -> Qinglan.Reindex.rebuildCaseIndex(app.database(), app.dataDir()));
    assertTrue(refusal.getMessage().contains("in use by a running Qinglan"), refusal.getMessage());
  }
}
