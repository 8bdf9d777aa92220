package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Awards and team places from a round's stored results. */
class FinalResultsTest {
  static final UUID A = id(1);
  static final UUID B = id(2);
  static final UUID C = id(3);
  static final UUID D = id(4);
  static final UUID E = id(5);

  static UUID id(int n) {
    return UUID.fromString("00000000-0000-0000-0000-00000000000" + n);
  }

  static FinalResults.Row row(UUID id, int rank, boolean tied, double points, long ms) {
    return new FinalResults.Row(id, rank, tied, points, (int) points, 0, ms, Instant.EPOCH, false);
  }

  /** A, then B and C tied, then D; E answered nothing right. */
  static final List<FinalResults.Row> ROWS = List.of(row(E, 5, false, 0, 90_000), row(A, 1, false, 10, 50_000),
      row(C, 2, true, 8, 40_000), row(B, 2, true, 8, 40_000), row(D, 4, false, 5, 30_000));

  @Test
  void placesFollowTheStoredRanks() {
    assertEquals(List.of(A, B, C, D, E), FinalResults.places(ROWS).stream().map(p -> UUID.fromString(p.id())).toList());
  }

  @Test
  void awardsByRankNeverSplitATieAndNeverGoToZero() {
    AwardBands bands = AwardBands.byRank(List.of(AwardBands.Band.throughRank(Award.FIRST, 2),
        AwardBands.Band.rest(Award.EXCELLENCE)));
    Map<UUID, Award> awards = FinalResults.awards(ROWS, bands);
    assertEquals(Award.FIRST, awards.get(A));
    assertEquals(Award.FIRST, awards.get(B));
    assertEquals(Award.FIRST, awards.get(C), "the tie at the border takes the higher award");
    assertEquals(Award.EXCELLENCE, awards.get(D));
    assertEquals(null, awards.get(E), "0 points wins nothing");
  }

  @Test
  void teamsAreRankedOnTheirBestMembersAndEveryTeamWithAMemberIsListed() {
    Map<UUID, String> teamOf = new HashMap<>();
    teamOf.put(A, "east");
    teamOf.put(D, "east");
    teamOf.put(B, "west");
    teamOf.put(C, "west");
    UUID absent = id(9);
    teamOf.put(absent, "north"); // registered, no result
    List<FinalResults.TeamPlace> teams = FinalResults.teams(ROWS, teamOf, new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K,
        2), new Ranking(RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE), Duration.ofSeconds(100));
    assertEquals(List.of("west", "east", "north"), teams.stream().map(FinalResults.TeamPlace::teamKey).toList());
    assertEquals(16.0, teams.get(0).points());
    assertEquals(15.0, teams.get(1).points());
    assertEquals(List.of(A, D), teams.get(1).counted());
    assertEquals(2, teams.get(2).absent());
    assertEquals(1, teams.get(2).members());
    assertEquals(Duration.ofSeconds(200), teams.get(2).time(), "absent places count the round's whole time");
  }
}
