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
      List<Map<String, Object>> shipped = new ArrayList<>();
      o.shipped().forEach(c -> shipped.add(categoryRow(c, c.path())));
      List<Map<String, Object>> own = new ArrayList<>();
      for (QuestionBankService.UnitCategory uc : o.own()) {
        Map<String, Object> row = categoryRow(uc.category(), uc.category().path());
        row.put("unit", uc.unit() == null ? "" : uc.unit().name());
        own.add(row);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("shipped", shipped);
      model.put("own", own);
      model.put("units", o.units());
      model.put("message", message);
      model.put("errors", errors);
      model.put("formPath", form.getOrDefault("path", ""));
      model.put("formDescription", form.getOrDefault("description", ""));
      String unit = form.getOrDefault("unit", me.orgUnit() == null ? "" : me.orgUnit().id().toString());
      model.put("formUnit", unit);
      views.page(ctx, status, "exam/bank.ftlh", "题库管理", model);
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
      Map<String, Object> model = new HashMap<>();
      Map<String, Object> cat = categoryRow(c, c.path());
      cat.put("shipped", c.shipped());
      cat.put("canChange", page.scoped().canChange());
      cat.put("unit", page.scoped().unit() == null ? "" : page.scoped().unit().name());
      cat.put("description", c.description().text());
      model.put("cat", cat);
      List<Map<String, Object>> below = new ArrayList<>();
      page.subcategories().forEach(sub -> below.add(categoryRow(sub, sub.path().subList(c.path().size(),
          sub.path().size()))));
      model.put("subcategories", below);
      List<Map<String, Object>> rows = new ArrayList<>();
      page.items().forEach(i -> rows.add(itemRow(i, c.path())));
      model.put("questions", rows);
      List<Map<String, Object>> review = new ArrayList<>();
      page.reviewFirst().forEach(i -> review.add(itemRow(i, c.path())));
      model.put("reviewFirst", review);
      model.put("minSample", ItemAnalysis.MIN_SAMPLE);
      model.put("message", message);
      model.put("errors", errors);
      model.put("maxKb", MAX_FILE_BYTES / 1024);
      views.page(ctx, status, "exam/bank-category.ftlh", c.path().get(c.path().size() - 1), model);
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
            Map<String, Object> model = new HashMap<>();
            model.put("file", r.file());
            model.put("added", r.added());
            model.put("catId", r.category().id().toString());
            model.put("catName", r.category().display());
            List<String> types = new ArrayList<>();
            r.byType().forEach((type, n) -> types.add(type.label() + " " + n + " 道"));
            model.put("types", types);
            List<String> categories = new ArrayList<>();
            r.categories().forEach(p -> categories.add(CategoryPath.display(p)));
            model.put("categories", categories);
            model.put("notices", r.notices());
            views.page(ctx, 201, "exam/bank-imported.ftlh", "导入完成", model);
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
      Map<String, Object> model = new HashMap<>();
      model.put("q", QuestionView.of(new StoredQuestion(q.id(), q.key(), q.revision(), q.type(), null,
          q.category(), q.orgUnitId(), q.question(), q.retired()), true));
      model.put("id", q.id().toString());
      model.put("key", q.key());
      model.put("name", q.question().name());
      model.put("revision", q.revision());
      model.put("source", sourceLabel(q.source()));
      model.put("retired", q.retired());
      model.put("retiredAt", format(q.retiredAt()));
      model.put("updatedAt", format(q.updatedAt()));
      model.put("tags", q.question().tags());
      model.put("catId", q.categoryId().toString());
      model.put("catName", CategoryPath.display(q.category()));
      model.put("shipped", q.shipped());
      boolean canChange = page.scoped().canChange() && !q.shipped();
      model.put("canChange", canChange);
      model.put("editable", canChange && QuestionEditForm.editable(q.type()));
      QuestionEditForm.Fields fields = submitted != null ? submitted : QuestionEditForm.of(q.question());
      model.put("f", fields);
      model.put("single", q.type() == QuestionType.SINGLE_CHOICE);
      model.put("multiple", q.type() == QuestionType.MULTIPLE_CHOICE);
      model.put("trueFalse", q.type() == QuestionType.TRUE_FALSE);
      model.put("textFormat", q.question().stem().format().name());
      List<Map<String, Object>> revisions = new ArrayList<>();
      page.revisions().forEach(r -> revisions.add(Map.of("revision", r.revision(), "at", format(r.changedAt()))));
      model.put("revisions", revisions);
      model.put("stats", statsRow(page.stats()));
      model.put("minSample", ItemAnalysis.MIN_SAMPLE);
      model.put("errors", errors);
      model.put("saved", status == 200 && ctx.request().getParam("saved") != null);
      views.page(ctx, status, "exam/bank-question.ftlh", q.question().name().isBlank() ? q.key() : q.question().name(),
          model);
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

  // ---- view helpers ----

  private static Map<String, Object> categoryRow(Category c, List<String> shownPath) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", c.id().toString());
    row.put("name", shownPath.isEmpty() ? "（本分类）" : CategoryPath.display(shownPath));
    row.put("full", c.display());
    row.put("depth", Math.max(0, shownPath.size() - 1));
    row.put("active", c.active());
    row.put("retired", c.retired());
    return row;
  }

  private Map<String, Object> itemRow(Item i, List<String> top) {
    Managed q = i.question();
    Map<String, Object> row = statsRow(i.stats());
    row.put("id", q.id().toString());
    row.put("key", q.key());
    // Generated keys are long; their start tells them apart on a page.
    row.put("shortKey", q.key().length() > 14 ? q.key().substring(0, 11) + "…" : q.key());
    row.put("snippet", snippet(q));
    row.put("type", q.type().label());
    row.put("sub", CategoryPath.display(q.category().subList(Math.min(top.size(), q.category().size()),
        q.category().size())));
    row.put("retired", q.retired());
    row.put("source", sourceLabel(q.source()));
    row.put("revision", q.revision());
    return row;
  }

  private static Map<String, Object> statsRow(ItemAnalysis.Result s) {
    Map<String, Object> row = new HashMap<>();
    row.put("attempts", s.attempts());
    row.put("workers", s.workers());
    row.put("facility", s.facility() == null ? "—" : Math.round(s.facility() * 100) + "%");
    row.put("discrimination", s.discrimination() == null ? "—" : String.format(Locale.ROOT, "%.2f", s.discrimination()));
    row.put("sample", s.sample());
    row.put("needsReview", s.needsReview());
    return row;
  }

  /** The start of the stem as plain text (markup dropped from HTML, kept as text where it is text). */
  private static String snippet(Managed q) {
    FormattedText stem = q.question().stem();
    boolean markup = stem.format() == TextFormat.HTML || stem.format() == TextFormat.MOODLE;
    String plain = (markup ? stem.text().replaceAll("<[^>]*>", "") : stem.text()).replaceAll("\\s+", " ").strip();
    return plain.length() > 60 ? plain.substring(0, 60) + "…" : plain;
  }

  static String sourceLabel(String source) {
    return switch (source) {
      case "BANK" -> "内置题库";
      case "UPLOAD" -> "文件上传";
      case "EDITOR" -> "网页编辑";
      default -> source;
    };
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
