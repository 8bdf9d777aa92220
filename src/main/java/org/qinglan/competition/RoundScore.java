package org.qinglan.competition;

import java.time.Duration;
import java.util.Objects;

/**
 * A contestant's result in a knowledge round (or a team's, summed over its counted members).
 *
 * @param points    marks (correct-then-time) or speed points, by the round's {@link RoundScoring}
 * @param correct   questions answered fully right
 * @param wrong     questions answered with no credit (a wrong option chosen); an unanswered question is not wrong
 * @param totalTime the time taken over all questions, an unanswered one counting its whole allowance
 */
public record RoundScore(double points, int correct, int wrong, Duration totalTime) {

  public RoundScore {
    Objects.requireNonNull(totalTime, "totalTime");
    if (!Double.isFinite(points) || correct < 0 || wrong < 0 || totalTime.isNegative()) {
      throw new IllegalArgumentException("not a round score: " + points + ", " + correct + ", " + wrong + ", " + totalTime);
    }
  }

  /** Someone who answered nothing: no points, no answers, the whole round's time. */
  public static RoundScore absent(Duration roundTime) {
    return new RoundScore(0, 0, 0, roundTime);
  }

  public RoundScore plus(RoundScore other) {
    return new RoundScore(points + other.points, correct + other.correct, wrong + other.wrong,
        totalTime.plus(other.totalTime));
  }
}
