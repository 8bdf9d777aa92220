package org.qinglan.cases;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.cases.search.CaseQuery;
import org.qinglan.cases.search.CaseVocabulary;
import org.qinglan.cases.search.FacetCount;
import org.qinglan.cases.search.Hit;
import org.qinglan.cases.search.SearchResult;
import org.qinglan.people.Account;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.JsonBody;
import org.qinglan.web.Paging;
import org.qinglan.web.QueryStrings;
import org.qinglan.web.Responses;
import org.qinglan.web.RichText;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** The case library's writing and review API (/api/v1/cases…). */
public final class CaseRoutes {
  /** What the edit page confirms after a step (?done=…); any other value shows nothing. */
  static final Map<String, String> EDIT_NOTICES = Map.of(
      "created", "案例已保存为草稿。可以继续修改、上传附件，准备好后提交审核。",
      "saved", "已保存。",
      "uploaded", "附件已上传。",
      "submitted", "已提交审核。审核结果会显示在本页和“我的案例”中。");
  /** What the review page confirms after a decision (?done=…). */
  static final Map<String, String> REVIEW_NOTICES = Map.of(
      "approved", "已通过并发布，案例已出现在案例库中。",
      "returned", "已退回给作者修改，作者会在“我的案例”中看到你的意见。",
      "retracted", "案例已撤下，不再出现在案例库中；它仍保存在系统里，作者可修改后重新提交。");
  private static final java.util.regex.Pattern CASE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final CaseService cases;
  private final CaseSearchService search;
  private final Views views;

