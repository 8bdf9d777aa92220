package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.cases.CaseService.AttachmentInfo;
import org.qinglan.cases.CaseService.AuthoredCase;
import org.qinglan.cases.CaseService.CaseState;
import org.qinglan.cases.CaseService.ReviewStep;

/**
 * SQL of the case library's own tables (case_study, case_revision, case_review_event,
 * case_attachment). Org units and accounts are people's: they come in as ids and names.
 */
public final class CaseStore {
  private static final String STATE_COLUMNS = """
      s.id, s.org_unit_id, s.author_id, s.source, s.published_revision, s.retracted_at,
      r.revision, r.status, r.title, r.summary, r.body, r.topics, r.methods, r.community_type, r.region_name,
      r.year, r.author_name, r.tags, r.privacy_confirmed
      """;
  private static final String LATEST = "SELECT " + STATE_COLUMNS + """
      FROM case_study s JOIN case_revision r ON r.case_id = s.id
      WHERE s.id = $1 ORDER BY r.revision DESC LIMIT 1
      """;
  private static final String PUBLISHED = "SELECT " + STATE_COLUMNS + """
      FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.id = $1 AND s.retracted_at IS NULL
      """;
  /** A submitted revision is always its case's newest: nothing is written on top of it until decided. */
  private static final String SUBMITTED = "SELECT " + STATE_COLUMNS + """
      , r.updated_at FROM case_study s JOIN case_revision r ON r.case_id = s.id
      WHERE r.status = 'SUBMITTED' ORDER BY r.updated_at
      """;
  private static final String PUBLISHED_TITLES = """
      SELECT s.id, r.title FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.retracted_at IS NULL ORDER BY s.id
      """;
  private static final String LOCK = "SELECT id FROM case_study WHERE id = $1 FOR UPDATE";
  private static final String INSERT_CASE = """
      INSERT INTO case_study (id, org_unit_id, author_id, source) VALUES ($1, $2, $3, 'EDITOR')
      """;
  private static final String INSERT_REVISION = """
      INSERT INTO case_revision (case_id, revision, status, title, summary, body, topics, methods, community_type,
                                 region_name, year, author_name, tags, privacy_confirmed, created_by)
      VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      """;
  private static final String UPDATE_REVISION = """
      UPDATE case_revision SET status = 'DRAFT', title = $3, summary = $4, body = $5, topics = $6, methods = $7,
        community_type = $8, year = $9, tags = $10, privacy_confirmed = $11, updated_at = now()
      WHERE case_id = $1 AND revision = $2
      """;
  private static final String SET_STATUS = """
      UPDATE case_revision SET status = $3, updated_at = now() WHERE case_id = $1 AND revision = $2
      """;
  private static final String PUBLISH = """
      UPDATE case_study SET published_revision = $2, retracted_at = NULL, updated_at = now() WHERE id = $1
      """;
  private static final String RETRACT = "UPDATE case_study SET retracted_at = now(), updated_at = now() WHERE id = $1";
  private static final String EVENT = """
      INSERT INTO case_review_event (case_id, revision, action, actor_id, actor_name, comment) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String INSERT_ATTACHMENT = """
      INSERT INTO case_attachment (id, case_id, revision, file_name, content_type, size, data, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String ATTACHMENT_NAMES = "SELECT file_name FROM case_attachment WHERE case_id = $1";
  private static final String ATTACHMENT = """
      SELECT a.file_name, a.content_type, a.data, a.revision, s.author_id, s.org_unit_id, s.published_revision,
             s.retracted_at
      FROM case_attachment a JOIN case_study s ON s.id = a.case_id WHERE a.id = $1 AND a.case_id = $2
      """;
  private static final String ATTACHMENTS_OF = """
      SELECT id, file_name, size FROM case_attachment WHERE case_id = $1 AND revision <= $2 ORDER BY created_at
      """;
  /** The attachments of several cases, each up to its own revision (the review queue's in one query). */
  private static final String ATTACHMENTS_OF_MANY = """
      SELECT a.case_id, a.id, a.file_name, a.size
      FROM case_attachment a JOIN unnest($1::text[], $2::int[]) AS w(case_id, revision)
        ON w.case_id = a.case_id AND a.revision <= w.revision
      ORDER BY a.created_at
      """;
  private static final String HISTORY = """
      SELECT revision, action, comment, at, actor_name FROM case_review_event WHERE case_id = $1 ORDER BY at, id
      """;
  private static final String MINE = """
      SELECT DISTINCT ON (s.id) s.id, s.published_revision, s.retracted_at, r.revision, r.status, r.title,
             r.updated_at,
             (SELECT e.comment FROM case_review_event e WHERE e.case_id = s.id AND e.revision = r.revision
                AND e.action = 'RETURN' ORDER BY e.at DESC, e.id DESC LIMIT 1) AS return_comment
      FROM case_study s JOIN case_revision r ON r.case_id = s.id
      WHERE s.author_id = $1 ORDER BY s.id, r.revision DESC
      """;

  // ---- the shipped cases (courses/case-library) ----
  private static final String SYNC_LOCK = "SELECT pg_advisory_xact_lock(727004)";
  private static final String SHIPPED = """
      SELECT s.id, s.published_revision, r.content_hash FROM case_study s
      LEFT JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.source = 'FILES'
      """;
  private static final String INSERT_SHIPPED_CASE = """
      INSERT INTO case_study (id, org_unit_id, source, published_revision) VALUES ($1, $2, 'FILES', 1)
      """;
  private static final String INSERT_SHIPPED_REVISION = """
      INSERT INTO case_revision (case_id, revision, status, title, summary, body, topics, methods, community_type,
                                 region_name, year, author_name, tags, privacy_confirmed, content_hash)
      VALUES ($1, $2, 'PUBLISHED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true, $13)
      """;
  private static final String SUPERSEDE = """
      UPDATE case_revision SET status = 'SUPERSEDED' WHERE case_id = $1 AND revision = $2
      """;
  private static final String SYNC_EVENT = """
      INSERT INTO case_review_event (case_id, revision, action) VALUES ($1, $2, 'SYNC')
      """;

  /** An attachment with what decides who may read it. */
  public record StoredAttachment(String fileName, String contentType, byte[] data, int revision, UUID authorId,
                                 UUID orgUnitId, Integer publishedRevision, boolean retracted) {
    /** Whether readers of the library see it: the published revision carries it and the case is not retracted. */
    public boolean live() {
      return publishedRevision != null && !retracted && revision <= publishedRevision;
    }
  }

  /** A shipped case as stored: its published revision and that revision's content hash. */
  public record Shipped(String id, int publishedRevision, String contentHash) {
  }

  /** The newest revision of a case, or null. */
  public Future<CaseState> latest(SqlClient db, String id) {
    return db.preparedQuery(LATEST).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : state(rows.iterator().next()));
  }

