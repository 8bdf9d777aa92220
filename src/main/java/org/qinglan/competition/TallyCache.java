package org.qinglan.competition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of the entries of the knowledge rounds it follows, scored: each entry read
 * again only when its change counter ({@code tally_version}, moved by every save, note, takeover
 * and hand-in in the statement that makes it) differs from the one it was read at. Equal counters
 * mean equal data, so an entry known at the counter a transaction reads is what that transaction
 * would read: the live standings (once a second) and the close (in its transaction) share it.
 */
final class TallyCache {
  private final RoundStore store;
  private final Cache<UUID, Map<UUID, Standings.Scored>> rounds = Caffeine.newBuilder().maximumSize(100)
      .expireAfterAccess(Duration.ofMinutes(30)).build();

  TallyCache(RoundStore store) {
    this.store = store;
  }

  /**
   * Every entry of the round as {@code db} (the pool, or a transaction) sees it now, scored.
   *
   * @param nowMs   the database's clock when the counters were read (epoch ms)
   * @param changed how many entries had to be read again
   */
  record Current(Map<UUID, Standings.Scored> entries, long nowMs, int changed) {
  }

  Future<Current> current(SqlClient db, Round round, Paper paper) {
    Map<UUID, Standings.Scored> known = rounds.get(round.id(), id -> new ConcurrentHashMap<>());
    return store.versions(db, round.id()).compose(v -> {
      Map<UUID, Standings.Scored> out = new HashMap<>(v.versions().size() * 2);
      List<UUID> stale = new ArrayList<>();
      v.versions().forEach((id, version) -> {
        Standings.Scored s = known.get(id);
        if (s != null && s.tally().version() == version) {
          out.put(id, s);
        } else {
          stale.add(id);
        }
      });
      if (stale.isEmpty()) {
        return Future.succeededFuture(new Current(out, v.nowMs(), 0));
      }
      return store.liveTallies(db, round.id(), stale).map(tallies -> {
        for (Standings.Tally t : tallies) {
          Standings.Scored s = new Standings.Scored(t, Standings.score(round.scoring(), paper, t.answers()));
          out.put(t.entryId(), s);
          // Another reader (another transaction) may know a newer counter already: keep the newer.
          known.merge(t.entryId(), s, (old, now) -> now.tally().version() >= old.tally().version() ? now : old);
        }
        return new Current(out, v.nowMs(), stale.size());
      });
    });
  }

  /** Forgets a round (once it is closed its standings are the results). */
  void forget(UUID roundId) {
    rounds.invalidate(roundId);
  }
}
