package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryPathTest {

  @Test
  void parsesWhatTrainersType() {
    assertEquals(List.of("东湖区", "调解实务", "01 基础知识"), CategoryPath.parse(" 东湖区 / 调解实务/01 基础知识/ ").path());
    assertEquals(List.of("a/b", "c"), CategoryPath.parse("a//b/c").path());
    assertEquals("a//b/c", CategoryPath.typed(List.of("a/b", "c")));
    assertFalse(CategoryPath.parse("  / ").ok());
    assertFalse(CategoryPath.parse("1/2/3/4/5/6/7/8/9").ok());
    assertFalse(CategoryPath.parse("$course$/x").ok());
    assertFalse(CategoryPath.parse("x".repeat(101)).ok());
  }

  @Test
  void fileCategoriesGoBelowTheChosenOneWithoutMoodlesContext() {
    List<String> base = List.of("东湖区", "调解实务");
    assertEquals(List.of("东湖区", "调解实务", "Iota", "Kappa"), CategoryPath.under(base, List.of("$course$", "Iota", "Kappa")));
    assertEquals(List.of("东湖区", "调解实务", "Default"), CategoryPath.under(base, List.of("$system$", "top", "Default")));
    assertEquals(List.of("东湖区", "调解实务", "第一章"), CategoryPath.under(base, List.of("第一章")));
    assertEquals(base, CategoryPath.under(base, List.of()));
    assertEquals(base, CategoryPath.under(base, List.of("$course$")));
    assertTrue(CategoryPath.within(List.of("a", "b", "c"), List.of("a", "b")));
    assertFalse(CategoryPath.within(List.of("a", "x"), List.of("a", "b")));
  }
}
