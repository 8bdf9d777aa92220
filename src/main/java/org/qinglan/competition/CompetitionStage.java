package org.qinglan.competition;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A competition's life cycle: 草稿 → 报名中 → 比赛中 → 成绩已公布 → 已归档, one step at a time.
 *
 * <p>No stage is skipped: contestants register before they compete, and results are published
 * before they are archived. Two steps back are allowed because organisers really need them:
 * <ul>
 *   <li>报名中 → 草稿: a mistake in the rules or rounds found after registration opened can be
 *       fixed before anyone has answered (registrations are kept);</li>
 *   <li>成绩已公布 → 比赛中: published results are withdrawn to settle a dispute (成绩复核); the
 *       correction is a new revision, nothing already scored is overwritten.</li>
 * </ul>
 * Nothing goes back once answers exist (比赛中 → 报名中), and 已归档 is final: the archive is the record.
 */
public enum CompetitionStage {
  DRAFT("草稿"),
  REGISTRATION("报名中"),
  RUNNING("比赛中"),
  RESULTS_PUBLISHED("成绩已公布"),
  ARCHIVED("已归档");

  private final String label;

  CompetitionStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The stages this one may move to. */
  public Set<CompetitionStage> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(REGISTRATION);
      case REGISTRATION -> EnumSet.of(RUNNING, DRAFT);
      case RUNNING -> EnumSet.of(RESULTS_PUBLISHED);
      case RESULTS_PUBLISHED -> EnumSet.of(ARCHIVED, RUNNING);
      case ARCHIVED -> EnumSet.noneOf(CompetitionStage.class);
    };
  }

  public boolean mayMoveTo(CompetitionStage to) {
    return next().contains(to);
  }

  /** Why the move is refused, for the organiser (empty when it is allowed). */
  public Optional<String> moveRefusal(CompetitionStage to) {
    if (mayMoveTo(to)) {
      return Optional.empty();
    }
    if (this == ARCHIVED) {
      return Optional.of("已归档的比赛不能再更改阶段");
    }
    if (this == to) {
      return Optional.of("比赛已处于“" + label + "”阶段");
    }
    return Optional.of("不能从“" + label + "”改为“" + to.label + "”");
  }
}
