package org.qinglan.exam.manage;

import org.qinglan.exam.StoredQuestion;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.QuestionView;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.TextFormat;
import org.qinglan.exam.manage.QuestionBankService.CategoryPage;
import org.qinglan.exam.manage.QuestionBankService.Item;
import org.qinglan.exam.manage.QuestionBankStore.Category;
import org.qinglan.exam.manage.QuestionBankStore.Managed;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * Trainers' (and admins') question-bank pages under /question-bank: categories, uploads, the
 * question editor, retiring, exports, and statistics (also as JSON under /api/v1/question-bank).
 */
public final class QuestionBankRoutes {
  /** Largest question file accepted; a chapter of several hundred questions is far smaller. */
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
  /** Signed in as one of {@link QuestionBankPolicy#MANAGERS}; the service asks the policy about the rest. */
  static final Access TRAINERS = Access.roles(QuestionBankPolicy.MANAGERS);
  private static final List<String> EXTENSIONS = List.of(".gift", ".txt", ".xml");

  private final Vertx vertx;
  private final QuestionBankService bank;
  private final Views views;

  public QuestionBankRoutes(Vertx vertx, QuestionBankService bank, Views views) {
    this.vertx = vertx;
    this.bank = bank;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/question-bank", TRAINERS, ctx -> overview(ctx, 200, null, List.of(), Map.of()));
    routes.page(HttpMethod.POST, "/question-bank/categories", TRAINERS, this::createCategory);
    routes.page(HttpMethod.GET, "/question-bank/categories/:id", TRAINERS,
        ctx -> category(ctx, 200, pathId(ctx), null, List.of()));
    routes.page(HttpMethod.POST, "/question-bank/categories/:id/import", TRAINERS, this::upload);
    routes.page(HttpMethod.GET, "/question-bank/categories/:id/export", TRAINERS, this::export);
    routes.page(HttpMethod.GET, "/question-bank/questions/:id", TRAINERS,
        ctx -> question(ctx, 200, pathId(ctx), null, List.of()));
    routes.page(HttpMethod.POST, "/question-bank/questions/:id", TRAINERS, this::edit);
    routes.page(HttpMethod.POST, "/question-bank/questions/:id/retire", TRAINERS, ctx -> retire(ctx, true));
    routes.page(HttpMethod.POST, "/question-bank/questions/:id/unretire", TRAINERS, ctx -> retire(ctx, false));
    routes.api(HttpMethod.GET, "/api/v1/question-bank/categories/:id/stats", TRAINERS, this::apiStats);
  }

  // ---- categories ----

  private void overview(RoutingContext ctx, int status, String message, List<String> errors, Map<String, String> form) {
    Account me = Auth.account(ctx);
    bank.overview(me).onSuccess(o -> {
      List<CategoryRow> shipped = o.shipped().stream().map(c -> categoryRow(c, c.path(), null)).toList();
      List<CategoryRow> own = o.own().stream().map(uc -> categoryRow(uc.category(), uc.category().path(),
          uc.unit() == null ? "" : uc.unit().name())).toList();
      String unit = form.getOrDefault("unit", me.orgUnit() == null ? "" : me.orgUnit().id().toString());
      views.page(ctx, status, "exam/bank.ftlh", "题库管理", new BankPage(shipped, own, o.units(), message, errors,
          form.getOrDefault("path", ""), form.getOrDefault("description", ""), unit));
    }).onFailure(ctx::fail);
  }

