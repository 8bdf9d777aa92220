package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The knowledge round's clock, kept by the server: when a contestant may begin, when their time is
 * up, how long a question counts for at most.
 */
public final class RoundClock {
  private RoundClock() {
  }

  /**
   * Why a contestant cannot begin now (in Chinese), or empty: the round must be open, its opening
   * moment come and its closing moment not yet.
   */
  public static Optional<String> beginRefusal(Round r, Instant now) {
    if (r.state() == RoundState.PLANNED) {
      return Optional.of("本轮尚未开放，请等待组织者开放后再进入。");
    }
    if (r.state() == RoundState.CLOSED || !now.isBefore(r.closesAt())) {
      return Optional.of("本轮已经结束，不能再进入作答。");
    }
    if (now.isBefore(r.opensAt())) {
      return Optional.of("本轮尚未开始，开始后才能进入作答。");
    }
    return Optional.empty();
  }

  /**
   * When the time of an entry begun at {@code startedAt} is up: a window gives {@code minutes} from
   * the start, never past the closing moment; a common start ends for everyone at the closing moment
   * (the opening moment plus the minutes).
   */
  public static Instant deadline(Round r, Instant startedAt) {
    return switch (r.timing()) {
      case WINDOW -> {
        Instant own = startedAt.plus(Duration.ofMinutes(r.minutes()));
        yield own.isBefore(r.closesAt()) ? own : r.closesAt();
      }
      case COMMON_START -> r.closesAt();
    };
  }

  /**
   * A question's allowance: the round's per-question seconds, else an equal share of the minutes
   * ({@code minutes × 60 s ÷ questions}, in whole milliseconds).
   */
  public static Duration allowance(Integer questionSeconds, Integer minutes, int questions) {
    if (questionSeconds != null) {
      return Duration.ofSeconds(questionSeconds);
    }
    if (minutes == null || questions < 1) {
      throw new IllegalArgumentException("no allowance without minutes and questions");
    }
    return Duration.ofMillis(Math.max(1, minutes * 60_000L / questions));
  }
}
