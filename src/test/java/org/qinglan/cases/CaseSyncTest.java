package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.testing.Await;
import org.qinglan.testing.TestApp;

class CaseSyncTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), app.database().user(),
        app.database().password()); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theShippedCasesArePublishedAtStartUpWithTheirRegion() throws Exception {
    assertTrue(count("SELECT count(*) FROM case_study WHERE source = 'FILES' AND published_revision >= 1") >= 40);
    assertEquals(0, count("SELECT count(*) FROM case_study s JOIN case_revision r ON r.case_id = s.id "
        + "WHERE r.region_name LIKE '江东省/云溪市/%' AND s.org_unit_id IS NULL"), "regions resolve to the demo org units");
    assertTrue(count("SELECT count(*) FROM case_review_event WHERE case_id = 'case-002' AND action = 'SYNC'") == 1);
  }

  @Test
  void aChangedFileBecomesANewPublishedRevisionAndABrokenLibraryChangesNothing(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectories(dir.resolve("case-library"));
    try (Stream<Path> s = Files.list(Path.of("courses", "case-library"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".md")).toList()) {
        Files.copy(f, lib.resolve(f.getFileName()));
      }
    }
    Path first = lib.resolve(Files.list(lib).filter(p -> p.getFileName().toString().startsWith("case-001")).findFirst()
        .orElseThrow().getFileName());
    Files.writeString(first, Files.readString(first, StandardCharsets.UTF_8).replace("## 反思", "## 反思\n\n补充一段反思。"),
        StandardCharsets.UTF_8);
    CaseSync sync = new CaseSync(app.app().vertx(), app.app().pool(), new CaseStore(),
        new org.qinglan.people.OrgUnitService(app.app().pool(), new org.qinglan.people.OrgUnitStore()));
    CaseSync.Report r = Await.of(sync.sync(lib));
    assertEquals(List.of(), r.problems());
    assertEquals(1, r.updated());
    assertEquals(2, count("SELECT published_revision FROM case_study WHERE id = 'case-001'"));
    assertEquals(1, count("SELECT count(*) FROM case_revision WHERE case_id = 'case-001' AND status = 'SUPERSEDED'"));

    Files.writeString(lib.resolve("case-999-broken.md"), "---\nid: case-999\ntitle: 坏\n---\n正文", StandardCharsets.UTF_8);
    CaseSync.Report broken = Await.of(sync.sync(lib));
    assertTrue(broken.problems().size() >= 3, broken.problems().toString());
    assertEquals(0, count("SELECT count(*) FROM case_study WHERE id = 'case-999'"));
  }
}
