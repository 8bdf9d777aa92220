package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.CsvExport;
import org.qinglan.web.Paging;
import org.qinglan.web.QueryStrings;
import org.qinglan.web.Responses;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/** Organisers' (and admins') pages for the workers in their scope, and the bulk CSV import. */
public final class WorkerRoutes {
  /** Largest CSV accepted; a district's roster is far smaller. */
  static final long MAX_CSV_BYTES = 2L * 1024 * 1024;
  private static final int PAGE_SIZE = 20;
  private static final Access MANAGERS = Access.roles(Role.ORGANISER, Role.ADMIN);

  private final Vertx vertx;
  private final WorkerService workers;
  private final OrgUnitService orgUnits;
  private final Views views;

  public WorkerRoutes(Vertx vertx, WorkerService workers, OrgUnitService orgUnits, Views views) {
    this.vertx = vertx;
    this.workers = workers;
    this.orgUnits = orgUnits;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/workers", MANAGERS, this::list);
    routes.page(HttpMethod.GET, "/workers/new", MANAGERS, ctx -> form(ctx, 200, null, emptyForm(), null, List.of()));
    routes.page(HttpMethod.POST, "/workers", MANAGERS, this::create);
    routes.page(HttpMethod.GET, "/workers/import", MANAGERS, ctx -> importPage(ctx, 200, null, List.of()));
    routes.page(HttpMethod.GET, "/workers/import/template.csv", MANAGERS, this::template);
    routes.page(HttpMethod.POST, "/workers/import", MANAGERS, this::importCsv);
    routes.page(HttpMethod.GET, "/workers/:id", MANAGERS, this::detail);
    routes.page(HttpMethod.GET, "/workers/:id/edit", MANAGERS, this::editPage);
    routes.page(HttpMethod.POST, "/workers/:id", MANAGERS, this::update);
    routes.api(HttpMethod.GET, "/api/v1/workers", MANAGERS, this::apiList);
  }

  /** The model of the workers list: a page of workers, the filter's choices and what is chosen. */
  public record WorkersPage(Page<WorkerView> page, List<OrgUnitService.TreeRow> units,
                            java.util.Collection<PostCategory> categories, Qualification[] qualifications, String q,
                            String selectedUnit, String selectedCategory, String selectedQualification,
                            String queryString) {
  }

  /** The model of the worker form; {@code existing} is null for a new worker, {@code f} the input shown. */
  public record WorkerFormPage(WorkerView existing, WorkerForm f, String communityId, List<OrgUnit> communities,
                               java.util.Collection<PostCategory> categories, Qualification[] qualifications,
                               List<String> errors) {
  }

  /** The accounts just created with their one-time passwords, and the file they came from (null: the form). */
  public record CreatedPage(List<WorkerService.Created> created, String file) {
  }

  /** The model of the CSV import page. */
  public record ImportPage(String message, List<String> errors, long maxKb, String columns) {
  }

  private void list(RoutingContext ctx) {
    Account me = Auth.account(ctx);
    UUID unitId = uuidParam(ctx, "unit");
    WorkerFilter filter = filterFrom(ctx);
    int page = Paging.page(ctx);
    Future.all(workers.list(me, unitId, filter, page, PAGE_SIZE), orgUnits.within(me), workers.categories())
        .onSuccess(all -> {
          views.page(ctx, 200, "people/workers.ftlh", "社区工作者", new WorkersPage(all.resultAt(0),
              OrgUnitService.tree(all.resultAt(1)), all.<Map<String, PostCategory>>resultAt(2).values(),
              Qualification.values(), filter.query() == null ? "" : filter.query(),
              unitId == null ? "" : unitId.toString(), filter.postCategory() == null ? "" : filter.postCategory(),
              filter.qualification() == null ? "" : filter.qualification(), QueryStrings.withoutPage(ctx)));
        })
        .onFailure(ctx::fail);
  }

