package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qinglan.cases.search.CaseDocument;
import org.qinglan.cases.search.CaseIndex;
import org.qinglan.cases.search.CaseQuery;
import org.qinglan.cases.search.CaseQueryException;
import org.qinglan.cases.search.Hit;
import org.qinglan.cases.search.SearchResult;
import org.qinglan.platform.Problem;
import org.qinglan.platform.events.ChannelEvent;
import org.qinglan.platform.events.EventChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's Lucene index of published cases, derived from PostgreSQL: rebuilt at start-up when
 * missing, damaged or of an older schema; changed before the answer for changes made on this
 * node, and at once for changes made on other nodes, which announce them on the platform's event
 * channel (which also delivers what a node missed while its listening connection was down). A
 * scan of recently updated cases ({@link #catchUp}, the node's periodic job) finds a change
 * whose announcement never went out. All Lucene work runs on worker threads.
 */
public final class CaseSearchService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaseSearchService.class);

  private final CaseIndexStore store = new CaseIndexStore();
  /** The channel topic on which nodes announce a case whose published state changed ({"caseId": …}). */
  public static final String TOPIC = "cases.published";

  private final Vertx vertx;
  private final Pool pool;
  private final CaseIndex index;
  private volatile OffsetDateTime seenUntil = OffsetDateTime.now(ZoneOffset.UTC);
  private final AtomicBoolean catchingUp = new AtomicBoolean();
  /** Null when the node follows no other node (the reindex command). */
  private final EventChannel events;
  private volatile EventChannel.Subscription subscription;
  /** The last refresh queued; see {@link #refresh}. */
  private Future<Void> lastRefresh = Future.succeededFuture();

  private CaseSearchService(Vertx vertx, Pool pool, CaseIndex index, EventChannel events) {
    this.vertx = vertx;
    this.pool = pool;
    this.index = index;
    this.events = events;
  }

  /**
   * Opens the index in {@code dir}, rebuilding it from PostgreSQL if needed, and follows the
   * changes other nodes announce on {@code events} (none when null).
   */
  public static Future<CaseSearchService> open(Vertx vertx, Pool pool, Path dir, EventChannel events) {
    return vertx.executeBlocking(() -> CaseIndex.open(dir, CaseIndex.shippedSynonyms()), false).compose(index -> {
      CaseSearchService s = new CaseSearchService(vertx, pool, index, events);
      Future<Void> ready = index.needsRebuild() ? s.rebuild() : Future.succeededFuture();
      return ready.compose(v -> {
        if (events == null) {
          return Future.succeededFuture(s);
        }
        s.subscription = events.subscribe(TOPIC, s::announced);
        return s.subscription.ready().map(s);
      });
    });
  }

  /** Another node changed a case (this node's own changes are in its index already). */
  private void announced(ChannelEvent event) {
    String caseId = event.payload().getString("caseId");
    if (!event.from(events.nodeId()) && caseId != null) {
      refresh(caseId).onFailure(t -> log.warn("Case index update of {} failed: {}", caseId, t.getMessage()));
    }
  }

  /**
   * A case's published state changed on this node: updates this node's index (the returned
   * future) and tells the other nodes.
   */
  public Future<Void> publishedStateChanged(String caseId) {
    return refresh(caseId).onComplete(ignored -> {
      if (events != null) {
        events.publish(TOPIC, new JsonObject().put("caseId", caseId)).onFailure(t ->
            log.warn("Cannot announce the change of case {}: {}", caseId, t.getMessage()));
      }
    });
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

  /**
   * Changes made without an announcement reaching this node (a node stopped between its change
   * and the announcement, or content synced at another node's start-up): cases updated since the
   * last look. The node's periodic job; completes when the scan has.
   */
  public Future<Void> catchUp() {
    if (!catchingUp.compareAndSet(false, true)) {
      return Future.succeededFuture(); // the last scan is still at work
    }
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    OffsetDateTime since = seenUntil;
    store.changedSince(pool, since).onFailure(t -> {
      catchingUp.set(false);
      done.fail(t);
    }).onSuccess(changes -> {
      Future<Void> chain = Future.succeededFuture();
      OffsetDateTime newest = since;
      for (CaseIndexStore.Change c : changes) {
        chain = chain.compose(v -> refresh(c.id()));
        if (c.updatedAt().isAfter(newest)) {
          newest = c.updatedAt();
        }
      }
      OffsetDateTime next = newest;
      chain.onSuccess(v -> seenUntil = next).onFailure(t -> log.warn("Case index catch-up failed: {}", t.getMessage()))
          .onComplete(v -> {
            catchingUp.set(false);
            done.handle(v);
          });
    });
    return done.future();
  }

  private Future<List<CaseDocument>> documents(String id) {
    return store.published(pool, id);
  }

  @Override
  public void close() {
    EventChannel.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    index.close();
  }
}
