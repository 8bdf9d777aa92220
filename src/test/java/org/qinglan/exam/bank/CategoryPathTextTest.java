package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One reading of a category path, whether a trainer typed it or a GIFT or Moodle XML file names it. */
class CategoryPathTextTest {

  @Test
  void readsAndWritesPathsWithSlashesInsideNames() {
    assertEquals(List.of("a/b", "c"), CategoryPathText.parse(" a//b / c /"));
    assertEquals("a//b/c", CategoryPathText.write(List.of("a/b", "c")));
    List<String> path = List.of("助理社会工作师", "社会工作综合能力(初级)", "01 社会工作/社会福利");
    assertEquals(path, CategoryPathText.parse(CategoryPathText.write(path)));
    assertEquals(List.of(), CategoryPathText.parse(" / "));
  }

  @Test
  void aGiftFileAndAMoodleXmlFileNameTheirCategoriesAsTrainersTypeThem() {
    String typed = "东湖区/调解//协商/01 基础知识";
    ParsedFile gift = GiftParser.parse("a.gift", "$CATEGORY: " + typed + "\n\n::q1:: 天是蓝的 {T}\n");
    assertEquals(CategoryPathText.parse(typed), gift.questions().get(0).category());
    assertEquals(org.qinglan.exam.manage.CategoryPath.parse(typed).path(), gift.questions().get(0).category());
  }
}
