package org.qinglan.course;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.qinglan.cases.CaseLibrary;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.PostCategory;
import org.qinglan.people.WorkerService;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;

/**
 * Trainers write courses for an org unit in their scope on the web (source EDITOR). A course is
 * a draft until it passes every rule of {@link CourseRules} and is published; every save checks
 * the rules and lists what is still wrong, bumps the revision and is audited. A published course
 * must stay valid, so a change that would break it is refused. Shipped courses are read-only
 * here: their files are their source.
 */
public final class CourseEditorService {
  private static final int CREATE_ATTEMPTS = 5;

  private final Pool pool;
  private final CourseStore store;
  private final CourseService courses;
  private final QuestionCatalog questions;
  private final OrgUnitService orgUnits;
  private final WorkerService workers;
  private final CaseLibrary cases;
  private final RandomGenerator random = new SecureRandom();

  public CourseEditorService(Pool pool, CourseStore store, CourseService courses, QuestionCatalog questions,
                             OrgUnitService orgUnits, WorkerService workers,
                             CaseLibrary cases) {
    this.pool = pool;
    this.store = store;
    this.courses = courses;
    this.questions = questions;
    this.orgUnits = orgUnits;
    this.workers = workers;
    this.cases = cases;
  }

  static Problem readOnly() {
    return new Problem(403, "read_only", "内置课程随程序发布，内容以程序附带的课程文件为准，不能在网页上修改。");
  }

  /** A course as the editor shows it: its org unit (null when shipped), whether the viewer may change it, its problems. */
  public record Editing(CourseStore.Stored stored, OrgUnit unit, boolean canChange, List<String> problems) {
    public CourseDefinition course() {
      return stored.course();
    }
  }

  /** A question-bank category prefix to choose, with its depth and last part for an indented list. */
  public record CategoryOption(String path, int depth, String name) {
  }

  /** What the editor's forms offer this viewer. */
  public record Choices(CourseForm.Choices form, List<CategoryOption> categories, List<OrgUnitService.TreeRow> units,
                        Map<String, String> cases, List<CourseDefinition> prerequisites) {
  }

  // ---- reading ----

  /** The editor's courses of the viewer's org unit and below, drafts included, with their units' names. */
  public Future<List<CourseStore.Stored>> editable(Account viewer) {
    if (!CoursePolicy.isWriter(viewer)) {
      return Future.succeededFuture(List.of());
    }
    return orgUnits.within(viewer).compose(units -> {
      Map<UUID, String> names = new HashMap<>();
      units.forEach(u -> names.put(u.id(), u.name()));
      return store.editorCourses(pool, names.keySet())
          .map(list -> list.stream().map(c -> c.withUnitName(names.get(c.orgUnitId()))).toList());
    });
  }

  /** The ids of the shipped courses, which are read-only here. */
  public Future<Set<String>> shippedIds() {
    return store.shippedIds(pool);
  }

