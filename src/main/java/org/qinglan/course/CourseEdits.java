package org.qinglan.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.qinglan.platform.Problem;

/**
 * The changes the web editor makes to a course, as plain functions from one course to the next:
 * its fields, and adding, changing, moving and removing modules and lessons. A module is its
 * lessons (in the database a module exists through its lessons), so removing a module's last
 * lesson removes the module. Unknown module or lesson ids fail with 404.
 */
public final class CourseEdits {
  /** Letters and digits of generated ids. */
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  static final int ID_LENGTH = 8;

  /** Which way a module or lesson moves. */
  public enum Direction {
    UP, DOWN;

    /** "up" or "down"; anything else is a bad request. */
    public static Direction parse(String s) {
      if ("up".equals(s)) {
        return UP;
      }
      if ("down".equals(s)) {
        return DOWN;
      }
      throw Problem.badRequest("移动方向无效。");
    }
  }

  private CourseEdits() {
  }

  /** An opaque id: the prefix and {@link #ID_LENGTH} random lowercase letters or digits, none of {@code taken}. */
  public static String newId(String prefix, Set<String> taken, RandomGenerator random) {
    while (true) {
      StringBuilder sb = new StringBuilder(prefix);
      for (int i = 0; i < ID_LENGTH; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String id = sb.toString();
      if (!taken.contains(id)) {
        return id;
      }
    }
  }

  /** The course's own fields from {@code fields}, its modules kept. */
  public static CourseDefinition withFields(CourseDefinition c, CourseDefinition fields) {
    return new CourseDefinition(c.id(), fields.title(), fields.tier(), fields.summary(), fields.audience(),
        fields.prerequisites(), fields.creditHours(), fields.passMark(), c.postEntryCertificate(),
        fields.finalAssessment(), c.modules());
  }

  public static CourseDefinition addModule(CourseDefinition c, CourseDefinition.Module module) {
    List<CourseDefinition.Module> modules = new ArrayList<>(c.modules());
    modules.add(module);
    return withModules(c, modules);
  }

  public static CourseDefinition renameModule(CourseDefinition c, String moduleId, String title) {
    return changeModule(c, moduleId, m -> new CourseDefinition.Module(m.id(), title, m.lessons()));
  }

  public static CourseDefinition moveModule(CourseDefinition c, String moduleId, Direction d) {
    List<CourseDefinition.Module> modules = new ArrayList<>(c.modules());
    swap(modules, moduleIndex(c, moduleId), d);
    return withModules(c, modules);
  }

  /** Removes a module and so all its lessons. */
  public static CourseDefinition removeModule(CourseDefinition c, String moduleId) {
    List<CourseDefinition.Module> modules = new ArrayList<>(c.modules());
    modules.remove(moduleIndex(c, moduleId));
    return withModules(c, modules);
  }

  /**
   * Adds a lesson to a module: a quiz at the end, anything else before the quiz that closes the
   * module (so the module still ends with its quiz), or at the end when there is none.
   */
  public static CourseDefinition addLesson(CourseDefinition c, String moduleId, CourseDefinition.Lesson lesson) {
    return changeModule(c, moduleId, m -> {
      List<CourseDefinition.Lesson> lessons = new ArrayList<>(m.lessons());
      boolean endsWithQuiz = !lessons.isEmpty() && lessons.get(lessons.size() - 1).kind() == LessonKind.QUIZ;
      lessons.add(lesson.kind() != LessonKind.QUIZ && endsWithQuiz ? lessons.size() - 1 : lessons.size(), lesson);
      return new CourseDefinition.Module(m.id(), m.title(), lessons);
    });
  }

  /** Puts {@code lesson} in place of the lesson with its id. */
  public static CourseDefinition replaceLesson(CourseDefinition c, CourseDefinition.Lesson lesson) {
    return changeModule(c, moduleOf(c, lesson.id()).id(), m -> new CourseDefinition.Module(m.id(), m.title(),
        m.lessons().stream().map(l -> l.id().equals(lesson.id()) ? lesson : l).toList()));
  }

  /** Moves a lesson one place within its module; at the module's edge nothing changes. */
  public static CourseDefinition moveLesson(CourseDefinition c, String lessonId, Direction d) {
    return changeModule(c, moduleOf(c, lessonId).id(), m -> {
      List<CourseDefinition.Lesson> lessons = new ArrayList<>(m.lessons());
      swap(lessons, indexOf(lessons, lessonId), d);
      return new CourseDefinition.Module(m.id(), m.title(), lessons);
    });
  }

  /** Removes a lesson; a module left without lessons goes with it. */
  public static CourseDefinition removeLesson(CourseDefinition c, String lessonId) {
    CourseDefinition.Module module = moduleOf(c, lessonId);
    List<CourseDefinition.Lesson> lessons = new ArrayList<>(module.lessons());
    lessons.remove(indexOf(lessons, lessonId));
    if (lessons.isEmpty()) {
      return removeModule(c, module.id());
    }
    return changeModule(c, module.id(), m -> new CourseDefinition.Module(m.id(), m.title(), lessons));
  }

  public static CourseDefinition.Module module(CourseDefinition c, String moduleId) {
    return c.modules().get(moduleIndex(c, moduleId));
  }

  /** The module holding the lesson; 404 when there is no such lesson. */
  public static CourseDefinition.Module moduleOf(CourseDefinition c, String lessonId) {
    for (CourseDefinition.Module m : c.modules()) {
      if (indexOf(m.lessons(), lessonId) >= 0) {
        return m;
      }
    }
    throw Problem.notFound();
  }

  /** Every id the course uses (modules and lessons). */
  public static Set<String> ids(CourseDefinition c) {
    Set<String> out = new java.util.HashSet<>();
    for (CourseDefinition.Module m : c.modules()) {
      out.add(m.id());
      m.lessons().forEach(l -> out.add(l.id()));
    }
    return out;
  }

  /**
   * A rule's problem as the editor shows it: a lesson's problem names the lesson and where it is;
   * the final assessment's question count says whose it is. Other messages name their subject.
   */
  public static String describe(CourseRules.Issue issue, CourseDefinition c) {
    CourseRules.Where w = issue.where();
    if (w.inLesson()) {
      CourseDefinition.Lesson l = c.modules().get(w.module()).lessons().get(w.lesson());
      return "「" + l.title() + "」（模块 " + (w.module() + 1) + " 第 " + (w.lesson() + 1) + " 课时）：" + issue.message();
    }
    if (w.inCourse() && w.field() == CourseRules.Field.COUNT) {
      return "结业考核：" + issue.message();
    }
    return issue.message();
  }

  private static CourseDefinition changeModule(CourseDefinition c, String moduleId,
                                               UnaryOperator<CourseDefinition.Module> change) {
    List<CourseDefinition.Module> modules = new ArrayList<>(c.modules());
    int i = moduleIndex(c, moduleId);
    modules.set(i, change.apply(modules.get(i)));
    return withModules(c, modules);
  }

  private static int moduleIndex(CourseDefinition c, String moduleId) {
    for (int i = 0; i < c.modules().size(); i++) {
      if (c.modules().get(i).id().equals(moduleId)) {
        return i;
      }
    }
    throw Problem.notFound();
  }

  private static int indexOf(List<CourseDefinition.Lesson> lessons, String lessonId) {
    for (int i = 0; i < lessons.size(); i++) {
      if (lessons.get(i).id().equals(lessonId)) {
        return i;
      }
    }
    return -1;
  }

  private static <T> void swap(List<T> list, int i, Direction d) {
    int j = d == Direction.UP ? i - 1 : i + 1;
    if (j >= 0 && j < list.size()) {
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static CourseDefinition withModules(CourseDefinition c, List<CourseDefinition.Module> modules) {
    return new CourseDefinition(c.id(), c.title(), c.tier(), c.summary(), c.audience(), c.prerequisites(),
        c.creditHours(), c.passMark(), c.postEntryCertificate(), c.finalAssessment(), modules);
  }
}
