package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qinglan.people.Account;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/** Who may do what with courses: role x where the unit lies from the person's own x action. */
class CoursePolicyTest {
  // 云溪市 → 望江区 (the person's own unit) → 望江街道; 桂园区 is a sibling of 望江区.
  static final OrgUnit CITY = unit(null, OrgLevel.CITY, "云溪市");
  static final OrgUnit OWN = unit(CITY, OrgLevel.DISTRICT, "望江区");
  static final OrgUnit BELOW = unit(OWN, OrgLevel.STREET, "望江街道");
  static final OrgUnit SIBLING = unit(CITY, OrgLevel.DISTRICT, "桂园区");
  static final Map<String, OrgUnit> WHERE = Map.of("own", OWN, "below", BELOW, "above", CITY, "sibling", SIBLING);

  @ParameterizedTest(name = "{0} {1}: own {2}, below {3}, above {4}, sibling {5}")
  @CsvSource({
      // role,   action,         own, below, above, sibling
      "WORKER,    SEE,            y,   n,     y,     n",
      "WORKER,    ENROL,          y,   n,     y,     n",
      "WORKER,    EDIT,           n,   n,     n,     n",
      "WORKER,    PUBLISH,        n,   n,     n,     n",
      "WORKER,    ASSIGN,         n,   n,     n,     n",
      "WORKER,    SEE_COMPLIANCE, n,   n,     n,     n",
      "WORKER,    SUPERVISE,      n,   n,     n,     n",
      "MENTOR,    SEE,            y,   n,     y,     n",
      "MENTOR,    ENROL,          y,   n,     y,     n",
      "MENTOR,    EDIT,           n,   n,     n,     n",
      "MENTOR,    PUBLISH,        n,   n,     n,     n",
      "MENTOR,    ASSIGN,         n,   n,     n,     n",
      "MENTOR,    SEE_COMPLIANCE, n,   n,     n,     n",
      "MENTOR,    SUPERVISE,      n,   n,     n,     n",
      "JUDGE,     SEE,            y,   n,     y,     n",
      "JUDGE,     ENROL,          n,   n,     n,     n",
      "JUDGE,     EDIT,           n,   n,     n,     n",
      "JUDGE,     PUBLISH,        n,   n,     n,     n",
      "JUDGE,     ASSIGN,         n,   n,     n,     n",
      "JUDGE,     SEE_COMPLIANCE, n,   n,     n,     n",
      "JUDGE,     SUPERVISE,      n,   n,     n,     n",
      "TRAINER,   SEE,            y,   y,     y,     n",
      "TRAINER,   ENROL,          n,   n,     n,     n",
      "TRAINER,   EDIT,           y,   y,     n,     n",
      "TRAINER,   PUBLISH,        y,   y,     n,     n",
      "TRAINER,   ASSIGN,         y,   y,     n,     n",
      "TRAINER,   SEE_COMPLIANCE, n,   n,     n,     n",
      "TRAINER,   SUPERVISE,      y,   y,     n,     n",
      "ORGANISER, SEE,            y,   y,     y,     n",
      "ORGANISER, ENROL,          n,   n,     n,     n",
      "ORGANISER, EDIT,           n,   n,     n,     n",
      "ORGANISER, PUBLISH,        n,   n,     n,     n",
      "ORGANISER, ASSIGN,         y,   y,     n,     n",
      "ORGANISER, SEE_COMPLIANCE, y,   y,     n,     n",
      "ORGANISER, SUPERVISE,      y,   y,     n,     n",
      "ADMIN,     SEE,            y,   y,     y,     y",
      "ADMIN,     ENROL,          n,   n,     n,     n",
      "ADMIN,     EDIT,           y,   y,     y,     y",
      "ADMIN,     PUBLISH,        y,   y,     y,     y",
      "ADMIN,     ASSIGN,         y,   y,     y,     y",
      "ADMIN,     SEE_COMPLIANCE, y,   y,     y,     y",
      "ADMIN,     SUPERVISE,      y,   y,     y,     y",
  })
  void table(Role role, CoursePolicy.Action action, String own, String below, String above, String sibling) {
    Account a = account(role, OWN);
    Map<String, String> expected = Map.of("own", own, "below", below, "above", above, "sibling", sibling);
    for (String where : List.of("own", "below", "above", "sibling")) {
      assertEquals("y".equals(expected.get(where)), CoursePolicy.may(a, action, WHERE.get(where)),
          role + " " + action + " " + where);
    }
  }

