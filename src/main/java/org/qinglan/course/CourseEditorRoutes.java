package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.Qualification;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.RichText;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * The course editor under /training/courses: trainers (and admins) create courses for an org unit
 * in their scope, edit their fields, modules and lessons, and publish them when every rule holds.
 * Shipped courses open read-only. Every form carries the course's revision, so two editors cannot
 * silently overwrite each other.
 */
public final class CourseEditorRoutes {
  static final Access EDITORS = Access.roles(CoursePolicy.WRITERS);

  private final CourseEditorService editor;
  private final Views views;

  public CourseEditorRoutes(CourseEditorService editor, Views views) {
    this.editor = editor;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/training/courses/new", EDITORS, ctx -> newPage(ctx, 200, List.of(), null));
    routes.page(HttpMethod.POST, "/training/courses", EDITORS, this::create);
    routes.page(HttpMethod.GET, "/training/courses/:id/edit", EDITORS,
        ctx -> editPage(ctx, 200, null, List.of(), null));
    routes.page(HttpMethod.POST, "/training/courses/:id/edit", EDITORS, this::saveFields);
    routes.page(HttpMethod.POST, "/training/courses/:id/publish", EDITORS, ctx -> publish(ctx, true));
    routes.page(HttpMethod.POST, "/training/courses/:id/unpublish", EDITORS, ctx -> publish(ctx, false));
    routes.page(HttpMethod.POST, "/training/courses/:id/modules", EDITORS, this::addModule);
    routes.page(HttpMethod.POST, "/training/courses/:id/modules/:module", EDITORS, this::renameModule);
    routes.page(HttpMethod.POST, "/training/courses/:id/modules/:module/move", EDITORS, ctx -> saved(ctx,
        editor.moveModule(me(ctx), id(ctx), revision(ctx), ctx.pathParam("module"), direction(ctx)), ctx.pathParam("module")));
    routes.page(HttpMethod.POST, "/training/courses/:id/modules/:module/remove", EDITORS, ctx -> saved(ctx,
        editor.removeModule(me(ctx), id(ctx), revision(ctx), ctx.pathParam("module")), "outline"));
    routes.page(HttpMethod.GET, "/training/courses/:id/modules/:module/lessons/new", EDITORS,
        ctx -> lessonPage(ctx, 200, ctx.pathParam("module"), null, CourseForm.kind(ctx.request().getParam("kind")), null,
            List.of(), null));
    routes.page(HttpMethod.POST, "/training/courses/:id/modules/:module/lessons", EDITORS, this::addLesson);
    routes.page(HttpMethod.GET, "/training/courses/:id/lessons/:lesson", EDITORS,
        ctx -> lessonPage(ctx, 200, null, ctx.pathParam("lesson"), null, null, List.of(), null));
    routes.page(HttpMethod.POST, "/training/courses/:id/lessons/:lesson", EDITORS, this::saveLesson);
    routes.page(HttpMethod.POST, "/training/courses/:id/lessons/:lesson/move", EDITORS, ctx -> saved(ctx,
        editor.moveLesson(me(ctx), id(ctx), revision(ctx), ctx.pathParam("lesson"), direction(ctx)), ctx.pathParam("lesson")));
    routes.page(HttpMethod.POST, "/training/courses/:id/lessons/:lesson/remove", EDITORS, ctx -> saved(ctx,
        editor.removeLesson(me(ctx), id(ctx), revision(ctx), ctx.pathParam("lesson")), "outline"));
  }

  // ---- creating ----

