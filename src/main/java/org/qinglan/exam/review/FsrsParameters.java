package org.qinglan.exam.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the FSRS-6 scheduler.
 *
 * @param weights the 21 model weights w[0..20]
 * @param desiredRetention the probability of recall to schedule reviews at, in (0, 1]
 * @param learningSteps the short intervals a new card walks through before it is scheduled in days
 * @param relearningSteps the short intervals a forgotten card walks through before it goes back to review
 * @param maximumInterval the longest interval in days
 * @param enableFuzzing whether day intervals get a little random spread so cards learned
 *                      together do not stay due together
 */
public record FsrsParameters(List<Double> weights, double desiredRetention,
                             List<Duration> learningSteps, List<Duration> relearningSteps,
                             int maximumInterval, boolean enableFuzzing) {

  public static final int WEIGHT_COUNT = 21;

  /** FSRS-6 default weights, the same as py-fsrs's DEFAULT_PARAMETERS and ts-fsrs's default_w. */
  static final List<Double> DEFAULT_WEIGHTS = List.of(
      0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
      1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542);

  // Allowed range of each weight, as py-fsrs checks them (LOWER_/UPPER_BOUNDS_PARAMETERS).
  private static final double[] LOWER = {
      0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
      0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1};
  private static final double[] UPPER = {
      100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
      5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8};

  public FsrsParameters {
    weights = List.copyOf(weights);
    learningSteps = List.copyOf(learningSteps);
    relearningSteps = List.copyOf(relearningSteps);
    if (weights.size() != WEIGHT_COUNT) {
      throw new IllegalArgumentException("expected " + WEIGHT_COUNT + " weights, got " + weights.size());
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < WEIGHT_COUNT; i++) {
      double w = weights.get(i);
      if (!(w >= LOWER[i] && w <= UPPER[i])) {
        problems.add("w[" + i + "] = " + w + " is outside [" + LOWER[i] + ", " + UPPER[i] + "]");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (!(desiredRetention > 0 && desiredRetention <= 1)) {
      throw new IllegalArgumentException("desired retention must be in (0, 1]: " + desiredRetention);
    }
    for (Duration step : learningSteps) {
      requirePositive(step);
    }
    for (Duration step : relearningSteps) {
      requirePositive(step);
    }
    if (maximumInterval < 1) {
      throw new IllegalArgumentException("maximum interval must be at least one day: " + maximumInterval);
    }
  }

  /**
   * FSRS-6 defaults as in py-fsrs: the default weights, retention 0.9, learning steps 1 and 10
   * minutes, one relearning step of 10 minutes, at most 36500 days, fuzzing on.
   */
  public static FsrsParameters defaults() {
    return new FsrsParameters(DEFAULT_WEIGHTS, 0.9,
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)), List.of(Duration.ofMinutes(10)),
        36500, true);
  }

  /** Weight w[i]. */
  public double w(int i) {
    return weights.get(i);
  }

  public FsrsParameters withEnableFuzzing(boolean enable) {
    return new FsrsParameters(weights, desiredRetention, learningSteps, relearningSteps, maximumInterval, enable);
  }

  public FsrsParameters withDesiredRetention(double retention) {
    return new FsrsParameters(weights, retention, learningSteps, relearningSteps, maximumInterval, enableFuzzing);
  }

  public FsrsParameters withLearningSteps(List<Duration> steps) {
    return new FsrsParameters(weights, desiredRetention, steps, relearningSteps, maximumInterval, enableFuzzing);
  }

  public FsrsParameters withRelearningSteps(List<Duration> steps) {
    return new FsrsParameters(weights, desiredRetention, learningSteps, steps, maximumInterval, enableFuzzing);
  }

  public FsrsParameters withMaximumInterval(int days) {
    return new FsrsParameters(weights, desiredRetention, learningSteps, relearningSteps, days, enableFuzzing);
  }

  private static void requirePositive(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("steps must be positive: " + step);
    }
  }
}
