package org.qinglan.course;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The content rules of a course: one set for the course files and the web editor. Every module
 * ends with a quiz, a course has at least {@link #MIN_LESSONS} lessons, a reading is a real lesson
 * ({@link #MIN_READING_CHARS} Chinese characters, no scripts), a practice task's brief has its three parts
 * ({@link #TASK_BRIEF_PARTS}), cited cases exist, quizzes and the
 * final assessment draw from sources that hold enough questions, numbers are in range, ids are
 * unique, and prerequisites exist without loops.
 *
 * <p>Each problem says where it is ({@link Where}), so a front end can point at it its own way: a
 * file and line, or a module and lesson on a page. Messages name fields in the front end's
 * {@link Words}: the file format's keys, or the editor's labels.
 */
public final class CourseRules {
  /** A reading lesson must be a real lesson. */
  public static final int MIN_READING_CHARS = 800;
  public static final int MIN_LESSONS = 5;
  /** A practice task's brief: what to do in the community, what to hand in, how it is judged. */
  public static final int MIN_TASK_BRIEF_CHARS = 200;
  /** The headings a task's brief needs, in this order of reading (a heading may go on: 任务要求（一）). */
  public static final List<String> TASK_BRIEF_PARTS = List.of("任务要求", "提交内容", "评价标准");
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,80}");

  /** What a problem is about. Quiz fields at course level ({@code module < 0}) are the final assessment's. */
  public enum Field {
    ID, CREDIT_HOURS, PASS_MARK, GRADES, PREREQUISITES, FINAL_ASSESSMENT, MODULES, LESSONS, KIND, BODY, CASE, URL,
    MINUTES, QUIZ, CATEGORIES, COUNT
  }

  /** Where a problem is: a module and a lesson (indexes into the course; -1 when not about one) and the field. */
  public record Where(int module, int lesson, Field field) {
    static Where course(Field f) {
      return new Where(-1, -1, f);
    }

    static Where module(int m, Field f) {
      return new Where(m, -1, f);
    }

    static Where lesson(int m, int l, Field f) {
      return new Where(m, l, f);
    }

    public boolean inCourse() {
      return module < 0;
    }

    public boolean inLesson() {
      return lesson >= 0;
    }
  }

  /** A broken rule. */
  public record Issue(Where where, String message) {
  }

  /** What the question bank can supply: how many live questions match a quiz's sources. */
  public interface QuestionSource {
    int count(List<String> categoryPrefixes, List<String> tags);
  }

  /**
   * How a front end names things in messages. {@code video} is how a video is given, {@code videoRule}
   * what a valid one is; {@code module} names a module (its id in a file, its title on a page);
   * {@code missingCase} says that a case (by id) is not in the library.
   */
  public record Words(String creditHours, String passMark, String finalAssessment, String quiz, String categories,
                      String count, String minutes, String video, String videoRule, String quizKind,
                      Function<CourseDefinition.Module, String> module, Function<String, String> missingCase) {
  }

  /** The words of course.yaml: its keys, with a gloss where a key alone says little. */
  public static final Words FILE_WORDS = new Words("creditHours", "passMark", "finalAssessment（结业考核）", "quiz",
      "categories（题库分类）", "count", "minutes（时长）", "url 或 upload", "视频地址应以 https:// 开头，或是 lessons/ 下的文件",
      "测验（kind: quiz）", CourseDefinition.Module::id, id -> "案例 " + id + " 不在案例库中");

  /** The words of the web editor. */
  public static final Words EDITOR_WORDS = new Words("学时", "及格线", "结业考核", "单元测验", "题库分类", "题目数量",
      "时长（分钟）", "视频地址", "视频地址应以 https:// 开头", "测验", m -> "「" + m.title() + "」",
      id -> "所选案例已不在案例库中，请重新选择");

  /**
   * What the rules need besides the course: the case library's ids, the question bank, which
   * video values name a file shipped with the course (none in the editor), and the words to use.
   */
  public record Context(Set<String> caseIds, QuestionSource questions, Predicate<String> localVideo, Words words) {
  }

  private CourseRules() {
  }

  /**
   * Every problem of one course except its prerequisites, which need the other courses (see
   * {@link #prerequisites}). Missing parts (null) that a front end has already reported are skipped.
   */
  public static List<Issue> check(CourseDefinition c, Context ctx) {
    Words w = ctx.words();
    List<Issue> out = new ArrayList<>();
    if (c.id() != null && !ID.matcher(c.id()).matches()) {
      out.add(new Issue(Where.course(Field.ID), "课程编号只能用小写字母、数字和连字符"));
    }
    if (c.creditHours() <= 0 || c.creditHours() > 200) {
      out.add(new Issue(Where.course(Field.CREDIT_HOURS), words(w.creditHours(), "应在 0 到 200 之间")));
    }
    if (c.passMark() < 1 || c.passMark() > 100) {
      out.add(new Issue(Where.course(Field.PASS_MARK), words(w.passMark(), "是百分数，应在 1 到 100 之间")));
    }
    Audience a = c.audience();
    if (a != null && a.gradeMin() != null && a.gradeMax() != null && a.gradeMin() > a.gradeMax()) {
      out.add(new Issue(Where.course(Field.GRADES), "岗位等级的下限不能大于上限"));
    }
    if (c.finalAssessment() == null) {
      out.add(new Issue(Where.course(Field.FINAL_ASSESSMENT), words("缺少", w.finalAssessment())));
    } else {
      quiz(c.finalAssessment(), w.finalAssessment(), -1, -1, ctx, out);
    }
    if (c.modules().isEmpty()) {
      out.add(new Issue(Where.course(Field.MODULES), "至少需要一个模块"));
    }
    Set<String> ids = new HashSet<>();
    for (int m = 0; m < c.modules().size(); m++) {
      CourseDefinition.Module module = c.modules().get(m);
      if (module.id() != null && !ids.add(module.id())) {
        out.add(new Issue(Where.module(m, Field.ID), "编号 " + module.id() + " 重复"));
      }
      if (module.lessons().isEmpty()) {
        out.add(new Issue(Where.module(m, Field.LESSONS), words("模块", w.module().apply(module), "没有课时")));
      } else if (module.lessons().get(module.lessons().size() - 1).kind() != LessonKind.QUIZ) {
        out.add(new Issue(Where.module(m, Field.KIND), words("模块", w.module().apply(module), "应以" + w.quizKind() + "结束")));
      }
      for (int l = 0; l < module.lessons().size(); l++) {
        CourseDefinition.Lesson lesson = module.lessons().get(l);
        if (!ids.add(lesson.id())) {
          out.add(new Issue(Where.lesson(m, l, Field.ID), "编号 " + lesson.id() + " 重复"));
        }
        lesson(lesson, m, l, ctx, out);
      }
    }
    int lessons = c.lessonCount();
    if (!c.modules().isEmpty() && lessons < MIN_LESSONS) {
      out.add(new Issue(Where.course(Field.LESSONS), "一门课程至少需要 " + MIN_LESSONS + " 个课时，现在只有 " + lessons + " 个"));
    }
    return out;
  }

  private static void lesson(CourseDefinition.Lesson l, int m, int i, Context ctx, List<Issue> out) {
    Words w = ctx.words();
    switch (l.kind()) {
      case READING -> {
        if (l.body() != null) {
          int chars = chineseChars(l.body());
          if (chars < MIN_READING_CHARS) {
            out.add(new Issue(Where.lesson(m, i, Field.BODY), "阅读课时只有 " + chars + " 个汉字，至少需要 "
                + MIN_READING_CHARS + " 个"));
          }
          noScripts(l.body(), m, i, out);
        }
      }
      case TASK -> {
        if (l.body() != null) {
          int chars = chineseChars(l.body());
          if (chars < MIN_TASK_BRIEF_CHARS) {
            out.add(new Issue(Where.lesson(m, i, Field.BODY), "实践任务说明只有 " + chars + " 个汉字，至少需要 "
                + MIN_TASK_BRIEF_CHARS + " 个"));
          }
          List<String> missing = missingBriefParts(l.body());
          if (!missing.isEmpty()) {
            out.add(new Issue(Where.lesson(m, i, Field.BODY), "实践任务说明应有「" + String.join("」「", TASK_BRIEF_PARTS)
                + "」三部分，各以 ## 小标题开头，缺少：" + String.join("、", missing)));
          }
          noScripts(l.body(), m, i, out);
        }
      }
      case CASE -> {
        if (l.caseId() != null && !ctx.caseIds().contains(l.caseId())) {
          out.add(new Issue(Where.lesson(m, i, Field.CASE), w.missingCase().apply(l.caseId())));
        }
      }
      case VIDEO -> {
        if (l.url() == null || l.url().isBlank()) {
          out.add(new Issue(Where.lesson(m, i, Field.URL), words("视频课时需要", w.video())));
        } else if (!l.url().startsWith("https://") && !ctx.localVideo().test(l.url())) {
          out.add(new Issue(Where.lesson(m, i, Field.URL), w.videoRule()));
        }
        if (l.minutes() < 1) {
          out.add(new Issue(Where.lesson(m, i, Field.MINUTES), words("视频课时需要", w.minutes())));
        }
      }
      case QUIZ -> {
        if (l.quiz() == null) {
          out.add(new Issue(Where.lesson(m, i, Field.QUIZ), words("测验课时需要", w.quiz(), "（出题范围）")));
        } else {
          quiz(l.quiz(), w.quiz(), m, i, ctx, out);
          if (l.quiz().passMark() < 1 || l.quiz().passMark() > 100) {
            out.add(new Issue(Where.lesson(m, i, Field.PASS_MARK), words(w.passMark(), "是百分数，应在 1 到 100 之间")));
          }
        }
      }
      default -> {
        // all kinds handled above
      }
    }
  }

  private static void noScripts(String body, int m, int i, List<Issue> out) {
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("<script") || lower.contains("<iframe")) {
      out.add(new Issue(Where.lesson(m, i, Field.BODY), "课时中不能包含脚本或内嵌页面"));
    }
  }

  /**
   * The parts of {@link #TASK_BRIEF_PARTS} a task's brief has no heading for: a line starting with
   * "##" (any level from two down) whose text starts with the part's name.
   */
  public static List<String> missingBriefParts(String brief) {
    List<String> headings = new ArrayList<>();
    for (String line : brief.split("\n")) {
      String t = line.strip();
      if (t.startsWith("##")) {
        headings.add(t.replaceFirst("^#+\\s*", ""));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String part : TASK_BRIEF_PARTS) {
      if (headings.stream().noneMatch(h -> h.startsWith(part))) {
        missing.add(part);
      }
    }
    return missing;
  }

  private static void quiz(QuizSpec q, String name, int m, int l, Context ctx, List<Issue> out) {
    Words w = ctx.words();
    if (q.categories().isEmpty()) {
      out.add(new Issue(new Where(m, l, Field.CATEGORIES), words(name, "需要", w.categories())));
    }
    if (q.count() < 1) {
      out.add(new Issue(new Where(m, l, Field.COUNT), words(w.count(), "应至少为 1")));
    } else if (!q.categories().isEmpty() && ctx.questions() != null) {
      int available = ctx.questions().count(q.categories(), q.tags());
      if (available < q.count()) {
        out.add(new Issue(new Where(m, l, Field.QUIZ), words(name, "需要 " + q.count() + " 道题，题库中符合条件的只有 "
            + available + " 道")));
      }
    }
  }

  /**
   * The problems of a course's prerequisites among all the courses a learner could take
   * ({@code all}: course id → its prerequisites, the course itself included): each must exist,
   * and following them must never lead back to the course.
   */
  public static List<String> prerequisites(String courseId, Map<String, List<String>> all) {
    return prerequisites(courseId, all, id -> id);
  }

  /** The same, naming courses by {@code name} (a title on a page, the id in a file). */
  public static List<String> prerequisites(String courseId, Map<String, List<String>> all,
                                           Function<String, String> name) {
    List<String> out = new ArrayList<>();
    for (String p : all.getOrDefault(courseId, List.of())) {
      if (!all.containsKey(p)) {
        out.add("先修课程 " + name.apply(p) + " 不存在");
      }
    }
    if (dependsOn(courseId, courseId, all, new HashSet<>())) {
      out.add("先修关系出现循环：" + name.apply(courseId) + " 最终以自己为先修课程");
    }
    return out;
  }

  private static boolean dependsOn(String target, String from, Map<String, List<String>> all, Set<String> seen) {
    if (!all.containsKey(from) || !seen.add(from)) {
      return false;
    }
    for (String p : all.get(from)) {
      if (p.equals(target) || dependsOn(target, p, all, seen)) {
        return true;
      }
    }
    return false;
  }

  /** Chinese characters (CJK ideographs) in a text, as the content rules count them. */
  public static int chineseChars(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf')) {
        n++;
      }
    }
    return n;
  }

  /**
   * Joins message parts, with a space only where a Latin word meets another word ("count 应至少为 1",
   * "学时应在…", "quiz（出题范围）").
   */
  static String words(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      if (!sb.isEmpty()) {
        char before = sb.charAt(sb.length() - 1);
        char after = p.charAt(0);
        if ((latin(before) && Character.isLetterOrDigit(after)) || (Character.isLetterOrDigit(before) && latin(after))) {
          sb.append(' ');
        }
      }
      sb.append(p);
    }
    return sb.toString();
  }

  private static boolean latin(char c) {
    return c < 0x80 && Character.isLetterOrDigit(c);
  }
}
