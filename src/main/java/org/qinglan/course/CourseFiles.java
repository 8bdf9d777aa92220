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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qinglan.people.Qualification;
import org.qinglan.platform.YamlDoc;

/**
 * Reads and checks the course folders: {@code <root>/<course-id>/course.yaml} and its lessons.
 * Every problem is reported with its file and line; a course with any problem is not loaded.
 */
public final class CourseFiles {
  /** A reading lesson must be a real lesson. */
  public static final int MIN_READING_CHARS = 800;
  public static final int MIN_LESSONS = 5;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,80}");
  private static final Set<String> POST_CATEGORIES = Set.of("HEAD", "DEPUTY", "OTHER");

  /** A problem in a course file. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** What the question bank can supply: how many live questions match a quiz's sources. */
  public interface QuestionSource {
    int count(List<String> categoryPrefixes, List<String> tags);
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
  public static Result load(List<Path> dirs, Set<String> caseIds, QuestionSource questions) {
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
    for (CourseDefinition c : courses.values()) {
      String file = where.get(c.id()).resolve("course.yaml").toString();
      for (String p : c.prerequisites()) {
        if (!courses.containsKey(p)) {
          problems.add(new Problem(file, 1, "先修课程 " + p + " 不存在"));
        }
      }
      if (dependsOn(c.id(), c.id(), courses, new HashSet<>())) {
        problems.add(new Problem(file, 1, "先修关系出现循环：" + c.id() + " 最终以自己为先修课程"));
      }
    }
    Set<String> broken = new HashSet<>();
    problems.forEach(p -> broken.add(p.file()));
    List<CourseDefinition> good = courses.values().stream()
        .filter(c -> !broken.contains(where.get(c.id()).resolve("course.yaml").toString())).toList();
    return new Result(good, problems);
  }

  private static boolean dependsOn(String target, String from, Map<String, CourseDefinition> all, Set<String> seen) {
    CourseDefinition c = all.get(from);
    if (c == null || !seen.add(from)) {
      return false;
    }
    for (String p : c.prerequisites()) {
      if (p.equals(target) || dependsOn(target, p, all, seen)) {
        return true;
      }
    }
    return false;
  }

  static CourseDefinition read(Path dir, Set<String> caseIds, QuestionSource questions, List<Problem> out) {
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
    if (id != null && !ID.matcher(id).matches()) {
      p.add(doc.get("id").line(), "课程编号只能用小写字母、数字和连字符");
    }
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
    Double hours = doc.number("creditHours", p, true);
    if (hours != null && (hours <= 0 || hours > 200)) {
      p.add(doc.get("creditHours").line(), "creditHours 应在 0 到 200 之间");
    }
    Integer passMark = doc.integer("passMark", p, true);
    if (passMark != null && (passMark < 1 || passMark > 100)) {
      p.add(doc.get("passMark").line(), "passMark 是百分数，应在 1 到 100 之间");
    }
    Boolean postEntry = doc.bool("postEntryCertificate", p);
    QuizSpec finalAssessment = quiz(doc.get("finalAssessment"), "finalAssessment", p, questions, true,
        passMark == null ? 60 : passMark);
    if (doc.get("finalAssessment") == null) {
      p.add(doc.line(), "缺少 finalAssessment（结业考核）");
    }
    List<CourseDefinition.Module> modules = new ArrayList<>();
    YamlDoc modulesNode = doc.get("modules");
    Set<String> ids = new HashSet<>();
    if (modulesNode == null || modulesNode.items().isEmpty()) {
      p.add(doc.line(), "至少需要一个模块（modules）");
    } else {
      for (YamlDoc m : modulesNode.items()) {
        String mid = m.string("id", p, true);
        String mtitle = m.string("title", p, true);
        if (mid != null && !ids.add(mid)) {
          p.add(m.line(), "编号 " + mid + " 重复");
        }
        List<CourseDefinition.Lesson> lessons = new ArrayList<>();
        List<YamlDoc> lessonNodes = m.get("lessons") == null ? List.of() : m.get("lessons").items();
        if (lessonNodes.isEmpty()) {
          p.add(m.line(), "模块 " + mid + " 没有课时（lessons）");
        }
        for (YamlDoc l : lessonNodes) {
          CourseDefinition.Lesson lesson = lesson(dir, l, p, caseIds, questions, out);
          if (lesson != null) {
            if (!ids.add(lesson.id())) {
              p.add(l.line(), "编号 " + lesson.id() + " 重复");
            }
            lessons.add(lesson);
          }
        }
        if (!lessons.isEmpty() && lessons.get(lessons.size() - 1).kind() != LessonKind.QUIZ) {
          p.add(m.line(), "模块 " + mid + " 应以测验（kind: quiz）结束");
        }
        modules.add(new CourseDefinition.Module(mid, mtitle, lessons));
      }
    }
    int lessonCount = modules.stream().mapToInt(m -> m.lessons().size()).sum();
    if (modulesNode != null && lessonCount < MIN_LESSONS) {
      p.add(modulesNode.line(), "一门课程至少需要 " + MIN_LESSONS + " 个课时，现在只有 " + lessonCount + " 个");
    }
    p.list().forEach(x -> out.add(new Problem(file, x.line(), x.message())));
    if (!p.isEmpty() || tier == null) {
      return null;
    }
    return new CourseDefinition(id, title, tier, summary, audience, prerequisites, hours, passMark,
        Boolean.TRUE.equals(postEntry), finalAssessment, modules);
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
      if (min != null && max != null && min > max) {
        p.add(grades.line(), "grades 的 min 不能大于 max");
      }
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

  private static CourseDefinition.Lesson lesson(Path dir, YamlDoc l, YamlDoc.Problems p, Set<String> caseIds,
                                                QuestionSource questions, List<Problem> out) {
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
      p.add(l.get("kind").line(), "kind 应为 reading、video、case 或 quiz，而不是“" + kindText + "”");
      return null;
    }
    Integer minutes = l.integer("minutes", p, false);
    String body = null;
    String caseId = null;
    String url = null;
    QuizSpec quiz = null;
    switch (kind) {
      case READING -> {
        String f = l.string("file", p, true);
        if (f != null) {
          Path lessonFile = dir.resolve(f).normalize();
          if (!lessonFile.startsWith(dir.normalize()) || !Files.isRegularFile(lessonFile)) {
            p.add(l.get("file").line(), "课时文件 " + f + " 不存在");
          } else {
            try {
              body = Files.readString(lessonFile, StandardCharsets.UTF_8);
              int chars = chineseChars(body);
              if (chars < MIN_READING_CHARS) {
                out.add(new Problem(lessonFile.toString(), 1, "阅读课时只有 " + chars + " 个汉字，至少需要 "
                    + MIN_READING_CHARS + " 个"));
              }
              if (body.contains("<script") || body.contains("<iframe")) {
                out.add(new Problem(lessonFile.toString(), 1, "课时中不能包含脚本或内嵌页面"));
              }
            } catch (IOException e) {
              p.add(l.get("file").line(), "无法读取 " + f);
            }
          }
        }
      }
      case CASE -> {
        caseId = l.string("case", p, true);
        if (caseId != null && !caseIds.contains(caseId)) {
          p.add(l.get("case").line(), "案例 " + caseId + " 不在案例库中");
        }
      }
      case VIDEO -> {
        url = l.string("url", p, false);
        if (url == null) {
          url = l.string("upload", p, false);
        }
        if (url == null) {
          p.add(l.line(), "视频课时需要 url 或 upload");
        } else if (!url.startsWith("https://") && !Files.isRegularFile(dir.resolve("lessons").resolve(url))) {
          p.add(l.line(), "视频地址应以 https:// 开头，或是 lessons/ 下的文件");
        }
        if (minutes == null) {
          p.add(l.line(), "视频课时需要 minutes（时长）");
        }
      }
      case QUIZ -> {
        if (l.get("quiz") == null) {
          p.add(l.line(), "测验课时需要 quiz（出题范围）");
        } else {
          quiz = quiz(l.get("quiz"), "quiz", p, questions, false, 60);
        }
      }
      default -> {
        // all kinds handled above
      }
    }
    return new CourseDefinition.Lesson(id, title, kind, body, caseId, url, minutes == null ? 0 : minutes, quiz);
  }

  private static QuizSpec quiz(YamlDoc q, String name, YamlDoc.Problems p, QuestionSource questions,
                               boolean isFinal, int defaultPassMark) {
    if (q == null) {
      return null;
    }
    List<String> categories = q.strings("categories", p);
    List<String> tags = q.strings("tags", p);
    Integer count = q.integer("count", p, true);
    Integer passMark = q.integer("passMark", p, false);
    if (categories.isEmpty()) {
      p.add(q.line(), name + " 需要 categories（题库分类）");
    }
    if (count != null && count < 1) {
      p.add(q.get("count").line(), "count 应至少为 1");
    }
    if (count != null && !categories.isEmpty() && questions != null) {
      int available = questions.count(categories, tags);
      if (available < count) {
        p.add(q.line(), name + " 需要 " + count + " 道题，题库中符合条件的只有 " + available + " 道");
      }
    }
    return new QuizSpec(categories, tags, count == null ? 0 : count, passMark == null ? defaultPassMark : passMark);
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
}
