package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Problem;

/**
 * Writing and reviewing cases: trainers write drafts; a submission passes the privacy check
 * (or the author confirms the flagged text is fictional); organisers of the author's unit or
 * above publish or return it with a comment; every step is recorded. Editing a published case
 * makes a new revision that goes live only when approved. Who may do what is {@link CasePolicy}'s;
 * every refusal fails the returned future.
 */
public final class CaseService {
  private static final char[] ID_CHARS = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The newest revision of a case with where it stands. */
  public record CaseState(String id, UUID orgUnitId, UUID authorId, CaseSource source, Integer publishedRevision,
                          boolean retracted, int revision, CaseStatus status, CaseInput content, String regionName,
                          String authorName) {
    /** The region as a place name (江东省云溪市东湖区), not the stored path. */
    public String regionLabel() {
      return regionName == null || regionName.isBlank() ? null : regionName.replace("/", "");
    }

    /** Whether the library shows this case (some revision of it is published and it is not retracted). */
    public boolean live() {
      return publishedRevision != null && !retracted;
    }
  }

  /** A submission in the review queue. */
  public record Pending(String id, int revision, String title, String authorName) {
  }

  /** A submission with what its reviewer reads: the case as submitted and the attachments it carries. */
  public record Submission(CaseState state, List<AttachmentInfo> attachments) {
  }

  /** A stored attachment's bytes and how to serve them. */
  public record AttachmentFile(String fileName, String contentType, byte[] data) {
  }

  /** An attachment as listed on a case page. */
  public record AttachmentInfo(UUID id, String fileName, int size) {
  }

  /** A recorded step of a case's review: who did what to which revision, and when. */
  public record ReviewStep(int revision, ReviewAction action, String actorName, String comment, OffsetDateTime at) {
    /** The step in the words of the UI. */
    public String label() {
      return action.label();
    }
  }

  /** One of an author's cases as it stands (its newest revision). */
  public record AuthoredCase(String id, String title, int revision, CaseStatus status, boolean live,
                             OffsetDateTime updatedAt, String returnComment) {
  }

  /** Largest attachment accepted. */
  public static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

  private final Pool pool;
  private final CaseStore store;
  private final OrgUnitService orgUnits;
  /** Told the id of every case whose published state changed; the answer waits for it (the search index). */
  private final Function<String, Future<Void>> onPublishedChange;

  public CaseService(Pool pool, CaseStore store, OrgUnitService orgUnits,
                     Function<String, Future<Void>> onPublishedChange) {
    this.pool = pool;
    this.store = store;
    this.orgUnits = orgUnits;
    this.onPublishedChange = onPublishedChange;
  }

