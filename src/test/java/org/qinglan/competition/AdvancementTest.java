package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qinglan.competition.RankingTest.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvancementTest {
  private static final Ranking RULE = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.NONE);

  /** a..f scoring 10, 9, 8, 8, 7, 6: ranks 1, 2, 3, 3, 5, 6. */
  private static final List<Ranking.Place> SIX = RULE.rank(List.of(entry("a", 10, 0, 0, 1), entry("b", 9, 0, 0, 1),
      entry("c", 8, 0, 0, 1), entry("d", 8, 0, 0, 1), entry("e", 7, 0, 0, 1), entry("f", 6, 0, 0, 1)));

  private static List<Ranking.Place> distinct(int n) {
    List<Ranking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(entry(String.format("p%03d", i), n - i, 0, 0, 1));
    }
    return RULE.rank(entries);
  }

  @Test
  void topNLetsEveryoneTiedAtTheCutThrough() {
    assertEquals(List.of("a", "b"), Advancement.topN(2).advancing(SIX, Map.of()));
    assertEquals(List.of("a", "b", "c", "d"), Advancement.topN(3).advancing(SIX, Map.of()), "c and d tie for third");
    assertEquals(List.of("a", "b", "c", "d"), Advancement.topN(4).advancing(SIX, Map.of()));
    assertEquals(List.of("a", "b", "c", "d", "e"), Advancement.topN(5).advancing(SIX, Map.of()));
    assertEquals(6, Advancement.topN(50).advancing(SIX, Map.of()).size());
  }

  @Test
  void topShareRoundsUpInWholeNumbers() {
    assertEquals(3, Advancement.topShare(30).advancing(distinct(10), Map.of()).size(), "30% of 10 is 3");
    assertEquals(7, Advancement.topShare(7).advancing(distinct(100), Map.of()).size(),
        "7% of 100 is 7, not 8: 7 / 100.0 × 100 is 7.000000000000001 in floating point");
    assertEquals(7, Advancement.topShare(14).cut(50), "14 / 100.0 × 50 is 7.000000000000001 too");
    assertEquals(3, Advancement.topShare(21).advancing(distinct(10), Map.of()).size(), "2.1 rounds up to 3");
    assertEquals(1, Advancement.topShare(1).advancing(distinct(10), Map.of()).size(), "any share lets one through");
    assertEquals(10, Advancement.topShare(100).advancing(distinct(10), Map.of()).size());
    assertEquals(29, Advancement.topShare(10).advancing(distinct(290), Map.of()).size());
    assertEquals(30, Advancement.topShare(10).advancing(distinct(291), Map.of()).size());
    assertEquals(3, Advancement.topShare(30).cut(7), "2.1 → 3");
    assertEquals(0, Advancement.topShare(30).cut(0));
  }

  @Test
  void topShareLetsEveryoneTiedAtTheCutThrough() {
    assertEquals(List.of("a", "b", "c", "d"), Advancement.topShare(50).advancing(SIX, Map.of()), "3 of 6, and d ties c");
    assertEquals(List.of("a"), Advancement.topShare(10).advancing(SIX, Map.of()), "0.6 → 1");
  }

  @Test
  void quotaPerTeamTakesEachTeamsBest() {
    Map<String, String> teamOf = Map.of("a", "X", "b", "Y", "c", "X", "d", "Y", "e", "Z", "f", "Z");
    assertEquals(List.of("a", "b", "e"), Advancement.quotaPerTeam(1).advancing(SIX, teamOf));
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), Advancement.quotaPerTeam(2).advancing(SIX, teamOf));
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), Advancement.quotaPerTeam(3).advancing(SIX, teamOf),
        "a team with fewer members than its quota sends them all");
  }

  @Test
  void quotaPerTeamLetsATeamsTiedMembersThroughAndSkipsContestantsOfNoTeam() {
    Map<String, String> teamOf = Map.of("a", "X", "b", "X", "c", "W", "d", "W", "e", "W");
    assertEquals(List.of("a", "c", "d"), Advancement.quotaPerTeam(1).advancing(SIX, teamOf),
        "c and d tie at W's cut; f belongs to no team");
  }

  @Test
  void theRuleIsStatedAndBadValuesAreRefusedInChinese() {
    assertEquals("前 8 名晋级；第 8 名有并列时，并列者全部晋级。", Advancement.topN(8).statement());
    assertTrue(Advancement.topShare(30).statement().contains("向上取整"), Advancement.topShare(30).statement());
    assertTrue(Advancement.quotaPerTeam(2).statement().contains("每队"), Advancement.quotaPerTeam(2).statement());
    assertEquals("晋级人数须为正整数",
        assertThrows(IllegalArgumentException.class, () -> Advancement.topN(0)).getMessage());
    assertEquals("晋级比例须在 1% 到 100% 之间",
        assertThrows(IllegalArgumentException.class, () -> Advancement.topShare(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Advancement.topShare(101));
    assertEquals("每队晋级名额须为正整数",
        assertThrows(IllegalArgumentException.class, () -> Advancement.quotaPerTeam(0)).getMessage());
  }
}
