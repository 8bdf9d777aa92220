package org.qinglan.competition;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.qinglan.people.AccountService;

/**
 * The demo's competition: one draft run by 东湖区, set up by the demo organiser (周敏), so that a
 * newcomer signing in as {@code organiser} finds a competition to open for registration. It has a
 * fixed id: a start finds it in place (one query) and adds nothing; a database without the demo
 * organiser gets none.
 */
public final class CompetitionDemo {
  /** The demo competition's id. */
  public static final UUID ID = UUID.fromString("c0a1e150-0015-4000-8000-000000000001");

  private final CompetitionService competitions;
  private final AccountService accounts;
  private final ZoneId zone;

  public CompetitionDemo(CompetitionService competitions, AccountService accounts, ZoneId zone) {
    this.competitions = competitions;
    this.accounts = accounts;
    this.zone = zone;
  }

  /** Adds the demo competition unless it is there; true when it added it. */
  public Future<Boolean> seedIfMissing() {
    return competitions.exists(ID).compose(exists -> exists ? Future.succeededFuture(false)
        : accounts.byUsername("organiser").compose(organiser -> organiser == null || organiser.orgUnit() == null
            ? Future.succeededFuture(false)
            : competitions.seed(organiser, ID, setup(organiser.orgUnit().id(), organiser.orgUnit().name()))));
  }

  private CompetitionSetup setup(UUID unit, String unitName) {
    int year = LocalDate.now(zone).getYear();
    return new CompetitionSetup(year + "年" + unitName + "社区工作者职业能力大赛", year, unit,
        CompetitionAudience.anyone(), null, null, EntryMode.SELF, TeamBasis.STREET,
        new TeamScoring(TeamScoring.Mode.SUM_OF_BEST_K, 3),
        AwardBands.byRank(List.of(AwardBands.Band.throughRank(Award.FIRST, 3), AwardBands.Band.throughRank(Award.SECOND, 8),
            AwardBands.Band.throughRank(Award.THIRD, 15), AwardBands.Band.rest(Award.EXCELLENCE))),
        List.of());
  }
}
