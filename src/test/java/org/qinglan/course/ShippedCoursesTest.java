package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.cases.CaseFile;
import org.qinglan.testing.TestApp;

/** The courses shipped in courses/ are valid, complete enough, and appear in the catalogue. */
class ShippedCoursesTest {

  @Test
  void everyShippedCoursePassesTheChecks() throws Exception {
    CourseFiles.Result r = CourseFiles.load(CourseFiles.courseDirs(Path.of("courses")),
        CaseFile.ids(Path.of("courses", "case-library")), BankQuestionSource.read(Path.of("question-bank")));
    assertEquals(List.of(), r.problems());
    assertTrue(r.courses().size() >= 8, "at least 8 courses: " + r.courses().size());
    Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    for (CourseDefinition c : r.courses()) {
      assertTrue(c.lessonCount() >= 5, c.id());
      tiers.add(c.tier());
    }
    assertTrue(tiers.containsAll(EnumSet.of(Tier.INDUCTION, Tier.IN_SERVICE, Tier.SPECIALISED)), tiers.toString());
    assertEquals(List.of("induction-post-entry"), r.courses().stream().filter(CourseDefinition::postEntryCertificate)
        .map(CourseDefinition::id).toList(), "one course issues the post-entry certificate");
  }

  @Test
  void theCatalogueShowsThemByTierWithEligibility() throws Exception {
    try (TestApp app = TestApp.withDemoData()) {
      String catalogue = app.signedInAs("worker").get("/courses").body();
      for (String title : List.of("初任培训", "在职培训", "专项培训", "社区工作者上岗培训（综合）")) {
        assertTrue(catalogue.contains(title), title);
      }
      assertTrue(catalogue.contains("需先完成《"), "prerequisites are explained");
    }
  }
}
