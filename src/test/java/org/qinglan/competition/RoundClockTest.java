package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundClockTest {
  static final Instant OPENS = Instant.parse("2026-05-20T01:00:00Z");
  static final Instant CLOSES = OPENS.plus(Duration.ofHours(2));

  static Round round(RoundTiming timing, RoundState state, Integer questionSeconds) {
    Instant closes = timing == RoundTiming.WINDOW ? CLOSES : OPENS.plus(Duration.ofMinutes(30));
    return new Round(UUID.randomUUID(), UUID.randomUUID(), 1, "知识赛", RoundKind.KNOWLEDGE, null,
        RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE, timing, OPENS, closes, 30, questionSeconds,
        QuestionSource.drawn("b", 30), state, null, null);
  }

  @Test
  void aWindowGivesEachTheirMinutesButNeverPastTheClose() {
    Round r = round(RoundTiming.WINDOW, RoundState.OPEN, null);
    assertEquals(OPENS.plus(Duration.ofMinutes(40)), RoundClock.deadline(r, OPENS.plus(Duration.ofMinutes(10))));
    assertEquals(CLOSES, RoundClock.deadline(r, CLOSES.minus(Duration.ofMinutes(5))), "cut at the closing moment");
  }

  @Test
  void aCommonStartEndsForEveryoneAtOnce() {
    Round r = round(RoundTiming.COMMON_START, RoundState.OPEN, null);
    assertEquals(OPENS.plus(Duration.ofMinutes(30)), RoundClock.deadline(r, OPENS));
    assertEquals(OPENS.plus(Duration.ofMinutes(30)), RoundClock.deadline(r, OPENS.plus(Duration.ofMinutes(12))));
  }

  @Test
  void beginningNeedsTheRoundOpenAndBetweenItsMoments() {
    Round open = round(RoundTiming.WINDOW, RoundState.OPEN, null);
    assertTrue(RoundClock.beginRefusal(open, OPENS.plusSeconds(1)).isEmpty());
    assertTrue(RoundClock.beginRefusal(open, OPENS.minusSeconds(1)).orElseThrow().contains("尚未开始"));
    assertTrue(RoundClock.beginRefusal(open, CLOSES).orElseThrow().contains("已经结束"));
    assertTrue(RoundClock.beginRefusal(round(RoundTiming.WINDOW, RoundState.PLANNED, null), OPENS.plusSeconds(1))
        .orElseThrow().contains("尚未开放"));
    assertTrue(RoundClock.beginRefusal(round(RoundTiming.WINDOW, RoundState.CLOSED, null), OPENS.plusSeconds(1))
        .orElseThrow().contains("已经结束"));
  }

  @Test
  void aQuestionsAllowanceIsItsSecondsOrAnEqualShareOfTheMinutes() {
    assertEquals(Duration.ofSeconds(45), round(RoundTiming.WINDOW, RoundState.OPEN, 45).allowance(30));
    assertEquals(Duration.ofSeconds(60), round(RoundTiming.WINDOW, RoundState.OPEN, null).allowance(30));
    assertEquals(Duration.ofMillis(30 * 60_000L / 7), round(RoundTiming.WINDOW, RoundState.OPEN, null).allowance(7));
  }
}
