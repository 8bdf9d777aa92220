package org.qinglan.course;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.qinglan.people.Qualification;

/**
 * Who is overdue for training, by the national rules: community party secretaries and
 * committee directors must complete training every calendar year; every other worker at least
 * once in three years (counted from hiring for newcomers); certified social workers must keep
 * pace with their continuing-education hours (72 or 90 per 3-year cycle, expected pro rata as
 * the cycle passes); and assigned courses must be done by their due date.
 */
public final class ComplianceRules {

  private ComplianceRules() {
  }

  /** What the rules look at for one worker. */
  public record Facts(boolean secretaryOrDirector, LocalDate hireDate, Qualification qualification,
                      LocalDate certificateDate, List<LocalDate> completions, List<Double> completionHours,
                      List<Assignment> assignments) {
  }

  /** A course assigned to the worker, and whether they have completed it. */
  public record Assignment(String courseTitle, LocalDate due, boolean completed) {
  }

  /** The reasons the worker is overdue (Chinese), empty when they are not. */
  public static List<String> overdue(Facts f, LocalDate today) {
    List<String> reasons = new ArrayList<>();
    LocalDate last = f.completions().stream().max(LocalDate::compareTo).orElse(null);
    if (f.secretaryOrDirector()) {
      if (last == null || last.getYear() < today.getYear()) {
        reasons.add("书记/主任本年度尚未完成培训");
      }
    } else {
      LocalDate windowStart = today.minusYears(3);
      boolean newcomer = f.hireDate() != null && f.hireDate().isAfter(windowStart);
      if (!newcomer && (last == null || last.isBefore(windowStart))) {
        reasons.add(last == null ? "三年内未参加培训（无培训记录）" : "三年内未参加培训（上次完成于 " + last + "）");
      }
    }
    if (f.qualification() != null && f.qualification() != Qualification.NONE && f.certificateDate() != null) {
      ContinuingEducation.Cycle cycle = ContinuingEducation.cycle(f.certificateDate(), today);
      double hours = 0;
      for (int i = 0; i < f.completions().size(); i++) {
        if (cycle.contains(f.completions().get(i))) {
          hours += f.completionHours().get(i);
        }
      }
      int required = ContinuingEducation.requiredHours(f.qualification());
      double expected = Math.floor(required * cycle.elapsed(today));
      if (hours < expected) {
        reasons.add("继续教育学时不足：本周期已获 " + format(hours) + " 学时，按进度应达 " + format(expected) + " 学时（周期要求 "
            + required + " 学时，" + cycle.lastDay() + " 截止）");
      }
    }
    for (Assignment a : f.assignments()) {
      if (overdue(a.due(), a.completed(), today)) {
        reasons.add("指派课程《" + a.courseTitle() + "》已过期未完成（截止 " + a.due() + "）");
      }
    }
    return reasons;
  }

  /** An assigned course is overdue from the day after its due date until it is completed. */
  public static boolean overdue(LocalDate due, boolean completed, LocalDate today) {
    return !completed && due.isBefore(today);
  }

  private static String format(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 10) / 10.0);
  }
}
