package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.people.Qualification;

class CourseFilesTest {
  /** A question source with plenty of questions under 培训课程/…, none elsewhere. */
  static final CourseRules.QuestionSource BANK = (categories, tags) ->
      categories.stream().allMatch(c -> c.startsWith("培训课程")) ? 50 : 0;

  static final String LONG_READING = "# 课时\n\n" + "社区工作者要依法履职，尊重居民，保护隐私。".repeat(60);

  static final String GOOD = """
      id: demo-course
      title: 示范课程
      tier: IN_SERVICE
      summary: 用来测试课程文件检查的示范课程。
      audience:
        postCategories: [HEAD, DEPUTY]
        grades: { min: 4, max: 18 }
        qualifications: [NONE, ASSISTANT]
      prerequisites: []
      creditHours: 6
      passMark: 60
      finalAssessment:
        categories: ["培训课程/示范课程"]
        count: 10
      modules:
        - id: m1
          title: 第一单元
          lessons:
            - { id: m1-l1, title: 阅读一, kind: reading, file: lessons/01.md, minutes: 30 }
            - { id: m1-l2, title: 案例, kind: case, case: case-001 }
            - { id: m1-quiz, title: 单元测验, kind: quiz, quiz: { categories: ["培训课程/示范课程/01 第一单元"], count: 5 } }
        - id: m2
          title: 第二单元
          lessons:
            - { id: m2-l1, title: 阅读二, kind: reading, file: lessons/02.md }
            - { id: m2-quiz, title: 单元测验, kind: quiz, quiz: { categories: ["培训课程/示范课程/02 第二单元"], count: 5, passMark: 80 } }
      """;

  static Path course(Path root, String id, String yaml, String... readings) throws IOException {
    Path dir = root.resolve(id);
    Files.createDirectories(dir.resolve("lessons"));
    Files.writeString(dir.resolve("course.yaml"), yaml, StandardCharsets.UTF_8);
    for (int i = 0; i < readings.length; i++) {
      Files.writeString(dir.resolve("lessons").resolve(String.format("%02d.md", i + 1)), readings[i],
          StandardCharsets.UTF_8);
    }
    return dir;
  }

  @Test
  void aGoodCourseLoads(@TempDir Path root) throws IOException {
    course(root, "demo-course", GOOD, LONG_READING, LONG_READING);
    CourseFiles.Result r = CourseFiles.load(CourseFiles.courseDirs(root), Set.of("case-001"), BANK);
    assertEquals(List.of(), r.problems());
    CourseDefinition c = r.courses().get(0);
    assertEquals(Tier.IN_SERVICE, c.tier());
    assertEquals(5, c.lessonCount());
    assertEquals(Set.of("HEAD", "DEPUTY"), c.audience().postCategories());
    assertEquals(Set.of(Qualification.NONE, Qualification.ASSISTANT), c.audience().qualifications());
    assertEquals(4, c.audience().gradeMin());
    assertEquals(LessonKind.CASE, c.modules().get(0).lessons().get(1).kind());
    assertEquals(80, c.modules().get(1).lessons().get(1).quiz().passMark());
    assertEquals(60, c.modules().get(0).lessons().get(2).quiz().passMark(), "a quiz's pass mark defaults to 60");
    assertTrue(c.modules().get(0).lessons().get(0).body().startsWith("# 课时"));
  }

  @Test
  void aTaskLessonReadsItsBriefAndIsCheckedWhereItIs(@TempDir Path root) throws IOException {
    String yaml = GOOD.replace("- { id: m1-l2, title: 案例, kind: case, case: case-001 }",
        "- { id: m1-task, title: 入户走访, kind: task, file: lessons/02.md, minutes: 240 }")
        .replace("file: lessons/02.md }", "file: lessons/03.md }");
    course(root, "demo-course", yaml, LONG_READING, CourseRulesTest.BRIEF, LONG_READING);
    CourseFiles.Result r = CourseFiles.load(CourseFiles.courseDirs(root), Set.of(), BANK);
    assertEquals(List.of(), r.problems());
    CourseDefinition.Lesson task = r.courses().get(0).modules().get(0).lessons().get(1);
    assertEquals(LessonKind.TASK, task.kind());
    assertTrue(task.body().startsWith("## 任务要求"));
    assertEquals(240, task.minutes());

    Path broken = root.resolve("broken");
    course(broken, "demo-course", yaml, LONG_READING, "## 任务要求\n走访六户居民。", LONG_READING);
    List<String> messages = CourseFiles.load(CourseFiles.courseDirs(broken), Set.of(), BANK).problems().stream()
        .map(CourseFiles.Problem::toString).toList();
    String brief = broken.resolve("demo-course").resolve("lessons").resolve("02.md").toString();
    assertEquals(List.of(brief + ":1: 实践任务说明只有 10 个汉字，至少需要 200 个",
        brief + ":1: 实践任务说明应有「任务要求」「提交内容」「评价标准」三部分，各以 ## 小标题开头，缺少：提交内容、评价标准"), messages);

    Path missing = root.resolve("missing");
    course(missing, "demo-course", yaml.replace("kind: task, file: lessons/02.md", "kind: task"), LONG_READING,
        CourseRulesTest.BRIEF, LONG_READING);
    assertTrue(CourseFiles.load(CourseFiles.courseDirs(missing), Set.of(), BANK).problems().get(0).message()
        .contains("file"), "a task needs its brief's file");
  }

