package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundPlanTest {
  static final Instant NOW = Instant.parse("2026-05-20T01:00:00Z");
  static final Instant OPENS = NOW.plus(Duration.ofHours(1));
  static final QuestionSource DRAWN = QuestionSource.drawn("assistant-comprehensive", 30);

  static RoundPlan window(Instant opens, Instant closes, Integer minutes) {
    return new RoundPlan("知识赛", RoundKind.KNOWLEDGE, Advancement.topN(30), RoundScoring.CORRECT_THEN_TIME,
        TieBreak.EARLIER_SUBMISSION, RoundTiming.WINDOW, opens, closes, minutes, null, DRAWN);
  }

  @Test
  void aCompleteKnowledgeRoundHasNoProblems() {
    assertEquals(Map.of(), window(OPENS, OPENS.plus(Duration.ofDays(2)), 30).problems(NOW, false));
    RoundPlan common = new RoundPlan("知识赛", RoundKind.KNOWLEDGE, null, RoundScoring.SPEED_POINTS, TieBreak.NONE,
        RoundTiming.COMMON_START, OPENS, null, 20, 30, QuestionSource.picked(List.of(UUID.randomUUID())));
    assertEquals(Map.of(), common.problems(NOW, false));
    assertEquals(OPENS.plus(Duration.ofMinutes(20)), common.effectiveClosesAt(), "a common start closes after its minutes");
  }

  @Test
  void everyProblemNamesItsField() {
    RoundPlan empty = new RoundPlan(" ", RoundKind.KNOWLEDGE, null, null, null, null, null, null, null, null, null);
    assertEquals(List.of("title", "scoring", "tieBreak", "timing", "minutes", "opensAt", "questionSource"),
        List.copyOf(empty.problems(NOW, false).keySet()));
    assertEquals(List.of("kind"), List.copyOf(new RoundPlan("轮次", null, null, null, null, null, null, null, null, null,
        null).problems(NOW, false).keySet()));
  }

  @Test
  void aWindowClosesAfterItOpensLeavesAWholeSittingAndLiesAhead() {
    assertTrue(window(OPENS, OPENS, 30).problems(NOW, false).get("closesAt").contains("晚于开始时间"));
    assertTrue(window(OPENS, OPENS.plus(Duration.ofMinutes(29)), 30).problems(NOW, false).get("closesAt")
        .contains("30 分钟"));
    assertTrue(window(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofMinutes(1)), 30).problems(NOW, false)
        .get("closesAt").contains("已过"));
    assertEquals(Map.of(), window(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)), 30).problems(NOW, false),
        "a window already open may be declared while it runs");
    assertTrue(window(OPENS, null, 30).problems(NOW, false).containsKey("closesAt"));
    assertTrue(window(OPENS, OPENS.plus(Duration.ofDays(1)), 0).problems(NOW, false).containsKey("minutes"));
    assertTrue(window(OPENS, OPENS.plus(Duration.ofDays(1)), 601).problems(NOW, false).containsKey("minutes"));
  }

  @Test
  void aCommonStartsClosingMomentIsItsOpeningPlusTheMinutes() {
    RoundPlan wrongEnd = new RoundPlan("知识赛", RoundKind.KNOWLEDGE, null, RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE,
        RoundTiming.COMMON_START, OPENS, OPENS.plus(Duration.ofHours(3)), 20, null, DRAWN);
    assertTrue(wrongEnd.problems(NOW, false).containsKey("closesAt"));
    RoundPlan past = new RoundPlan("知识赛", RoundKind.KNOWLEDGE, null, RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE,
        RoundTiming.COMMON_START, NOW.minus(Duration.ofMinutes(30)), null, 20, null, DRAWN);
    assertTrue(past.problems(NOW, false).containsKey("opensAt"));
  }

  @Test
  void sourcesAllowancesAndQuotas() {
    RoundPlan base = window(OPENS, OPENS.plus(Duration.ofDays(1)), 30);
    RoundPlan tooMany = new RoundPlan(base.title(), base.kind(), base.advancement(), base.scoring(), base.tieBreak(),
        base.timing(), base.opensAt(), base.closesAt(), base.minutes(), 4, QuestionSource.drawn("x", 201));
    Map<String, String> p = tooMany.problems(NOW, false);
    assertTrue(p.containsKey("questionSource.count"), p.toString());
    assertTrue(p.containsKey("questionSeconds"), p.toString());
    UUID twice = UUID.randomUUID();
    RoundPlan repeated = new RoundPlan(base.title(), base.kind(), base.advancement(), base.scoring(), base.tieBreak(),
        base.timing(), base.opensAt(), base.closesAt(), base.minutes(), null, QuestionSource.picked(List.of(twice, twice)));
    assertTrue(repeated.problems(NOW, false).containsKey("questionSource.questionIds"));
    RoundPlan quota = new RoundPlan(base.title(), base.kind(), Advancement.quotaPerTeam(2), base.scoring(),
        base.tieBreak(), base.timing(), base.opensAt(), base.closesAt(), base.minutes(), null, DRAWN);
    assertTrue(quota.problems(NOW, false).containsKey("advancement"), "a quota per team needs teams");
    assertEquals(Map.of(), quota.problems(NOW, true));
  }

  @Test
  void judgedRoundsAndFinalsCarryNoKnowledgeSettings() {
    RoundPlan judged = new RoundPlan("案例分析", RoundKind.CASE_ANALYSIS, Advancement.topN(10), null, null, null, null, null,
        null, null, null);
    assertEquals(Map.of(), judged.problems(NOW, false));
    RoundPlan withTiming = new RoundPlan("现场决赛", RoundKind.LIVE_FINAL, null, RoundScoring.SPEED_POINTS, null,
        RoundTiming.WINDOW, OPENS, null, 10, null, DRAWN);
    assertEquals(List.of("scoring", "timing", "questionSource"), List.copyOf(withTiming.problems(NOW, false).keySet()));
  }
}
