package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * What other features read of the case library: the cases in it now (published and not
 * retracted), whether shipped with the platform or written and approved on the web.
 */
public final class CaseLibrary {
  /** A case as a course lesson cites it: its published title, summary and Markdown body. */
  public record CitedCase(String id, String title, String summary, String body) {
  }

  private final Pool pool;
  private final CaseStore store;

  public CaseLibrary(Pool pool, CaseStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** The published revision of a case; null when it is not in the library (never published, or retracted). */
  public Future<CitedCase> published(String id) {
    return store.published(pool, id).map(s -> s == null ? null
        : new CitedCase(s.id(), s.content().title(), s.content().summary(), s.content().body()));
  }

  /** The titles of every case in the library, by id (in id order). */
  public Future<Map<String, String>> publishedTitles() {
    return store.publishedTitles(pool);
  }
}
