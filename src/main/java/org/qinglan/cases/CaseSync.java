package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.people.OrgUnitService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shipped sample cases (courses/case-library/*.md) into PostgreSQL by stable id, as
 * published revisions; a changed file becomes a new published revision (the old one kept as
 * SUPERSEDED). All or nothing: a library with any problem changes nothing. A case's region
 * (江东省/云溪市/东湖区) names its org unit, when the tree has one of that name.
 */
public final class CaseSync {
  private static final Logger log = LoggerFactory.getLogger(CaseSync.class);

  /** What a sync did. */
  public record Report(int added, int updated, int unchanged, List<String> problems) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final CaseStore store;
  private final OrgUnitService orgUnits;

  public CaseSync(Vertx vertx, Pool pool, CaseStore store, OrgUnitService orgUnits) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.orgUnits = orgUnits;
  }

  public Future<Report> sync(Path caseLibrary) {
    return vertx.executeBlocking(() -> CaseFile.readAll(caseLibrary), false).compose(r -> {
      if (!r.ok()) {
        List<String> problems = r.problems().stream().map(CaseFile.Problem::toString).toList();
        problems.forEach(p -> log.error("Case library: {}", p));
        return Future.succeededFuture(new Report(0, 0, 0, problems));
      }
      return orgUnits.regionNames().compose(names -> {
        Map<String, UUID> unitByRegion = new HashMap<>();
        names.forEach((id, region) -> unitByRegion.putIfAbsent(region, id));
        return pool.withTransaction(tx -> apply(tx, r.cases(), unitByRegion));
      }).onSuccess(rep -> {
        if (rep.added() + rep.updated() > 0) {
          log.info("Case library synced: {} added, {} updated, {} unchanged", rep.added(), rep.updated(),
              rep.unchanged());
        }
      });
    });
  }

  private Future<Report> apply(SqlConnection tx, List<CaseFile> cases, Map<String, UUID> unitByRegion) {
    return store.lockForSync(tx).compose(v -> store.shipped(tx)).compose(existing -> {
      int[] counts = new int[3];
      Future<Void> chain = Future.succeededFuture();
      for (CaseFile c : cases) {
        String hash = hash(c);
        CaseStore.Shipped old = existing.get(c.id());
        if (old != null && hash.equals(old.contentHash())) {
          counts[2]++;
          continue;
        }
        counts[old == null ? 0 : 1]++;
        chain = old == null
            ? chain.compose(v -> store.insertShipped(tx, c, c.region() == null ? null : unitByRegion.get(c.region()), hash))
            : chain.compose(v -> store.republishShipped(tx, c, old.publishedRevision(), hash));
      }
      return chain.map(v -> new Report(counts[0], counts[1], counts[2], List.of()));
    });
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