  @Test
  void everyRoleAndActionIsInTheTable() throws Exception {
    var source = CoursePolicyTest.class.getDeclaredMethod("table", Role.class, CoursePolicy.Action.class,
        String.class, String.class, String.class, String.class).getAnnotation(CsvSource.class);
    Set<String> rows = new java.util.HashSet<>();
    for (String row : source.value()) {
      String[] cells = row.split(",");
      rows.add(cells[0].strip() + " " + cells[1].strip());
    }
    for (Role r : Role.values()) {
      for (CoursePolicy.Action action : CoursePolicy.Action.values()) {
        assertEquals(true, rows.contains(r + " " + action), "missing row " + r + " " + action);
      }
    }
  }

  @Test
  void aPersonWithoutAnOrgUnitSeesOnlyShippedCoursesUnlessAdmin() {
    Account trainer = account(Role.TRAINER, null);
    assertEquals(false, CoursePolicy.may(trainer, CoursePolicy.Action.SEE, OWN));
    assertEquals(false, CoursePolicy.may(trainer, CoursePolicy.Action.EDIT, OWN));
    assertEquals(Set.of(), CoursePolicy.visibleCourseUnits(trainer, List.of()));
    assertEquals(true, CoursePolicy.may(account(Role.ADMIN, null), CoursePolicy.Action.EDIT, OWN));
  }

  @Test
  void visibleCourseUnitsAreOwnAndAboveAndForStaffTheirScope() {
    assertEquals(Set.of(CITY.id(), OWN.id()), CoursePolicy.visibleCourseUnits(account(Role.WORKER, OWN),
        List.of(OWN, BELOW)));
    assertEquals(Set.of(CITY.id(), OWN.id(), BELOW.id()), CoursePolicy.visibleCourseUnits(account(Role.TRAINER, OWN),
        List.of(OWN, BELOW)));
    assertEquals(List.of(CITY.id(), OWN.id(), BELOW.id()), List.copyOf(CoursePolicy.unitAndAbove(BELOW)));
  }

  @Test
  void aWorkersReportIsSupervisedByScopeNeverByTheWorkerAndByANamedMentor() {
    Account worker = account(Role.WORKER, BELOW);
    CoursePolicy.Supervision byScope = CoursePolicy.Supervision.byScope(worker.id(), BELOW);
    assertEquals(true, CoursePolicy.maySupervise(account(Role.TRAINER, OWN), byScope), "the unit above");
    assertEquals(true, CoursePolicy.maySupervise(account(Role.ORGANISER, BELOW), byScope), "the worker's own unit");
    assertEquals(false, CoursePolicy.maySupervise(account(Role.ORGANISER, SIBLING), byScope), "another district");
    assertEquals(false, CoursePolicy.maySupervise(account(Role.WORKER, BELOW), byScope), "a colleague");
    assertEquals(false, CoursePolicy.maySupervise(worker, byScope), "the worker themself");
    Account staffWhoAlsoLearns = new Account(UUID.randomUUID(), "both", null, "兼任", Set.of(Role.WORKER, Role.TRAINER),
        OWN, false, true);
    assertEquals(false, CoursePolicy.maySupervise(staffWhoAlsoLearns,
        CoursePolicy.Supervision.byScope(staffWhoAlsoLearns.id(), OWN)), "no one signs off their own report");

    // The slot for mentor pairing: a mentor named as the worker's supervises them, whatever their unit.
    Account mentor = account(Role.MENTOR, SIBLING);
    assertEquals(false, CoursePolicy.maySupervise(mentor, byScope), "a mentor of someone else");
    assertEquals(true, CoursePolicy.maySupervise(mentor,
        new CoursePolicy.Supervision(worker.id(), BELOW, Set.of(mentor.id()))), "the worker's own mentor");
  }

  static Account account(Role role, OrgUnit unit) {
    return new Account(UUID.randomUUID(), "someone", null, "某人", Set.of(role), unit, false, true);
  }

  static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }
}
