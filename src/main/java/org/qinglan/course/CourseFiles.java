package org.qinglan.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.qinglan.people.Qualification;
import org.qinglan.platform.YamlDoc;

/**
 * Reads and checks the course folders: {@code <root>/<course-id>/course.yaml} and its lessons.
 * This class reads the format; the content rules are {@link CourseRules}, shared with the web
 * editor. Every problem is reported with its file and line; a course with any problem is not loaded.
 */
public final class CourseFiles {
  private static final Set<String> POST_CATEGORIES = Set.of("HEAD", "DEPUTY", "OTHER");

  /** A problem in a course file. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** The courses that loaded cleanly, and every problem found. */
  public record Result(List<CourseDefinition> courses, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private CourseFiles() {
  }

  /** Every course folder under {@code root} (a folder with a course.yaml). */
  public static List<Path> courseDirs(Path root) throws IOException {
    if (Files.isRegularFile(root.resolve("course.yaml"))) {
      return List.of(root);
    }
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("course.yaml"))).sorted().toList();
    }
  }

  /**
   * Loads and checks all courses of the given folders together (prerequisites may point across
   * them). {@code caseIds} are the ids of the case library; {@code questions} counts bank questions.
   */
  public static Result load(List<Path> dirs, Set<String> caseIds, CourseRules.QuestionSource questions) {
    List<Problem> problems = new ArrayList<>();
    Map<String, CourseDefinition> courses = new LinkedHashMap<>();
    Map<String, Path> where = new LinkedHashMap<>();
    for (Path dir : dirs) {
      List<Problem> own = new ArrayList<>();
      CourseDefinition c = read(dir, caseIds, questions, own);
      problems.addAll(own);
      if (c != null && own.isEmpty()) {
        if (courses.containsKey(c.id())) {
          problems.add(new Problem(dir.resolve("course.yaml").toString(), 1, "课程编号 " + c.id() + " 与 "
              + where.get(c.id()) + " 重复"));
        } else {
          courses.put(c.id(), c);
          where.put(c.id(), dir);
        }
      }
    }
    Map<String, List<String>> prerequisites = new LinkedHashMap<>();
    courses.values().forEach(c -> prerequisites.put(c.id(), c.prerequisites()));
    for (CourseDefinition c : courses.values()) {
      String file = where.get(c.id()).resolve("course.yaml").toString();
      CourseRules.prerequisites(c.id(), prerequisites).forEach(m -> problems.add(new Problem(file, 1, m)));
    }
    Set<String> broken = new HashSet<>();
    problems.forEach(p -> broken.add(p.file()));
    List<CourseDefinition> good = courses.values().stream()
        .filter(c -> !broken.contains(where.get(c.id()).resolve("course.yaml").toString())).toList();
    return new Result(good, problems);
  }

  /** Where a parsed lesson came from: its YAML node and, for a reading or a task, its Markdown file. */
  private record Source(YamlDoc node, Path file) {
  }

  static CourseDefinition read(Path dir, Set<String> caseIds, CourseRules.QuestionSource questions, List<Problem> out) {
    Path yamlFile = dir.resolve("course.yaml");
    String file = yamlFile.toString();
    String text;
    try {
      text = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.add(new Problem(file, 1, "无法读取：" + e.getMessage()));
      return null;
    }
    YamlDoc.Problems p = new YamlDoc.Problems();
    YamlDoc doc = YamlDoc.parse(text, p);
    if (doc == null || !doc.isMap()) {
      if (doc != null) {
        p.add(1, "course.yaml 应是一个映射");
      }
      p.list().forEach(x -> out.add(new Problem(file, x.line(), x.message())));
      return null;
    }
    String id = doc.string("id", p, true);
    if (id != null && !id.equals(dir.getFileName().toString())) {
      p.add(doc.get("id").line(), "课程编号 " + id + " 应与文件夹名 " + dir.getFileName() + " 相同");
    }
    String title = doc.string("title", p, true);
    Tier tier = null;
    String tierText = doc.string("tier", p, true);
    if (tierText != null) {
      try {
        tier = Tier.valueOf(tierText);
      } catch (IllegalArgumentException e) {
        p.add(doc.get("tier").line(), "tier 应为 INDUCTION、IN_SERVICE、SPECIALISED 或 PRACTICUM，而不是“" + tierText + "”");
      }
    }
    String summary = doc.string("summary", p, true);
    Audience audience = audience(doc.get("audience"), p);
    List<String> prerequisites = doc.strings("prerequisites", p);
    // A missing or unreadable number is reported here; its stand-in keeps the rules from reporting it again.
    Double hours = doc.number("creditHours", p, true);
    Integer passMark = doc.integer("passMark", p, true);
    Boolean postEntry = doc.bool("postEntryCertificate", p);
    QuizSpec finalAssessment = quiz(doc.get("finalAssessment"), p, passMark == null ? 60 : passMark);
    List<CourseDefinition.Module> modules = new ArrayList<>();
    List<YamlDoc> moduleNodes = new ArrayList<>();
    List<List<Source>> sources = new ArrayList<>();
    YamlDoc modulesNode = doc.get("modules");
    if (modulesNode != null) {
      for (YamlDoc m : modulesNode.items()) {
        String mid = m.string("id", p, true);
        String mtitle = m.string("title", p, true);
        List<CourseDefinition.Lesson> lessons = new ArrayList<>();
        List<Source> lessonSources = new ArrayList<>();
        for (YamlDoc l : m.get("lessons") == null ? List.<YamlDoc>of() : m.get("lessons").items()) {
          Path[] lessonFile = new Path[1];
          CourseDefinition.Lesson lesson = lesson(dir, l, p, lessonFile);
          if (lesson != null) {
            lessons.add(lesson);
            lessonSources.add(new Source(l, lessonFile[0]));
          }
        }
        modules.add(new CourseDefinition.Module(mid, mtitle, lessons));
        moduleNodes.add(m);
        sources.add(lessonSources);
      }
    }
    CourseDefinition course = new CourseDefinition(id, title, tier, summary, audience, prerequisites,
        hours == null ? 1 : hours, passMark == null ? 60 : passMark, Boolean.TRUE.equals(postEntry), finalAssessment,
        modules);
    Path lessonsDir = dir.resolve("lessons").normalize();
    CourseRules.Context rules = new CourseRules.Context(caseIds, questions, video -> {
      Path f = lessonsDir.resolve(video).normalize();
      return f.startsWith(lessonsDir) && Files.isRegularFile(f);
    }, CourseRules.FILE_WORDS);
    for (CourseRules.Issue issue : CourseRules.check(course, rules)) {
      CourseRules.Where w = issue.where();
      if (w.inLesson() && w.field() == CourseRules.Field.BODY) {
        out.add(new Problem(sources.get(w.module()).get(w.lesson()).file().toString(), 1, issue.message()));
      } else {
        p.add(line(w, doc, moduleNodes, sources), issue.message());
      }
    }
    p.list().forEach(x -> out.add(new Problem(file, x.line(), x.message())));
    if (!out.isEmpty() || tier == null) {
      return null;
    }
    return course;
  }

  /** The line of course.yaml a rule's problem points at. */
  private static int line(CourseRules.Where w, YamlDoc doc, List<YamlDoc> modules, List<List<Source>> lessons) {
    if (w.inLesson()) {
      YamlDoc l = lessons.get(w.module()).get(w.lesson()).node();
      YamlDoc quiz = l.get("quiz") == null ? l : l.get("quiz");
      return switch (w.field()) {
        case CASE -> lineOf(l, "case");
        case QUIZ, CATEGORIES -> quiz.line();
        case COUNT -> lineOf(quiz, "count");
        case PASS_MARK -> lineOf(quiz, "passMark");
        default -> l.line();
      };
    }
    if (!w.inCourse()) {
      return modules.get(w.module()).line();
    }
    YamlDoc quiz = doc.get("finalAssessment");
    return switch (w.field()) {
      case ID -> lineOf(doc, "id");
      case CREDIT_HOURS -> lineOf(doc, "creditHours");
      case PASS_MARK -> lineOf(doc, "passMark");
      case GRADES -> doc.get("audience") == null ? doc.line() : lineOf(doc.get("audience"), "grades");
      case LESSONS -> lineOf(doc, "modules");
      case QUIZ, CATEGORIES -> quiz == null ? doc.line() : quiz.line();
      case COUNT -> quiz == null ? doc.line() : lineOf(quiz, "count");
      default -> doc.line();
    };
  }

  private static int lineOf(YamlDoc node, String key) {
    return node.get(key) == null ? node.line() : node.get(key).line();
  }

  private static Audience audience(YamlDoc a, YamlDoc.Problems p) {
    if (a == null) {
      return Audience.anyone();
    }
    Set<String> posts = new HashSet<>(a.strings("postCategories", p));
    for (String post : posts) {
      if (!POST_CATEGORIES.contains(post)) {
        p.add(a.get("postCategories").line(), "postCategories 只能是 HEAD、DEPUTY、OTHER，而不是“" + post + "”");
      }
    }
    Integer min = null;
    Integer max = null;
    YamlDoc grades = a.get("grades");
    if (grades != null) {
      min = grades.integer("min", p, false);
      max = grades.integer("max", p, false);
    }
    Set<Qualification> quals = EnumSet.noneOf(Qualification.class);
    for (String q : a.strings("qualifications", p)) {
      try {
        quals.add(Qualification.valueOf(q));
      } catch (IllegalArgumentException e) {
        p.add(a.get("qualifications").line(), "qualifications 只能是 NONE、ASSISTANT、INTERMEDIATE、SENIOR，而不是“" + q + "”");
      }
    }
    Boolean secretary = a.bool("secretaryOrDirector", p);
    return new Audience(posts, min, max, quals, secretary);
  }

  /**
   * A lesson as written; {@code readingFile} receives the Markdown file of a reading or of a task's
   * brief. Null when it cannot be read at all.
   */
  private static CourseDefinition.Lesson lesson(Path dir, YamlDoc l, YamlDoc.Problems p, Path[] readingFile) {
    String id = l.string("id", p, true);
    String title = l.string("title", p, true);
    String kindText = l.string("kind", p, true);
    if (id == null || title == null || kindText == null) {
      return null;
    }
    LessonKind kind;
    try {
      kind = LessonKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      p.add(l.get("kind").line(), "kind 应为 reading、video、case、quiz 或 task，而不是“" + kindText + "”");
      return null;
    }
    Integer minutes = l.integer("minutes", p, false);
    String body = null;
    String caseId = null;
    String url = null;
    QuizSpec quiz = null;
    switch (kind) {
      case READING, TASK -> {
        // A reading's lesson, or a task's brief: Markdown beside course.yaml.
        String f = l.string("file", p, true);
        if (f != null) {
          Path lessonFile = dir.resolve(f).normalize();
          if (!lessonFile.startsWith(dir.normalize()) || !Files.isRegularFile(lessonFile)) {
            p.add(l.get("file").line(), "课时文件 " + f + " 不存在");
          } else {
            try {
              body = Files.readString(lessonFile, StandardCharsets.UTF_8);
              readingFile[0] = lessonFile;
            } catch (IOException e) {
              p.add(l.get("file").line(), "无法读取 " + f);
            }
          }
        }
      }
      case CASE -> caseId = l.string("case", p, true);
      case VIDEO -> {
        url = l.string("url", p, false);
        if (url == null) {
          url = l.string("upload", p, false);
        }
      }
      case QUIZ -> quiz = quiz(l.get("quiz"), p, 60);
      default -> {
        // all kinds handled above
      }
    }
    return new CourseDefinition.Lesson(id, title, kind, body, caseId, url, minutes == null ? 0 : minutes, quiz);
  }

  private static QuizSpec quiz(YamlDoc q, YamlDoc.Problems p, int defaultPassMark) {
    if (q == null) {
      return null;
    }
    List<String> categories = q.strings("categories", p);
    List<String> tags = q.strings("tags", p);
    Integer count = q.integer("count", p, true);
    Integer passMark = q.integer("passMark", p, false);
    // A missing count is reported here; 1 keeps the rules from reporting it again.
    return new QuizSpec(categories, tags, count == null ? 1 : count, passMark == null ? defaultPassMark : passMark);
  }
}
