package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A competition's results from a round's stored results (the ranking the round's close computed):
 * each contestant's award by the competition's bands, and the teams ranked by the competition's
 * team scoring under the round's rule and tie-break.
 */
public final class FinalResults {
  private FinalResults() {
  }

  /**
   * One contestant's stored result of a round.
   *
   * @param wrong       questions answered with no credit (0 when not known)
   * @param submittedAt when the round was handed in (null when never, or not known)
   */
  public record Row(UUID accountId, int rank, boolean tied, double points, int correct, int wrong, long totalMs,
                    Instant submittedAt, boolean advances) {
    public Row {
      Objects.requireNonNull(accountId, "accountId");
    }

    public Ranking.Entry entry() {
      return new Ranking.Entry(accountId.toString(), new RoundScore(points, correct, wrong, Duration.ofMillis(totalMs)),
          submittedAt);
    }
  }

  /** A team's place: the points and time as shown (sum or mean), the members counted and the places none filled. */
  public record TeamPlace(int rank, boolean tied, String teamKey, double points, Duration time, List<UUID> counted,
                          int absent, int members) {
    public TeamPlace {
      counted = List.copyOf(counted);
    }
  }

  /** The stored ranking as {@link Ranking.Place}s, in rank order (ties by account id, as {@link Ranking} lists them). */
  public static List<Ranking.Place> places(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparingInt(Row::rank).thenComparing(r -> r.accountId().toString()))
        .map(r -> new Ranking.Place(r.rank(), r.tied(), r.entry())).toList();
  }

  /** Each contestant's award (contestants who win none are left out). */
  public static Map<UUID, Award> awards(List<Row> rows, AwardBands bands) {
    Map<UUID, Award> out = new LinkedHashMap<>();
    for (AwardBands.Awarded a : bands.assign(places(rows))) {
      if (a.award() != null) {
        out.put(UUID.fromString(a.id()), a.award());
      }
    }
    return out;
  }

  /**
   * The teams ranked: every team that has a member (a registration with its key), whether or not
   * its members have results.
   *
   * @param teamOf     each registered contestant's team key (contestants of no team left out)
   * @param absentTime what an empty place of a team counts: the round's whole allowance
   */
  public static List<TeamPlace> teams(List<Row> rows, Map<UUID, String> teamOf, TeamScoring scoring, Ranking ranking,
                                      Duration absentTime) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    teamOf.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> members.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey().toString()));
    List<TeamScoring.Team> teams = members.entrySet().stream()
        .map(e -> new TeamScoring.Team(e.getKey(), e.getValue())).toList();
    List<TeamScoring.TeamScore> scores = scoring.score(teams, rows.stream().map(Row::entry).toList(), ranking,
        absentTime);
    Map<String, TeamScoring.TeamScore> byKey = new HashMap<>();
    scores.forEach(s -> byKey.put(s.teamKey(), s));
    List<TeamPlace> out = new ArrayList<>();
    for (Ranking.Place p : ranking.rank(scores.stream().map(TeamScoring.TeamScore::entry).toList())) {
      TeamScoring.TeamScore s = byKey.get(p.id());
      out.add(new TeamPlace(p.rank(), p.tied(), p.id(), s.points(), s.time(),
          s.counted().stream().map(UUID::fromString).toList(), s.absent(), members.get(p.id()).size()));
    }
    return List.copyOf(out);
  }
}