  /** The published revision of a case that is not retracted, or null. */
  public Future<CaseState> published(SqlClient db, String id) {
    return db.preparedQuery(PUBLISHED).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : state(rows.iterator().next()));
  }

  /** Every submitted revision, oldest submission first. */
  public Future<List<CaseState>> submitted(SqlClient db) {
    return db.query(SUBMITTED).execute().map(rows -> {
      List<CaseState> out = new ArrayList<>();
      rows.forEach(r -> out.add(state(r)));
      return out;
    });
  }

  /** Titles of the cases in the library (published, not retracted), by id. */
  public Future<Map<String, String>> publishedTitles(SqlClient db) {
    return db.query(PUBLISHED_TITLES).execute().map(rows -> {
      Map<String, String> out = new LinkedHashMap<>();
      rows.forEach(r -> out.put(r.getString("id"), r.getString("title")));
      return out;
    });
  }

  /** Locks a case's row for the rest of the transaction; false when there is no such case. */
  public Future<Boolean> lock(SqlClient db, String id) {
    return db.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  public Future<Void> insertCase(SqlClient db, String id, UUID orgUnitId, UUID authorId) {
    return db.preparedQuery(INSERT_CASE).execute(Tuple.of(id, orgUnitId, authorId)).mapEmpty();
  }

  /** A new draft revision written by {@code authorId}. */
  public Future<Void> insertRevision(SqlClient db, String id, int revision, CaseInput in, String regionName,
                                     String authorName, UUID authorId) {
    return db.preparedQuery(INSERT_REVISION).execute(Tuple.tuple().addString(id).addInteger(revision)
        .addString(in.title()).addString(in.summary()).addString(in.body())
        .addArrayOfString(in.topics().toArray(String[]::new)).addArrayOfString(in.methods().toArray(String[]::new))
        .addString(in.communityType()).addString(regionName).addInteger(in.year()).addString(authorName)
        .addArrayOfString(tags(in)).addBoolean(in.privacyConfirmed()).addUUID(authorId)).mapEmpty();
  }

  /** Rewrites a draft or returned revision in place (it becomes a draft again). */
  public Future<Void> updateRevision(SqlClient db, String id, int revision, CaseInput in) {
    return db.preparedQuery(UPDATE_REVISION).execute(Tuple.tuple().addString(id).addInteger(revision)
        .addString(in.title()).addString(in.summary()).addString(in.body())
        .addArrayOfString(in.topics().toArray(String[]::new)).addArrayOfString(in.methods().toArray(String[]::new))
        .addString(in.communityType()).addInteger(in.year()).addArrayOfString(tags(in))
        .addBoolean(in.privacyConfirmed())).mapEmpty();
  }

  public Future<Void> setStatus(SqlClient db, String id, int revision, CaseStatus status) {
    return db.preparedQuery(SET_STATUS).execute(Tuple.of(id, revision, status.name())).mapEmpty();
  }

  public Future<Void> publish(SqlClient db, String id, int revision) {
    return db.preparedQuery(PUBLISH).execute(Tuple.of(id, revision)).mapEmpty();
  }

  public Future<Void> retract(SqlClient db, String id) {
    return db.preparedQuery(RETRACT).execute(Tuple.of(id)).mapEmpty();
  }

  /** Records a review step; a blank comment is stored as none. */
  public Future<Void> event(SqlClient db, String id, int revision, ReviewAction action, UUID actorId,
                           String actorName, String comment) {
    return db.preparedQuery(EVENT).execute(Tuple.of(id, revision, action.name(), actorId, actorName,
        comment == null || comment.isBlank() ? null : comment.strip())).mapEmpty();
  }

  public Future<Void> insertAttachment(SqlClient db, UUID attachmentId, String caseId, int revision, String fileName,
                                       String contentType, byte[] data, UUID createdBy) {
    return db.preparedQuery(INSERT_ATTACHMENT).execute(Tuple.tuple().addUUID(attachmentId).addString(caseId)
        .addInteger(revision).addString(fileName).addString(contentType).addInteger(data.length)
        .addBuffer(Buffer.buffer(data)).addUUID(createdBy)).mapEmpty();
  }

  /** The names of every attachment of a case, whatever its revision. */
  public Future<List<String>> attachmentNames(SqlClient db, String caseId) {
    return db.preparedQuery(ATTACHMENT_NAMES).execute(Tuple.of(caseId)).map(rows -> {
      List<String> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getString("file_name")));
      return out;
    });
  }

  /** One attachment of a case, or null. */
  public Future<StoredAttachment> attachment(SqlClient db, String caseId, UUID attachmentId) {
    return db.preparedQuery(ATTACHMENT).execute(Tuple.of(attachmentId, caseId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new StoredAttachment(r.getString("file_name"), r.getString("content_type"), r.getBuffer("data").getBytes(),
          r.getInteger("revision"), r.getUUID("author_id"), r.getUUID("org_unit_id"), r.getInteger("published_revision"),
          r.getOffsetDateTime("retracted_at") != null);
    });
  }

  /** The attachments a revision carries (added to it or to an earlier revision), oldest first. */
  public Future<List<AttachmentInfo>> attachments(SqlClient db, String caseId, int revision) {
    return db.preparedQuery(ATTACHMENTS_OF).execute(Tuple.of(caseId, revision)).map(rows -> {
      List<AttachmentInfo> out = new ArrayList<>();
      rows.forEach(r -> out.add(attachmentInfo(r)));
      return out;
    });
  }

  /** As {@link #attachments} for several revisions (case id to revision) in one query; every case is a key. */
  public Future<Map<String, List<AttachmentInfo>>> attachments(SqlClient db, Map<String, Integer> revisions) {
    Map<String, List<AttachmentInfo>> out = new HashMap<>();
    revisions.keySet().forEach(id -> out.put(id, new ArrayList<>()));
    if (revisions.isEmpty()) {
      return Future.succeededFuture(out);
    }
    String[] ids = revisions.keySet().toArray(String[]::new);
    Integer[] numbers = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      numbers[i] = revisions.get(ids[i]);
    }
    return db.preparedQuery(ATTACHMENTS_OF_MANY).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfInteger(numbers))
        .map(rows -> {
          rows.forEach(r -> out.get(r.getString("case_id")).add(attachmentInfo(r)));
          return out;
        });
  }

  /** Every recorded step of a case, oldest first; steps of the platform itself have no actor name. */
  public Future<List<ReviewStep>> history(SqlClient db, String id) {
    return db.preparedQuery(HISTORY).execute(Tuple.of(id)).map(rows -> {
      List<ReviewStep> out = new ArrayList<>();
      rows.forEach(r -> out.add(new ReviewStep(r.getInteger("revision"), ReviewAction.valueOf(r.getString("action")),
          r.getString("actor_name") == null ? "平台" : r.getString("actor_name"), r.getString("comment"),
          r.getOffsetDateTime("at"))));
      return out;
    });
  }

  /** The newest revision of each of an author's cases, in no particular order. */
  public Future<List<AuthoredCase>> authoredBy(SqlClient db, UUID authorId) {
    return db.preparedQuery(MINE).execute(Tuple.of(authorId)).map(rows -> {
      List<AuthoredCase> out = new ArrayList<>();
      rows.forEach(r -> out.add(new AuthoredCase(r.getString("id"), r.getString("title"), r.getInteger("revision"),
          CaseStatus.valueOf(r.getString("status")),
          r.getInteger("published_revision") != null && r.getOffsetDateTime("retracted_at") == null,
          r.getOffsetDateTime("updated_at"), r.getString("return_comment"))));
      return out;
    });
  }

  // ---- the shipped cases ----

  /** Serialises syncs of the shipped cases (several nodes may start at once); for the rest of the transaction. */
  public Future<Void> lockForSync(SqlClient db) {
    return db.query(SYNC_LOCK).execute().mapEmpty();
  }

  /** The shipped cases in the database, by id. */
  public Future<Map<String, Shipped>> shipped(SqlClient db) {
    return db.query(SHIPPED).execute().map(rows -> {
      Map<String, Shipped> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString("id"), new Shipped(r.getString("id"), r.getInteger("published_revision"),
          r.getString("content_hash"))));
      return out;
    });
  }

  /** A shipped case new to the database, published as revision 1. */
  public Future<Void> insertShipped(SqlClient db, CaseFile c, UUID orgUnitId, String hash) {
    return db.preparedQuery(INSERT_SHIPPED_CASE).execute(Tuple.of(c.id(), orgUnitId))
        .compose(x -> db.preparedQuery(INSERT_SHIPPED_REVISION).execute(shippedRevision(c, 1, hash)))
        .compose(x -> db.preparedQuery(SYNC_EVENT).execute(Tuple.of(c.id(), 1))).mapEmpty();
  }

  /** A changed shipped case: its new text becomes the published revision, the old one is kept as superseded. */
  public Future<Void> republishShipped(SqlClient db, CaseFile c, int previousRevision, String hash) {
    int next = previousRevision + 1;
    return db.preparedQuery(SUPERSEDE).execute(Tuple.of(c.id(), previousRevision))
        .compose(x -> db.preparedQuery(INSERT_SHIPPED_REVISION).execute(shippedRevision(c, next, hash)))
        .compose(x -> db.preparedQuery(PUBLISH).execute(Tuple.of(c.id(), next)))
        .compose(x -> db.preparedQuery(SYNC_EVENT).execute(Tuple.of(c.id(), next))).mapEmpty();
  }

  private static Tuple shippedRevision(CaseFile c, int revision, String hash) {
    return Tuple.tuple().addString(c.id()).addInteger(revision).addString(c.title()).addString(c.summary())
        .addString(c.body()).addArrayOfString(c.topics().toArray(String[]::new))
        .addArrayOfString(c.methods().toArray(String[]::new)).addString(c.communityType()).addString(c.region())
        .addInteger(c.year()).addString(c.author()).addArrayOfString(c.tags().toArray(String[]::new)).addString(hash);
  }

  private static AttachmentInfo attachmentInfo(Row r) {
    return new AttachmentInfo(r.getUUID("id"), r.getString("file_name"), r.getInteger("size"));
  }

  private static String[] tags(CaseInput in) {
    return in.tags() == null ? new String[0] : in.tags().toArray(String[]::new);
  }

  private static CaseState state(Row r) {
    CaseInput content = new CaseInput(r.getString("title"), r.getString("summary"), r.getString("body"),
        List.of(r.getArrayOfStrings("topics")), List.of(r.getArrayOfStrings("methods")), r.getString("community_type"),
        r.getInteger("year"), List.of(r.getArrayOfStrings("tags")), r.getBoolean("privacy_confirmed"));
    return new CaseState(r.getString("id"), r.getUUID("org_unit_id"), r.getUUID("author_id"),
        CaseSource.valueOf(r.getString("source")),
        r.getInteger("published_revision"), r.getOffsetDateTime("retracted_at") != null, r.getInteger("revision"),
        CaseStatus.valueOf(r.getString("status")), content, r.getString("region_name"), r.getString("author_name"));
  }
}
