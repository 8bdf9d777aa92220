package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Team results: a team (a district, a street, or a custom list, by its key) scores with its best
 * {@code k} members of the round, chosen by the round's own order ({@link Ranking#order()}).
 *
 * <p>Short teams are zero-filled: a member without an entry is absent, and each of the {@code k}
 * places no present member fills counts as someone who answered nothing (0 points, no answers, the
 * round's whole time). So the mean is always over {@code k} places, and a team cannot raise its mean
 * by sending fewer people. It also means both modes rank alike (the mean is the sum divided by the
 * same {@code k} for every team): teams are ranked on the exact sums, and the mean is what is shown.
 *
 * <p>For the tie-breaks, a team's wrong answers are its counted members' together, and it handed
 * in when the last of its counted members did.
 */
public record TeamScoring(Mode mode, int k) {

  public enum Mode {
    SUM_OF_BEST_K("前 k 名之和"),
    MEAN_OF_BEST_K("前 k 名平均");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public TeamScoring {
    Objects.requireNonNull(mode, "mode");
    if (k < 1) {
      throw new IllegalArgumentException("团体成绩计入的人数须为正整数");
    }
  }

  /** A team and its members' contestant ids. */
  public record Team(String key, List<String> members) {
    public Team {
      Objects.requireNonNull(key, "key");
      members = List.copyOf(members);
    }
  }

  /**
   * A team's result.
   *
   * @param total       the sums over the k places (absent places included), which the ranking uses
   * @param points      what is shown: the sum, or the sum divided by k
   * @param time        what is shown: the total time, or the total divided by k
   * @param submittedAt the last counted member's submission; null when nobody counted (or one never handed in)
   * @param counted     the members whose results count, in ranking order
   * @param absent      the places no member filled
   */
  public record TeamScore(String teamKey, RoundScore total, double points, Duration time, Instant submittedAt,
                          List<String> counted, int absent) {
    public TeamScore {
      counted = List.copyOf(counted);
    }

    /** The team as an entry of {@link Ranking}. */
    public Ranking.Entry entry() {
      return new Ranking.Entry(teamKey, total, submittedAt);
    }
  }

  /**
   * @param entries     the round's individual results; entries of contestants in no team are ignored
   * @param absentTime  the time an absent place counts: the round's whole allowance
   */
  public List<TeamScore> score(List<Team> teams, Collection<Ranking.Entry> entries, Ranking ranking,
                               Duration absentTime) {
    Map<String, String> teamOf = new HashMap<>();
    Set<String> keys = new HashSet<>();
    for (Team t : teams) {
      if (!keys.add(t.key())) {
        throw new IllegalArgumentException("team listed twice: " + t.key());
      }
      for (String m : t.members()) {
        String before = teamOf.put(m, t.key());
        if (before != null && !before.equals(t.key())) {
          throw new IllegalArgumentException(m + " is in two teams: " + before + " and " + t.key());
        }
      }
    }
    Map<String, List<Ranking.Entry>> byTeam = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Ranking.Entry e : entries) {
      if (!seen.add(e.id())) {
        throw new IllegalArgumentException("two entries for " + e.id());
      }
      String team = teamOf.get(e.id());
      if (team != null) {
        byTeam.computeIfAbsent(team, x -> new ArrayList<>()).add(e);
      }
    }
    List<TeamScore> out = new ArrayList<>();
    for (Team t : teams) {
      List<Ranking.Entry> present = new ArrayList<>(byTeam.getOrDefault(t.key(), List.of()));
      present.sort(ranking.order());
      List<Ranking.Entry> best = present.subList(0, Math.min(k, present.size()));
      int absent = k - best.size();
      RoundScore total = RoundScore.absent(absentTime.multipliedBy(absent));
      Instant last = null;
      boolean neverHandedIn = best.isEmpty();
      List<String> counted = new ArrayList<>();
      for (Ranking.Entry e : best) {
        total = total.plus(e.score());
        counted.add(e.id());
        if (e.submittedAt() == null) {
          neverHandedIn = true;
        } else if (last == null || e.submittedAt().isAfter(last)) {
          last = e.submittedAt();
        }
      }
      boolean mean = mode == Mode.MEAN_OF_BEST_K;
      out.add(new TeamScore(t.key(), total, mean ? total.points() / k : total.points(),
          mean ? total.totalTime().dividedBy(k) : total.totalTime(), neverHandedIn ? null : last, counted, absent));
    }
    return List.copyOf(out);
  }

  /** The teams ranked by {@code ranking}'s rule and tie-break, on their sums. */
  public List<Ranking.Place> rank(List<Team> teams, Collection<Ranking.Entry> entries, Ranking ranking,
                                  Duration absentTime) {
    return ranking.rank(score(teams, entries, ranking, absentTime).stream().map(TeamScore::entry).toList());
  }

  /** The rule in Chinese, for the results page. */
  public String statement() {
    String how = mode == Mode.SUM_OF_BEST_K ? "之和" : "的平均分（各人成绩之和除以 " + k + "）";
    return "团体成绩取每队成绩最好的 " + k + " 名队员的成绩" + how + "；参赛不足 " + k + " 人的队伍，缺少的名额按 0 分计"
        + "（用时按本轮全部限时计）。团体并列时，答错题数为计入成绩的队员之和，交卷时间以其中最后交卷者为准。";
  }
}
