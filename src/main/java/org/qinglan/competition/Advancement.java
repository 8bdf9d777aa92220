package org.qinglan.competition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who advances to the next round, from a round's ranking ({@link Ranking#rank}).
 *
 * <p>Ties at the cut never split: whoever shares the rank of the last one through advances too, so
 * more than the number may advance. A share is of the contestants with a result in the round, rounded
 * up in whole numbers (30% of 7 is 2.1, so 3), so at least the share advances and any share lets one
 * through. A per-team quota takes each team's best; a contestant of no team has no quota.
 *
 * @param value the number (TOP_N), the percent (TOP_SHARE) or the quota per team (QUOTA_PER_TEAM)
 */
public record Advancement(Kind kind, int value) {

  public enum Kind {
    TOP_N("前 N 名晋级"),
    TOP_SHARE("按比例晋级"),
    QUOTA_PER_TEAM("每队名额");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Advancement {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case TOP_N -> require(value >= 1, "晋级人数须为正整数");
      case TOP_SHARE -> require(value >= 1 && value <= 100, "晋级比例须在 1% 到 100% 之间");
      case QUOTA_PER_TEAM -> require(value >= 1, "每队晋级名额须为正整数");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Advancement topN(int n) {
    return new Advancement(Kind.TOP_N, n);
  }

  public static Advancement topShare(int percent) {
    return new Advancement(Kind.TOP_SHARE, percent);
  }

  public static Advancement quotaPerTeam(int quota) {
    return new Advancement(Kind.QUOTA_PER_TEAM, quota);
  }

  /** How many places a share takes of {@code count}: rounded up, in whole numbers (no floating-point 3.0000000004). */
  int cut(int count) {
    return (int) (((long) value * count + 99) / 100);
  }

  /**
   * The ids that advance, in ranking order.
   *
   * @param ranking the round's places, as {@link Ranking#rank} gives them
   * @param teamOf  each contestant's team key (only QUOTA_PER_TEAM reads it)
   */
  public List<String> advancing(List<Ranking.Place> ranking, Map<String, String> teamOf) {
    List<String> out = new ArrayList<>();
    switch (kind) {
      case TOP_N, TOP_SHARE -> {
        int places = kind == Kind.TOP_N ? value : cut(ranking.size());
        for (Ranking.Place p : ranking) {
          if (p.rank() <= places) {
            out.add(p.id());
          }
        }
      }
      case QUOTA_PER_TEAM -> {
        Map<String, Integer> taken = new HashMap<>();
        Map<String, Integer> lastRank = new HashMap<>();
        for (Ranking.Place p : ranking) {
          String team = teamOf.get(p.id());
          if (team == null) {
            continue;
          }
          int n = taken.getOrDefault(team, 0);
          if (n < value || p.rank() == lastRank.get(team)) {
            out.add(p.id());
            taken.put(team, n + 1);
            lastRank.put(team, p.rank());
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** The rule in Chinese, for the results page. */
  public String statement() {
    return switch (kind) {
      case TOP_N -> "前 " + value + " 名晋级；第 " + value + " 名有并列时，并列者全部晋级。";
      case TOP_SHARE -> "成绩排在前 " + value + "% 的选手晋级（人数按本轮有成绩的人数乘以 " + value
          + "%，向上取整）；分界处名次并列者全部晋级。";
      case QUOTA_PER_TEAM -> "每队成绩最好的 " + value + " 名选手晋级；队内分界处名次并列者全部晋级；"
          + "不属于任何队伍的选手不按名额晋级。";
    };
  }
}
