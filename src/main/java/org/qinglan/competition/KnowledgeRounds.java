package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.people.AccountService;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.events.EventChannel;

/**
 * The knowledge round's parts on one node, built once and shared by every HTTP instance: the rounds,
 * the entries, and the node's live screens.
 */
public record KnowledgeRounds(RoundService rounds, EntryService entries, LiveRounds live) implements AutoCloseable {

  public static Future<KnowledgeRounds> start(Pool pool, QuestionCatalog questions, AccountService accounts,
                                              OrgUnitService orgUnits, EventChannel events) {
    RoundService rounds = new RoundService(pool, new RoundStore(), questions, orgUnits, events);
    EntryService entries = new EntryService(rounds, events);
    return LiveRounds.start(rounds, accounts, orgUnits, events).map(live -> new KnowledgeRounds(rounds, entries, live));
  }

  /**
   * The node's periodic work (once a second): rounds whose closing moment came are closed, entries
   * whose time is up are handed in.
   */
  public Future<Void> closeAndSubmitDue() {
    return rounds.closeDue().compose(n -> entries.submitOverdue()).mapEmpty();
  }

  @Override
  public void close() {
    live.close();
  }
}