  private void createCategory(RoutingContext ctx) {
    MultiMap f = ctx.request().formAttributes();
    Map<String, String> form = new HashMap<>();
    form.put("path", orEmpty(f.get("path")));
    form.put("description", orEmpty(f.get("description")));
    form.put("unit", orEmpty(f.get("unit")));
    UUID unit = parseUuid(f.get("unit"));
    bank.createCategory(Auth.account(ctx), f.get("path"), unit, f.get("description"))
        .onSuccess(c -> ctx.redirect("/question-bank/categories/" + c.id()))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            overview(ctx, p.status(), p.getMessage(), p.details(), form);
          } else {
            ctx.fail(t);
          }
        });
  }

  private void category(RoutingContext ctx, int status, UUID id, String message, List<String> errors) {
    bank.categoryPage(Auth.account(ctx), id).onSuccess(page -> {
      Category c = page.scoped().category();
      CategoryHead cat = new CategoryHead(c.id().toString(), c.display(), c.active(), c.retired(), c.shipped(),
          page.scoped().canChange(), page.scoped().unit() == null ? "" : page.scoped().unit().name(),
          c.description().text());
      List<CategoryRow> below = page.subcategories().stream().map(sub -> categoryRow(sub,
          sub.path().subList(c.path().size(), sub.path().size()), null)).toList();
      List<ItemRow> rows = page.items().stream().map(i -> itemRow(i, c.path())).toList();
      List<ItemRow> review = page.reviewFirst().stream().map(i -> itemRow(i, c.path())).toList();
      views.page(ctx, status, "exam/bank-category.ftlh", c.path().get(c.path().size() - 1), new BankCategoryPage(cat,
          below, rows, review, ItemAnalysis.MIN_SAMPLE, message, errors, MAX_FILE_BYTES / 1024));
    }).onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    UUID id = pathId(ctx);
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.isEmpty()) {
      category(ctx, 400, id, "请选择要上传的题目文件。", List.of());
      return;
    }
    FileUpload upload = uploads.get(0);
    String name = baseName(upload.fileName());
    String lower = name.toLowerCase(Locale.ROOT);
    if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
      category(ctx, 400, id, name + " 不是题目文件：请上传 GIFT（.gift 或 .txt）、Moodle XML（.xml）或 Aiken（.txt）文件。",
          List.of());
      return;
    }
    if (upload.size() > MAX_FILE_BYTES) {
      category(ctx, 400, id, name + " 超过 " + MAX_FILE_BYTES / 1024 + " KB，请拆分后上传。", List.of());
      return;
    }
    String chosen = ctx.request().getFormAttribute("format");
    QuestionFormat format;
    if (chosen == null || chosen.isBlank() || chosen.equals("auto")) {
      format = QuestionFormat.fromFileName(name);
    } else {
      try {
        format = QuestionFormat.fromCliName(chosen.strip());
      } catch (IllegalArgumentException e) {
        format = null;
      }
    }
    if (format == null) {
      category(ctx, 400, id, "无法确定 " + name + " 的格式，请在“格式”中选择。", List.of());
      return;
    }
    QuestionFormat f = format;
    vertx.fileSystem().readFile(upload.uploadedFileName())
        .compose(buffer -> bank.importFile(Auth.account(ctx), id, name, f, buffer.getBytes()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            QuestionBankService.ImportResult r = ar.result();
            List<String> types = new ArrayList<>();
            r.byType().forEach((type, n) -> types.add(type.label() + " " + n + " 道"));
            List<String> categories = new ArrayList<>();
            r.categories().forEach(p -> categories.add(CategoryPath.display(p)));
            views.page(ctx, 201, "exam/bank-imported.ftlh", "导入完成", new ImportedPage(r.file(), r.added(),
                r.category().id().toString(), r.category().display(), types, categories, r.notices()));
          } else if (ar.cause() instanceof Problem p && p.status() < 500 && p.status() != 403 && p.status() != 404) {
            category(ctx, p.status(), id, p.getMessage(), p.details());
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private void export(RoutingContext ctx) {
    String which = ctx.request().getParam("format");
    QuestionFormat format = which == null || which.isBlank() || which.equals("gift") ? QuestionFormat.GIFT
        : which.equals("moodle-xml") || which.equals("xml") ? QuestionFormat.MOODLE_XML : null;
    if (format == null) {
      ctx.fail(Problem.badRequest("导出格式只能是 gift 或 moodle-xml。"));
      return;
    }
    bank.export(Auth.account(ctx), pathId(ctx), format).onSuccess(e -> ctx.response()
        .putHeader("Content-Type", e.contentType())
        .putHeader("Content-Disposition", contentDisposition(e.fileName()))
        .putHeader("Cache-Control", "no-store")
        .end(e.content())).onFailure(ctx::fail);
  }

  // ---- questions ----

  private void question(RoutingContext ctx, int status, UUID id, QuestionEditForm.Fields submitted,
                        List<String> errors) {
    bank.questionPage(Auth.account(ctx), id).onSuccess(page -> {
      Managed q = page.question();
      boolean canChange = page.scoped().canChange() && !q.shipped();
      QuestionEditForm.Fields fields = submitted != null ? submitted : QuestionEditForm.of(q.question());
      List<RevisionRow> revisions = page.revisions().stream()
          .map(r -> new RevisionRow(r.revision(), format(r.changedAt()))).toList();
      views.page(ctx, status, "exam/bank-question.ftlh", q.question().name().isBlank() ? q.key() : q.question().name(),
          new BankQuestionPage(QuestionView.of(new StoredQuestion(q.id(), q.key(), q.revision(), q.type(), null,
              q.category(), q.orgUnitId(), q.question(), q.retired()), true), q.id().toString(), q.key(),
              q.question().name(), q.revision(), q.source().label(), q.retired(), format(q.retiredAt()),
              format(q.updatedAt()), q.question().tags(), q.categoryId().toString(), CategoryPath.display(q.category()),
              q.shipped(), canChange, canChange && QuestionEditForm.editable(q.type()), fields,
              q.type() == QuestionType.SINGLE_CHOICE, q.type() == QuestionType.MULTIPLE_CHOICE,
              q.type() == QuestionType.TRUE_FALSE, q.question().stem().format().name(), revisions,
              statsRow(page.stats()), ItemAnalysis.MIN_SAMPLE, errors,
              status == 200 && ctx.request().getParam("saved") != null));
    }).onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    UUID id = pathId(ctx);
    MultiMap f = ctx.request().formAttributes();
    List<QuestionEditForm.Option> options = new ArrayList<>();
    for (int i = 0; i < QuestionEditForm.MAX_OPTIONS; i++) {
      if (f.contains("option" + i) || f.contains("weight" + i)) {
        options.add(new QuestionEditForm.Option(orEmpty(f.get("option" + i)), orEmpty(f.get("weight" + i))));
      }
    }
    QuestionEditForm.Fields fields = new QuestionEditForm.Fields(f.get("stem"), f.get("explanation"), f.get("tags"),
        options, f.get("correct"), f.get("truth"));
    int revision;
    try {
      revision = Integer.parseInt(orEmpty(f.get("revision")).strip());
    } catch (NumberFormatException e) {
      ctx.fail(Problem.badRequest("表单缺少版本号，请重新打开编辑页面。"));
      return;
    }
    bank.edit(Auth.account(ctx), id, revision, fields)
        .onSuccess(r -> ctx.redirect("/question-bank/questions/" + id + "?saved=" + r))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            question(ctx, p.status(), id, withBlankRows(fields), p.details().isEmpty() ? List.of(p.getMessage())
                : p.details());
          } else {
            ctx.fail(t);
          }
        });
  }

  private void retire(RoutingContext ctx, boolean retired) {
    UUID id = pathId(ctx);
    bank.setRetired(Auth.account(ctx), id, retired)
        .onSuccess(changed -> ctx.redirect("/question-bank/questions/" + id))
        .onFailure(ctx::fail);
  }

  // ---- API ----

  private void apiStats(RoutingContext ctx) {
    bank.categoryPage(Auth.account(ctx), pathId(ctx)).onSuccess(page -> {
      Category c = page.scoped().category();
      JsonArray questions = new JsonArray();
      page.items().forEach(i -> questions.add(itemJson(i)));
      JsonArray review = new JsonArray();
      page.reviewFirst().forEach(i -> review.add(itemJson(i)));
      Responses.json(ctx, 200, new JsonObject()
          .put("category", new JsonObject().put("id", c.id().toString()).put("path", new JsonArray(c.path()))
              .put("shipped", c.shipped()))
          .put("minSampleForDiscrimination", ItemAnalysis.MIN_SAMPLE)
          .put("reviewBelow", ItemAnalysis.REVIEW_BELOW)
          .put("questions", questions)
          .put("reviewFirst", review));
    }).onFailure(ctx::fail);
  }

  private static JsonObject itemJson(Item i) {
    Managed q = i.question();
    ItemAnalysis.Result s = i.stats();
    return new JsonObject().put("id", q.id().toString()).put("key", q.key()).put("name", q.question().name())
        .put("type", q.type().key()).put("category", new JsonArray(q.category())).put("retired", q.retired())
        .put("attempts", s.attempts()).put("workers", s.workers()).put("facility", s.facility())
        .put("discrimination", s.discrimination()).put("sample", s.sample());
  }

  // ---- page models ----

  /**
   * The bank's overview: shipped categories, the viewer's units' categories, the units a category
   * may be made for, and the new-category form (as typed, when refused).
   */
  public record BankPage(List<CategoryRow> shipped, List<CategoryRow> own, List<OrgUnitService.TreeRow> units,
                         String message, List<String> errors, String formPath, String formDescription,
                         String formUnit) {
  }

  /**
   * A category as a list shows it: its path below the page's category ({@code name}), its whole
   * path ({@code full}), how deep it sits, its questions in use and retired, and (in the overview
   * of units' categories) its unit's name.
   */
  public record CategoryRow(String id, String name, String full, int depth, long active, long retired, String unit) {
  }

  /** A category's page: the category, its sub-categories, its questions and those to review first. */
  public record BankCategoryPage(CategoryHead cat, List<CategoryRow> subcategories, List<ItemRow> questions,
                                 List<ItemRow> reviewFirst, int minSample, String message, List<String> errors,
                                 long maxKb) {
  }

  /** The category a page is about: whether it is shipped or may be changed, its unit and description. */
  public record CategoryHead(String id, String full, long active, long retired, boolean shipped, boolean canChange,
                             String unit, String description) {
  }

  /** A question in a category's list, with its statistics shown as text ("—" when not known yet). */
  public record ItemRow(String id, String key, String shortKey, String snippet, String type, String sub,
                        boolean retired, String source, int revision, long attempts, int workers, String facility,
                        String discrimination, int sample, boolean needsReview) {
  }

  /** A question's statistics as its page shows them ("—" when not known yet). */
  public record StatsRow(long attempts, int workers, String facility, String discrimination, int sample,
                         boolean needsReview) {
  }

  /** What an upload added: how many questions of each type, into which categories, and what to check. */
  public record ImportedPage(String file, int added, String catId, String catName, List<String> types,
                             List<String> categories, List<String> notices) {
  }

  /**
   * A question's page: the question as learners see it with its key, its facts, the edit form
   * ({@code f}: stored, or as submitted when refused), the revisions it replaced and its statistics.
   */
  public record BankQuestionPage(QuestionView q, String id, String key, String name, int revision, String source,
                                 boolean retired, String retiredAt, String updatedAt, List<String> tags, String catId,
                                 String catName, boolean shipped, boolean canChange, boolean editable,
                                 QuestionEditForm.Fields f, boolean single, boolean multiple, boolean trueFalse,
                                 String textFormat, List<RevisionRow> revisions, StatsRow stats, int minSample,
                                 List<String> errors, boolean saved) {
  }

  /** A revision a question replaced, and when. */
  public record RevisionRow(int revision, String at) {
  }

  // ---- view helpers ----

  private static CategoryRow categoryRow(Category c, List<String> shownPath, String unit) {
    return new CategoryRow(c.id().toString(), shownPath.isEmpty() ? "（本分类）" : CategoryPath.display(shownPath),
        c.display(), Math.max(0, shownPath.size() - 1), c.active(), c.retired(), unit);
  }

  private ItemRow itemRow(Item i, List<String> top) {
    Managed q = i.question();
    StatsRow s = statsRow(i.stats());
    // Generated keys are long; their start tells them apart on a page.
    String shortKey = q.key().length() > 14 ? q.key().substring(0, 11) + "…" : q.key();
    String sub = CategoryPath.display(q.category().subList(Math.min(top.size(), q.category().size()),
        q.category().size()));
    return new ItemRow(q.id().toString(), q.key(), shortKey, snippet(q), q.type().label(), sub, q.retired(),
        q.source().label(), q.revision(), s.attempts(), s.workers(), s.facility(), s.discrimination(), s.sample(),
        s.needsReview());
  }

  private static StatsRow statsRow(ItemAnalysis.Result s) {
    return new StatsRow(s.attempts(), s.workers(), s.facility() == null ? "—" : Math.round(s.facility() * 100) + "%",
        s.discrimination() == null ? "—" : String.format(Locale.ROOT, "%.2f", s.discrimination()), s.sample(),
        s.needsReview());
  }

  /** The start of the stem as plain text (markup dropped from HTML, kept as text where it is text). */
  private static String snippet(Managed q) {
    FormattedText stem = q.question().stem();
    boolean markup = stem.format() == TextFormat.HTML || stem.format() == TextFormat.MOODLE;
    String plain = (markup ? stem.text().replaceAll("<[^>]*>", "") : stem.text()).replaceAll("\\s+", " ").strip();
    return plain.length() > 60 ? plain.substring(0, 60) + "…" : plain;
  }

  private String format(OffsetDateTime t) {
    return views.times().dateTime(t);
  }

  private static QuestionEditForm.Fields withBlankRows(QuestionEditForm.Fields f) {
    List<QuestionEditForm.Option> options = new ArrayList<>(f.options());
    while (!options.isEmpty() && options.size() < QuestionEditForm.MAX_OPTIONS) {
      options.add(new QuestionEditForm.Option("", ""));
    }
    return new QuestionEditForm.Fields(orEmpty(f.stem()), orEmpty(f.explanation()), orEmpty(f.tags()), options,
        orEmpty(f.correct()), orEmpty(f.truth()));
  }

  /** An attachment name for any browser: an ASCII fallback and the UTF-8 name (RFC 6266). */
  static String contentDisposition(String fileName) {
    String ascii = fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? fileName
        : "questions" + fileName.substring(fileName.lastIndexOf('.'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String baseName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return "上传的文件";
    }
    String n = fileName.replace('\\', '/');
    return n.substring(n.lastIndexOf('/') + 1);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static UUID pathId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }

  private static UUID parseUuid(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(s.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("参数不是有效的编号：" + s);
    }
  }
}
