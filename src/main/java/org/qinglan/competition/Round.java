package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A round as stored. The knowledge settings are null for the other kinds.
 *
 * @param advancement null when nobody goes on from it
 */
public record Round(UUID id, UUID competitionId, int position, String title, RoundKind kind, Advancement advancement,
                    RoundScoring scoring, TieBreak tieBreak, RoundTiming timing, Instant opensAt, Instant closesAt,
                    Integer minutes, Integer questionSeconds, QuestionSource source, RoundState state,
                    Instant openedAt, Instant closedAt) {

  public boolean knowledge() {
    return kind == RoundKind.KNOWLEDGE;
  }

  /** The ranking rule: its scoring, then its tie-break. */
  public Ranking ranking() {
    return new Ranking(scoring, tieBreak);
  }

  /** A question's time allowance on a paper of {@code questions} (see {@link RoundClock#allowance}). */
  public Duration allowance(int questions) {
    return RoundClock.allowance(questionSeconds, minutes, questions);
  }
}