  private void newPage(RoutingContext ctx, int status, List<String> errors, CourseForm.CourseValues values) {
    Account me = me(ctx);
    editor.choices(me, null, null).onSuccess(choices -> {
      CourseForm.CourseValues v = values != null ? values
          : CourseForm.newCourse(me.orgUnit() == null ? "" : me.orgUnit().id().toString());
      views.page(ctx, status, "course/editor-new.ftlh", "新建课程", new NewCoursePage(FormChoices.of(choices), v,
          errors));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Account me = me(ctx);
    CourseForm.Input in = input(ctx);
    editor.choices(me, null, null).compose(choices -> {
      CourseForm.Result<CourseDefinition> r = CourseForm.course(in, choices.form());
      if (!r.ok()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题。", r.errors()));
      }
      return editor.create(me, r.value(), uuid(in.get("unit")));
    }).onSuccess(id -> ctx.redirect("/training/courses/" + id + "/edit"))
        .onFailure(t -> {
          if (t instanceof Problem p && p.status() == 400) {
            newPage(ctx, 400, details(p), CourseForm.courseEcho(in));
          } else {
            ctx.fail(t);
          }
        });
  }

  // ---- the course page ----

  /**
   * The editor's page of a course: its state and problems, the fields form (filled from
   * {@code values} when a save was refused), the outline of modules and lessons, and the forms to
   * change them. A shipped course is shown without forms.
   */
  private void editPage(RoutingContext ctx, int status, String message, List<String> errors,
                        CourseForm.CourseValues values) {
    Account me = me(ctx);
    editor.open(me, id(ctx)).compose(e -> editor.choices(me, e.course(), e.unit()).map(choices -> {
      CourseDefinition c = e.course();
      CourseForm.CourseValues v = values != null ? values
          : CourseForm.values(c, e.unit() == null ? "" : e.unit().id().toString());
      return new EditorPage(FormChoices.of(choices), c, e.stored().shipped(), e.canChange(), e.stored().published(),
          e.stored().revision(), views.times().dateTime(e.stored().updatedAt()),
          e.unit() == null ? "" : e.unit().name(), e.problems(), message, errors, ctx.request().getParam("saved"), v,
          values != null, outline(c, choices), CourseForm.values((QuizSpec) null),
          titles(c.prerequisites(), choices.prerequisites()));
    })).onSuccess(page -> views.page(ctx, status, "course/editor.ftlh", page.c().title(), page)).onFailure(ctx::fail);
  }

  private void saveFields(RoutingContext ctx) {
    Account me = me(ctx);
    CourseForm.Input in = input(ctx);
    editor.open(me, id(ctx)).compose(e -> editor.choices(me, e.course(), e.unit())).compose(choices -> {
      CourseForm.Result<CourseDefinition> r = CourseForm.course(in, choices.form());
      if (!r.ok()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题，这次修改没有保存。", r.errors()));
      }
      return editor.saveFields(me, id(ctx), revision(ctx), r.value(), uuid(in.get("unit")));
    }).onSuccess(rev -> redirect(ctx, rev, "fields"))
        .onFailure(t -> refused(ctx, t, CourseForm.courseEcho(in)));
  }

  private void publish(RoutingContext ctx, boolean publish) {
    saved(ctx, editor.setPublished(me(ctx), id(ctx), revision(ctx), publish), "top");
  }

  private void addModule(RoutingContext ctx) {
    Account me = me(ctx);
    CourseForm.Input in = input(ctx);
    editor.open(me, id(ctx)).compose(e -> editor.choices(me, e.course(), e.unit())).compose(choices -> {
      CourseForm.Result<CourseDefinition.Module> r = CourseForm.module(in, choices.form());
      if (!r.ok()) {
        return Future.failedFuture(Problem.badRequest("新模块没有添加，请更正以下问题。", r.errors()));
      }
      return editor.addModule(me, id(ctx), revision(ctx), r.value());
    }).onSuccess(rev -> redirect(ctx, rev, "outline")).onFailure(t -> refused(ctx, t, null));
  }

  private void renameModule(RoutingContext ctx) {
    CourseForm.Result<String> r = CourseForm.moduleTitle(input(ctx));
    if (!r.ok()) {
      editPage(ctx, 400, "模块名称没有修改。", r.errors(), null);
      return;
    }
    saved(ctx, editor.renameModule(me(ctx), id(ctx), revision(ctx), ctx.pathParam("module"), r.value()),
        ctx.pathParam("module"));
  }

  /** After a small change: back to the page, or the page with why the change was refused. */
  private void saved(RoutingContext ctx, Future<Integer> change, String anchor) {
    change.onSuccess(rev -> redirect(ctx, rev, anchor)).onFailure(t -> refused(ctx, t, null));
  }

  private void refused(RoutingContext ctx, Throwable t, CourseForm.CourseValues values) {
    if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
      editPage(ctx, p.status(), p.getMessage(), p.details(), values);
    } else {
      ctx.fail(t);
    }
  }

  private static void redirect(RoutingContext ctx, int revision, String anchor) {
    ctx.redirect("/training/courses/" + id(ctx) + "/edit?saved=" + revision + "#" + anchor);
  }

  // ---- lessons ----

  /**
   * A lesson's form: a new lesson of {@code kind} in {@code moduleId}, or the lesson {@code lessonId}.
   * {@code values} (when not null) are what was submitted; a reading shows its preview.
   */
  private void lessonPage(RoutingContext ctx, int status, String moduleId, String lessonId, LessonKind kind,
                          CourseForm.LessonValues values, List<String> errors, String message) {
    Account me = me(ctx);
    editor.open(me, id(ctx)).compose(e -> {
      if (!e.canChange()) {
        return Future.failedFuture(CourseEditorService.readOnly());
      }
      return editor.choices(me, e.course(), e.unit()).map(choices -> {
        CourseDefinition c = e.course();
        CourseDefinition.Lesson lesson = lessonId == null ? null : CourseService.lesson(c, lessonId);
        CourseDefinition.Module module = lesson == null ? CourseEdits.module(c, moduleId)
            : CourseEdits.moduleOf(c, lessonId);
        LessonKind k = lesson == null ? kind : lesson.kind();
        CourseForm.LessonValues v = values != null ? values : lesson != null ? CourseForm.values(lesson)
            : CourseForm.values(new CourseDefinition.Lesson(null, "", k, "", null, null, 0, null));
        String body = v.body();
        // A body over the limit is refused anyway: sanitising up to a 1 MB form field for its preview
        // took 20-26 ms on the event loop (docs/benchmarks.md), one 100,000-character body 3-4 ms.
        String previewHtml = (k == LessonKind.READING || k == LessonKind.TASK) && body.length() <= CourseForm.MAX_BODY
            ? RichText.toSafeHtml(body, "MARKDOWN") : "";
        return new LessonEditPage(FormChoices.of(choices), c, e.stored().revision(), e.stored().published(), module,
            lessonId, k.name(), k.label(), v, errors, message, previewHtml, CourseRules.chineseChars(body),
            k == LessonKind.TASK ? CourseRules.MIN_TASK_BRIEF_CHARS : CourseRules.MIN_READING_CHARS);
      });
    }).onSuccess(page -> views.page(ctx, status, "course/editor-lesson.ftlh",
        (lessonId == null ? "新增" : "编辑") + page.kindLabel() + "课时", page)).onFailure(ctx::fail);
  }

  private void addLesson(RoutingContext ctx) {
    String moduleId = ctx.pathParam("module");
    LessonKind kind = CourseForm.kind(ctx.request().getFormAttribute("kind"));
    lessonSave(ctx, moduleId, null, kind);
  }

  private void saveLesson(RoutingContext ctx) {
    lessonSave(ctx, null, ctx.pathParam("lesson"), null);
  }

  /** Saves a new or changed lesson, or (with action=preview) shows the form again with the reading's preview. */
  private void lessonSave(RoutingContext ctx, String moduleId, String lessonId, LessonKind newKind) {
    Account me = me(ctx);
    CourseForm.Input in = input(ctx);
    CourseForm.LessonValues echo = CourseForm.lessonEcho(in);
    if ("preview".equals(in.get("action"))) {
      String body = in.get("body");
      List<String> tooLong = body != null && body.length() > CourseForm.MAX_BODY
          ? List.of("正文不超过 " + CourseForm.MAX_BODY + " 个字，请删减后再预览。") : List.of();
      lessonPage(ctx, 200, moduleId, lessonId, newKind, echo, tooLong, null);
      return;
    }
    editor.open(me, id(ctx)).compose(e -> editor.choices(me, e.course(), e.unit()).compose(choices -> {
      LessonKind kind = lessonId == null ? newKind : CourseService.lesson(e.course(), lessonId).kind();
      CourseForm.Result<CourseDefinition.Lesson> r = CourseForm.lesson(in, lessonId, kind, choices.form());
      if (!r.ok()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题，这次修改没有保存。", r.errors()));
      }
      return lessonId == null ? editor.addLesson(me, id(ctx), revision(ctx), moduleId, r.value())
          : editor.saveLesson(me, id(ctx), revision(ctx), r.value());
    })).onSuccess(rev -> redirect(ctx, rev, "outline")).onFailure(t -> {
      if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
        lessonPage(ctx, p.status(), moduleId, lessonId, newKind, echo, details(p), p.getMessage());
      } else {
        ctx.fail(t);
      }
    });
  }

