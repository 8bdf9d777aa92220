package org.qinglan.course;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.course.TaskReportRules.Decision;
import org.qinglan.course.TaskReportStore.Action;
import org.qinglan.course.TaskReportStore.Step;
import org.qinglan.course.TaskReportStore.Waiting;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;
import org.qinglan.web.Access;
import org.qinglan.web.Auth;
import org.qinglan.web.Paging;
import org.qinglan.web.RichText;
import org.qinglan.web.Routes;
import org.qinglan.web.Views;

/**
 * Practice tasks over HTTP: the worker's task page (the brief, the report with its draft and
 * hand-in, the history), and the supervisors' queue of reports waiting for them with each
 * report's page, where they sign it off or return it.
 */
public final class TaskReportRoutes {
  static final Access LEARNERS = Access.roles(CoursePolicy.LEARNERS);
  static final Access SUPERVISORS = Access.roles(CoursePolicy.SUPERVISORS);
  private static final int QUEUE_PAGE_SIZE = 30;
  /** What a redirect after a change says on the next page (the query names one of these, nothing else). */
  private static final Map<String, String> DONE = Map.of(
      "draft", "草稿已保存。",
      "handed-in", "报告已提交，等待督导审阅。",
      "signed-off", "已签字通过，学员的这一课时已完成。",
      "returned", "已退回修改，学员会看到你的反馈意见。");

  private final TaskReportService reports;
  private final Views views;

  public TaskReportRoutes(TaskReportService reports, Views views) {
    this.reports = reports;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.page(HttpMethod.GET, "/courses/:id/tasks/:lesson", LEARNERS, ctx -> taskPage(ctx, 200, null, null));
    routes.page(HttpMethod.POST, "/courses/:id/tasks/:lesson", LEARNERS, this::saveReport);
    routes.page(HttpMethod.GET, "/training/reports", SUPERVISORS, this::queuePage);
    routes.page(HttpMethod.GET, "/training/reports/:report", SUPERVISORS, ctx -> reportPage(ctx, 200, null, null));
    routes.page(HttpMethod.POST, "/training/reports/:report", SUPERVISORS, this::decide);
  }

  // ---- the worker ----

  /** The worker's task page. */
  public record TaskPage(TaskReportService.TaskView t, CourseDefinition c, CourseDefinition.Lesson l,
                         String briefHtml, String text, List<HistoryItem> history, String next, String error,
                         String done, int maxChars) {
  }

  /**
   * A step of a report's history as a page shows it: a hand-in with its report (sanitised
   * Markdown in {@code html}), or a decision with the supervisor's feedback as plain {@code text}.
   */
  public record HistoryItem(String label, int handIn, String actorName, OffsetDateTime at, boolean handInStep,
                            String html, String text) {
  }

  /** @param typed what the worker sent when it was refused (shown again, so nothing typed is lost) */
  private void taskPage(RoutingContext ctx, int status, String typed, String error) {
    String courseId = ctx.pathParam("id");
    String lessonId = ctx.pathParam("lesson");
    reports.task(Auth.account(ctx), courseId, lessonId).onSuccess(t -> {
      CourseDefinition.Lesson l = t.state().lesson();
      List<CourseService.LessonState> lessons = t.course().lessons();
      int index = lessons.indexOf(t.state());
      String next = index + 1 < lessons.size() ? lessons.get(index + 1).lesson().id() : null;
      views.page(ctx, status, "course/task.ftlh", l.title(), new TaskPage(t, t.course().course(), l,
          RichText.toSafeHtml(l.body(), "MARKDOWN"), typed != null ? typed : t.draft(), history(t.steps()), next,
          error, done(ctx), TaskReportRules.MAX_REPORT_CHARS));
    }).onFailure(t -> {
      if (t instanceof Problem p && "not_enrolled".equals(p.code())) {
        ctx.redirect("/courses/" + courseId);
      } else {
        ctx.fail(t);
      }
    });
  }

