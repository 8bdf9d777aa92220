package org.qinglan.course;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qinglan.people.Qualification;

/**
 * Reads the web editor's forms into course parts. This is only reading, as {@link CourseFiles}
 * reads YAML: a field that is missing or cannot be read (not a number, not one of the choices
 * offered) is an input error and nothing is saved; whether the course is good is for
 * {@link CourseRules} to say, on every save.
 */
public final class CourseForm {
  static final int MAX_TITLE = 100;
  static final int MAX_SUMMARY = 500;
  static final int MAX_BODY = 100_000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 40;
  /** The title a module's closing quiz gets unless the form names one. */
  static final String QUIZ_TITLE = "单元测验";

  /** A form's fields by name (every value of a repeated field, such as checkboxes). */
  @FunctionalInterface
  public interface Input {
    List<String> all(String name);

    /** The first value, stripped; null when absent or blank. */
    default String get(String name) {
      List<String> v = all(name);
      if (v == null || v.isEmpty() || v.get(0) == null || v.get(0).isBlank()) {
        return null;
      }
      return v.get(0).strip();
    }
  }

  /** The choices the form offers: post categories (code → name) and question-bank category prefixes. */
  public record Choices(Map<String, String> postCategories, Set<String> categories) {
  }

  /** What a form held, or why it could not be read. */
  public record Result<T>(T value, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private CourseForm() {
  }

  /** The course's own fields (the returned course has no modules and no id). */
  public static Result<CourseDefinition> course(Input in, Choices choices) {
    List<String> errors = new ArrayList<>();
    String title = text(in, "title", "课程名称", MAX_TITLE, errors);
    Tier tier = null;
    try {
      tier = in.get("tier") == null ? null : Tier.valueOf(in.get("tier"));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (tier == null) {
      errors.add("请选择培训层级");
    }
    String summary = text(in, "summary", "课程简介", MAX_SUMMARY, errors);
    Double hours = number(in, "creditHours", "学时", errors);
    Integer passMark = integer(in, "passMark", "及格线", true, errors);
    Set<String> posts = new LinkedHashSet<>();
    for (String p : values(in, "post")) {
      if (choices.postCategories().containsKey(p)) {
        posts.add(p);
      } else {
        errors.add("岗位类别“" + p + "”不存在");
      }
    }
    Integer gradeMin = integer(in, "gradeMin", "最低岗位等级", false, errors);
    Integer gradeMax = integer(in, "gradeMax", "最高岗位等级", false, errors);
    Set<Qualification> quals = EnumSet.noneOf(Qualification.class);
    for (String q : values(in, "qualification")) {
      try {
        quals.add(Qualification.valueOf(q));
      } catch (IllegalArgumentException e) {
        errors.add("职业资格“" + q + "”不存在");
      }
    }
    Boolean secretary = in.get("secretaryOnly") == null ? null : Boolean.TRUE;
    List<String> prerequisites = new ArrayList<>(new LinkedHashSet<>(values(in, "prerequisite")));
    QuizSpec finalAssessment = quiz(in, "final-", choices, passMark == null ? 60 : passMark, errors);
    if (!errors.isEmpty()) {
      return new Result<>(null, errors);
    }
    return new Result<>(new CourseDefinition(null, title, tier, summary,
        new Audience(posts, gradeMin, gradeMax, quals, secretary), prerequisites, hours, passMark, false,
        finalAssessment, List.of()), List.of());
  }

  /** A new module (no id yet): its title, and the quiz that closes it (no id yet). */
  public static Result<CourseDefinition.Module> module(Input in, Choices choices) {
    List<String> errors = new ArrayList<>();
    String title = text(in, "moduleTitle", "模块名称", MAX_TITLE, errors);
    String quizTitle = in.get("title") == null ? QUIZ_TITLE : in.get("title");
    if (quizTitle.length() > MAX_TITLE) {
      errors.add("测验名称不超过 " + MAX_TITLE + " 个字");
    }
    QuizSpec quiz = quiz(in, "", choices, 60, errors);
    if (!errors.isEmpty()) {
      return new Result<>(null, errors);
    }
    return new Result<>(new CourseDefinition.Module(null, title, List.of(
        new CourseDefinition.Lesson(null, quizTitle, LessonKind.QUIZ, null, null, null, 0, quiz))), List.of());
  }

  /** A module's new title. */
  public static Result<String> moduleTitle(Input in) {
    List<String> errors = new ArrayList<>();
    String title = text(in, "moduleTitle", "模块名称", MAX_TITLE, errors);
    return new Result<>(title, errors);
  }

  /** A lesson of the given kind with the given id. */
  public static Result<CourseDefinition.Lesson> lesson(Input in, String id, LessonKind kind, Choices choices) {
    List<String> errors = new ArrayList<>();
    String title = text(in, "title", "课时名称", MAX_TITLE, errors);
    Integer minutes = integer(in, "minutes", "时长", false, errors);
    if (minutes != null && minutes < 0) {
      errors.add("时长不能是负数");
    }
    String body = null;
    String caseId = null;
    String url = null;
    QuizSpec quiz = null;
    switch (kind) {
      case READING, TASK -> {
        // A reading's text, or a practice task's brief.
        List<String> v = in.all("body");
        body = v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).replace("\r\n", "\n").strip();
        if (body.length() > MAX_BODY) {
          errors.add("正文不超过 " + MAX_BODY + " 个字");
        }
      }
      case CASE -> {
        caseId = in.get("caseId");
        if (caseId == null) {
          errors.add("请选择案例");
        }
      }
      case VIDEO -> url = in.get("url");
      case QUIZ -> quiz = quiz(in, "", choices, 60, errors);
      default -> {
        // all kinds handled above
      }
    }
    if (!errors.isEmpty()) {
      return new Result<>(null, errors);
    }
    return new Result<>(new CourseDefinition.Lesson(id, title, kind, body, caseId, url, minutes == null ? 0 : minutes,
        quiz), List.of());
  }

  /** "reading", "video", "case", "quiz" or "task"; anything else is a bad request. */
  public static LessonKind kind(String s) {
    try {
      return LessonKind.valueOf(s == null ? "" : s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw org.qinglan.platform.Problem.badRequest("课时类型无效。");
    }
  }

  // ---- the values a form shows ----

  /**
   * The course fields form's values, as text (numbers as typed): repeated fields ({@code post},
   * {@code qualification}, {@code prerequisite}) as lists, {@code secretaryOnly} "on" or empty, the
   * org unit's id, and the final assessment's fields.
   */
  public record CourseValues(String title, String tier, String summary, String creditHours, String passMark,
                             List<String> post, String gradeMin, String gradeMax, List<String> qualification,
                             String secretaryOnly, List<String> prerequisite, String unit, QuizValues finalAssessment) {
  }

  /** The lesson form's values, as text; {@code quiz} holds a quiz lesson's fields. */
  public record LessonValues(String title, String minutes, String body, String caseId, String url, QuizValues quiz) {
  }

  /** A quiz's fields: its question-bank categories, tags (one text), question count and pass mark. */
  public record QuizValues(List<String> category, String tags, String count, String passMark) {
  }

  /** The course fields form filled from a course, for the org unit with id {@code unit} (empty: none). */
  public static CourseValues values(CourseDefinition c, String unit) {
    Audience a = c.audience();
    return new CourseValues(c.title(), c.tier().name(), c.summary(), number(c.creditHours()),
        String.valueOf(c.passMark()), List.copyOf(a.postCategories()),
        a.gradeMin() == null ? "" : String.valueOf(a.gradeMin()),
        a.gradeMax() == null ? "" : String.valueOf(a.gradeMax()), a.qualifications().stream().map(Enum::name).toList(),
        Boolean.TRUE.equals(a.secretaryOrDirector()) ? "on" : "", c.prerequisites(), unit, values(c.finalAssessment()));
  }

  /** The form of a new course for the org unit with id {@code unit} (empty: none): no title, no hours yet. */
  public static CourseValues newCourse(String unit) {
    CourseValues v = values(new CourseDefinition(null, "", Tier.IN_SERVICE, "", Audience.anyone(), List.of(), 8, 60,
        false, null, List.of()), unit);
    return new CourseValues("", v.tier(), v.summary(), "", v.passMark(), v.post(), v.gradeMin(), v.gradeMax(),
        v.qualification(), v.secretaryOnly(), v.prerequisite(), unit, v.finalAssessment());
  }

  /** The lesson form filled from a lesson. */
  public static LessonValues values(CourseDefinition.Lesson l) {
    return new LessonValues(l.title(), l.minutes() == 0 ? "" : String.valueOf(l.minutes()),
        l.body() == null ? "" : l.body(), l.caseId() == null ? "" : l.caseId(), l.url() == null ? "" : l.url(),
        values(l.quiz()));
  }

  /** A quiz's fields; empty (a count of 5, pass mark 60) when there is none. */
  public static QuizValues values(QuizSpec q) {
    return q == null ? new QuizValues(List.of(), "", "5", "60")
        : new QuizValues(q.categories(), String.join("，", q.tags()), String.valueOf(q.count()),
            String.valueOf(q.passMark()));
  }

  /** The course fields as submitted, to show the form again (the final assessment's pass mark is the course's). */
  public static CourseValues courseEcho(Input in) {
    return new CourseValues(typed(in, "title"), typed(in, "tier"), typed(in, "summary"), typed(in, "creditHours"),
        typed(in, "passMark"), values(in, "post"), typed(in, "gradeMin"), typed(in, "gradeMax"),
        values(in, "qualification"), typed(in, "secretaryOnly"), values(in, "prerequisite"), typed(in, "unit"),
        new QuizValues(values(in, "final-category"), typed(in, "final-tags"), typed(in, "final-count"),
            typed(in, "passMark")));
  }

  /** The lesson fields as submitted, to show the form again. */
  public static LessonValues lessonEcho(Input in) {
    return new LessonValues(typed(in, "title"), typed(in, "minutes"), typed(in, "body"), typed(in, "caseId"),
        typed(in, "url"), new QuizValues(values(in, "category"), typed(in, "tags"), typed(in, "count"),
            typed(in, "passMark")));
  }

  /** A field's first value as typed (not stripped), or empty. */
  private static String typed(Input in, String name) {
    List<String> all = in.all(name);
    return all == null || all.isEmpty() || all.get(0) == null ? "" : all.get(0);
  }

  // ---- reading single fields ----

  private static QuizSpec quiz(Input in, String prefix, Choices choices, int defaultPassMark, List<String> errors) {
    List<String> categories = new ArrayList<>();
    for (String c : new LinkedHashSet<>(values(in, prefix + "category"))) {
      if (choices.categories().contains(c)) {
        categories.add(c);
      } else {
        errors.add("题库分类“" + c + "”不存在或不在您可用的范围内");
      }
    }
    List<String> tags = tags(in.get(prefix + "tags"), errors);
    Integer count = integer(in, prefix + "count", "题目数量", true, errors);
    Integer passMark = prefix.isEmpty() ? integer(in, "passMark", "及格线", false, errors) : null;
    return new QuizSpec(categories, tags, count == null ? 0 : count, passMark == null ? defaultPassMark : passMark);
  }

  static List<String> tags(String input, List<String> errors) {
    Set<String> out = new LinkedHashSet<>();
    if (input != null) {
      for (String t : input.split("[,，、;；\\s]+")) {
        if (t.isEmpty()) {
          continue;
        }
        if (t.length() > MAX_TAG) {
          errors.add("标签“" + t + "”超过 " + MAX_TAG + " 个字");
        } else {
          out.add(t);
        }
      }
    }
    if (out.size() > MAX_TAGS) {
      errors.add("标签最多 " + MAX_TAGS + " 个");
    }
    return new ArrayList<>(out);
  }

  private static String text(Input in, String name, String label, int max, List<String> errors) {
    String v = in.get(name);
    if (v == null) {
      errors.add("请填写" + label);
    } else if (v.length() > max) {
      errors.add(label + "不超过 " + max + " 个字");
    }
    return v;
  }

  private static Double number(Input in, String name, String label, List<String> errors) {
    String v = in.get(name);
    if (v == null) {
      errors.add("请填写" + label);
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(label + "应为数字，而不是“" + v + "”");
    return null;
  }

  private static Integer integer(Input in, String name, String label, boolean required, List<String> errors) {
    String v = in.get(name);
    if (v == null) {
      if (required) {
        errors.add("请填写" + label);
      }
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      errors.add(label + "应为整数，而不是“" + v + "”");
      return null;
    }
  }

  private static List<String> values(Input in, String name) {
    List<String> out = new ArrayList<>();
    List<String> all = in.all(name);
    if (all != null) {
      all.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).forEach(out::add);
    }
    return out;
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
