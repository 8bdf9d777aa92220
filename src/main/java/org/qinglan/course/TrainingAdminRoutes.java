package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.CsvExport;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * Trainers' and organisers' side of courses: the course list (with the courses trainers write in
 * the editor, see {@link CourseEditorRoutes}), assigning courses, and the training-compliance view with CSV.
 */
public final class TrainingAdminRoutes {
  static final Access STAFF = Access.roles(CoursePolicy.STAFF);
  static final Access ORGANISERS = Access.roles(CoursePolicy.ORGANISERS);

  private final CourseService courses;
  private final CourseEditorService editor;
  private final ComplianceService compliance;
  private final OrgUnitService orgUnits;
  private final Views views;

  public TrainingAdminRoutes(CourseService courses, CourseEditorService editor, ComplianceService compliance,
                             OrgUnitService orgUnits, Views views) {
    this.courses = courses;
    this.editor = editor;
    this.compliance = compliance;
    this.orgUnits = orgUnits;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/training/courses", STAFF, ctx -> coursesPage(ctx, 200, null, null));
    routes.page(HttpMethod.POST, "/training/courses/:id/assignments", STAFF, this::assign);
    routes.page(HttpMethod.GET, "/training/compliance", ORGANISERS, this::compliancePage);
    routes.page(HttpMethod.GET, "/training/compliance.csv", ORGANISERS, this::complianceCsv);
  }

  private void coursesPage(RoutingContext ctx, int status, String error, String done) {
    org.qinglan.people.Account a = Auth.account(ctx);
    boolean canEdit = CoursePolicy.isWriter(a);
    Future<List<CourseStore.Stored>> editable = canEdit ? editor.editable(a) : Future.succeededFuture(List.of());
    Future.all(courses.courses(a), orgUnits.within(a), editable, editor.shippedIds()).onSuccess(all ->
        views.page(ctx, status, "course/admin-courses.ftlh", "培训管理", new CoursesPage(all.resultAt(0),
            OrgUnitService.tree(all.resultAt(1)), canEdit, all.resultAt(2),
            List.copyOf(all.<java.util.Set<String>>resultAt(3)), error, done))).onFailure(ctx::fail);
  }

  /**
   * The training admin's courses: those they may assign (to a unit in {@code units}), those they may
   * edit, the shipped ones' ids, and what the last assignment did ({@code done}) or why it was refused.
   */
  public record CoursesPage(List<CourseDefinition> courses, List<OrgUnitService.TreeRow> units, boolean canEdit,
                            List<CourseStore.Stored> editable, List<String> shippedIds, String error, String done) {
  }

  /** Overdue training by street, then community; the total; the units to narrow it to and the one chosen. */
  public record CompliancePage(Map<String, Map<String, List<ComplianceService.Overdue>>> grouped, int total,
                               List<OrgUnitService.TreeRow> units, String selectedUnit) {
  }

  private void assign(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    LocalDate due;
    try {
      due = f.get("due") == null || f.get("due").isBlank() ? null : LocalDate.parse(f.get("due").strip());
    } catch (DateTimeParseException e) {
      coursesPage(ctx, 400, "截止日期格式不对。", null);
      return;
    }
    UUID unit = null;
    if (f.get("unit") != null && !f.get("unit").isBlank()) {
      try {
        unit = UUID.fromString(f.get("unit").strip());
      } catch (IllegalArgumentException e) {
        coursesPage(ctx, 400, "单位无效。", null);
        return;
      }
    }
    compliance.assign(Auth.account(ctx), ctx.pathParam("id"), f.get("worker"), unit, f.get("audienceOnly") != null, due)
        .onSuccess(v -> coursesPage(ctx, 201, null, "已指派，截止 " + f.get("due") + "。"))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 400) {
            coursesPage(ctx, 400, p.getMessage(), null);
          } else {
            ctx.fail(t);
          }
        });
  }

  private void compliancePage(RoutingContext ctx) {
    UUID unit = unit(ctx);
    org.qinglan.people.Account a = Auth.account(ctx);
    Future.all(compliance.overdue(a, unit), orgUnits.within(a)).onSuccess(all -> {
      List<ComplianceService.Overdue> overdue = all.resultAt(0);
      Map<String, Map<String, List<ComplianceService.Overdue>>> grouped = new LinkedHashMap<>();
      for (ComplianceService.Overdue o : overdue) {
        grouped.computeIfAbsent(o.worker().streetName() == null ? "—" : o.worker().streetName(), k -> new LinkedHashMap<>())
            .computeIfAbsent(o.worker().community().name(), k -> new ArrayList<>()).add(o);
      }
      views.page(ctx, "course/compliance.ftlh", "培训合规", new CompliancePage(grouped, overdue.size(),
          OrgUnitService.tree(all.resultAt(1)), unit == null ? "" : unit.toString()));
    }).onFailure(ctx::fail);
  }

  /** Through the one CSV writer of every export (BOM, Chinese headers, formula-safe cells). */
  private void complianceCsv(RoutingContext ctx) {
    compliance.overdue(Auth.account(ctx), unit(ctx)).onSuccess(list -> {
      List<List<Object>> rows = new ArrayList<>();
      for (ComplianceService.Overdue o : list) {
        var w = o.worker();
        rows.add(java.util.Arrays.asList(w.streetName(), w.community().name(), w.displayName(), w.username(),
            w.postCategoryName(), w.grade(), w.secretaryOrDirector() ? "是" : "否", String.join("；", o.reasons())));
      }
      CsvExport.send(ctx, "training-compliance.csv", "培训合规.csv", CsvExport.text(
          List.of("街道", "社区", "姓名", "用户名", "岗位类别", "岗位等级", "书记或主任", "未达标原因"), rows));
    }).onFailure(ctx::fail);
  }

  private static UUID unit(RoutingContext ctx) {
    String u = ctx.request().getParam("unit");
    if (u == null || u.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(u.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("单位无效。");
    }
  }
}