  private void apiList(RoutingContext ctx) {
    Account me = Auth.account(ctx);
    int page = Paging.page(ctx);
    int size = Paging.size(ctx, PAGE_SIZE, 200);
    workers.list(me, uuidParam(ctx, "unit"), filterFrom(ctx), page, size).onSuccess(p -> {
      JsonArray items = new JsonArray();
      for (WorkerView w : p.items()) {
        items.add(new JsonObject()
            .put("id", w.id().toString())
            .put("username", w.username())
            .put("displayName", w.displayName())
            .put("mobile", w.mobile())
            .put("community", w.community().name())
            .put("street", w.streetName())
            .put("postCategory", w.postCategory())
            .put("grade", w.grade())
            .put("qualification", w.qualification().name()));
      }
      Responses.json(ctx, 200, new JsonObject().put("items", items).put("page", p.page()).put("size", p.size())
          .put("total", p.total()));
    }).onFailure(ctx::fail);
  }

  /** The model of a worker's page; {@code mayManageAccount}: whether to link to their account's admin page. */
  public record WorkerPage(WorkerView w, boolean mayManageAccount) {
  }

  private void detail(RoutingContext ctx) {
    UUID id = pathId(ctx);
    Account me = Auth.account(ctx);
    workers.get(me, id)
        .onSuccess(w -> views.page(ctx, 200, "people/worker.ftlh", w.displayName(),
            new WorkerPage(w, PeoplePolicy.may(me, PeoplePolicy.Action.MANAGE_ACCOUNTS, w.community()))))
        .onFailure(ctx::fail);
  }

  private void editPage(RoutingContext ctx) {
    UUID id = pathId(ctx);
    workers.get(Auth.account(ctx), id)
        .onSuccess(w -> form(ctx, 200, w, formOf(w), w.community().id(), List.of()))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    WorkerForm form = formFrom(ctx);
    UUID communityId = uuidForm(ctx, "community");
    workers.create(Auth.account(ctx), form, communityId).onComplete(ar -> {
      if (ar.succeeded()) {
        views.page(ctx, 201, "people/created.ftlh", "账号已创建", new CreatedPage(List.of(ar.result()), null));
      } else {
        formFailure(ctx, null, form, communityId, ar.cause());
      }
    });
  }

