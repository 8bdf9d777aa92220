package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one rule set, as the web editor words it (the file wording is covered by {@link CourseFilesTest}). */
class CourseRulesTest {
  static final QuizSpec QUIZ = new QuizSpec(List.of("培训课程/示范"), List.of(), 5, 60);
  static final String READING = "社区工作者要依法履职，尊重居民，保护隐私。".repeat(60);

  static CourseDefinition.Lesson reading(String id) {
    return new CourseDefinition.Lesson(id, "阅读 " + id, LessonKind.READING, READING, null, null, 20, null);
  }

  static CourseDefinition.Lesson quiz(String id) {
    return new CourseDefinition.Lesson(id, "单元测验", LessonKind.QUIZ, null, null, null, 0, QUIZ);
  }

  static CourseDefinition course(List<CourseDefinition.Module> modules) {
    return new CourseDefinition("c-abcdefgh", "示范", Tier.IN_SERVICE, "简介", Audience.anyone(), List.of(), 4, 60,
        false, QUIZ, modules);
  }

  static final CourseDefinition GOOD = course(List.of(new CourseDefinition.Module("m-1", "第一单元",
      List.of(reading("l-1"), reading("l-2"), reading("l-3"), reading("l-4"), quiz("l-5")))));

  static List<String> editorProblems(CourseDefinition c, int questionsAvailable) {
    return CourseRules.check(c, new CourseRules.Context(Set.of("case-001"), (cats, tags) -> questionsAvailable,
        v -> false, CourseRules.EDITOR_WORDS)).stream().map(CourseRules.Issue::message).toList();
  }

  @Test
  void aGoodCoursePasses() {
    assertEquals(List.of(), editorProblems(GOOD, 50));
  }

  @Test
  void theEditorsWordsNameTheFieldsInChinese() {
    CourseDefinition.Lesson video = new CourseDefinition.Lesson("l-6", "视频", LessonKind.VIDEO, null, null,
        "http://v.example", 0, null);
    CourseDefinition.Lesson badCase = new CourseDefinition.Lesson("l-7", "案例", LessonKind.CASE, null, "case-999",
        null, 0, null);
    CourseDefinition.Lesson emptyQuiz = new CourseDefinition.Lesson("l-8", "测验", LessonKind.QUIZ, null, null, null, 0,
        new QuizSpec(List.of(), List.of(), 0, 150));
    CourseDefinition c = new CourseDefinition("c-abcdefgh", "示范", Tier.IN_SERVICE, "简介",
        new Audience(Set.of(), 9, 3, Set.of(), null), List.of(), 300, 0, false, QUIZ, List.of(
            new CourseDefinition.Module("m-1", "第一单元", List.of(video, badCase)),
            new CourseDefinition.Module("m-2", "第二单元", List.of(emptyQuiz))));
    List<String> p = editorProblems(c, 2);
    assertEquals(List.of(
        "学时应在 0 到 200 之间",
        "及格线是百分数，应在 1 到 100 之间",
        "岗位等级的下限不能大于上限",
        "结业考核需要 5 道题，题库中符合条件的只有 2 道",
        "模块「第一单元」应以测验结束",
        "视频地址应以 https:// 开头",
        "视频课时需要时长（分钟）",
        "所选案例已不在案例库中，请重新选择",
        "单元测验需要题库分类",
        "题目数量应至少为 1",
        "及格线是百分数，应在 1 到 100 之间",
        "一门课程至少需要 5 个课时，现在只有 3 个"), p);
  }

  @Test
  void readingsMustBeRealLessonsWithoutScripts() {
    CourseDefinition.Lesson shortOne = new CourseDefinition.Lesson("l-1", "短", LessonKind.READING, "太短了", null,
        null, 0, null);
    CourseDefinition.Lesson scripted = new CourseDefinition.Lesson("l-2", "脚本", LessonKind.READING,
        READING + "<SCRIPT>alert(1)</SCRIPT>", null, null, 0, null);
    List<CourseRules.Issue> issues = CourseRules.check(course(List.of(new CourseDefinition.Module("m-1", "单元",
        List.of(shortOne, scripted, reading("l-3"), reading("l-4"), quiz("l-5"))))), new CourseRules.Context(Set.of(),
        (c, t) -> 50, v -> false, CourseRules.EDITOR_WORDS));
    assertEquals(2, issues.size(), issues.toString());
    assertEquals(new CourseRules.Where(0, 0, CourseRules.Field.BODY), issues.get(0).where());
    assertEquals("阅读课时只有 3 个汉字，至少需要 800 个", issues.get(0).message());
    assertEquals(new CourseRules.Where(0, 1, CourseRules.Field.BODY), issues.get(1).where());
    assertEquals("课时中不能包含脚本或内嵌页面", issues.get(1).message());
  }