  // ---- view helpers ----

  // ---- page models ----

  /**
   * What the editor's forms offer (editor-macros.ftlh): tiers, post categories (code → name),
   * qualifications, question-bank categories, the org units a course may belong to, the library's
   * cases (id → title), the courses that may be prerequisites, and the lesson kinds.
   */
  public record FormChoices(List<Tier> tiers, Map<String, String> posts, List<Qualification> qualifications,
                            List<CourseEditorService.CategoryOption> categories, List<OrgUnitService.TreeRow> units,
                            Map<String, String> cases, List<CourseDefinition> prerequisiteOptions,
                            List<LessonKind> kinds) {
    static FormChoices of(CourseEditorService.Choices choices) {
      return new FormChoices(Arrays.asList(Tier.values()), choices.form().postCategories(),
          Arrays.asList(Qualification.values()), choices.categories(), choices.units(), choices.cases(),
          choices.prerequisites(), Arrays.asList(LessonKind.values()));
    }
  }

  /** The new-course form: its values ({@code v}: defaults, or as submitted when refused) and its problems. */
  public record NewCoursePage(FormChoices choices, CourseForm.CourseValues v, List<String> errors) {
  }

  /**
   * The editor's page of a course ({@code c}): its state and problems, the fields form ({@code v};
   * open when a save was refused), the outline, the new module's quiz fields, the prerequisites' titles.
   */
  public record EditorPage(FormChoices choices, CourseDefinition c, boolean shipped, boolean canChange,
                           boolean published, int revision, String updatedAt, String unitName, List<String> problems,
                           String message, List<String> errors, String saved, CourseForm.CourseValues v,
                           boolean fieldsOpen, List<OutlineModule> modules, CourseForm.QuizValues quiz,
                           List<String> prerequisiteTitles) {
  }

