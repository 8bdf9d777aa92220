package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuestionViewTest {

  @Test
  void theOpeningIsTheFirstSentenceAsPlainText() {
    assertEquals("梧桐社区是云溪市东湖区的一个老旧小区，老年人口占比超过三成",
        QuestionView.opening("梧桐社区是云溪市东湖区的一个老旧小区，老年人口占比超过三成。78岁的周秀兰独自住在四楼。"));
    assertEquals("王阿姨 & 李叔叔是邻居", QuestionView.opening("<p><strong>王阿姨</strong> &amp; 李叔叔是邻居。</p>"));
    assertEquals("", QuestionView.opening("  "));
  }

  @Test
  void aLongSentenceIsCut() {
    String opening = QuestionView.opening("一".repeat(50) + "。");
    assertEquals("一".repeat(QuestionView.OPENING_CHARS) + "…", opening);
  }
}