  static final String BRIEF = """
      ## 任务要求
      走访本网格内的六户居民，了解他们最关心的三件事。每次走访前先预约，两人同行。

      ## 提交内容
      走访记录（已去除可识别个人身份的信息）和一页需求小结。

      ## 评价标准
      对象选择有依据，记录把事实和判断分开，需求小结能指出轻重缓急。
      """ + "走访时尊重居民意愿，不强行入户，不拍摄室内，不索取与任务无关的信息。".repeat(6);

  static CourseDefinition.Lesson task(String id, String brief) {
    return new CourseDefinition.Lesson(id, "实践 " + id, LessonKind.TASK, brief, null, null, 240, null);
  }

  @Test
  void aTasksBriefSaysWhatToDoWhatToHandInAndHowItIsJudged() {
    CourseDefinition good = course(List.of(new CourseDefinition.Module("m-1", "单元",
        List.of(reading("l-1"), task("t-1", BRIEF), reading("l-3"), reading("l-4"), quiz("l-5")))));
    assertEquals(List.of(), editorProblems(good, 50));

    String noCriteria = BRIEF.replace("## 评价标准", "评价标准：");
    String tooShort = "## 任务要求\n走访。\n## 提交内容\n记录。\n## 评价标准\n完整。";
    CourseDefinition bad = course(List.of(new CourseDefinition.Module("m-1", "单元",
        List.of(task("t-1", noCriteria), task("t-2", tooShort), task("t-3", BRIEF + "<iframe src=x>"),
            reading("l-4"), quiz("l-5")))));
    List<CourseRules.Issue> issues = CourseRules.check(bad, new CourseRules.Context(Set.of(), (c, t) -> 50,
        v -> false, CourseRules.EDITOR_WORDS));
    assertEquals(List.of(
        "实践任务说明应有「任务要求」「提交内容」「评价标准」三部分，各以 ## 小标题开头，缺少：评价标准",
        "实践任务说明只有 18 个汉字，至少需要 200 个",
        "课时中不能包含脚本或内嵌页面"), issues.stream().map(CourseRules.Issue::message).toList());
    assertEquals(new CourseRules.Where(0, 0, CourseRules.Field.BODY), issues.get(0).where());
    assertEquals(new CourseRules.Where(0, 1, CourseRules.Field.BODY), issues.get(1).where());
  }

  @Test
  void briefHeadingsMayGoOnAndBeOfAnyLevelBelowTheTitle() {
    assertEquals(List.of(), CourseRules.missingBriefParts("# 题目\n## 任务要求（两次走访）\n### 提交内容\n##评价标准与权重\n"));
    assertEquals(List.of("任务要求", "提交内容", "评价标准"), CourseRules.missingBriefParts("# 任务要求\n正文里的提交内容"),
        "a level-one title or words in the text are not the parts");
  }

  @Test
  void idsAreUniqueAcrossModulesAndLessons() {
    CourseDefinition c = course(List.of(new CourseDefinition.Module("m-1", "单元",
        List.of(reading("m-1"), reading("l-2"), reading("l-2"), reading("l-4"), quiz("l-5")))));
    assertEquals(List.of("编号 m-1 重复", "编号 l-2 重复"), editorProblems(c, 50));
  }

  @Test
  void prerequisitesMustExistAndNeverLeadBack() {
    assertEquals(List.of(), CourseRules.prerequisites("a", Map.of("a", List.of("b"), "b", List.of())));
    assertEquals(List.of("先修课程 ghost 不存在"), CourseRules.prerequisites("a", Map.of("a", List.of("ghost"))));
    assertEquals(List.of("先修关系出现循环：a 最终以自己为先修课程"),
        CourseRules.prerequisites("a", Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"))));
    assertTrue(CourseRules.prerequisites("a", Map.of("a", List.of("a"))).get(0).contains("循环"));
  }

  @Test
  void latinWordsAreSpacedFromOthersPunctuationIsNot() {
    assertEquals("count 应至少为 1", CourseRules.words("count", "应至少为 1"));
    assertEquals("题目数量应至少为 1", CourseRules.words("题目数量", "应至少为 1"));
    assertEquals("测验课时需要 quiz（出题范围）", CourseRules.words("测验课时需要", "quiz", "（出题范围）"));
    assertEquals("模块「甲」没有课时", CourseRules.words("模块", "「甲」", "没有课时"));
  }

  @Test
  void chineseCharactersAreCountedNotBytes() {
    assertEquals(4, CourseRules.chineseChars("社区 work 工作！"));
  }
}
