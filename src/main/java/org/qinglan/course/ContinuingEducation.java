package org.qinglan.course;

import java.time.LocalDate;
import org.qinglan.people.Qualification;

/**
 * Continuing-education hours (继续教育学时) of certified social workers: 72 hours per 3-year
 * registration cycle for 助理社会工作师, 90 for 社会工作师 and 高级社会工作师. Cycles run in
 * 3-year steps from the certificate date.
 */
public final class ContinuingEducation {
  public static final int CYCLE_YEARS = 3;

  private ContinuingEducation() {
  }

  /** A cycle: from {@code start} inclusive to {@code end} exclusive. */
  public record Cycle(LocalDate start, LocalDate end) {
    public boolean contains(LocalDate d) {
      return !d.isBefore(start) && d.isBefore(end);
    }

    /** The cycle's last day, inclusive: the one date shown to people as its end. */
    public LocalDate lastDay() {
      return end.minusDays(1);
    }

    /** Share of the cycle that has passed on {@code today}, 0..1. */
    public double elapsed(LocalDate today) {
      long total = end.toEpochDay() - start.toEpochDay();
      long gone = Math.max(0, Math.min(total, today.toEpochDay() - start.toEpochDay()));
      return total == 0 ? 1 : (double) gone / total;
    }
  }

  public static int requiredHours(Qualification q) {
    return switch (q) {
      case ASSISTANT -> 72;
      case INTERMEDIATE, SENIOR -> 90;
      default -> 0;
    };
  }

  /** The cycle that contains {@code today} for a certificate obtained on {@code certificateDate}. */
  public static Cycle cycle(LocalDate certificateDate, LocalDate today) {
    LocalDate start = certificateDate;
    while (!today.isBefore(start.plusYears(CYCLE_YEARS))) {
      start = start.plusYears(CYCLE_YEARS);
    }
    return new Cycle(start, start.plusYears(CYCLE_YEARS));
  }
}
