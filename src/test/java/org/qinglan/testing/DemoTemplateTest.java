package org.qinglan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.cases.CaseSync;
import org.qinglan.course.CourseSync;
import org.qinglan.exam.QuestionBankSync;

/** A node on a copy of the demo template finds the demo data and the shipped content in place. */
class DemoTemplateTest {

  @Test
  void aNodeOnACopyFindsEverythingInPlaceAndTheCopyGoesWithIt() throws Exception {
    String copy;
    try (TestApp app = TestApp.withDemoData()) {
      copy = app.database().database();
      assertFalse(app.app().seeded(), "the demo data came with the copy");
      assertEquals(((Number) app.one("SELECT count(*) FROM case_study WHERE published_revision IS NOT NULL"
          + " AND retracted_at IS NULL")).intValue(), app.app().caseSearch().size(), "the case index came with it too");

      var vertx = app.app().vertx();
      var pool = app.app().pool();
      QuestionBankSync.Report bank = Await.of(new QuestionBankSync(vertx, pool).sync(Path.of("question-bank")));
      assertEquals(List.of(0, 0, 0), List.of(bank.added(), bank.updated(), bank.retired()), "question bank: " + bank);
      assertEquals(((Number) app.one("SELECT count(*) FROM question WHERE retired_at IS NULL")).intValue(),
          bank.unchanged());
      CourseSync.Report courses = Await.of(new CourseSync(vertx, pool).sync(Path.of(".")));
      assertEquals(List.of(0, 0, 0), List.of(courses.added(), courses.updated(), courses.retired()),
          "courses: " + courses);
      CaseSync.Report cases = Await.of(new CaseSync(vertx, pool, new org.qinglan.cases.CaseStore(),
          new org.qinglan.people.OrgUnitService(pool, new org.qinglan.people.OrgUnitStore())).sync(Path.of("courses", "case-library")));
      assertEquals(List.of(0, 0), List.of(cases.added(), cases.updated()), "cases: " + cases);

      app.signedInAs("organiser");
      assertEquals(1L, app.one("SELECT count(*) FROM pg_database WHERE datname = ?", copy));
    }
    try (TestApp other = TestApp.withDemoData()) {
      assertEquals(0L, other.one("SELECT count(*) FROM pg_database WHERE datname = ?", copy),
          "the copy is dropped when its node is closed");
      assertEquals(((Number) other.one("SELECT count(*) FROM case_study WHERE published_revision IS NOT NULL"
          + " AND retracted_at IS NULL")).intValue(), other.app().caseSearch().size());
    }
  }

  @Test
  void anotherNodeGetsTheTemplatesIndexOnlyWhileThePublishedCasesAreTheTemplates() throws Exception {
    try (TestApp app = TestApp.withDemoData()) {
      Path unchanged = Files.createTempDirectory("qinglan-test-data");
      Path changed = Files.createTempDirectory("qinglan-test-data");
      try {
        DemoTemplate.copyIndexIfItFits(app.database(), unchanged);
        assertTrue(Files.isDirectory(unchanged.resolve("search")), "the cases are the template's: its index fits");
        app.update("UPDATE case_study SET retracted_at = now() WHERE id = 'case-001'");
        DemoTemplate.copyIndexIfItFits(app.database(), changed);
        assertFalse(Files.exists(changed.resolve("search")), "a case was retracted: the node must build its own");
      } finally {
        TempDirs.delete(unchanged);
        TempDirs.delete(changed);
      }
    }
  }
}