  private void update(RoutingContext ctx) {
    UUID id = pathId(ctx);
    WorkerForm form = formFrom(ctx);
    UUID communityId = uuidForm(ctx, "community");
    Account me = Auth.account(ctx);
    workers.update(me, id, form, communityId).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.redirect("/workers/" + id);
      } else {
        workers.get(me, id).onSuccess(w -> formFailure(ctx, w, form, communityId, ar.cause()))
            .onFailure(ctx::fail);
      }
    });
  }

  private void formFailure(RoutingContext ctx, WorkerView existing, WorkerForm form, UUID communityId, Throwable t) {
    if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
      form(ctx, p.status(), existing, form, communityId, p.details().isEmpty() ? List.of(p.getMessage()) : p.details());
    } else {
      ctx.fail(t);
    }
  }

  private void form(RoutingContext ctx, int status, WorkerView existing, WorkerForm form, UUID communityId,
                    List<String> errors) {
    Account me = Auth.account(ctx);
    Future.all(orgUnits.communitiesWithin(me), workers.categories()).onSuccess(all -> {
      views.page(ctx, status, "people/worker-form.ftlh", existing == null ? "新增社区工作者" : "编辑 " + existing.displayName(),
          new WorkerFormPage(existing, form, communityId == null ? "" : communityId.toString(), all.resultAt(0),
              all.<Map<String, PostCategory>>resultAt(1).values(), Qualification.values(), errors));
    }).onFailure(ctx::fail);
  }

  private void importPage(RoutingContext ctx, int status, String message, List<String> errors) {
    views.page(ctx, status, "people/import.ftlh", "批量导入社区工作者", new ImportPage(message, errors,
        MAX_CSV_BYTES / 1024, String.join(",", WorkerCsvImport.templateHeader())));
  }

  private void template(RoutingContext ctx) {
    List<String> example = List.of("lin.xiaoyu", "林小雨", "13800001234", "江畔社区", "其他", "3", "2024-07-01", "本科", "无",
        "", "", "否", "否");
    CsvExport.send(ctx, "workers-template.csv", "社区工作者导入模板.csv",
        CsvExport.text(WorkerCsvImport.templateHeader(), List.of(example)));
  }

  private void importCsv(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.isEmpty()) {
      importPage(ctx, 400, "请选择要上传的 CSV 文件。", List.of());
      return;
    }
    FileUpload upload = uploads.get(0);
    String name = upload.fileName() == null || upload.fileName().isBlank() ? "上传的文件" : upload.fileName();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      importPage(ctx, 400, name + " 不是 CSV 文件（扩展名应为 .csv）。", List.of());
      return;
    }
    if (upload.size() > MAX_CSV_BYTES) {
      importPage(ctx, 400, name + " 超过 " + MAX_CSV_BYTES / 1024 + " KB，请拆分后上传。", List.of());
      return;
    }
    vertx.fileSystem().readFile(upload.uploadedFileName())
        .compose(buffer -> workers.importCsv(Auth.account(ctx), name, buffer.getBytes()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            views.page(ctx, 201, "people/created.ftlh", "导入完成", new CreatedPage(ar.result(), name));
          } else if (ar.cause() instanceof Problem p && p.status() < 500) {
            importPage(ctx, p.status(), p.getMessage(), p.details());
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private static WorkerForm emptyForm() {
    return new WorkerForm("", "", "", "OTHER", "", "", "", "NONE", "", "", false, false);
  }

  private static WorkerForm formOf(WorkerView w) {
    return new WorkerForm(w.username(), w.mobile() == null ? "" : w.mobile(), w.displayName(), w.postCategory(),
        String.valueOf(w.grade()), w.hireDate() == null ? "" : w.hireDate().toString(),
        w.education() == null ? "" : w.education(), w.qualification().name(),
        w.certificateNo() == null ? "" : w.certificateNo(),
        w.certificateDate() == null ? "" : w.certificateDate().toString(), w.secretaryOrDirector(), w.reserveCadre());
  }

  private static WorkerForm formFrom(RoutingContext ctx) {
    var r = ctx.request();
    return new WorkerForm(r.getFormAttribute("username"), r.getFormAttribute("mobile"),
        r.getFormAttribute("displayName"), r.getFormAttribute("postCategory"), r.getFormAttribute("grade"),
        r.getFormAttribute("hireDate"), r.getFormAttribute("education"), r.getFormAttribute("qualification"),
        r.getFormAttribute("certificateNo"), r.getFormAttribute("certificateDate"),
        Boolean.TRUE.equals(WorkerForm.parseFlag(r.getFormAttribute("secretaryOrDirector"))),
        Boolean.TRUE.equals(WorkerForm.parseFlag(r.getFormAttribute("reserveCadre"))));
  }

  private static WorkerFilter filterFrom(RoutingContext ctx) {
    String q = WorkerForm.trim(ctx.request().getParam("q"));
    String category = WorkerForm.trim(ctx.request().getParam("post"));
    String qualification = WorkerForm.trim(ctx.request().getParam("qualification"));
    return new WorkerFilter(q == null ? null : q.substring(0, Math.min(q.length(), 50)), category, qualification);
  }

  static UUID pathId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }

  private static UUID uuidParam(RoutingContext ctx, String name) {
    return parseUuid(ctx.request().getParam(name));
  }

  private static UUID uuidForm(RoutingContext ctx, String name) {
    return parseUuid(ctx.request().getFormAttribute(name));
  }

  static UUID parseUuid(String s) {
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
