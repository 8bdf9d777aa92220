package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Qualification;

class ComplianceRulesTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  private static ComplianceRules.Facts facts(boolean secretary, LocalDate hired, List<LocalDate> done) {
    return new ComplianceRules.Facts(secretary, hired, Qualification.NONE, null, done,
        done.stream().map(d -> 8.0).toList(), List.of());
  }

  @Test
  void secretariesAndDirectorsEveryYear() {
    assertEquals(List.of("书记/主任本年度尚未完成培训"),
        ComplianceRules.overdue(facts(true, LocalDate.of(2010, 1, 1), List.of(LocalDate.of(2025, 12, 30))), TODAY));
    assertEquals(List.of(), ComplianceRules.overdue(facts(true, LocalDate.of(2010, 1, 1),
        List.of(LocalDate.of(2026, 1, 2))), TODAY));
  }

  @Test
  void othersOnceInThreeYearsNewcomersCountFromHiring() {
    assertEquals(List.of(), ComplianceRules.overdue(facts(false, LocalDate.of(2010, 1, 1),
        List.of(LocalDate.of(2023, 11, 24))), TODAY));
    assertEquals(List.of("三年内未参加培训（上次完成于 2023-11-22）"), ComplianceRules.overdue(facts(false,
        LocalDate.of(2010, 1, 1), List.of(LocalDate.of(2023, 11, 22))), TODAY));
    assertEquals(List.of("三年内未参加培训（无培训记录）"), ComplianceRules.overdue(facts(false, null, List.of()), TODAY));
    assertEquals(List.of(), ComplianceRules.overdue(facts(false, LocalDate.of(2025, 7, 1), List.of()), TODAY),
        "hired last year: not yet three years");
  }

  @Test
  void continuingEducationKeepsPaceProRata() {
    // 助理社会工作师 certified 2025-05-23: cycle 2025-05-23 .. 2028-05-23, half gone on 2026-11-23 → 36 of 72 expected.
    ComplianceRules.Facts f = new ComplianceRules.Facts(false, LocalDate.of(2020, 1, 1), Qualification.ASSISTANT,
        LocalDate.of(2025, 5, 23), List.of(LocalDate.of(2025, 9, 1)), List.of(8.0), List.of());
    List<String> r = ComplianceRules.overdue(f, LocalDate.of(2026, 11, 23));
    assertEquals(1, r.size());
    assertTrue(r.get(0).startsWith("继续教育学时不足：本周期已获 8 学时，按进度应达 36 学时（周期要求 72 学时，2028-05-22 截止）"),
        r.get(0));
    ComplianceRules.Facts enough = new ComplianceRules.Facts(false, LocalDate.of(2020, 1, 1), Qualification.INTERMEDIATE,
        LocalDate.of(2025, 5, 23), List.of(LocalDate.of(2025, 9, 1), LocalDate.of(2026, 3, 1)), List.of(16.0, 8.0),
        List.of());
    assertEquals(List.of(), ComplianceRules.overdue(enough, LocalDate.of(2026, 1, 23)), "90 × 2/12 = 15 ≤ 24");
  }

  @Test
  void assignedCoursesPastDue() {
    ComplianceRules.Facts f = new ComplianceRules.Facts(false, LocalDate.of(2025, 1, 1), Qualification.NONE, null,
        List.of(), List.of(), List.of(new ComplianceRules.Assignment("应急处置", LocalDate.of(2026, 11, 1), false),
        new ComplianceRules.Assignment("网格服务", LocalDate.of(2026, 12, 1), false),
        new ComplianceRules.Assignment("一老一小", LocalDate.of(2026, 10, 1), true)));
    assertEquals(List.of("指派课程《应急处置》已过期未完成（截止 2026-11-01）"), ComplianceRules.overdue(f, TODAY));
  }

  @Test
  void cyclesRunInThreeYearSteps() {
    ContinuingEducation.Cycle c = ContinuingEducation.cycle(LocalDate.of(2019, 6, 30), TODAY);
    assertEquals(LocalDate.of(2025, 6, 30), c.start());
    assertEquals(LocalDate.of(2028, 6, 30), c.end());
    assertEquals(72, ContinuingEducation.requiredHours(Qualification.ASSISTANT));
    assertEquals(90, ContinuingEducation.requiredHours(Qualification.SENIOR));
  }
}
