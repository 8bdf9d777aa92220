package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.qinglan.platform.Problem;

class CourseEditsTest {
  static CourseDefinition.Lesson lesson(String id, LessonKind kind) {
    return new CourseDefinition.Lesson(id, id, kind, kind == LessonKind.READING ? "" : null, null, null, 0,
        kind == LessonKind.QUIZ ? CourseRulesTest.QUIZ : null);
  }

  static final CourseDefinition COURSE = CourseRulesTest.course(List.of(
      new CourseDefinition.Module("m-a", "甲", List.of(lesson("a1", LessonKind.READING), lesson("a2", LessonKind.CASE),
          lesson("aq", LessonKind.QUIZ))),
      new CourseDefinition.Module("m-b", "乙", List.of(lesson("b1", LessonKind.READING), lesson("bq", LessonKind.QUIZ)))));

  static List<String> order(CourseDefinition c) {
    return c.modules().stream().map(m -> m.id() + ":" + String.join(",", m.lessons().stream()
        .map(CourseDefinition.Lesson::id).toList())).toList();
  }

  @Test
  void generatedIdsAreOpaqueAndFree() {
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    String id = CourseEdits.newId("c-", Set.of(), random);
    assertTrue(id.matches("c-[a-z0-9]{8}"), id);
    assertTrue(CourseRules.ID.matcher(id).matches(), "a generated course id passes the id rule");
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertTrue(taken.add(CourseEdits.newId("l-", taken, random)));
    }
    // A generator that first repeats a taken id moves on to a free one.
    RandomGenerator stuck = new RandomGenerator() {
      int calls;

      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public int nextInt(int bound) {
        return calls++ < 8 ? 0 : 1;
      }
    };
    assertEquals("l-bbbbbbbb", CourseEdits.newId("l-", Set.of("l-aaaaaaaa"), stuck));
  }

  @Test
  void newLessonsGoBeforeTheClosingQuizAndQuizzesAtTheEnd() {
    CourseDefinition c = CourseEdits.addLesson(COURSE, "m-a", lesson("a3", LessonKind.VIDEO));
    assertEquals(List.of("m-a:a1,a2,a3,aq", "m-b:b1,bq"), order(c));
    c = CourseEdits.addLesson(c, "m-a", lesson("aq2", LessonKind.QUIZ));
    assertEquals(List.of("m-a:a1,a2,a3,aq,aq2", "m-b:b1,bq"), order(c));
    CourseDefinition open = CourseEdits.removeLesson(COURSE, "bq");
    assertEquals(List.of("m-a:a1,a2,aq", "m-b:b1,b2"), order(CourseEdits.addLesson(open, "m-b",
        lesson("b2", LessonKind.READING))), "a module without a closing quiz takes the lesson at its end");
  }

  @Test
  void lessonsMoveWithinTheirModuleAndStopAtItsEdges() {
    CourseDefinition c = CourseEdits.moveLesson(COURSE, "a2", CourseEdits.Direction.UP);
    assertEquals(List.of("m-a:a2,a1,aq", "m-b:b1,bq"), order(c));
    c = CourseEdits.moveLesson(c, "a1", CourseEdits.Direction.DOWN);
    assertEquals(List.of("m-a:a2,aq,a1", "m-b:b1,bq"), order(c));
    assertEquals(order(c), order(CourseEdits.moveLesson(c, "a1", CourseEdits.Direction.DOWN)), "the last stays last");
    assertEquals(order(COURSE), order(CourseEdits.moveLesson(COURSE, "b1", CourseEdits.Direction.UP)),
        "the first of a module does not jump into the one above");
  }

  @Test
  void modulesMoveAndAreRenamedAndRemoved() {
    CourseDefinition c = CourseEdits.moveModule(COURSE, "m-b", CourseEdits.Direction.UP);
    assertEquals(List.of("m-b:b1,bq", "m-a:a1,a2,aq"), order(c));
    assertEquals(order(c), order(CourseEdits.moveModule(c, "m-b", CourseEdits.Direction.UP)));
    assertEquals("丙", CourseEdits.renameModule(COURSE, "m-a", "丙").modules().get(0).title());
    assertEquals(List.of("m-b:b1,bq"), order(CourseEdits.removeModule(COURSE, "m-a")));
  }

  @Test
  void removingAModulesLastLessonRemovesTheModule() {
    CourseDefinition c = CourseEdits.removeLesson(CourseEdits.removeLesson(COURSE, "b1"), "bq");
    assertEquals(List.of("m-a:a1,a2,aq"), order(c));
  }

  @Test
  void replacingKeepsThePlaceAndUnknownIdsAre404() {
    CourseDefinition.Lesson changed = new CourseDefinition.Lesson("a2", "新标题", LessonKind.CASE, null, "case-002",
        null, 15, null);
    CourseDefinition c = CourseEdits.replaceLesson(COURSE, changed);
    assertEquals(order(COURSE), order(c));
    assertEquals(changed, c.modules().get(0).lessons().get(1));
    Problem p = assertThrows(Problem.class, () -> CourseEdits.removeLesson(COURSE, "nope"));
    assertEquals(404, p.status());
    assertEquals(404, assertThrows(Problem.class, () -> CourseEdits.moveModule(COURSE, "nope",
        CourseEdits.Direction.UP)).status());
    assertEquals(400, assertThrows(Problem.class, () -> CourseEdits.Direction.parse("sideways")).status());
  }

  @Test
  void fieldsChangeButModulesStay() {
    CourseDefinition fields = new CourseDefinition(null, "新名", Tier.PRACTICUM, "新简介", Audience.anyone(),
        List.of("demo-course"), 2.5, 70, false, CourseRulesTest.QUIZ, List.of());
    CourseDefinition c = CourseEdits.withFields(COURSE, fields);
    assertEquals("c-abcdefgh", c.id());
    assertEquals("新名", c.title());
    assertEquals(Tier.PRACTICUM, c.tier());
    assertEquals(List.of("demo-course"), c.prerequisites());
    assertEquals(order(COURSE), order(c));
  }

  @Test
  void problemsNameTheLessonAndWhereItIs() {
    CourseRules.Issue lesson = new CourseRules.Issue(new CourseRules.Where(1, 0, CourseRules.Field.BODY), "太短");
    assertEquals("「b1」（模块 2 第 1 课时）：太短", CourseEdits.describe(lesson, COURSE));
    CourseRules.Issue count = new CourseRules.Issue(new CourseRules.Where(-1, -1, CourseRules.Field.COUNT),
        "题目数量应至少为 1");
    assertEquals("结业考核：题目数量应至少为 1", CourseEdits.describe(count, COURSE));
  }
}