  @Test
  void everyProblemIsReportedWithFileAndLine(@TempDir Path root) throws IOException {
    String bad = GOOD.replace("tier: IN_SERVICE", "tier: WEEKLY")
        .replace("case: case-001", "case: case-999")
        .replace("count: 10", "count: 0")
        .replace("categories: [\"培训课程/示范课程/02 第二单元\"]", "categories: [\"助理社会工作师/不存在\"]")
        .replace("postCategories: [HEAD, DEPUTY]", "postCategories: [HEAD, BOSS]");
    course(root, "demo-course", bad, "# 太短\n\n只有几个字。", LONG_READING);
    CourseFiles.Result r = CourseFiles.load(CourseFiles.courseDirs(root), Set.of("case-001"), BANK);
    assertEquals(List.of(), r.courses(), "a course with any problem is not loaded");
    List<String> messages = r.problems().stream().map(CourseFiles.Problem::toString).toList();
    String yaml = root.resolve("demo-course").resolve("course.yaml").toString();
    assertTrue(messages.contains(yaml + ":3: tier 应为 INDUCTION、IN_SERVICE、SPECIALISED 或 PRACTICUM，而不是“WEEKLY”"),
        messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(yaml + ":6: postCategories 只能是")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.startsWith(yaml + ":14: count 应至少为 1")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains(":20: 案例 case-999 不在案例库中")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("quiz 需要 5 道题，题库中符合条件的只有 0 道")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("01.md:1: 阅读课时只有")), messages.toString());
  }

  @Test
  void structureRules(@TempDir Path root) throws IOException {
    String noQuizAtEnd = GOOD.replace("""
            - { id: m2-quiz, title: 单元测验, kind: quiz, quiz: { categories: ["培训课程/示范课程/02 第二单元"], count: 5, passMark: 80 } }
      """, "");
    course(root, "demo-course", noQuizAtEnd.replace("- { id: m1-l2, title: 案例, kind: case, case: case-001 }",
        "- { id: m1-l1, title: 重复, kind: case, case: case-001 }"), LONG_READING, LONG_READING);
    List<String> m = CourseFiles.load(CourseFiles.courseDirs(root), Set.of("case-001"), BANK).problems().stream()
        .map(CourseFiles.Problem::message).toList();
    assertTrue(m.contains("模块 m2 应以测验（kind: quiz）结束"), m.toString());
    assertTrue(m.contains("编号 m1-l1 重复"), m.toString());
    assertTrue(m.contains("一门课程至少需要 5 个课时，现在只有 4 个"), m.toString());
  }

  @Test
  void prerequisitesMustExistAndNotLoop(@TempDir Path root, @TempDir Path lone) throws IOException {
    course(root, "demo-course", GOOD.replace("prerequisites: []", "prerequisites: [other-course]"), LONG_READING,
        LONG_READING);
    course(root, "other-course", GOOD.replace("id: demo-course", "id: other-course")
        .replace("prerequisites: []", "prerequisites: [demo-course]"), LONG_READING, LONG_READING);
    List<String> m = CourseFiles.load(CourseFiles.courseDirs(root), Set.of("case-001"), BANK).problems().stream()
        .map(CourseFiles.Problem::message).toList();
    assertTrue(m.stream().anyMatch(x -> x.contains("先修关系出现循环")), m.toString());
    course(lone, "demo-course", GOOD.replace("prerequisites: []", "prerequisites: [ghost]"), LONG_READING, LONG_READING);
    assertTrue(CourseFiles.load(CourseFiles.courseDirs(lone), Set.of("case-001"), BANK).problems().stream()
        .anyMatch(p -> p.message().equals("先修课程 ghost 不存在")));
  }

  @Test
  void brokenYamlNamesItsLine(@TempDir Path root) throws IOException {
    course(root, "demo-course", "id: demo-course\ntitle: [unclosed\n", LONG_READING);
    List<CourseFiles.Problem> p = CourseFiles.load(CourseFiles.courseDirs(root), Set.of(), BANK).problems();
    assertEquals(1, p.size());
    assertTrue(p.get(0).message().startsWith("YAML 格式错误"), p.toString());
    assertEquals(3, p.get(0).line());
  }
}
