package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qinglan.competition.RankingTest.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.AwardBands.Band;

class AwardBandsTest {
  private static final Ranking RULE = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.NONE);

  private static final AwardBands USUAL_SHARES = AwardBands.byShare(List.of(
      Band.share(Award.FIRST, 10), Band.share(Award.SECOND, 20), Band.share(Award.THIRD, 30), Band.rest(Award.EXCELLENCE)));

  /** Each place as id:award ("-" for none), in ranking order. */
  private static String awards(AwardBands bands, List<Ranking.Place> places) {
    List<String> out = new ArrayList<>();
    for (AwardBands.Awarded a : bands.assign(places)) {
      out.add(a.id() + ":" + (a.award() == null ? "-" : a.award().label()));
    }
    return String.join(" ", out);
  }

  private static List<Ranking.Place> scores(double... points) {
    List<Ranking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      entries.add(entry(String.valueOf((char) ('a' + i)), points[i], 0, 0, 1));
    }
    return RULE.rank(entries);
  }

  @Test
  void sharesAreCumulativeAndRoundedUp() {
    // 20 contestants, the last two with 0 points: cuts at ceil(2) = 2, ceil(6) = 6, ceil(12) = 12 places
    double[] points = new double[20];
    for (int i = 0; i < 18; i++) {
      points[i] = 100 - i;
    }
    List<AwardBands.Awarded> a = USUAL_SHARES.assign(scores(points));
    assertEquals(20, a.size());
    for (int i = 0; i < 20; i++) {
      Award expected = i < 2 ? Award.FIRST : i < 6 ? Award.SECOND : i < 12 ? Award.THIRD : i < 18 ? Award.EXCELLENCE
          : null;
      assertEquals(expected, a.get(i).award(), "place " + (i + 1));
    }
  }

  @Test
  void shareBordersAreWholeNumberArithmetic() {
    double[] points = new double[100];
    for (int i = 0; i < 100; i++) {
      points[i] = 1000 - i;
    }
    AwardBands seven = AwardBands.byShare(List.of(Band.share(Award.FIRST, 7), Band.share(Award.SECOND, 7)));
    List<AwardBands.Awarded> a = seven.assign(scores(points));
    assertEquals(7, a.stream().filter(x -> x.award() == Award.FIRST).count(),
        "7% of 100 is 7 (7 / 100.0 × 100 is 7.000000000000001 in floating point)");
    assertEquals(7, a.stream().filter(x -> x.award() == Award.SECOND).count(), "14% of 100 ends after place 14");
  }

  @Test
  void tiesAtABorderAllTakeTheHigherAward() {
    // ten contestants: cuts at 1, 3 and 6 places
    assertEquals("a:一等奖 b:一等奖 c:二等奖 d:二等奖 e:三等奖 f:三等奖 g:优秀奖 h:优秀奖 i:优秀奖 j:-",
        awards(USUAL_SHARES, scores(100, 100, 90, 90, 80, 70, 60, 60, 10, 0)),
        "a and b tie at the first border, c and d straddle the second");
    // c, d, e and f tie for third (places 3–6): all in the second band, and the third band is empty
    assertEquals("a:一等奖 b:二等奖 c:二等奖 d:二等奖 e:二等奖 f:二等奖 g:优秀奖 h:优秀奖 i:优秀奖 j:优秀奖",
        awards(USUAL_SHARES, scores(100, 95, 90, 90, 90, 90, 60, 50, 40, 30)));
  }

  @Test
  void bandsByRank() {
    AwardBands byRank = AwardBands.byRank(List.of(Band.throughRank(Award.FIRST, 1), Band.throughRank(Award.SECOND, 3),
        Band.throughRank(Award.THIRD, 5)));
    assertEquals("a:一等奖 b:二等奖 c:二等奖 d:二等奖 e:三等奖 f:三等奖 g:-",
        awards(byRank, scores(9, 8, 7, 7, 6, 6, 5)), "c and d share rank 3; e and f share rank 5");
    assertEquals("a:一等奖 b:一等奖 c:二等奖 d:三等奖 e:三等奖 f:- g:-",
        awards(byRank, scores(9, 9, 7, 6, 6, 5, 0)));
  }

  @Test
  void aScoreOfZeroNeverWinsAnAward() {
    assertEquals("a:- b:- c:-", awards(USUAL_SHARES, scores(0, 0, 0)), "all tied at 0 would otherwise all be first");
    AwardBands onlyRest = AwardBands.byShare(List.of(Band.rest(Award.EXCELLENCE)));
    assertEquals("a:优秀奖 b:-", awards(onlyRest, scores(1, 0)));
  }

  @Test
  void validationExplainsEachProblemInChinese() {
    assertEquals(List.of(), USUAL_SHARES.problems());
    assertEquals(List.of("各奖项比例之和为 110%，不能超过 100%"), AwardBands.byShare(List.of(Band.share(Award.FIRST, 30),
        Band.share(Award.SECOND, 40), Band.share(Award.THIRD, 40))).problems());
    assertEquals(List.of(), AwardBands.byShare(List.of(Band.share(Award.FIRST, 30), Band.share(Award.SECOND, 70)))
        .problems(), "exactly 100% is allowed");
    assertEquals(List.of("二等奖的截止名次（第 3 名）须大于一等奖的截止名次（第 5 名）"),
        AwardBands.byRank(List.of(Band.throughRank(Award.FIRST, 5), Band.throughRank(Award.SECOND, 3))).problems());
    assertEquals(List.of("二等奖的截止名次（第 5 名）须大于一等奖的截止名次（第 5 名）"),
        AwardBands.byRank(List.of(Band.throughRank(Award.FIRST, 5), Band.throughRank(Award.SECOND, 5))).problems());
    assertEquals(List.of("一等奖的截止名次须为正整数"),
        AwardBands.byRank(List.of(Band.throughRank(Award.FIRST, 0))).problems());
    assertEquals(List.of("一等奖的比例须在 1% 到 100% 之间"),
        AwardBands.byShare(List.of(Band.share(Award.FIRST, 0))).problems());
    assertEquals(List.of("请至少设置一个奖项"), AwardBands.byShare(List.of()).problems());
    assertEquals(List.of("奖项须按一等奖、二等奖、三等奖、优秀奖的顺序设置，每个奖项只设一次"),
        AwardBands.byShare(List.of(Band.share(Award.SECOND, 10), Band.share(Award.FIRST, 10))).problems());
    assertEquals(List.of("奖项须按一等奖、二等奖、三等奖、优秀奖的顺序设置，每个奖项只设一次"),
        AwardBands.byShare(List.of(Band.share(Award.FIRST, 10), Band.share(Award.FIRST, 10))).problems());
    assertEquals(List.of("只有最后一个奖项可以设为“其余得分者”"),
        AwardBands.byShare(List.of(Band.rest(Award.THIRD), Band.rest(Award.EXCELLENCE))).problems());
  }

  @Test
  void anInvalidConfigurationAssignsNothing() {
    AwardBands bad = AwardBands.byShare(List.of(Band.share(Award.FIRST, 60), Band.share(Award.SECOND, 60)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.assign(scores(3, 2, 1)));
    assertTrue(e.getMessage().contains("不能超过 100%"), e.getMessage());
  }

  @Test
  void theBandsAreStatedInChinese() {
    assertEquals("一等奖：前 10%；二等奖：其后 20%；三等奖：其后 30%；优秀奖：其余得分者。人数按有成绩的人数计算，向上取整；"
        + "名次并列跨越分界时，并列者均获较高奖项；得 0 分者不获奖。", USUAL_SHARES.statement());
    assertEquals("一等奖：第 1 名；二等奖：第 2–3 名；三等奖：第 4–10 名。名次并列跨越分界时，并列者均获较高奖项；得 0 分者不获奖。",
        AwardBands.byRank(List.of(Band.throughRank(Award.FIRST, 1), Band.throughRank(Award.SECOND, 3),
            Band.throughRank(Award.THIRD, 10))).statement());
    assertEquals("优秀奖", Award.EXCELLENCE.label());
  }
}