  /**
   * A lesson's form: a new lesson of {@code kind} in {@code module}, or the lesson {@code lessonId}
   * (null for a new one), its values, a reading's preview and how many Chinese characters it has.
   */
  public record LessonEditPage(FormChoices choices, CourseDefinition c, int revision, boolean published,
                               CourseDefinition.Module module, String lessonId, String kind, String kindLabel,
                               CourseForm.LessonValues v, List<String> errors, String message, String previewHtml,
                               int chars, int minChars) {
  }

  /** A module as the outline shows it, numbered from 1. */
  public record OutlineModule(String id, int n, String title, List<OutlineLesson> lessons, boolean first,
                              boolean last) {
  }

  /** A lesson as the outline shows it: its kind's label and a line of detail. */
  public record OutlineLesson(String id, String title, String kind, String detail, boolean first, boolean last) {
  }

  /** The modules and lessons as the outline shows them. */
  private static List<OutlineModule> outline(CourseDefinition c, CourseEditorService.Choices choices) {
    List<OutlineModule> modules = new ArrayList<>();
    for (int m = 0; m < c.modules().size(); m++) {
      CourseDefinition.Module module = c.modules().get(m);
      List<OutlineLesson> lessons = new ArrayList<>();
      for (int i = 0; i < module.lessons().size(); i++) {
        CourseDefinition.Lesson l = module.lessons().get(i);
        lessons.add(new OutlineLesson(l.id(), l.title(), l.kind().label(), detail(l, choices), i == 0,
            i == module.lessons().size() - 1));
      }
      modules.add(new OutlineModule(module.id(), m + 1, module.title(), lessons, m == 0, m == c.modules().size() - 1));
    }
    return modules;
  }

  private static String detail(CourseDefinition.Lesson l, CourseEditorService.Choices choices) {
    String minutes = l.minutes() > 0 ? " · " + l.minutes() + " 分钟" : "";
    return switch (l.kind()) {
      case READING, TASK -> CourseRules.chineseChars(l.body() == null ? "" : l.body()) + " 个汉字" + minutes;
      case CASE -> choices.cases().getOrDefault(l.caseId(), "（所选案例已不在案例库中）") + minutes;
      case VIDEO -> (l.url() == null ? "（未填视频地址）" : l.url()) + minutes;
      case QUIZ -> l.quiz().count() + " 道题，" + l.quiz().passMark() + " 分及格，出自 "
          + String.join("、", l.quiz().categories());
    };
  }

  private static List<String> titles(List<String> ids, List<CourseDefinition> options) {
    return ids.stream().map(id -> options.stream().filter(o -> o.id().equals(id)).map(CourseDefinition::title)
        .findFirst().orElse(id)).toList();
  }

  private static List<String> details(Problem p) {
    return p.details().isEmpty() ? List.of(p.getMessage()) : p.details();
  }

  private static CourseForm.Input input(RoutingContext ctx) {
    MultiMap f = ctx.request().formAttributes();
    return f::getAll;
  }

  private static Account me(RoutingContext ctx) {
    return Auth.account(ctx);
  }

  private static String id(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  private static int revision(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.request().getFormAttribute("revision"));
    } catch (NumberFormatException e) {
      throw Problem.badRequest("页面已过期，请重新打开后再修改。");
    }
  }

  private static CourseEdits.Direction direction(RoutingContext ctx) {
    return CourseEdits.Direction.parse(ctx.request().getFormAttribute("direction"));
  }

  private static UUID uuid(String s) {
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("单位无效。");
    }
  }
}
