package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.Role;
import org.qinglan.platform.Problem;

/**
 * Writing and reviewing cases: trainers write drafts; a submission passes the privacy check
 * (or the author confirms the flagged text is fictional); organisers of the author's unit or
 * above publish or return it with a comment; every step is recorded. Editing a published case
 * makes a new revision that goes live only when approved.
 */
public final class CaseService {
  private static final String LATEST = """
      SELECT s.id, s.org_unit_id, s.author_id, s.source, s.published_revision, s.retracted_at,
             r.revision, r.status, r.title, r.summary, r.body, r.topics, r.methods, r.community_type, r.region_name,
             r.year, r.author_name, r.tags, r.privacy_confirmed
      FROM case_study s JOIN case_revision r ON r.case_id = s.id
      WHERE s.id = $1 ORDER BY r.revision DESC LIMIT 1
      """;
  private static final String LOCK = "SELECT id FROM case_study WHERE id = $1 FOR UPDATE";
  private static final String INSERT_CASE = "INSERT INTO case_study (id, org_unit_id, author_id, source) VALUES ($1, $2, $3, 'EDITOR')";
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
  private static final String SET_STATUS = "UPDATE case_revision SET status = $3, updated_at = now() WHERE case_id = $1 AND revision = $2";
  private static final String PUBLISH = "UPDATE case_study SET published_revision = $2, retracted_at = NULL, updated_at = now() WHERE id = $1";
  private static final String RETRACT = "UPDATE case_study SET retracted_at = now(), updated_at = now() WHERE id = $1";
  private static final String EVENT = """
      INSERT INTO case_review_event (case_id, revision, action, actor_id, actor_name, comment) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String QUEUE = """
      SELECT s.id, s.org_unit_id, r.revision, r.title, r.author_name, r.updated_at
      FROM case_study s JOIN case_revision r ON r.case_id = s.id
      WHERE r.status = 'SUBMITTED' ORDER BY r.updated_at
      """;
  private static final String REGION_NAME = """
      SELECT string_agg(a.name, '/' ORDER BY a.path) FROM org_unit u JOIN org_unit a ON u.path LIKE a.path || '%'
      WHERE u.id = $1
      """;
  private static final char[] ID_CHARS = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The newest revision of a case with where it stands. */
  public record CaseState(String id, UUID orgUnitId, UUID authorId, String source, Integer publishedRevision,
                          boolean retracted, int revision, String status, CaseInput content, String regionName,
                          String authorName) {
    /** The region as a place name (江东省云溪市东湖区), not the stored path. */
    public String regionLabel() {
      return regionName == null || regionName.isBlank() ? null : regionName.replace("/", "");
    }
  }

  /** A submission in the review queue. */
  public record Pending(String id, int revision, String title, String authorName) {
  }

  private final Pool pool;
  private final OrgUnitService orgUnits;
  /** Told the id of every case whose published state changed; the answer waits for it (the search index). */
  private final java.util.function.Function<String, Future<Void>> onPublishedChange;

  public CaseService(Pool pool, OrgUnitService orgUnits,
                     java.util.function.Function<String, Future<Void>> onPublishedChange) {
    this.pool = pool;
    this.orgUnits = orgUnits;
    this.onPublishedChange = onPublishedChange;
  }

  public Future<String> create(Account author, CaseInput input) {
    requireWriter(author);
    List<String> problems = input.problems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", problems));
    }
    String id = newId();
    UUID unit = author.orgUnit() == null ? null : author.orgUnit().id();
    return pool.withTransaction(tx -> (unit == null ? Future.succeededFuture((String) null)
            : tx.preparedQuery(REGION_NAME).execute(Tuple.of(unit)).map(r -> r.iterator().next().getString(0)))
        .compose(region -> tx.preparedQuery(INSERT_CASE).execute(Tuple.of(id, unit, author.id()))
            .compose(v -> tx.preparedQuery(INSERT_REVISION).execute(revision(id, 1, input, region, author)))))
        .map(id);
  }

  /** Edits the draft (or the returned revision); a published case gets a new draft revision. */
  public Future<CaseState> update(Account author, String id, CaseInput input) {
    List<String> problems = input.problems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", problems));
    }
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      requireAuthor(author, s);
      return switch (s.status()) {
        case "DRAFT", "RETURNED" -> tx.preparedQuery(UPDATE_REVISION).execute(Tuple.tuple().addString(id)
            .addInteger(s.revision()).addString(input.title()).addString(input.summary()).addString(input.body())
            .addArrayOfString(input.topics().toArray(String[]::new))
            .addArrayOfString(input.methods().toArray(String[]::new)).addString(input.communityType())
            .addInteger(input.year()).addArrayOfString(tags(input)).addBoolean(input.privacyConfirmed())).mapEmpty();
        case "PUBLISHED", "SUPERSEDED" -> tx.preparedQuery(INSERT_REVISION)
            .execute(revision(id, s.revision() + 1, input, s.regionName(), author)).mapEmpty();
        default -> Future.failedFuture(new Problem(409, "under_review", "案例正在审核中，审核完成前不能修改。"));
      };
    })).compose(v -> state(id));
  }

  /** Largest attachment accepted. */
  public static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
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

  /** A stored attachment's bytes and how to serve them. */
  public record AttachmentFile(String fileName, String contentType, byte[] data) {
  }

  /** Adds an attachment to the author's draft; the type is taken from the bytes, not the name. */
  public Future<UUID> attach(Account author, String id, String fileName, byte[] data) {
    if (data.length == 0 || data.length > MAX_ATTACHMENT_BYTES) {
      return Future.failedFuture(Problem.badRequest(fileName + "：附件不能为空，且不超过 10 MB。"));
    }
    String type = Attachments.contentType(fileName, data);
    if (type == null) {
      return Future.failedFuture(Problem.badRequest(fileName + "：只接受 PDF、Word 文档（.docx）和图片（PNG、JPEG）。"));
    }
    UUID attachmentId = UUID.randomUUID();
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      requireAuthor(author, s);
      if (!s.status().equals("DRAFT") && !s.status().equals("RETURNED")) {
        return Future.failedFuture(new Problem(409, "not_draft", "只能给草稿或退回修改的案例添加附件。"));
      }
      return tx.preparedQuery(INSERT_ATTACHMENT).execute(Tuple.tuple().addUUID(attachmentId).addString(id)
          .addInteger(s.revision()).addString(Attachments.safeName(fileName)).addString(type)
          .addInteger(data.length).addBuffer(io.vertx.core.buffer.Buffer.buffer(data)).addUUID(author.id()));
    })).map(attachmentId);
  }

  /**
   * An attachment: one the published revision carries (added to it or to an earlier revision, as
   * the case page lists them) is for every reader; one added to a later draft, a submission or a
   * returned revision only for the author and the case's reviewers.
   */
  public Future<AttachmentFile> attachment(Account viewer, String id, UUID attachmentId) {
    return pool.preparedQuery(ATTACHMENT).execute(Tuple.of(attachmentId, id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound());
      }
      Row r = rows.iterator().next();
      Integer publishedRevision = r.getInteger("published_revision");
      boolean live = publishedRevision != null && r.getOffsetDateTime("retracted_at") == null
          && r.getInteger("revision") <= publishedRevision;
      boolean author = viewer.id().equals(r.getUUID("author_id"));
      Future<Void> allowed = live || author ? Future.succeededFuture()
          : !viewer.has(Role.ORGANISER) && !viewer.has(Role.ADMIN) ? Future.failedFuture(Problem.forbidden())
          : viewer.has(Role.ADMIN) ? Future.succeededFuture()
          : r.getUUID("org_unit_id") == null ? Future.failedFuture(Problem.forbidden())
          : orgUnits.reachable(viewer, r.getUUID("org_unit_id")).mapEmpty();
      return allowed.map(v -> new AttachmentFile(r.getString("file_name"), r.getString("content_type"),
          r.getBuffer("data").getBytes()));
    });
  }

  /** Submits for review. Anything the privacy check finds blocks it until fixed or confirmed fictional. */
  public Future<CaseState> submit(Account author, String id) {
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      requireAuthor(author, s);
      if (!s.status().equals("DRAFT") && !s.status().equals("RETURNED")) {
        return Future.failedFuture(new Problem(409, "not_draft", "只有草稿或退回修改的案例可以提交。"));
      }
      return tx.preparedQuery(ATTACHMENT_NAMES).execute(Tuple.of(id)).compose(names -> {
      List<String> fileNames = new ArrayList<>();
      names.forEach(n -> fileNames.add(n.getString("file_name")));
      List<PrivacyCheck.Finding> findings = PrivacyCheck.scan(checkedText(s.content(), fileNames));
      if (!findings.isEmpty() && !s.content().privacyConfirmed()) {
        List<String> details = findings.stream().map(f -> f.kind().label() + "：" + f.text()).toList();
        return Future.failedFuture(new Problem(400, "privacy", "案例中可能含有个人信息。请删改，或勾选“"
            + PrivacyCheck.CONFIRM_LABEL + "”并保存后再提交。", details));
      }
      return tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, s.revision(), "SUBMITTED"))
          .compose(v -> event(tx, id, s.revision(), "SUBMIT", author, null));
      });
    })).compose(v -> state(id));
  }

  /** What the privacy check finds in the newest revision and its attachments' names (run on every save). */
  public Future<List<PrivacyCheck.Finding>> privacyFindings(String id) {
    return state(id).compose(s -> attachments(id, s.revision()).map(files -> PrivacyCheck.scan(
        checkedText(s.content(), files.stream().map(AttachmentInfo::fileName).toList()))));
  }

  /** What the privacy check reads: the case's texts and its attachments' names. */
  static String checkedText(CaseInput content, List<String> attachmentNames) {
    StringBuilder text = new StringBuilder(content.checkedText());
    attachmentNames.forEach(n -> text.append('\n').append(n));
    return text.toString();
  }

  public Future<CaseState> approve(Account reviewer, String id, String comment) {
    return review(reviewer, id, tx -> s -> {
      Future<Void> supersede = s.publishedRevision() == null ? Future.succeededFuture()
          : tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, s.publishedRevision(), "SUPERSEDED")).mapEmpty();
      return supersede.compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, s.revision(), "PUBLISHED")))
          .compose(v -> tx.preparedQuery(PUBLISH).execute(Tuple.of(id, s.revision())))
          .compose(v -> event(tx, id, s.revision(), "APPROVE", reviewer, comment));
    }, true).compose(s -> onPublishedChange.apply(id).map(s));
  }

  public Future<CaseState> returnForChanges(Account reviewer, String id, String comment) {
    if (comment == null || comment.isBlank()) {
      return Future.failedFuture(Problem.badRequest("退回时请写明修改意见。"));
    }
    return review(reviewer, id, tx -> s -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, s.revision(), "RETURNED"))
        .compose(v -> event(tx, id, s.revision(), "RETURN", reviewer, comment.strip())), true);
  }

  /** Takes a published case out of the library (it stays in the database). */
  public Future<CaseState> retract(Account reviewer, String id, String comment) {
    return review(reviewer, id, tx -> s -> {
      if (s.publishedRevision() == null || s.retracted()) {
        return Future.failedFuture(new Problem(409, "not_published", "案例没有处于发布状态。"));
      }
      return tx.preparedQuery(RETRACT).execute(Tuple.of(id))
          .compose(v -> event(tx, id, s.publishedRevision(), "RETRACT", reviewer, comment));
    }, false).compose(s -> onPublishedChange.apply(id).map(s));
  }

  /** Submissions the reviewer may decide (their unit and below). */
  public Future<List<Pending>> queue(Account reviewer) {
    requireReviewer(reviewer);
    return Future.all(pool.query(QUEUE).execute(), orgUnits.within(reviewer)).map(all -> {
      List<UUID> reachable = all.<List<OrgUnit>>resultAt(1).stream().map(OrgUnit::id).toList();
      List<Pending> out = new ArrayList<>();
      for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
        UUID unit = r.getUUID("org_unit_id");
        if (reviewer.has(Role.ADMIN) || (unit != null && reachable.contains(unit))) {
          out.add(new Pending(r.getString("id"), r.getInteger("revision"), r.getString("title"),
              r.getString("author_name")));
        }
      }
      return out;
    });
  }

  private static final String PUBLISHED = """
      SELECT s.id, s.org_unit_id, s.author_id, s.source, s.published_revision, s.retracted_at,
             r.revision, r.status, r.title, r.summary, r.body, r.topics, r.methods, r.community_type, r.region_name,
             r.year, r.author_name, r.tags, r.privacy_confirmed
      FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.id = $1 AND s.retracted_at IS NULL
      """;
  private static final String ATTACHMENTS_OF = """
      SELECT id, file_name, size FROM case_attachment WHERE case_id = $1 AND revision <= $2 ORDER BY created_at
      """;

  /** An attachment as listed on a case page. */
  public record AttachmentInfo(UUID id, String fileName, int size) {
  }

  /** The published revision of a case, as every signed-in reader sees it; 404 when there is none. */
  public Future<CaseState> published(String id) {
    return pool.preparedQuery(PUBLISHED).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(map(rows.iterator().next())));
  }

  public Future<List<AttachmentInfo>> attachments(String id, int revision) {
    return pool.preparedQuery(ATTACHMENTS_OF).execute(Tuple.of(id, revision)).map(rows -> {
      List<AttachmentInfo> out = new ArrayList<>();
      rows.forEach(r -> out.add(new AttachmentInfo(r.getUUID("id"), r.getString("file_name"), r.getInteger("size"))));
      return out;
    });
  }

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

  /** A recorded step of a case's review: who did what to which revision, and when. */
  public record ReviewStep(int revision, String action, String actorName, String comment, OffsetDateTime at) {
    /** The step in the words of the UI. */
    public String label() {
      return switch (action) {
        case "SUBMIT" -> "提交审核";
        case "APPROVE" -> "审核通过并发布";
        case "RETURN" -> "退回修改";
        case "RETRACT" -> "撤下";
        case "SYNC" -> "随平台内容发布";
        default -> "其他操作";
      };
    }
  }

  /** One of an author's cases as it stands (its newest revision). */
  public record AuthoredCase(String id, String title, int revision, String status, boolean live,
                             OffsetDateTime updatedAt, String returnComment) {
  }

  /** Every recorded step of a case, oldest first: for its author and its reviewers, and for staff reading it. */
  public Future<List<ReviewStep>> history(String id) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(id)).map(rows -> {
      List<ReviewStep> out = new ArrayList<>();
      rows.forEach(r -> out.add(new ReviewStep(r.getInteger("revision"), r.getString("action"),
          r.getString("actor_name") == null ? "平台" : r.getString("actor_name"), r.getString("comment"),
          r.getOffsetDateTime("at"))));
      return out;
    });
  }

  /** The author's cases, most recently changed first, with the reviewer's comment on a returned one. */
  public Future<List<AuthoredCase>> authoredBy(Account author) {
    return pool.preparedQuery(MINE).execute(Tuple.of(author.id())).map(rows -> {
      List<AuthoredCase> out = new ArrayList<>();
      rows.forEach(r -> out.add(new AuthoredCase(r.getString("id"), r.getString("title"), r.getInteger("revision"),
          r.getString("status"), r.getInteger("published_revision") != null && r.getOffsetDateTime("retracted_at") == null,
          r.getOffsetDateTime("updated_at"), r.getString("return_comment"))));
      out.sort(java.util.Comparator.comparing(AuthoredCase::updatedAt).reversed());
      return out;
    });
  }

  public Future<CaseState> state(String id) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(map(rows.iterator().next())));
  }

  private interface Step {
    Future<Void> apply(CaseState s);
  }

  private Future<CaseState> review(Account reviewer, String id, java.util.function.Function<SqlConnection, Step> step,
                                   boolean needsSubmission) {
    requireReviewer(reviewer);
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> reachable(reviewer, s).compose(ok -> {
      if (needsSubmission && !s.status().equals("SUBMITTED")) {
        return Future.failedFuture(new Problem(409, "not_submitted", "这个案例不在待审核状态。"));
      }
      return step.apply(tx).apply(s);
    }))).compose(v -> state(id));
  }

  /** Whether the account may decide on this case (an organiser of its unit or above, or an admin). */
  public Future<Boolean> mayReview(Account a, CaseState s) {
    if (!a.has(Role.ORGANISER) && !a.has(Role.ADMIN)) {
      return Future.succeededFuture(false);
    }
    // Out of scope is a "no"; a database failure stays a failure.
    return reachable(a, s).map(true).recover(t -> t instanceof Problem p && (p.status() == 403 || p.status() == 404)
        ? Future.succeededFuture(false) : Future.failedFuture(t));
  }

  private Future<Void> reachable(Account reviewer, CaseState s) {
    if (reviewer.has(Role.ADMIN)) {
      return Future.succeededFuture();
    }
    if (s.orgUnitId() == null) {
      return Future.failedFuture(Problem.forbidden());
    }
    return orgUnits.reachable(reviewer, s.orgUnitId()).mapEmpty();
  }

  private Future<CaseState> lockedLatest(SqlConnection tx, String id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).compose(l -> l.size() == 0
        ? Future.failedFuture(Problem.notFound())
        : tx.preparedQuery(LATEST).execute(Tuple.of(id)).map(rows -> map(rows.iterator().next())));
  }

  private static Future<Void> event(SqlConnection tx, String id, int revision, String action, Account actor,
                                    String comment) {
    return tx.preparedQuery(EVENT).execute(Tuple.of(id, revision, action, actor.id(), actor.displayName(),
        comment == null || comment.isBlank() ? null : comment.strip())).mapEmpty();
  }

  private static void requireWriter(Account a) {
    if (!a.has(Role.TRAINER) && !a.has(Role.ADMIN)) {
      throw Problem.forbidden();
    }
  }

  private static void requireReviewer(Account a) {
    if (!a.has(Role.ORGANISER) && !a.has(Role.ADMIN)) {
      throw Problem.forbidden();
    }
  }

  private static void requireAuthor(Account a, CaseState s) {
    if (!a.id().equals(s.authorId())) {
      throw Problem.forbidden();
    }
  }

  private static Tuple revision(String id, int revision, CaseInput in, String region, Account author) {
    return Tuple.tuple().addString(id).addInteger(revision).addString(in.title()).addString(in.summary())
        .addString(in.body()).addArrayOfString(in.topics().toArray(String[]::new))
        .addArrayOfString(in.methods().toArray(String[]::new)).addString(in.communityType()).addString(region)
        .addInteger(in.year()).addString(author.displayName()).addArrayOfString(tags(in))
        .addBoolean(in.privacyConfirmed()).addUUID(author.id());
  }

  private static String[] tags(CaseInput in) {
    return in.tags() == null ? new String[0] : in.tags().toArray(String[]::new);
  }

  static String newId() {
    StringBuilder sb = new StringBuilder("k-");
    for (int i = 0; i < 10; i++) {
      sb.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
    }
    return sb.toString();
  }

  private static CaseState map(Row r) {
    CaseInput content = new CaseInput(r.getString("title"), r.getString("summary"), r.getString("body"),
        List.of(r.getArrayOfStrings("topics")), List.of(r.getArrayOfStrings("methods")), r.getString("community_type"),
        r.getInteger("year"), List.of(r.getArrayOfStrings("tags")), r.getBoolean("privacy_confirmed"));
    return new CaseState(r.getString("id"), r.getUUID("org_unit_id"), r.getUUID("author_id"), r.getString("source"),
        r.getInteger("published_revision"), r.getOffsetDateTime("retracted_at") != null, r.getInteger("revision"),
        r.getString("status"), content, r.getString("region_name"), r.getString("author_name"));
  }
}
