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
    assertTrue(tiers.containsAll(EnumSet.of(Tier.INDUCTION, Tier.IN_SERVICE, Tier.SPECIALISED, Tier.PRACTICUM)),
        tiers.toString());
    List<CourseDefinition> practicum = r.courses().stream().filter(c -> c.tier() == Tier.PRACTICUM).toList();
    assertTrue(practicum.size() >= 2, "at least two practicum courses: " + practicum.size());
    for (CourseDefinition c : practicum) {
      long tasks = c.modules().stream().flatMap(m -> m.lessons().stream()).filter(l -> l.kind() == LessonKind.TASK)
          .count();
      assertTrue(tasks >= 3 && tasks <= 5, c.id() + " is built around three to five practice tasks: " + tasks);
    }
    assertEquals(List.of("induction-post-entry"), r.courses().stream().filter(CourseDefinition::postEntryCertificate)
        .map(CourseDefinition::id).toList(), "one course issues the post-entry certificate");
  }

  @Test
  void theCatalogueShowsThemByTierWithEligibility() throws Exception {
    try (TestApp app = TestApp.withDemoData()) {
      String catalogue = app.signedInAs("worker").get("/courses").body();
      for (String title : List.of("初任培训", "在职培训", "专项培训", "实践锻炼", "社区工作者上岗培训（综合）",
          "入户走访与需求评估实践", "组织一次居民议事协商")) {
        assertTrue(catalogue.contains(title), title);
      }
      assertTrue(catalogue.contains("需先完成《"), "prerequisites are explained");
    }
  }
}