  public CaseRoutes(CaseService cases, CaseSearchService search, Views views) {
    this.cases = cases;
    this.search = search;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/cases", Access.signedIn(), this::libraryPage);
    // Who may do what is CasePolicy's, asked by the service (and by the pages before a form is read).
    Access signedIn = Access.signedIn();
    routes.page(HttpMethod.GET, "/cases/new", signedIn, ctx -> {
      if (writer(ctx)) {
        editPage(ctx, 200, null, null, List.of(), null);
      }
    });
    routes.page(HttpMethod.POST, "/cases/new", signedIn, this::createForm);
    routes.page(HttpMethod.GET, "/cases/review", signedIn, this::reviewPage);
    routes.page(HttpMethod.GET, "/cases/mine", signedIn, this::minePage);
    routes.page(HttpMethod.GET, "/cases/:id/edit", signedIn, this::editExisting);
    routes.page(HttpMethod.POST, "/cases/:id/edit", signedIn, this::updateForm);
    routes.page(HttpMethod.POST, "/cases/:id/submit", signedIn, this::submitForm);
    routes.page(HttpMethod.POST, "/cases/:id/decision", signedIn, this::decideForm);
    routes.page(HttpMethod.POST, "/cases/:id/retraction", signedIn, ctx -> cases.retract(Auth.account(ctx),
            ctx.pathParam("id"), ctx.request().getFormAttribute("comment"))
        .onSuccess(s -> ctx.redirect("/cases/review?done=retracted")).onFailure(ctx::fail));
    routes.page(HttpMethod.GET, "/cases/:id", Access.signedIn(), this::casePage);
    // The library is internal training material: every search route needs a session.
    routes.api(HttpMethod.GET, "/api/v1/cases/search", Access.signedIn(), this::search);
    routes.api(HttpMethod.GET, "/api/v1/cases/suggestions", Access.signedIn(), ctx -> search.suggest(
            ctx.request().getParam("q", "")).onSuccess(list -> Responses.json(ctx, 200,
            new JsonObject().put("suggestions", new JsonArray(list)))).onFailure(ctx::fail));
    routes.api(HttpMethod.GET, "/api/v1/cases/:id/related", Access.signedIn(), ctx -> search.related(
            ctx.pathParam("id")).onSuccess(hits -> Responses.json(ctx, 200, new JsonObject().put("hits", hits(hits))))
        .onFailure(ctx::fail));
    routes.api(HttpMethod.GET, "/api/v1/cases/review-queue", signedIn, ctx -> cases.queue(Auth.account(ctx))
        .onSuccess(list -> {
          JsonArray items = new JsonArray();
          list.forEach(p -> items.add(json(p)));
          Responses.json(ctx, 200, new JsonObject().put("items", items).put("total", items.size()));
        }).onFailure(ctx::fail));
    routes.api(HttpMethod.GET, "/api/v1/cases/mine", signedIn, ctx -> cases.authoredBy(Auth.account(ctx))
        .onSuccess(list -> {
          JsonArray items = new JsonArray();
          list.forEach(c -> items.add(json(c)));
          Responses.json(ctx, 200, new JsonObject().put("items", items).put("total", items.size()));
        }).onFailure(ctx::fail));
    routes.api(HttpMethod.GET, "/api/v1/cases/:id/history", Access.signedIn(), this::history);
    // A save answers with what the privacy check finds, so the author learns it before submitting.
    routes.api(HttpMethod.POST, "/api/v1/cases", signedIn, ctx -> cases.create(Auth.account(ctx), input(ctx))
        .compose(id -> cases.privacyFindings(id).map(found -> new JsonObject().put("id", id)
            .put("privacyFindings", findings(found))))
        .onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(ctx::fail));
    routes.api(HttpMethod.PUT, "/api/v1/cases/:id", signedIn, ctx -> cases.update(Auth.account(ctx),
            ctx.pathParam("id"), input(ctx))
        .compose(s -> cases.privacyFindings(s.id()).map(found -> state(s).put("privacyFindings", findings(found))))
        .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail));
    routes.api(HttpMethod.POST, "/api/v1/cases/:id/submission", signedIn, ctx -> respond(ctx,
        cases.submit(Auth.account(ctx), ctx.pathParam("id"))));
    routes.api(HttpMethod.POST, "/api/v1/cases/:id/approval", signedIn, ctx -> respond(ctx,
        cases.approve(Auth.account(ctx), ctx.pathParam("id"), comment(ctx))));
    routes.api(HttpMethod.POST, "/api/v1/cases/:id/return", signedIn, ctx -> respond(ctx,
        cases.returnForChanges(Auth.account(ctx), ctx.pathParam("id"), comment(ctx))));
    routes.api(HttpMethod.POST, "/api/v1/cases/:id/retraction", signedIn, ctx -> respond(ctx,
        cases.retract(Auth.account(ctx), ctx.pathParam("id"), comment(ctx))));
    // Uploads are multipart forms (with their CSRF token), so they live outside the JSON API.
    routes.page(HttpMethod.POST, "/cases/:id/attachments", signedIn, this::upload);
    routes.page(HttpMethod.GET, "/cases/:id/attachments/:attachment", signedIn, this::download);
  }

  private void libraryPage(RoutingContext ctx) {
    CaseQuery q = query(ctx);
    search.search(q).onSuccess(result -> views.page(ctx, "cases/library.ftlh", "案例库", new LibraryPage(q.text(),
        result, q.filters(), q.filters().values().stream().mapToInt(List::size).sum(), q.sort().name(), q.page(),
        Math.max(1, (result.total() + q.size() - 1) / q.size()), labels(), QueryStrings.withoutPage(ctx),
        facetLinks(ctx, result), summaryInSnippets(result.hits()), null))).onFailure(t -> {
      if (t instanceof Problem p && p.status() == 400) {
        views.page(ctx, 400, "cases/library.ftlh", "案例库", new LibraryPage(q.text(), null, null, 0, null, 0, 0,
            labels(), null, null, null, p.getMessage()));
      } else {
        ctx.fail(t);
      }
    });
  }

  private void casePage(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    // The review record (with reviewers' comments) is for staff, not for every reader.
    Account me = Auth.account(ctx);
    boolean staff = CasePolicy.isStaff(me);
    cases.published(id).compose(s -> Future.all(cases.attachments(id, s.revision()), search.related(id),
            staff ? cases.history(id) : Future.succeededFuture(List.of()), cases.mayReview(me, s))
        .map(all -> new CasePage(s, RichText.toSafeHtml(s.content().body(), "MARKDOWN"), all.resultAt(0),
            all.resultAt(1), all.resultAt(2), me.id().equals(s.authorId()), all.resultAt(3), labels()))
        .onSuccess(page -> views.page(ctx, "cases/case.ftlh", s.content().title(), page))).onFailure(ctx::fail);
  }

  // ---- writing and reviewing in the browser ----

  /**
   * The edit form. What the privacy check finds in the texts and the attachments' names is shown
   * whenever the page is, so an author sees it right after saving, not first at submission.
   */
  private void editPage(RoutingContext ctx, int status, String id, CaseService.CaseState state, List<String> errors,
                        String notice) {
    if (id == null) {
      editPage(ctx, status, null, state, errors, notice, List.of(), List.of());
      return;
    }
    Future.all(cases.history(id), cases.state(id).compose(s -> cases.attachments(id, s.revision())))
        .onSuccess(all -> editPage(ctx, status, id, state, errors, notice, all.resultAt(0), all.resultAt(1)))
        .onFailure(ctx::fail);
  }

  private void editPage(RoutingContext ctx, int status, String id, CaseService.CaseState state, List<String> errors,
                        String notice, List<CaseService.ReviewStep> history,
                        List<CaseService.AttachmentInfo> attachments) {
    String markedHtml = null;
    if (state != null) {
      String checked = CaseService.checkedText(state.content(),
          attachments.stream().map(CaseService.AttachmentInfo::fileName).toList());
      List<PrivacyCheck.Finding> findings = PrivacyCheck.scan(checked);
      if (!findings.isEmpty()) {
        markedHtml = PrivacyCheck.markedLines(checked, findings);
      }
    }
    views.page(ctx, status, "cases/edit.ftlh", id == null ? "新建案例" : "编辑案例", new EditPage(history, attachments,
        id, state, state == null ? new CaseInput("", "", "", List.of(), List.of(), null, null, List.of(), false)
        : state.content(), errors, notice, CaseVocabulary.TOPICS, CaseVocabulary.METHODS,
        CaseVocabulary.COMMUNITY_TYPES, PrivacyCheck.CONFIRM_LABEL, PrivacyCheck.advice(), markedHtml));
  }

  private static final String YEAR_NOT_A_NUMBER = "年份请填写数字，例如 2025";

  private static CaseInput formInput(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Integer year = null;
    if (f.get("year") != null && !f.get("year").isBlank()) {
      year = yearOf(f.get("year"));
    }
    List<String> tags = new ArrayList<>();
    for (String t : (f.get("tags") == null ? "" : f.get("tags")).split("[,，、\\s]+")) {
      if (!t.isBlank()) {
        tags.add(t.strip());
      }
    }
    return new CaseInput(f.get("title"), f.get("summary"), f.get("body"), f.getAll("topics"), f.getAll("methods"),
        f.get("communityType") == null || f.get("communityType").isBlank() ? null : f.get("communityType"), year, tags,
        f.get("privacyConfirmed") != null);
  }

  /** The year typed in the form, or null when it is not a number (yearProblem says so). */
  private static Integer yearOf(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A year that is not a number, as a form problem (the form comes back with what was typed). */
  private boolean yearProblem(RoutingContext ctx, String id, CaseInput input) {
    String year = ctx.request().getFormAttribute("year");
    if (year != null && !year.isBlank() && input.year() == null) {
      formFailure(ctx, id, input, Problem.badRequest("请更正以下问题。", List.of(YEAR_NOT_A_NUMBER)));
      return true;
    }
    return false;
  }

  /** Whether the signed-in person writes cases; refuses the request when not. */
  private static boolean writer(RoutingContext ctx) {
    if (!CasePolicy.mayWrite(Auth.account(ctx))) {
      ctx.fail(Problem.forbidden());
      return false;
    }
    return true;
  }

  private void createForm(RoutingContext ctx) {
    if (!writer(ctx)) {
      return;
    }
    CaseInput input = formInput(ctx);
    if (yearProblem(ctx, null, input)) {
      return;
    }
    cases.create(Auth.account(ctx), input).onSuccess(id -> ctx.redirect("/cases/" + id + "/edit?done=created"))
        .onFailure(t -> formFailure(ctx, null, input, t));
  }

  private void updateForm(RoutingContext ctx) {
    if (!writer(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    CaseInput input = formInput(ctx);
    if (yearProblem(ctx, id, input)) {
      return;
    }
    cases.update(Auth.account(ctx), id, input).onSuccess(s -> ctx.redirect("/cases/" + id + "/edit?done=saved"))
        .onFailure(t -> formFailure(ctx, id, input, t));
  }

  private void formFailure(RoutingContext ctx, String id, CaseInput input, Throwable t) {
    if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
      CaseService.CaseState shown = new CaseService.CaseState(id, null, null, CaseSource.EDITOR, null, false, 0,
          CaseStatus.DRAFT, input, null, "");
      editPage(ctx, p.status(), id, shown, p.details().isEmpty() ? List.of(p.getMessage()) : p.details(), null);
    } else {
      ctx.fail(t);
    }
  }

  private void editExisting(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    cases.forEditor(Auth.account(ctx), id)
        .onSuccess(s -> editPage(ctx, 200, id, s, List.of(), EDIT_NOTICES.get(ctx.request().getParam("done", ""))))
        .onFailure(ctx::fail);
  }

  private void submitForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    cases.submit(Auth.account(ctx), id).onSuccess(s -> ctx.redirect("/cases/" + id + "/edit?done=submitted"))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            cases.state(id).onSuccess(s -> editPage(ctx, p.status(), id, s, List.of(p.getMessage()), null))
                .onFailure(ctx::fail);
          } else {
            ctx.fail(t);
          }
        });
  }

  /**
   * The library: the search ({@code q}, chosen {@code filters}, {@code sort}), one page of its
   * result with links that add or remove each facet value; after a refused query only {@code q},
   * {@code error} and {@code labels}.
   */
  public record LibraryPage(String q, SearchResult result, Map<String, List<String>> filters, int chosenCount,
                            String sort, int page, long pages, Map<String, String> labels, String base,
                            Map<String, Map<String, String>> facetLinks, List<String> summaryInSnippets,
                            String error) {
  }

  /**
   * A published case: its body as safe HTML, attachments, related cases, the review record (staff
   * only, else empty), whether the reader wrote it or may retract it.
   */
  public record CasePage(CaseService.CaseState c, String bodyHtml, List<CaseService.AttachmentInfo> attachments,
                         List<Hit> related, List<CaseService.ReviewStep> history, boolean mine, boolean mayRetract,
                         Map<String, String> labels) {
  }

  /**
   * The edit form: the case ({@code s}, null for a new one) and its texts ({@code k}), its record
   * and attachments, the vocabularies, the privacy check's advice and what it marks (or null).
   */
  public record EditPage(List<CaseService.ReviewStep> history, List<CaseService.AttachmentInfo> attachments,
                         String id, CaseService.CaseState s, CaseInput k, List<String> errors, String notice,
                         Map<String, String> topics, Map<String, String> methods, Map<String, String> types,
                         String confirmLabel, String privacyAdvice, String markedHtml) {
  }

  /** The review queue, what the last decision did, and the case just approved (to open it). */
  public record ReviewPage(List<ReviewItem> items, Map<String, String> labels, String notice, String decidedCase) {
  }

  /** An author's cases, in every state. */
  public record MinePage(List<CaseService.AuthoredCase> cases) {
  }

  /** A submission on the review page: the case, its body as safe HTML, its attachments, the privacy marks. */
  public record ReviewItem(CaseService.CaseState s, String bodyHtml, List<CaseService.AttachmentInfo> attachments,
                           String markedHtml) {
  }

  private void reviewPage(RoutingContext ctx) {
    cases.submissions(Auth.account(ctx)).map(list -> list.stream().map(submission -> {
        CaseService.CaseState s = submission.state();
        List<CaseService.AttachmentInfo> files = submission.attachments();
        // What the author confirmed as fictional, marked for the reviewer to judge.
        String checked = CaseService.checkedText(s.content(),
            files.stream().map(CaseService.AttachmentInfo::fileName).toList());
        List<PrivacyCheck.Finding> findings = PrivacyCheck.scan(checked);
        return new ReviewItem(s, RichText.toSafeHtml(s.content().body(), "MARKDOWN"), files,
            findings.isEmpty() ? "" : PrivacyCheck.markedLines(checked, findings));
      }).toList()).onSuccess(items -> {
      String decided = ctx.request().getParam("case");
      boolean approved = "approved".equals(ctx.request().getParam("done")) && decided != null
          && CASE_ID.matcher(decided).matches();
      views.page(ctx, "cases/review.ftlh", "案例审核", new ReviewPage(items, labels(),
          REVIEW_NOTICES.get(ctx.request().getParam("done", "")), approved ? decided : null));
    }).onFailure(ctx::fail);
  }

  /** The review record: for the author, the case's reviewers, and staff reading a published case. */
  private void history(RoutingContext ctx) {
    Account me = Auth.account(ctx);
    String id = ctx.pathParam("id");
    cases.history(me, id).onSuccess(steps -> {
      JsonArray items = new JsonArray();
      steps.forEach(h -> items.add(json(h)));
      Responses.json(ctx, 200, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void minePage(RoutingContext ctx) {
    cases.authoredBy(Auth.account(ctx)).onSuccess(list -> views.page(ctx, "cases/mine.ftlh", "我的案例",
        new MinePage(list))).onFailure(ctx::fail);
  }

  private void decideForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String decision = ctx.request().getFormAttribute("decision");
    String comment = ctx.request().getFormAttribute("comment");
    Account me = Auth.account(ctx);
    if (!CasePolicy.mayReviewAny(me)) {
      ctx.fail(Problem.forbidden());
      return;
    }
    Future<CaseService.CaseState> f = "approve".equals(decision) ? cases.approve(me, id, comment)
        : "return".equals(decision) ? cases.returnForChanges(me, id, comment)
        : Future.failedFuture(Problem.badRequest("请选择通过或退回。"));
    f.onSuccess(s -> ctx.redirect("approve".equals(decision) ? "/cases/review?done=approved&case=" + s.id()
        : "/cases/review?done=returned")).onFailure(ctx::fail);
  }

  private static Map<String, String> labels() {
    Map<String, String> all = new HashMap<>();
    all.putAll(CaseVocabulary.TOPICS);
    all.putAll(CaseVocabulary.METHODS);
    all.putAll(CaseVocabulary.COMMUNITY_TYPES);
    return all;
  }

  /** The hits whose whole summary is one of their highlighted snippets (shown once, highlighted). */
  static List<String> summaryInSnippets(List<Hit> hits) {
    List<String> out = new ArrayList<>();
    for (Hit h : hits) {
      String summary = lettersAndDigits(h.summary());
      if (!summary.isEmpty() && h.highlights().stream()
          .anyMatch(snippet -> lettersAndDigits(snippet.replace("<mark>", "").replace("</mark>", "")).equals(summary))) {
        out.add(h.id());
      }
    }
    return out;
  }

  /** The text without punctuation, spaces and ellipses, to compare a snippet with its source. */
  private static String lettersAndDigits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /** For every facet value shown, the link that adds it to the filters, or takes it out if chosen. */
  private static Map<String, Map<String, String>> facetLinks(RoutingContext ctx, SearchResult result) {
    Map<String, Map<String, String>> out = new HashMap<>();
    result.facets().forEach((field, counts) -> {
      Map<String, String> links = new HashMap<>();
      for (FacetCount fc : counts) {
        boolean chosen = ctx.queryParams().getAll(field).contains(fc.value());
        String others = QueryStrings.without(ctx, (k, v) -> k.equals("page") || k.equals(field) && v.equals(fc.value()));
        String toggled = chosen ? others
            : others + (others.isEmpty() ? "" : "&") + QueryStrings.encode(field) + "=" + QueryStrings.encode(fc.value());
        links.put(fc.value(), "/cases?" + toggled);
      }
      out.put(field, links);
    });
    return out;
  }

  private static CaseQuery query(RoutingContext ctx) {
    var r = ctx.request();
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String field : CaseQuery.FACET_FIELDS) {
      List<String> values = r.params().getAll(field);
      if (!values.isEmpty()) {
        filters.put(field, values);
      }
    }
    CaseQuery.Sort sort = "date".equalsIgnoreCase(r.getParam("sort"))
        ? CaseQuery.Sort.DATE : CaseQuery.Sort.RELEVANCE;
    return new CaseQuery(r.getParam("q", ""), filters, sort, Paging.page(ctx),
        Paging.size(ctx, CaseQuery.DEFAULT_SIZE, CaseQuery.MAX_SIZE));
  }

  private void search(RoutingContext ctx) {
    CaseQuery q = query(ctx);
    int page = q.page();
    int size = q.size();
    search.search(q)
        .onSuccess(result -> {
          JsonObject facets = new JsonObject();
          result.facets().forEach((field, counts) -> {
            JsonArray a = new JsonArray();
            counts.forEach(c -> a.add(new JsonObject().put("value", c.value()).put("count", c.count())));
            facets.put(field, a);
          });
          Responses.json(ctx, 200, new JsonObject().put("total", result.total()).put("page", page).put("size", size)
              .put("hits", hits(result.hits())).put("facets", facets));
        }).onFailure(ctx::fail);
  }

  private static JsonArray hits(List<Hit> hits) {
    JsonArray a = new JsonArray();
    hits.forEach(h -> a.add(new JsonObject().put("id", h.id()).put("title", h.title()).put("summary", h.summary())
        .put("highlights", new JsonArray(h.highlights())).put("score", h.score())));
    return a;
  }

  private void upload(RoutingContext ctx) {
    if (!writer(ctx)) {
      return;
    }
    if (ctx.fileUploads().isEmpty()) {
      ctx.fail(Problem.badRequest("请选择要上传的附件。"));
      return;
    }
    FileUpload f = ctx.fileUploads().get(0);
    if (f.size() > CaseService.MAX_ATTACHMENT_BYTES) {
      ctx.fail(Problem.badRequest(f.fileName() + "：附件不能超过 10 MB。"));
      return;
    }
    String id = ctx.pathParam("id");
    ctx.vertx().fileSystem().readFile(f.uploadedFileName())
        .compose(b -> cases.attach(Auth.account(ctx), id, f.fileName(), b.getBytes()))
        .onSuccess(attachmentId -> {
          if (fromBrowserForm(ctx)) {
            ctx.redirect("/cases/" + id + "/edit?done=uploaded");
          } else {
            Responses.json(ctx, 201, new JsonObject().put("attachmentId", attachmentId.toString()));
          }
        })
        .onFailure(t -> {
          if (fromBrowserForm(ctx) && t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            cases.state(id).onSuccess(s -> editPage(ctx, p.status(), id, s, List.of(p.getMessage()), null))
                .onFailure(ctx::fail);
          } else {
            ctx.fail(t);
          }
        });
  }

  /** A page form (which wants a page back) rather than a script (which wants JSON). */
  private static boolean fromBrowserForm(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  private void download(RoutingContext ctx) {
    UUID attachmentId;
    try {
      attachmentId = UUID.fromString(ctx.pathParam("attachment"));
    } catch (IllegalArgumentException e) {
      ctx.fail(Problem.notFound());
      return;
    }
    cases.attachment(Auth.account(ctx), ctx.pathParam("id"), attachmentId).onSuccess(a -> ctx.response()
        .putHeader("Content-Type", a.contentType())
        .putHeader("Content-Disposition", "attachment; filename*=UTF-8''"
            + URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
        .putHeader("Cache-Control", "private, no-store")
        .end(Buffer.buffer(a.data()))).onFailure(ctx::fail);
  }

  private static void respond(RoutingContext ctx, Future<CaseService.CaseState> f) {
    f.onSuccess(s -> Responses.json(ctx, 200, state(s))).onFailure(ctx::fail);
  }

  // ---- the JSON of each exposed type, one mapping each ----

  private static JsonObject json(CaseService.Pending p) {
    return new JsonObject().put("id", p.id()).put("revision", p.revision()).put("title", p.title())
        .put("author", p.authorName());
  }

  private static JsonObject json(CaseService.AuthoredCase c) {
    return new JsonObject().put("id", c.id()).put("title", c.title()).put("revision", c.revision())
        .put("status", c.status().name()).put("live", c.live()).put("updatedAt", c.updatedAt().toInstant().toString())
        .put("returnComment", c.returnComment());
  }

  private static JsonObject json(CaseService.ReviewStep h) {
    return new JsonObject().put("revision", h.revision()).put("action", h.action().name()).put("actor", h.actorName())
        .put("comment", h.comment()).put("at", h.at().toInstant().toString());
  }

  private static JsonObject state(CaseService.CaseState s) {
    return new JsonObject().put("id", s.id()).put("revision", s.revision()).put("status", s.status().name())
        .put("publishedRevision", s.publishedRevision()).put("retracted", s.retracted());
  }

  private static JsonArray findings(List<PrivacyCheck.Finding> found) {
    JsonArray a = new JsonArray();
    found.forEach(f -> a.add(new JsonObject().put("kind", f.kind().name()).put("label", f.kind().label())
        .put("text", f.text())));
    return a;
  }

  private static String comment(RoutingContext ctx) {
    JsonObject b = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : JsonBody.object(ctx);
    return b.getValue("comment") instanceof String s ? s : null;
  }

  private static CaseInput input(RoutingContext ctx) {
    JsonObject b = JsonBody.object(ctx);
    return new CaseInput(str(b, "title"), str(b, "summary"), str(b, "body"), list(b, "topics"), list(b, "methods"),
        str(b, "communityType"), b.getValue("year") instanceof Number n ? n.intValue() : null, list(b, "tags"),
        Boolean.TRUE.equals(b.getValue("privacyConfirmed")));
  }

  private static String str(JsonObject b, String key) {
    return b.getValue(key) instanceof String s ? s : null;
  }

  private static List<String> list(JsonObject b, String key) {
    List<String> out = new ArrayList<>();
    if (b.getValue(key) instanceof JsonArray a) {
      a.forEach(x -> {
        if (x instanceof String s) {
          out.add(s);
        }
      });
    }
    return out;
  }
}
