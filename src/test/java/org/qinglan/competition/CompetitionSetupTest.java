package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A set-up's own problems, each naming the field of the API it concerns. */
class CompetitionSetupTest {
  static final UUID UNIT = UUID.randomUUID();
  static final AwardBands BANDS = AwardBands.byShare(List.of(AwardBands.Band.share(Award.FIRST, 10),
      AwardBands.Band.share(Award.SECOND, 20)));

  static CompetitionSetup setup(String title, EntryMode mode, TeamBasis basis, TeamScoring scoring, AwardBands bands,
                                List<CompetitionSetup.Quota> quotas) {
    return new CompetitionSetup(title, 2026, UNIT, null, null, null, mode, basis, scoring, bands, quotas);
  }

  @Test
  void aCompleteSetupHasNoProblems() {
    assertEquals(List.of(), setup("职业能力大赛", EntryMode.SELF, TeamBasis.STREET,
        new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3), BANDS, List.of()).problems());
    assertEquals(List.of(), setup("职业能力大赛", EntryMode.NOMINATION, TeamBasis.NONE, null, BANDS,
        List.of(new CompetitionSetup.Quota(UUID.randomUUID(), 5))).problems());
  }

  @Test
  void eachProblemNamesItsField() {
    CompetitionSetup bad = new CompetitionSetup("  ", 1999, null, null, Instant.parse("2026-12-10T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"), EntryMode.SELF, TeamBasis.DISTRICT, null,
        AwardBands.byRank(List.of(AwardBands.Band.throughRank(Award.FIRST, 5), AwardBands.Band.throughRank(Award.SECOND, 3))),
        List.of(new CompetitionSetup.Quota(UNIT, 3)));
    assertEquals(List.of("title：请填写比赛名称", "year：年度须在 2000 到 2100 之间", "orgUnitId：请选择主办单位",
        "registrationCloses：报名截止时间须晚于报名开始时间",
        "teamScoring：设置了团体时，须选择团体成绩的计算方式（前 k 名之和或平均）",
        "awardBands：二等奖的截止名次（第 3 名）须大于一等奖的截止名次（第 5 名）", "quotas：个人报名的比赛不设推荐名额"),
        bad.problems());
    assertEquals(List.of("awardBands：请设置奖项"), setup("大赛", EntryMode.SELF, TeamBasis.NONE, null, null, List.of())
        .problems());
    assertEquals(List.of("title：比赛名称不超过 100 个字"), setup("赛".repeat(101), EntryMode.SELF, TeamBasis.NONE, null,
        BANDS, List.of()).problems());
  }

  @Test
  void quotasAreInRangeAndEachUnitOnce() {
    UUID other = UUID.randomUUID();
    assertEquals(List.of("quotas.places：名额须在 0 到 100000 之间", "quotas.orgUnitId：同一单位只能设一个名额"),
        CompetitionSetup.quotaProblems(List.of(new CompetitionSetup.Quota(other, -1), new CompetitionSetup.Quota(other, 2))));
  }

  @Test
  void withoutTeamsTheTeamScoringIsDropped() {
    assertEquals(null, setup("大赛", EntryMode.SELF, TeamBasis.NONE, new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3),
        BANDS, List.of()).teamScoring());
  }

  @Test
  void theWindowIncludesItsOpeningAndExcludesItsClosing() {
    Instant opens = Instant.parse("2026-12-01T00:00:00Z");
    Instant closes = Instant.parse("2026-12-10T00:00:00Z");
    assertTrue(CompetitionSetup.insideWindow(opens, closes, opens));
    assertFalse(CompetitionSetup.insideWindow(opens, closes, closes));
    assertFalse(CompetitionSetup.insideWindow(opens, closes, opens.minusSeconds(1)));
    assertTrue(CompetitionSetup.insideWindow(null, null, opens), "no bounds: always open");
    assertTrue(CompetitionSetup.insideWindow(null, closes, opens.minusSeconds(86_400 * 365)));
  }
}
