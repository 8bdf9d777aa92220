package org.qinglan.competition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A competition's set-up as an organiser gives it: everything but its stage, rounds and entrants.
 * {@link #problems()} says what is wrong, each problem naming the field of the JSON API it concerns.
 *
 * @param orgUnitId   the unit that runs it
 * @param teamScoring how teams score; required when there are teams, ignored (stored as null) without
 * @param quotas      nomination places per lower unit (nomination entry only)
 */
public record CompetitionSetup(String title, int year, UUID orgUnitId, CompetitionAudience audience,
                               Instant registrationOpens, Instant registrationCloses, EntryMode entryMode,
                               TeamBasis teamBasis, TeamScoring teamScoring, AwardBands awardBands,
                               List<Quota> quotas) {
  public static final int MAX_TITLE = 100;
  public static final int MAX_PLACES = 100_000;

  /** How many contestants the organisers of a lower unit may nominate. */
  public record Quota(UUID orgUnitId, int places) {
    public Quota {
      Objects.requireNonNull(orgUnitId, "orgUnitId");
    }
  }

  public CompetitionSetup {
    title = title == null ? "" : title.strip();
    audience = audience == null ? CompetitionAudience.anyone() : audience;
    entryMode = entryMode == null ? EntryMode.SELF : entryMode;
    teamBasis = teamBasis == null ? TeamBasis.NONE : teamBasis;
    teamScoring = teamBasis == TeamBasis.NONE ? null : teamScoring;
    quotas = quotas == null ? List.of() : List.copyOf(quotas);
  }

  /** What is wrong with the set-up (the rules of the pure parts; units are checked against the tree elsewhere). */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (title.isEmpty()) {
      out.add("title：请填写比赛名称");
    } else if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      out.add("title：比赛名称不超过 " + MAX_TITLE + " 个字");
    }
    if (year < 2000 || year > 2100) {
      out.add("year：年度须在 2000 到 2100 之间");
    }
    if (orgUnitId == null) {
      out.add("orgUnitId：请选择主办单位");
    }
    out.addAll(windowProblems(registrationOpens, registrationCloses));
    if (teamBasis.hasTeams() && teamScoring == null) {
      out.add("teamScoring：设置了团体时，须选择团体成绩的计算方式（前 k 名之和或平均）");
    }
    if (awardBands == null) {
      out.add("awardBands：请设置奖项");
    } else {
      awardBands.problems().forEach(p -> out.add("awardBands：" + p));
    }
    if (entryMode == EntryMode.SELF && !quotas.isEmpty()) {
      out.add("quotas：个人报名的比赛不设推荐名额");
    }
    out.addAll(quotaProblems(quotas));
    return out;
  }

  /** A registration window's problems: the opening must come before the closing. */
  public static List<String> windowProblems(Instant opens, Instant closes) {
    if (opens != null && closes != null && !opens.isBefore(closes)) {
      return List.of("registrationCloses：报名截止时间须晚于报名开始时间");
    }
    return List.of();
  }

  /** Quotas' own problems: places in range, each unit once. */
  public static List<String> quotaProblems(List<Quota> quotas) {
    List<String> out = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (Quota q : quotas) {
      if (q.places() < 0 || q.places() > MAX_PLACES) {
        out.add("quotas.places：名额须在 0 到 " + MAX_PLACES + " 之间");
      }
      if (!seen.add(q.orgUnitId())) {
        out.add("quotas.orgUnitId：同一单位只能设一个名额");
      }
    }
    return out;
  }

  /** Whether a moment lies inside the registration window (a missing bound does not limit it). */
  public static boolean insideWindow(Instant opens, Instant closes, Instant now) {
    return (opens == null || !now.isBefore(opens)) && (closes == null || now.isBefore(closes));
  }
}