  private void saveReport(RoutingContext ctx) {
    String courseId = ctx.pathParam("id");
    String lessonId = ctx.pathParam("lesson");
    String text = ctx.request().getFormAttribute("body");
    boolean handIn = "hand-in".equals(ctx.request().getFormAttribute("action"));
    reports.save(Auth.account(ctx), courseId, lessonId, text, handIn)
        .onSuccess(r -> ctx.redirect("/courses/" + courseId + "/tasks/" + lessonId + "?done="
            + (handIn ? "handed-in" : "draft")))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            // The page again with what was typed: a refused save loses nothing.
            taskPage(ctx, p.status(), text == null ? "" : text, p.getMessage());
          } else {
            ctx.fail(t);
          }
        });
  }

  // ---- the supervisor ----

  /** The supervisor's queue. */
  public record QueuePage(Page<Waiting> reports, String done) {
  }

  /** A report as its supervisor reads it: the brief, the hand-in being decided, the history and the decision form. */
  public record ReportPage(TaskReportService.ReportView r, String briefHtml, String reportHtml,
                           List<HistoryItem> history, String feedback, String error, int maxFeedback) {
  }

  private void queuePage(RoutingContext ctx) {
    int page = Paging.page(ctx);
    reports.queue(Auth.account(ctx), page, QUEUE_PAGE_SIZE).onSuccess(p -> views.page(ctx, 200,
            "course/task-reports.ftlh", "实践任务审阅", new QueuePage(p, done(ctx))))
        .onFailure(ctx::fail);
  }

  /** @param feedback what the supervisor sent when it was refused (shown again) */
  private void reportPage(RoutingContext ctx, int status, String feedback, String error) {
    UUID id = uuid(ctx.pathParam("report"));
    reports.report(Auth.account(ctx), id).onSuccess(r -> {
      // The hand-in being decided is the last one; the draft may have moved on since a return.
      String latest = r.steps().stream().filter(s -> s.action() == Action.HAND_IN).reduce((a, b) -> b)
          .map(Step::body).orElse("");
      String brief = r.task() == null ? "" : RichText.toSafeHtml(r.task().brief(), "MARKDOWN");
      views.page(ctx, status, "course/task-report.ftlh", "实践任务报告", new ReportPage(r, brief,
          RichText.toSafeHtml(latest, "MARKDOWN"), history(r.steps()), feedback == null ? "" : feedback, error,
          TaskReportRules.MAX_FEEDBACK_CHARS));
    }).onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("report"));
    var form = ctx.request().formAttributes();
    Decision decision = switch (String.valueOf(form.get("decision"))) {
      case "sign-off" -> Decision.SIGN_OFF;
      case "return" -> Decision.RETURN;
      default -> throw Problem.badRequest("请选择“签字通过”或“退回修改”。");
    };
    int handIn;
    try {
      handIn = Integer.parseInt(String.valueOf(form.get("handIn")).strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("缺少所审阅的提交次数，请刷新页面后再试。");
    }
    String feedback = form.get("feedback");
    reports.decide(Auth.account(ctx), id, decision, feedback, handIn)
        .onSuccess(r -> ctx.redirect("/training/reports?done=" + (decision == Decision.SIGN_OFF ? "signed-off"
            : "returned")))
        .onFailure(t -> {
          if (t instanceof Problem p && (p.status() == 400 || p.status() == 409)) {
            reportPage(ctx, p.status(), feedback, p.getMessage());
          } else {
            ctx.fail(t);
          }
        });
  }

  // ---- helpers ----

  /** The history as pages show it, oldest first; reports are sanitised Markdown, feedback stays plain text. */
  static List<HistoryItem> history(List<Step> steps) {
    List<HistoryItem> out = new ArrayList<>();
    for (Step s : steps) {
      boolean handIn = s.action() == Action.HAND_IN;
      String label = handIn ? "第 " + s.handIn() + " 次提交" : s.action().label();
      out.add(new HistoryItem(label, s.handIn(), s.actorName(), s.at(), handIn,
          handIn ? RichText.toSafeHtml(s.body(), "MARKDOWN") : "", handIn ? "" : s.body()));
    }
    return out;
  }

  /** The message of a redirect's {@code done} parameter; null for none or one not of {@link #DONE}. */
  private static String done(RoutingContext ctx) {
    String key = ctx.request().getParam("done");
    return key == null ? null : DONE.get(key);
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound();
    }
  }
}
