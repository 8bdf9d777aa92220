package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qinglan.cases.search.CaseDocument;
import org.qinglan.cases.search.CaseIndex;
import org.qinglan.cases.search.CaseQuery;
import org.qinglan.cases.search.CaseQueryException;
import org.qinglan.cases.search.Hit;
import org.qinglan.cases.search.SearchResult;
import org.qinglan.platform.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's Lucene index of published cases, derived from PostgreSQL: rebuilt at start-up when
 * missing, damaged or of an older schema; changed before the answer for changes made on this
 * node, and at once for changes made on other nodes, which announce them with a PostgreSQL
 * NOTIFY. A scan of recently updated cases every second catches what a node missed while its
 * listening connection was down. All Lucene work runs on worker threads.
 */
public final class CaseSearchService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaseSearchService.class);

  private static final String PUBLISHED = """
      SELECT s.id, s.updated_at, r.title, r.summary, r.body, r.topics, r.methods, r.community_type, r.region_name,
             r.year, r.tags
      FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.retracted_at IS NULL AND ($1::text IS NULL OR s.id = $1)
      """;
  private static final String CHANGED_SINCE = "SELECT id, updated_at FROM case_study WHERE updated_at > $1 ORDER BY updated_at";
  /** The channel on which nodes announce a case whose published state changed ("node-id case-id"). */
  static final String CHANNEL = "qinglan_case_changed";
  private static final String NOTIFY = "SELECT pg_notify($1, $2)";

  private final Vertx vertx;
  private final Pool pool;
  private final CaseIndex index;
  private volatile OffsetDateTime seenUntil = OffsetDateTime.now(ZoneOffset.UTC);
  private volatile long catchUpTimer = -1;
  private volatile long renewTimer = -1;
  private final AtomicBoolean catchingUp = new AtomicBoolean();
  /** Tells this node's own announcements from other nodes'. */
  private final String nodeId = UUID.randomUUID().toString();
  private final PgSubscriber subscriber;
  private volatile boolean closed;
  /** The last refresh queued; see {@link #refresh}. */
  private Future<Void> lastRefresh = Future.succeededFuture();

  private CaseSearchService(Vertx vertx, Pool pool, CaseIndex index, PgConnectOptions listenOn) {
    this.vertx = vertx;
    this.pool = pool;
    this.index = index;
    this.subscriber = listenOn == null ? null : PgSubscriber.subscriber(vertx, listenOn)
        .reconnectPolicy(attempts -> 1000L);
  }

  /**
   * Opens the index in {@code dir}, rebuilding it from PostgreSQL if needed, and starts following
   * changes: announcements of other nodes on a connection made with {@code listenOn} (none when
   * null), and the catch-up scan.
   */
  public static Future<CaseSearchService> open(Vertx vertx, Pool pool, Path dir, PgConnectOptions listenOn) {
    return open(vertx, pool, dir, listenOn, LISTEN_LIFETIME);
  }

  /**
   * How long one listening connection is kept. PostgreSQL stopped with SIGTERM waits for every
   * session to end and tells none of them, so a connection kept for ever would hold the shutdown
   * up for ever; a renewed one lets it finish (the new connection is refused while it shuts down).
   * What is announced while the connection is renewed, the catch-up scan finds.
   */
  static final Duration LISTEN_LIFETIME = Duration.ofSeconds(60);

  static Future<CaseSearchService> open(Vertx vertx, Pool pool, Path dir, PgConnectOptions listenOn,
                                        Duration listenLifetime) {
    return vertx.executeBlocking(() -> CaseIndex.open(dir, CaseIndex.shippedSynonyms()), false).compose(index -> {
      CaseSearchService s = new CaseSearchService(vertx, pool, index, listenOn);
      Future<Void> ready = index.needsRebuild() ? s.rebuild() : Future.succeededFuture();
      return ready.map(v -> {
        s.listen();
        s.catchUpTimer = vertx.setPeriodic(1000, id -> s.catchUp());
        if (s.subscriber != null) {
          s.renewTimer = vertx.setPeriodic(listenLifetime.toMillis(), id -> s.renewListeningConnection());
        }
        return s;
      });
    });
  }

  /** Closes the listening connection; the subscriber's reconnect policy opens a new one. */
  private void renewListeningConnection() {
    io.vertx.pgclient.PgConnection connection = subscriber.actualConnection();
    if (connection != null && !closed) {
      connection.close();
    }
  }

  private void listen() {
    if (subscriber == null || closed) {
      return;
    }
    String own = nodeId + " ";
    subscriber.channel(CHANNEL).handler(payload -> {
      if (payload != null && !payload.startsWith(own) && payload.indexOf(' ') > 0) {
        refresh(payload.substring(payload.indexOf(' ') + 1));
      }
    });
    subscriber.connect().onFailure(t -> {
      // The scan keeps the index current meanwhile.
      log.warn("Cannot listen for case changes ({}); trying again in 5 s", t.getMessage());
      vertx.setTimer(5000, id -> listen());
    });
  }

  /**
   * A case's published state changed on this node: updates this node's index (the returned
   * future) and tells the other nodes.
   */
  public Future<Void> publishedStateChanged(String caseId) {
    return refresh(caseId).onComplete(ignored -> pool.preparedQuery(NOTIFY).execute(Tuple.of(CHANNEL,
        nodeId + " " + caseId)).onFailure(t -> log.warn("Cannot announce the change of case {}: {}", caseId,
        t.getMessage())));
  }

  /** Rebuilds the whole index from the published cases. */
  public Future<Void> rebuild() {
    OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return documents(null).compose(docs -> vertx.executeBlocking(() -> {
      index.rebuild(docs);
      log.info("Case index rebuilt: {} published cases", docs.size());
      return null;
    }, false)).onSuccess(v -> seenUntil = startedAt).mapEmpty();
  }

  /**
   * Brings one case's entry in line with PostgreSQL (published: indexed; otherwise removed).
   * Refreshes run one after another, so an older reading of a case never overwrites a newer one.
   */
  public synchronized Future<Void> refresh(String caseId) {
    Future<Void> next = lastRefresh.transform(ignored -> refreshNow(caseId));
    lastRefresh = next;
    return next;
  }

  private Future<Void> refreshNow(String caseId) {
    return documents(caseId).compose(docs -> vertx.executeBlocking(() -> {
      if (docs.isEmpty()) {
        index.delete(caseId);
      } else {
        index.upsert(docs.get(0));
      }
      return null;
    }, false)).mapEmpty();
  }

  /** The number of cases in this node's index (blocking: not for an event loop). */
  public int size() {
    return index.size();
  }

  public Future<SearchResult> search(CaseQuery q) {
    return vertx.executeBlocking(() -> {
      try {
        return index.search(q);
      } catch (CaseQueryException e) {
        throw Problem.badRequest(e.getMessage());
      }
    }, false);
  }

  public Future<List<String>> suggest(String prefix) {
    return vertx.executeBlocking(() -> index.suggest(prefix, 8), false);
  }

  public Future<List<Hit>> related(String caseId) {
    return vertx.executeBlocking(() -> index.related(caseId, 5), false);
  }

  /** Changes other nodes made: cases updated since the last look. */
  private void catchUp() {
    if (!catchingUp.compareAndSet(false, true)) {
      return; // the last scan is still at work
    }
    OffsetDateTime since = seenUntil;
    pool.preparedQuery(CHANGED_SINCE).execute(Tuple.of(since)).onFailure(t -> catchingUp.set(false)).onSuccess(rows -> {
      Future<Void> chain = Future.succeededFuture();
      OffsetDateTime newest = since;
      for (Row r : rows) {
        String id = r.getString("id");
        chain = chain.compose(v -> refresh(id));
        if (r.getOffsetDateTime("updated_at").isAfter(newest)) {
          newest = r.getOffsetDateTime("updated_at");
        }
      }
      OffsetDateTime next = newest;
      chain.onSuccess(v -> seenUntil = next).onFailure(t -> log.warn("Case index catch-up failed: {}", t.getMessage()))
          .onComplete(v -> catchingUp.set(false));
    });
  }

  private Future<List<CaseDocument>> documents(String id) {
    return pool.preparedQuery(PUBLISHED).execute(Tuple.of(id)).map(rows -> {
      List<CaseDocument> out = new ArrayList<>();
      for (Row r : rows) {
        String region = r.getString("region_name");
        out.add(new CaseDocument(r.getString("id"), r.getString("title"), r.getString("summary"), r.getString("body"),
            List.of(r.getArrayOfStrings("topics")), List.of(r.getArrayOfStrings("methods")),
            r.getString("community_type"), region == null ? null : region.substring(region.lastIndexOf('/') + 1),
            r.getInteger("year") == null ? 0 : r.getInteger("year"), List.of(r.getArrayOfStrings("tags")),
            r.getOffsetDateTime("updated_at") == null ? Instant.now() : r.getOffsetDateTime("updated_at").toInstant()));
      }
      return out;
    });
  }

  @Override
  public void close() {
    closed = true;
    vertx.cancelTimer(catchUpTimer);
    vertx.cancelTimer(renewTimer);
    if (subscriber != null) {
      subscriber.close();
    }
    index.close();
  }
}
