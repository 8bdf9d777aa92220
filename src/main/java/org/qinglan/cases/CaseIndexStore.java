package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.qinglan.cases.search.CaseDocument;

/** What the search index reads of the case tables: published cases as documents, and what changed. */
final class CaseIndexStore {
  private static final String PUBLISHED = """
      SELECT s.id, s.updated_at, r.title, r.summary, r.body, r.topics, r.methods, r.community_type, r.region_name,
             r.year, r.tags
      FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.retracted_at IS NULL AND ($1::text IS NULL OR s.id = $1)
      """;
  private static final String CHANGED_SINCE = "SELECT id, updated_at FROM case_study WHERE updated_at > $1 ORDER BY updated_at";

  /** A case updated at some moment. */
  record Change(String id, OffsetDateTime updatedAt) {
  }

  /** The published, unretracted cases as index documents: all of them, or the one with {@code id}. */
  Future<List<CaseDocument>> published(SqlClient db, String id) {
    return db.preparedQuery(PUBLISHED).execute(Tuple.of(id)).map(rows -> {
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

  /** Cases updated after {@code since}, oldest first. */
  Future<List<Change>> changedSince(SqlClient db, OffsetDateTime since) {
    return db.preparedQuery(CHANGED_SINCE).execute(Tuple.of(since)).map(rows -> {
      List<Change> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Change(r.getString("id"), r.getOffsetDateTime("updated_at"))));
      return out;
    });
  }
}