  /** A course to edit (or, when shipped, to read); 404 when unknown, 403 when outside the viewer's scope. */
  public Future<Editing> open(Account viewer, String id) {
    return store.stored(pool, id, false).compose(s -> {
      if (s == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (s.shipped()) {
        return Future.succeededFuture(new Editing(s, null, false, List.of()));
      }
      return orgUnits.reachable(viewer, s.orgUnitId()).compose(unit -> issues(s.course(), unit)
          .map(issues -> new Editing(s.withUnitName(unit.name()), unit,
              CoursePolicy.may(viewer, CoursePolicy.Action.EDIT, unit), describe(issues, s.course()))));
    });
  }

  /**
   * The choices of the forms: question-bank categories the viewer sees (and those the course
   * already uses), post categories, cases, the org units of their scope, and the courses that may
   * be prerequisites (those the workers of {@code unit} see; the viewer's when null).
   */
  public Future<Choices> choices(Account viewer, CourseDefinition course, OrgUnit unit) {
    Future<List<CourseDefinition>> options = unit == null ? courses.courses(viewer) : courses.coursesIn(unit);
    return Future.all(questions.categoryPaths(viewer), workers.categories(), options, orgUnits.within(viewer),
        cases.publishedTitles()).map(all -> {
      List<List<String>> visible = all.resultAt(0);
      Set<String> prefixes = new LinkedHashSet<>();
      for (List<String> path : visible) {
        for (int n = 1; n <= path.size(); n++) {
          prefixes.add(String.join("/", path.subList(0, n)));
        }
      }
      if (course != null) {
        specs(course).forEach(q -> prefixes.addAll(q.categories()));
      }
      List<CategoryOption> categories = prefixes.stream().sorted().map(p -> new CategoryOption(p,
          (int) p.chars().filter(ch -> ch == '/').count(), p.substring(p.lastIndexOf('/') + 1))).toList();
      Map<String, String> posts = new LinkedHashMap<>();
      all.<Map<String, PostCategory>>resultAt(1).values().forEach(pc -> posts.put(pc.code(), pc.nameZh()));
      Map<String, String> caseTitles = new TreeMap<>(all.<Map<String, String>>resultAt(4));
      // A case the course cites that has left the library stays the lesson's choice until the trainer changes it.
      if (course != null) {
        course.modules().forEach(m -> m.lessons().stream().filter(l -> l.caseId() != null)
            .forEach(l -> caseTitles.putIfAbsent(l.caseId(), l.caseId() + "（已不在案例库中）")));
      }
      List<CourseDefinition> prerequisites = all.<List<CourseDefinition>>resultAt(2).stream()
          .filter(c -> course == null || !c.id().equals(course.id())).toList();
      return new Choices(new CourseForm.Choices(posts, prefixes), categories,
          OrgUnitService.tree(all.resultAt(3)), caseTitles, prerequisites);
    });
  }

  // ---- creating ----

  /** Creates a draft for an org unit in the actor's scope (their own when {@code unitId} is null); returns its id. */
  public Future<String> create(Account actor, CourseDefinition fields, UUID unitId) {
    UUID unit = unitId != null ? unitId : actor.orgUnit() == null ? null : actor.orgUnit().id();
    if (unit == null) {
      return Future.failedFuture(Problem.badRequest("请选择课程所属的单位。"));
    }
    return orgUnits.reachable(actor, unit).compose(u -> CoursePolicy.may(actor, CoursePolicy.Action.EDIT, u)
        ? pool.withTransaction(tx -> insert(tx, actor, fields, u, 1)) : Future.failedFuture(Problem.forbidden()));
  }

  private Future<String> insert(SqlConnection tx, Account actor, CourseDefinition fields, OrgUnit unit, int attempt) {
    String id = CourseEdits.newId("c-", Set.of(), random);
    CourseDefinition c = CourseEdits.withFields(new CourseDefinition(id, null, null, null, null, List.of(), 0, 0,
        false, null, List.of()), fields);
    return store.insertEditorCourse(tx, c, unit.id()).compose(inserted -> {
      if (!inserted) {
        return attempt < CREATE_ATTEMPTS ? insert(tx, actor, fields, unit, attempt + 1)
            : Future.failedFuture(new IllegalStateException("No free course id after " + attempt + " attempts"));
      }
      return Audit.record(tx, actor.id(), "course.create", id, new JsonObject().put("title", c.title())
          .put("orgUnit", unit.id().toString()).put("revision", 1)).map(id);
    });
  }

  // ---- saving ----

  /** Saves the course's own fields; {@code unitId} moves it to another org unit in the actor's scope. */
  public Future<Integer> saveFields(Account actor, String id, int revision, CourseDefinition fields, UUID unitId) {
    return change(actor, id, revision, unitId, "course.edit", new JsonObject(),
        (c, ids) -> CourseEdits.withFields(c, fields));
  }

  /** Adds a module with the quiz that closes it. */
  public Future<Integer> addModule(Account actor, String id, int revision, CourseDefinition.Module module) {
    return change(actor, id, revision, null, "course.module.add", new JsonObject().put("title", module.title()),
        (c, ids) -> CourseEdits.addModule(c, new CourseDefinition.Module(ids.apply("m-"), module.title(),
            module.lessons().stream().map(l -> withId(l, ids.apply("l-"))).toList())));
  }

  public Future<Integer> renameModule(Account actor, String id, int revision, String moduleId, String title) {
    return change(actor, id, revision, null, "course.module.rename", new JsonObject().put("module", moduleId)
        .put("title", title), (c, ids) -> CourseEdits.renameModule(c, moduleId, title));
  }

  public Future<Integer> moveModule(Account actor, String id, int revision, String moduleId, CourseEdits.Direction d) {
    return change(actor, id, revision, null, "course.module.move", new JsonObject().put("module", moduleId)
        .put("direction", d.name()), (c, ids) -> CourseEdits.moveModule(c, moduleId, d));
  }

  /** Removes a module: its lessons are retired, never deleted. */
  public Future<Integer> removeModule(Account actor, String id, int revision, String moduleId) {
    return change(actor, id, revision, null, "course.module.remove", new JsonObject().put("module", moduleId),
        (c, ids) -> CourseEdits.removeModule(c, moduleId));
  }

  /** Adds a lesson (its id is generated) to a module: before the module's closing quiz unless it is a quiz. */
  public Future<Integer> addLesson(Account actor, String id, int revision, String moduleId, CourseDefinition.Lesson lesson) {
    return change(actor, id, revision, null, "course.lesson.add", new JsonObject().put("module", moduleId)
        .put("kind", lesson.kind().name()).put("title", lesson.title()),
        (c, ids) -> CourseEdits.addLesson(c, moduleId, withId(lesson, ids.apply("l-"))));
  }

  public Future<Integer> saveLesson(Account actor, String id, int revision, CourseDefinition.Lesson lesson) {
    return change(actor, id, revision, null, "course.lesson.edit", new JsonObject().put("lesson", lesson.id()),
        (c, ids) -> {
          if (CourseService.lesson(c, lesson.id()).kind() != lesson.kind()) {
            throw Problem.badRequest("不能改变课时的类型；请新增一个课时，再移除这个。");
          }
          return CourseEdits.replaceLesson(c, lesson);
        });
  }

  public Future<Integer> moveLesson(Account actor, String id, int revision, String lessonId, CourseEdits.Direction d) {
    return change(actor, id, revision, null, "course.lesson.move", new JsonObject().put("lesson", lessonId)
        .put("direction", d.name()), (c, ids) -> CourseEdits.moveLesson(c, lessonId, d));
  }

  /** Removes a lesson: it is retired (progress refers to it), never deleted. */
  public Future<Integer> removeLesson(Account actor, String id, int revision, String lessonId) {
    return change(actor, id, revision, null, "course.lesson.remove", new JsonObject().put("lesson", lessonId),
        (c, ids) -> CourseEdits.removeLesson(c, lessonId));
  }

  /** Publishes the course when it passes every rule (else 400 with the problems), or withdraws it from workers. */
  public Future<Integer> setPublished(Account actor, String id, int revision, boolean publish) {
    return pool.withTransaction(tx -> locked(tx, actor, id, revision, CoursePolicy.Action.PUBLISH)
        .compose(s -> issues(s.course(), s.unit).compose(issues -> {
          List<String> problems = describe(issues, s.course());
          if (publish && !problems.isEmpty()) {
            return Future.failedFuture(Problem.badRequest("还不能发布：这门课程有 " + problems.size()
                + " 处不符合课程规则，请先修改。", problems));
          }
          return store.setPublished(tx, id, publish).compose(rev -> Audit.record(tx, actor.id(),
              publish ? "course.publish" : "course.unpublish", id, new JsonObject().put("revision", rev))
              .map(rev));
        })));
  }

  // ---- the one way a course changes ----

  /** A course locked for a change, with its org unit. */
  private record Locked(CourseStore.Stored stored, OrgUnit unit) {
    CourseDefinition course() {
      return stored.course();
    }
  }

  /**
   * Applies an edit in one transaction: checks scope and revision, checks the rules on the result,
   * refuses it when a published course would break them, then saves the course and its lessons
   * (lessons left out are retired) as the next revision, with an audit entry. Returns the revision.
   */
  private Future<Integer> change(Account actor, String id, int revision, UUID unitId, String action, JsonObject detail,
                               Edit edit) {
    return pool.withTransaction(tx -> locked(tx, actor, id, revision, CoursePolicy.Action.EDIT).compose(s -> {
      Future<OrgUnit> target = unitId == null || unitId.equals(s.unit().id()) ? Future.succeededFuture(s.unit())
          : orgUnits.reachable(actor, unitId).compose(u -> CoursePolicy.may(actor, CoursePolicy.Action.EDIT, u)
              ? Future.succeededFuture(u) : Future.failedFuture(Problem.forbidden()));
      return Future.all(target, store.takenIds(tx, id)).compose(all -> {
        OrgUnit unit = all.resultAt(0);
        Set<String> taken = new java.util.HashSet<>(all.<Set<String>>resultAt(1));
        taken.addAll(CourseEdits.ids(s.course()));
        CourseDefinition next = edit.apply(s.course(), prefix -> {
          String newId = CourseEdits.newId(prefix, taken, random);
          taken.add(newId);
          return newId;
        });
        return issues(next, unit).compose(issues -> {
          List<String> problems = describe(issues, next);
          if (s.stored().published() && !problems.isEmpty()) {
            return Future.failedFuture(Problem.badRequest("这门课程已经发布，修改后仍须符合全部课程规则；这次修改没有保存。"
                + "如需大幅调整，请先撤回发布。", problems));
          }
          return store.updateEditorCourse(tx, next, unit.id())
              .compose(rev -> store.writeLessons(tx, next)
                  .compose(v -> Audit.record(tx, actor.id(), action, id, detail.copy().put("revision", rev)))
                  .map(rev));
        });
      });
    }));
  }

  /** An edit of a course; {@code ids} gives new ids with a prefix, unused in the course. */
  @FunctionalInterface
  private interface Edit {
    CourseDefinition apply(CourseDefinition course, Function<String, String> ids);
  }

  private Future<Locked> locked(SqlConnection tx, Account actor, String id, int revision, CoursePolicy.Action action) {
    return store.stored(tx, id, true).compose(s -> {
      if (s == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (s.shipped()) {
        return Future.failedFuture(readOnly());
      }
      return orgUnits.reachable(actor, s.orgUnitId()).compose(unit -> {
        if (!CoursePolicy.may(actor, action, unit)) {
          return Future.failedFuture(Problem.forbidden());
        }
        if (s.revision() != revision) {
          return Future.failedFuture(Problem.conflict("这门课程刚被修改过（现在是第 " + s.revision()
              + " 版），请重新打开后再修改。"));
        }
        return Future.succeededFuture(new Locked(s, unit));
      });
    });
  }

  // ---- the rules ----

  /**
   * Every rule the course breaks, as the course files are checked: the case library, the question
   * bank as it is now, and the prerequisites among the courses the workers of its unit see.
   */
  Future<List<CourseRules.Issue>> issues(CourseDefinition c, OrgUnit unit) {
    List<QuizSpec> specs = specs(c).stream().filter(q -> !q.categories().isEmpty()).distinct().toList();
    List<Future<Integer>> counts = specs.stream()
        .map(q -> questions.forQuiz(q.categories(), q.tags()).map(List::size)).toList();
    return Future.all(Future.all(counts), courses.coursesIn(unit), cases.publishedTitles()).map(all -> {
      Map<List<List<String>>, Integer> available = new HashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        available.put(List.of(specs.get(i).categories(), specs.get(i).tags()), counts.get(i).result());
      }
      CourseRules.QuestionSource source = (categories, tags) -> available.getOrDefault(List.of(categories, tags), 0);
      List<CourseRules.Issue> out = new ArrayList<>(CourseRules.check(c, new CourseRules.Context(all.<Map<String, String>>resultAt(2).keySet(),
          source, video -> false, CourseRules.EDITOR_WORDS)));
      Map<String, List<String>> graph = new HashMap<>();
      Map<String, String> titles = new HashMap<>();
      all.<List<CourseDefinition>>resultAt(1).forEach(x -> {
        graph.put(x.id(), x.prerequisites());
        titles.put(x.id(), x.title());
      });
      graph.put(c.id(), c.prerequisites());
      titles.put(c.id(), c.title());
      // People read titles, not the generated ids; a prerequisite no longer offered has no title here.
      CourseRules.prerequisites(c.id(), graph, id -> titles.containsKey(id) ? "《" + titles.get(id) + "》" : "（已停用的课程）")
          .forEach(m -> out.add(new CourseRules.Issue(
          CourseRules.Where.course(CourseRules.Field.PREREQUISITES), m)));
      return out;
    });
  }

  private static List<String> describe(List<CourseRules.Issue> issues, CourseDefinition c) {
    return issues.stream().map(i -> CourseEdits.describe(i, c)).toList();
  }

  /** The final assessment and every quiz of the course. */
  private static List<QuizSpec> specs(CourseDefinition c) {
    List<QuizSpec> out = new ArrayList<>();
    if (c.finalAssessment() != null) {
      out.add(c.finalAssessment());
    }
    c.modules().forEach(m -> m.lessons().stream().filter(l -> l.quiz() != null).forEach(l -> out.add(l.quiz())));
    return out;
  }

  private static CourseDefinition.Lesson withId(CourseDefinition.Lesson l, String id) {
    return new CourseDefinition.Lesson(id, l.title(), l.kind(), l.body(), l.caseId(), l.url(), l.minutes(), l.quiz());
  }
}
