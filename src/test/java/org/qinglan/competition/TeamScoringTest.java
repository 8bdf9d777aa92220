package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qinglan.competition.RankingTest.entry;
import static org.qinglan.competition.RankingTest.ranks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.TeamScoring.Team;
import org.qinglan.competition.TeamScoring.TeamScore;

class TeamScoringTest {
  private static final Ranking RULE = new Ranking(RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE);
  /** What an absent member counts: a contestant who answered nothing takes the whole round. */
  private static final Duration ROUND = Duration.ofSeconds(100);

  private static final List<Team> TEAMS = List.of(
      new Team("东城区", List.of("a", "b", "c", "d")),
      new Team("西城区", List.of("e", "f", "g")),
      new Team("朝阳区", List.of("h", "i", "j")));

  /** g, i and j have no entry: they did not take part. */
  private static final List<Ranking.Entry> ENTRIES = List.of(
      entry("a", 10, 50, 0, 1), entry("b", 8, 40, 0, 1), entry("c", 6, 30, 0, 1), entry("d", 9, 20, 0, 1),
      entry("e", 9, 60, 0, 1), entry("f", 9, 60, 0, 1),
      entry("h", 10, 10, 0, 1),
      entry("z", 99, 1, 0, 1)); // z belongs to no team: an individual entry only

  private static Map<String, TeamScore> byKey(List<TeamScore> scores) {
    return scores.stream().collect(Collectors.toMap(TeamScore::teamKey, Function.identity()));
  }

