package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shipped sample cases (courses/case-library/*.md) into PostgreSQL by stable id, as
 * published revisions; a changed file becomes a new published revision (the old one kept as
 * SUPERSEDED). All or nothing: a library with any problem changes nothing.
 */
public final class CaseSync {
  private static final Logger log = LoggerFactory.getLogger(CaseSync.class);

  private static final String EXISTING = """
      SELECT s.id, s.published_revision, r.content_hash FROM case_study s
      LEFT JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.source = 'FILES'
      """;
  private static final String REGION = """
      SELECT u.id FROM org_unit u WHERE (SELECT string_agg(a.name, '/' ORDER BY a.path)
        FROM org_unit a WHERE u.path LIKE a.path || '%') = $1
      """;
  private static final String INSERT_CASE = """
      INSERT INTO case_study (id, org_unit_id, source, published_revision) VALUES ($1, $2, 'FILES', 1)
      """;
  private static final String INSERT_REVISION = """
      INSERT INTO case_revision (case_id, revision, status, title, summary, body, topics, methods, community_type,
                                 region_name, year, author_name, tags, privacy_confirmed, content_hash)
      VALUES ($1, $2, 'PUBLISHED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true, $13)
      """;
  private static final String SUPERSEDE = "UPDATE case_revision SET status = 'SUPERSEDED' WHERE case_id = $1 AND revision = $2";
  private static final String PUBLISH = "UPDATE case_study SET published_revision = $2, retracted_at = NULL, updated_at = now() WHERE id = $1";
  private static final String EVENT = "INSERT INTO case_review_event (case_id, revision, action) VALUES ($1, $2, 'SYNC')";

  /** What a sync did. */
  public record Report(int added, int updated, int unchanged, List<String> problems) {
  }

  private final Vertx vertx;
  private final Pool pool;

  public CaseSync(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Report> sync(Path caseLibrary) {
    return vertx.executeBlocking(() -> CaseFile.readAll(caseLibrary), false).compose(r -> {
      if (!r.ok()) {
        List<String> problems = r.problems().stream().map(CaseFile.Problem::toString).toList();
        problems.forEach(p -> log.error("Case library: {}", p));
        return Future.succeededFuture(new Report(0, 0, 0, problems));
      }
      return pool.withTransaction(tx -> apply(tx, r.cases())).onSuccess(rep -> {
        if (rep.added() + rep.updated() > 0) {
          log.info("Case library synced: {} added, {} updated, {} unchanged", rep.added(), rep.updated(),
              rep.unchanged());
        }
      });
    });
  }

  private Future<Report> apply(SqlConnection tx, List<CaseFile> cases) {
    return tx.query("SELECT pg_advisory_xact_lock(727004)").execute()
        .compose(v -> tx.query(EXISTING).execute())
        .compose(rows -> {
          Map<String, Row> existing = new HashMap<>();
          rows.forEach(r -> existing.put(r.getString("id"), r));
          int[] counts = new int[3];
          Future<Void> chain = Future.succeededFuture();
          for (CaseFile c : cases) {
            String hash = hash(c);
            Row old = existing.get(c.id());
            if (old != null && hash.equals(old.getString("content_hash"))) {
              counts[2]++;
              continue;
            }
            counts[old == null ? 0 : 1]++;
            if (old == null) {
              chain = chain.compose(v -> tx.preparedQuery(REGION).execute(Tuple.of(c.region() == null ? "" : c.region()))
                  .compose(region -> tx.preparedQuery(INSERT_CASE).execute(Tuple.of(c.id(),
                      region.size() == 0 ? null : region.iterator().next().getUUID("id"))))
                  .compose(x -> tx.preparedQuery(INSERT_REVISION).execute(revision(c, 1, hash)))
                  .compose(x -> tx.preparedQuery(EVENT).execute(Tuple.of(c.id(), 1))).mapEmpty());
            } else {
              int next = old.getInteger("published_revision") + 1;
              chain = chain.compose(v -> tx.preparedQuery(SUPERSEDE).execute(Tuple.of(c.id(), next - 1))
                  .compose(x -> tx.preparedQuery(INSERT_REVISION).execute(revision(c, next, hash)))
                  .compose(x -> tx.preparedQuery(PUBLISH).execute(Tuple.of(c.id(), next)))
                  .compose(x -> tx.preparedQuery(EVENT).execute(Tuple.of(c.id(), next))).mapEmpty());
            }
          }
          return chain.map(v -> new Report(counts[0], counts[1], counts[2], List.of()));
        });
  }

  private static Tuple revision(CaseFile c, int revision, String hash) {
    return Tuple.tuple().addString(c.id()).addInteger(revision).addString(c.title()).addString(c.summary())
        .addString(c.body()).addArrayOfString(c.topics().toArray(String[]::new))
        .addArrayOfString(c.methods().toArray(String[]::new)).addString(c.communityType()).addString(c.region())
        .addInteger(c.year()).addString(c.author()).addArrayOfString(c.tags().toArray(String[]::new)).addString(hash);
  }

  static String hash(CaseFile c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.toString()
          .getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