  public Future<String> create(Account author, CaseInput input) {
    if (!CasePolicy.mayWrite(author)) {
      return Future.failedFuture(Problem.forbidden());
    }
    List<String> problems = input.problems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", problems));
    }
    String id = newId();
    UUID unit = author.orgUnit() == null ? null : author.orgUnit().id();
    Future<String> region = unit == null ? Future.succeededFuture(null)
        : orgUnits.regionNames().map(names -> names.get(unit));
    return region.compose(name -> pool.withTransaction(tx -> store.insertCase(tx, id, unit, author.id())
        .compose(v -> store.insertRevision(tx, id, 1, input, name, author.displayName(), author.id()))))
        .map(id);
  }

  /** Edits the draft (or the returned revision); a published case gets a new draft revision. */
  public Future<CaseState> update(Account author, String id, CaseInput input) {
    if (!CasePolicy.mayWrite(author)) {
      return Future.failedFuture(Problem.forbidden());
    }
    List<String> problems = input.problems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", problems));
    }
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      if (!CasePolicy.mayEdit(author, subject(s, null))) {
        return Future.<Void>failedFuture(Problem.forbidden());
      }
      return switch (s.status()) {
        case DRAFT, RETURNED -> store.updateRevision(tx, id, s.revision(), input);
        case PUBLISHED, SUPERSEDED -> store.insertRevision(tx, id, s.revision() + 1, input, s.regionName(),
            author.displayName(), author.id());
        case SUBMITTED -> Future.failedFuture(new Problem(409, "under_review", "案例正在审核中，审核完成前不能修改。"));
      };
    })).compose(v -> state(id));
  }

  /** Adds an attachment to the author's draft; the type is taken from the bytes, not the name. */
  public Future<UUID> attach(Account author, String id, String fileName, byte[] data) {
    if (!CasePolicy.mayWrite(author)) {
      return Future.failedFuture(Problem.forbidden());
    }
    if (data.length == 0 || data.length > MAX_ATTACHMENT_BYTES) {
      return Future.failedFuture(Problem.badRequest(fileName + "：附件不能为空，且不超过 10 MB。"));
    }
    String type = Attachments.contentType(fileName, data);
    if (type == null) {
      return Future.failedFuture(Problem.badRequest(fileName + "：只接受 PDF、Word 文档（.docx）和图片（PNG、JPEG）。"));
    }
    UUID attachmentId = UUID.randomUUID();
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      if (!CasePolicy.mayEdit(author, subject(s, null))) {
        return Future.<Void>failedFuture(Problem.forbidden());
      }
      if (!s.status().editable()) {
        return Future.<Void>failedFuture(new Problem(409, "not_draft", "只能给草稿或退回修改的案例添加附件。"));
      }
      return store.insertAttachment(tx, attachmentId, id, s.revision(), Attachments.safeName(fileName), type, data,
          author.id());
    })).map(attachmentId);
  }

  /**
   * An attachment: one the published revision carries (added to it or to an earlier revision, as
   * the case page lists them) is for every reader; one added to a later draft, a submission or a
   * returned revision only for the author and the case's reviewers.
   */
  public Future<AttachmentFile> attachment(Account viewer, String id, UUID attachmentId) {
    return store.attachment(pool, id, attachmentId).compose(a -> {
      if (a == null) {
        return Future.failedFuture(Problem.notFound());
      }
      Future<OrgUnit> unit = a.live() || viewer.id().equals(a.authorId()) ? Future.succeededFuture()
          : orgUnits.unit(a.orgUnitId());
      return unit.compose(u -> CasePolicy.maySee(viewer, new CasePolicy.Subject(a.authorId(), u, a.live()))
          ? Future.succeededFuture(new AttachmentFile(a.fileName(), a.contentType(), a.data()))
          : Future.failedFuture(Problem.forbidden()));
    });
  }

  /** Submits for review. Anything the privacy check finds blocks it until fixed or confirmed fictional. */
  public Future<CaseState> submit(Account author, String id) {
    if (!CasePolicy.mayWrite(author)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> {
      if (!CasePolicy.maySubmit(author, subject(s, null))) {
        return Future.<Void>failedFuture(Problem.forbidden());
      }
      if (!s.status().editable()) {
        return Future.<Void>failedFuture(new Problem(409, "not_draft", "只有草稿或退回修改的案例可以提交。"));
      }
      return store.attachmentNames(tx, id).compose(fileNames -> {
        List<PrivacyCheck.Finding> findings = PrivacyCheck.scan(checkedText(s.content(), fileNames));
        if (!findings.isEmpty() && !s.content().privacyConfirmed()) {
          List<String> details = findings.stream().map(f -> f.kind().label() + "：" + f.text()).toList();
          return Future.failedFuture(new Problem(400, "privacy", "案例中可能含有个人信息。请删改，或勾选“"
              + PrivacyCheck.CONFIRM_LABEL + "”并保存后再提交。", details));
        }
        return store.setStatus(tx, id, s.revision(), CaseStatus.SUBMITTED)
            .compose(v -> store.event(tx, id, s.revision(), ReviewAction.SUBMIT, author.id(), author.displayName(),
                null));
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
          : store.setStatus(tx, id, s.publishedRevision(), CaseStatus.SUPERSEDED);
      return supersede.compose(v -> store.setStatus(tx, id, s.revision(), CaseStatus.PUBLISHED))
          .compose(v -> store.publish(tx, id, s.revision()))
          .compose(v -> store.event(tx, id, s.revision(), ReviewAction.APPROVE, reviewer.id(),
              reviewer.displayName(), comment));
    }, true).compose(s -> onPublishedChange.apply(id).map(s));
  }

  public Future<CaseState> returnForChanges(Account reviewer, String id, String comment) {
    if (!CasePolicy.mayReviewAny(reviewer)) {
      return Future.failedFuture(Problem.forbidden());
    }
    if (comment == null || comment.isBlank()) {
      return Future.failedFuture(Problem.badRequest("退回时请写明修改意见。"));
    }
    return review(reviewer, id, tx -> s -> store.setStatus(tx, id, s.revision(), CaseStatus.RETURNED)
        .compose(v -> store.event(tx, id, s.revision(), ReviewAction.RETURN, reviewer.id(), reviewer.displayName(),
            comment)), true);
  }

  /** Takes a published case out of the library (it stays in the database). */
  public Future<CaseState> retract(Account reviewer, String id, String comment) {
    return review(reviewer, id, tx -> s -> {
      if (!s.live()) {
        return Future.failedFuture(new Problem(409, "not_published", "案例没有处于发布状态。"));
      }
      return store.retract(tx, id).compose(v -> store.event(tx, id, s.publishedRevision(), ReviewAction.RETRACT,
          reviewer.id(), reviewer.displayName(), comment));
    }, false).compose(s -> onPublishedChange.apply(id).map(s));
  }

  /** Submissions the reviewer may decide (their unit and below). */
  public Future<List<Pending>> queue(Account reviewer) {
    return decidable(reviewer).map(list -> list.stream()
        .map(s -> new Pending(s.id(), s.revision(), s.content().title(), s.authorName())).toList());
  }

  /**
   * The review queue with what the reviewer reads of each submission: three queries in all,
   * however long the queue (submissions, the reviewer's units, the attachments).
   */
  public Future<List<Submission>> submissions(Account reviewer) {
    return decidable(reviewer).compose(list -> {
      Map<String, Integer> revisions = new LinkedHashMap<>();
      list.forEach(s -> revisions.put(s.id(), s.revision()));
      return store.attachments(pool, revisions).map(files -> list.stream()
          .map(s -> new Submission(s, files.get(s.id()))).toList());
    });
  }

  private Future<List<CaseState>> decidable(Account reviewer) {
    if (!CasePolicy.mayReviewAny(reviewer)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return Future.<List<OrgUnit>>future(p -> orgUnits.within(reviewer).onComplete(p))
        .compose(units -> store.submitted(pool).map(all -> {
          Map<UUID, OrgUnit> reachable = new java.util.HashMap<>();
          units.forEach(u -> reachable.put(u.id(), u));
          return all.stream().filter(s -> CasePolicy.mayReview(reviewer,
              subject(s, s.orgUnitId() == null ? null : reachable.get(s.orgUnitId())))).toList();
        }));
  }

  /** The published revision of a case, as every signed-in reader sees it; 404 when there is none. */
  public Future<CaseState> published(String id) {
    return store.published(pool, id).compose(s -> s == null ? Future.failedFuture(Problem.notFound())
        : Future.succeededFuture(s));
  }

  public Future<List<AttachmentInfo>> attachments(String id, int revision) {
    return store.attachments(pool, id, revision);
  }

  /** Every recorded step of a case, oldest first: for its author and its reviewers, and for staff reading it. */
  public Future<List<ReviewStep>> history(String id) {
    return store.history(pool, id);
  }

  /** A case's review record for a viewer allowed it by {@link CasePolicy#maySeeHistory}; 403 otherwise. */
  public Future<List<ReviewStep>> history(Account viewer, String id) {
    return state(id).compose(s -> subject(s).compose(subject -> CasePolicy.maySeeHistory(viewer, subject)
        ? history(id) : Future.failedFuture(Problem.forbidden())));
  }

  /** The author's cases, most recently changed first, with the reviewer's comment on a returned one. */
  public Future<List<AuthoredCase>> authoredBy(Account author) {
    if (!CasePolicy.mayWrite(author)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return store.authoredBy(pool, author.id()).map(list -> {
      List<AuthoredCase> out = new ArrayList<>(list);
      out.sort(Comparator.comparing(AuthoredCase::updatedAt).reversed());
      return out;
    });
  }

  public Future<CaseState> state(String id) {
    return store.latest(pool, id).compose(s -> s == null ? Future.failedFuture(Problem.notFound())
        : Future.succeededFuture(s));
  }

  /** The newest revision for its editor (the author); 403 for anyone else. */
  public Future<CaseState> forEditor(Account viewer, String id) {
    return state(id).compose(s -> CasePolicy.mayOpenEditor(viewer, subject(s, null)) ? Future.succeededFuture(s)
        : Future.failedFuture(Problem.forbidden()));
  }

  private interface Step {
    Future<Void> apply(CaseState s);
  }

  private Future<CaseState> review(Account reviewer, String id, Function<SqlConnection, Step> step,
                                   boolean needsSubmission) {
    if (!CasePolicy.mayReviewAny(reviewer)) {
      return Future.failedFuture(Problem.forbidden());
    }
    return pool.withTransaction(tx -> lockedLatest(tx, id).compose(s -> subject(s).compose(subject -> {
      if (!CasePolicy.mayReview(reviewer, subject)) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (needsSubmission && s.status() != CaseStatus.SUBMITTED) {
        return Future.failedFuture(new Problem(409, "not_submitted", "这个案例不在待审核状态。"));
      }
      return step.apply(tx).apply(s);
    }))).compose(v -> state(id));
  }

  /** Whether the account may decide on this case (an organiser of its unit or above, or an admin). */
  public Future<Boolean> mayReview(Account a, CaseState s) {
    if (!CasePolicy.mayReviewAny(a)) {
      return Future.succeededFuture(false);
    }
    return subject(s).map(subject -> CasePolicy.mayReview(a, subject));
  }

  /** The case as the policy sees it, with its org unit looked up. */
  private Future<CasePolicy.Subject> subject(CaseState s) {
    return orgUnits.unit(s.orgUnitId()).map(unit -> subject(s, unit));
  }

  /** The case as the policy sees it, with its org unit as known (null when not needed or none). */
  private static CasePolicy.Subject subject(CaseState s, OrgUnit unit) {
    return new CasePolicy.Subject(s.authorId(), unit, s.live());
  }

  private Future<CaseState> lockedLatest(SqlConnection tx, String id) {
    return store.lock(tx, id).compose(found -> found ? store.latest(tx, id)
        : Future.failedFuture(Problem.notFound()));
  }

  static String newId() {
    StringBuilder sb = new StringBuilder("k-");
    for (int i = 0; i < 10; i++) {
      sb.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
    }
    return sb.toString();
  }
}