  @Test
  void sumOfTheBestKMembersWithAbsentPlacesZeroFilled() {
    TeamScoring sum = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3);
    Map<String, TeamScore> s = byKey(sum.score(TEAMS, ENTRIES, RULE, ROUND));
    TeamScore east = s.get("东城区");
    assertEquals(List.of("a", "d", "b"), east.counted(), "the best three by the round's rule, in ranking order");
    assertEquals(27.0, east.points());
    assertEquals(Duration.ofSeconds(50 + 20 + 40), east.time());
    assertEquals(0, east.absent());
    TeamScore west = s.get("西城区");
    assertEquals(List.of("e", "f"), west.counted());
    assertEquals(1, west.absent(), "g has no entry");
    assertEquals(18.0, west.points(), "9 + 9 + 0");
    assertEquals(Duration.ofSeconds(60 + 60 + 100), west.time(), "the absent place takes the whole round");
    TeamScore chaoyang = s.get("朝阳区");
    assertEquals(2, chaoyang.absent());
    assertEquals(10.0, chaoyang.points());
    assertEquals(Duration.ofSeconds(10 + 100 + 100), chaoyang.time());
    assertEquals("东城区1 西城区2 朝阳区3", ranks(sum.rank(TEAMS, ENTRIES, RULE, ROUND)));
  }

  @Test
  void meanOfTheBestKDividesByKSoAShortTeamIsNotFavoured() {
    TeamScoring mean = new TeamScoring(TeamScoring.Mode.MEAN_OF_BEST_K, 3);
    Map<String, TeamScore> s = byKey(mean.score(TEAMS, ENTRIES, RULE, ROUND));
    assertEquals(9.0, s.get("东城区").points());
    assertEquals(6.0, s.get("西城区").points(), "(9 + 9 + 0) / 3, not (9 + 9) / 2");
    assertEquals(10.0 / 3, s.get("朝阳区").points(), 1e-12, "h alone scored 10, but the mean is over three places");
    assertEquals(Duration.ofSeconds(210).dividedBy(3), s.get("朝阳区").time());
    assertEquals(ranks(new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3).rank(TEAMS, ENTRIES, RULE, ROUND)),
        ranks(mean.rank(TEAMS, ENTRIES, RULE, ROUND)), "both modes rank alike");
  }

  @Test
  void equalTeamPointsGoByTheRuleThenShareARank() {
    List<Team> teams = List.of(new Team("甲", List.of("a", "b")), new Team("乙", List.of("c", "d")),
        new Team("丙", List.of("e", "f")));
    List<Ranking.Entry> entries = List.of(entry("a", 5, 10, 0, 1), entry("b", 5, 10, 0, 1),
        entry("c", 6, 30, 0, 1), entry("d", 4, 30, 0, 1), entry("e", 4, 10, 0, 1), entry("f", 6, 10, 0, 1));
    TeamScoring sum = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 2);
    assertEquals("丙1= 甲1= 乙3", ranks(sum.rank(teams, entries, RULE, ROUND)), "10 points each; 乙 took longer");
  }

  @Test
  void theBestMembersAreChosenByTheRoundsRule() {
    List<Team> teams = List.of(new Team("甲", List.of("x", "y", "z")));
    List<Ranking.Entry> entries = List.of(entry("z", 5, 30, 0, 1), entry("x", 5, 10, 0, 1), entry("y", 5, 20, 0, 1));
    TeamScoring two = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 2);
    assertEquals(List.of("x", "y"), two.score(teams, entries, RULE, ROUND).get(0).counted(), "equal points: faster first");
  }

  @Test
  void teamTieBreaksUseTheCountedMembers() {
    Ranking speedFewerWrong = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.FEWER_WRONG);
    Ranking speedEarlier = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.EARLIER_SUBMISSION);
    List<Team> teams = List.of(new Team("甲", List.of("a", "b", "c")), new Team("乙", List.of("d", "e")));
    List<Ranking.Entry> entries = List.of(
        entry("a", 3000, 0, 2, 100), entry("b", 2000, 0, 2, 300), entry("c", 100, 0, 0, 900), // c is not counted
        entry("d", 3000, 0, 1, 500), entry("e", 2000, 0, 2, 200));
    TeamScoring two = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 2);
    Map<String, TeamScore> s = byKey(two.score(teams, entries, speedFewerWrong, ROUND));
    assertEquals(4, s.get("甲").total().wrong());
    assertEquals(3, s.get("乙").total().wrong());
    assertEquals(RankingTest.START.plusSeconds(300), s.get("甲").submittedAt(), "the last counted member's submission");
    assertEquals(RankingTest.START.plusSeconds(500), s.get("乙").submittedAt());
    assertEquals("乙1 甲2", ranks(two.rank(teams, entries, speedFewerWrong, ROUND)));
    assertEquals("甲1 乙2", ranks(two.rank(teams, entries, speedEarlier, ROUND)));
    assertEquals("乙1= 甲1=", ranks(two.rank(teams, entries, new Ranking(RoundScoring.SPEED_POINTS, TieBreak.NONE),
        ROUND)), "without a tie-break both teams share the rank (listed by key)");
  }

  @Test
  void aTeamWithNobodyPresentScoresZeroAndNeverSubmitted() {
    List<Team> teams = List.of(new Team("甲", List.of("nobody")));
    TeamScore s = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 2).score(teams, ENTRIES, RULE, ROUND).get(0);
    assertEquals(0.0, s.points());
    assertEquals(2, s.absent());
    assertEquals(List.of(), s.counted());
    assertEquals(null, s.submittedAt());
    assertEquals(Duration.ofSeconds(200), s.time());
  }

  @Test
  void theOrderOfTeamsMembersAndEntriesNeverMatters() {
    TeamScoring mean = new TeamScoring(TeamScoring.Mode.MEAN_OF_BEST_K, 2);
    List<Ranking.Place> first = mean.rank(TEAMS, ENTRIES, RULE, ROUND);
    Random random = new Random(4);
    for (int i = 0; i < 20; i++) {
      List<Team> teams = new ArrayList<>();
      for (Team t : TEAMS) {
        List<String> members = new ArrayList<>(t.members());
        Collections.shuffle(members, random);
        teams.add(new Team(t.key(), members));
      }
      Collections.shuffle(teams, random);
      List<Ranking.Entry> entries = new ArrayList<>(ENTRIES);
      Collections.shuffle(entries, random);
      assertEquals(first, mean.rank(teams, entries, RULE, ROUND));
    }
  }

  @Test
  void aContestantCountsForOneTeamAndKIsPositive() {
    List<Team> twice = List.of(new Team("甲", List.of("a", "b")), new Team("乙", List.of("b")));
    TeamScoring sum = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 1);
    assertThrows(IllegalArgumentException.class, () -> sum.score(twice, ENTRIES, RULE, ROUND));
    assertThrows(IllegalArgumentException.class,
        () -> sum.score(List.of(new Team("甲", List.of("a")), new Team("甲", List.of("b"))), ENTRIES, RULE, ROUND));
    assertThrows(IllegalArgumentException.class, () -> new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 0));
  }

  @Test
  void theRuleIsStatedInChinese() {
    String sum = new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3).statement();
    assertTrue(sum.contains("成绩最好的 3 名队员") && sum.contains("之和") && sum.contains("按 0 分计"), sum);
    String mean = new TeamScoring(TeamScoring.Mode.MEAN_OF_BEST_K, 5).statement();
    assertTrue(mean.contains("平均") && mean.contains("除以 5"), mean);
  }
}
