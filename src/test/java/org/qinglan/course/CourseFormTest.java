package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Qualification;

class CourseFormTest {
  static final CourseForm.Choices CHOICES = new CourseForm.Choices(Map.of("HEAD", "正职", "DEPUTY", "副职", "OTHER", "其他"),
      Set.of("培训课程", "培训课程/示范"));

  /** A form from name, value pairs; names may repeat. */
  static CourseForm.Input form(String... pairs) {
    Map<String, List<String>> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return name -> m.getOrDefault(name, List.of());
  }

  @Test
  void aCourseFormIsRead() {
    CourseForm.Result<CourseDefinition> r = CourseForm.course(form("title", " 调解实务 ", "tier", "SPECIALISED",
        "summary", "简介", "creditHours", "4.5", "passMark", "70", "post", "HEAD", "post", "HEAD", "gradeMin", "7",
        "qualification", "ASSISTANT", "secretaryOnly", "on", "prerequisite", "demo-course",
        "final-category", "培训课程/示范", "final-tags", "调解，沟通 调解", "final-count", "10"), CHOICES);
    assertTrue(r.ok(), r.errors().toString());
    CourseDefinition c = r.value();
    assertEquals("调解实务", c.title());
    assertEquals(Tier.SPECIALISED, c.tier());
    assertEquals(4.5, c.creditHours());
    assertEquals(Set.of("HEAD"), c.audience().postCategories());
    assertEquals(7, c.audience().gradeMin());
    assertNull(c.audience().gradeMax());
    assertEquals(Set.of(Qualification.ASSISTANT), c.audience().qualifications());
    assertEquals(Boolean.TRUE, c.audience().secretaryOrDirector());
    assertEquals(List.of("demo-course"), c.prerequisites());
    assertEquals(new QuizSpec(List.of("培训课程/示范"), List.of("调解", "沟通"), 10, 70), c.finalAssessment(),
        "the final assessment passes at the course's pass mark");
  }

  @Test
  void unreadableFieldsAreInputErrors() {
    CourseForm.Result<CourseDefinition> r = CourseForm.course(form("tier", "WEEKLY", "summary", "x",
        "creditHours", "四", "passMark", "6o", "post", "BOSS", "qualification", "GURU", "final-category", "别人的分类",
        "final-count", ""), CHOICES);
    assertFalse(r.ok());
    assertEquals(List.of("请填写课程名称", "请选择培训层级", "学时应为数字，而不是“四”", "及格线应为整数，而不是“6o”",
        "岗位类别“BOSS”不存在", "职业资格“GURU”不存在", "题库分类“别人的分类”不存在或不在您可用的范围内", "请填写题目数量"),
        r.errors());
  }

  @Test
  void rangesAreLeftToTheRules() {
    CourseForm.Result<CourseDefinition> r = CourseForm.course(form("title", "t", "tier", "INDUCTION", "summary", "s",
        "creditHours", "500", "passMark", "0", "gradeMin", "9", "gradeMax", "2", "final-count", "0"), CHOICES);
    assertTrue(r.ok(), "a draft may hold them; every save lists them: " + r.errors());
  }

  @Test
  void lessonsOfEachKind() {
    CourseDefinition.Lesson reading = CourseForm.lesson(form("title", "读", "body", "# 标题\r\n\r\n正文\r\n",
        "minutes", "30"), "l-1", LessonKind.READING, CHOICES).value();
    assertEquals("# 标题\n\n正文", reading.body());
    assertEquals(30, reading.minutes());
    assertEquals("请选择案例", CourseForm.lesson(form("title", "案"), "l-2", LessonKind.CASE, CHOICES).errors().get(0));
    CourseDefinition.Lesson video = CourseForm.lesson(form("title", "视", "url", " https://v.example/a "), "l-3",
        LessonKind.VIDEO, CHOICES).value();
    assertEquals("https://v.example/a", video.url());
    CourseDefinition.Lesson quiz = CourseForm.lesson(form("title", "测", "category", "培训课程", "count", "5",
        "passMark", "80"), "l-4", LessonKind.QUIZ, CHOICES).value();
    assertEquals(new QuizSpec(List.of("培训课程"), List.of(), 5, 80), quiz.quiz());
    assertEquals(List.of("时长不能是负数"), CourseForm.lesson(form("title", "视", "minutes", "-3"), "l-5",
        LessonKind.VIDEO, CHOICES).errors());
  }

  @Test
  void aNewModuleComesWithItsClosingQuiz() {
    CourseDefinition.Module m = CourseForm.module(form("moduleTitle", "第一单元", "category", "培训课程/示范",
        "count", "3"), CHOICES).value();
    assertEquals("第一单元", m.title());
    assertEquals(1, m.lessons().size());
    assertEquals(LessonKind.QUIZ, m.lessons().get(0).kind());
    assertEquals(CourseForm.QUIZ_TITLE, m.lessons().get(0).title());
    assertEquals(60, m.lessons().get(0).quiz().passMark());
  }

  @Test
  void formsShowWhatIsStoredAndWhatWasTyped() {
    CourseForm.CourseValues v = CourseForm.values(CourseRulesTest.GOOD, "");
    assertEquals("4", v.creditHours());
    assertEquals(List.of("培训课程/示范"), v.finalAssessment().category());
    CourseForm.CourseValues echo = CourseForm.courseEcho(form("title", "<b>", "post", "HEAD", "post", "OTHER"));
    assertEquals("<b>", echo.title());
    assertEquals(List.of("HEAD", "OTHER"), echo.post());
    assertEquals("", echo.summary());
  }
}
