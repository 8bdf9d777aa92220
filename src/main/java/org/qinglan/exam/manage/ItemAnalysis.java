package org.qinglan.exam.manage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Classical item analysis of the answers workers gave in practice and mock exams: how often a
 * question is answered, how easy it is (facility) and whether it separates stronger from weaker
 * workers (discrimination).
 *
 * <p>Choices, and why:
 * <ul>
 *   <li>Facility and discrimination use each worker's <em>first</em> answer to a question only.
 *   Practice repeats questions until they are right (mistake book, spaced review), so later
 *   answers measure memory of this very question, not the worker's knowledge; counting them
 *   would make every question look easier and blur the comparison between workers.</li>
 *   <li>Discrimination is the point-biserial correlation between answering this question right
 *   (0/1) and the worker's share of right first answers on all <em>other</em> questions they
 *   answered. The point-biserial is the Pearson correlation of a 0/1 variable with a continuous
 *   one, the standard index for right/wrong items. Leaving the question itself out of the
 *   worker's score (the "corrected" item-rest correlation) avoids correlating the item with
 *   itself, which inflates the index most for workers who answered few questions. Workers answer
 *   different questions, so the score is a share, not a sum; the whole bank is used because a
 *   trainer's own category is often small, and a share of a handful of answers is too coarse.</li>
 *   <li>Below {@link #MIN_SAMPLE} workers the index is too unstable to act on and is not given.
 *   Workers with no other first answers have no score and are left out of it.</li>
 * </ul>
 * Plain Java on purpose: unit-tested against hand-computed values.
 */
public final class ItemAnalysis {
  /** Fewest workers (with a score on other questions) before a discrimination index is given. */
  public static final int MIN_SAMPLE = 30;
  /** Questions discriminating less than this are worth a trainer's look. */
  public static final double REVIEW_BELOW = 0.2;

  private ItemAnalysis() {
  }

  /**
   * One worker's first answer to the question, with that worker's first-answer totals over the
   * whole bank, this question included.
   */
  public record FirstAnswer(boolean correct, int answered, int answeredCorrectly) {
    public FirstAnswer {
      if (answered < 1 || answeredCorrectly < 0 || answeredCorrectly > answered
          || (correct && answeredCorrectly < 1) || (!correct && answeredCorrectly == answered)) {
        throw new IllegalArgumentException("inconsistent totals: " + correct + " " + answeredCorrectly + "/" + answered);
      }
    }

    /** Share right on the other questions; NaN when the worker answered nothing else. */
    double restScore() {
      int others = answered - 1;
      return others == 0 ? Double.NaN : (answeredCorrectly - (correct ? 1 : 0)) / (double) others;
    }
  }

  /**
   * What is known about a question.
   *
   * @param attempts       every answer given, repeats included
   * @param workers        workers who answered it
   * @param facility       share of workers whose first answer was right; null without answers
   * @param discrimination point-biserial item-rest correlation; null below {@link #MIN_SAMPLE} or
   *                       when it is undefined (everyone right, everyone wrong, or equal scores)
   * @param sample         workers the discrimination is computed over
   */
  public record Result(long attempts, int workers, Double facility, Double discrimination, int sample) {

    public boolean needsReview() {
      return discrimination != null && discrimination < REVIEW_BELOW;
    }
  }

  public static Result analyse(long attempts, List<FirstAnswer> firsts) {
    int right = 0;
    List<Boolean> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (FirstAnswer f : firsts) {
      if (f.correct()) {
        right++;
      }
      double rest = f.restScore();
      if (!Double.isNaN(rest)) {
        xs.add(f.correct());
        ys.add(rest);
      }
    }
    Double facility = firsts.isEmpty() ? null : right / (double) firsts.size();
    Double discrimination = null;
    if (xs.size() >= MIN_SAMPLE) {
      boolean[] x = new boolean[xs.size()];
      double[] y = new double[ys.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = xs.get(i);
        y[i] = ys.get(i);
      }
      discrimination = pointBiserial(x, y);
    }
    return new Result(attempts, firsts.size(), facility, discrimination, xs.size());
  }

  /**
   * r = (M1 − M0) / s · √(p·q): M1 and M0 are the mean scores of those who got the item right and
   * wrong, s the (population) standard deviation of all scores, p the share right and q = 1 − p.
   * Null when it is undefined: nobody or everybody right, or every score equal.
   */
  public static Double pointBiserial(boolean[] right, double[] score) {
    if (right.length != score.length) {
      throw new IllegalArgumentException("lengths differ");
    }
    int n = right.length;
    int n1 = 0;
    double sum1 = 0;
    double sum0 = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += score[i];
      if (right[i]) {
        n1++;
        sum1 += score[i];
      } else {
        sum0 += score[i];
      }
    }
    int n0 = n - n1;
    if (n1 == 0 || n0 == 0) {
      return null;
    }
    double mean = sum / n;
    double squares = 0;
    for (double s : score) {
      squares += (s - mean) * (s - mean);
    }
    double sd = Math.sqrt(squares / n);
    if (sd < 1e-12) {
      return null;
    }
    double p = n1 / (double) n;
    return (sum1 / n1 - sum0 / n0) / sd * Math.sqrt(p * (1 - p));
  }

  /** The items whose questions discriminate poorly ({@link Result#needsReview()}), worst first. */
  public static <T> List<T> reviewFirst(List<T> items, Function<T, Result> stats) {
    return items.stream().filter(i -> stats.apply(i).needsReview())
        .sorted(Comparator.comparingDouble(i -> stats.apply(i).discrimination()))
        .toList();
  }
}
