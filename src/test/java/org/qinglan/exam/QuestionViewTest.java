package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.Question;

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

  @Test
  void theLawCurrencyShowsAsAChineseMonth() {
    assertEquals("法规依据截至 2026年1月", QuestionView.lawAsOf(YearMonth.of(2026, 1)));
    assertEquals("法规依据截至 2025年12月", QuestionView.lawAsOf(YearMonth.of(2025, 12)));
    assertEquals("", QuestionView.lawAsOf(null));
  }

  @Test
  void theStoredBodyKeepsTheAsOfAndOnlyWhenGiven() {
    Question withAsOf = GiftParser.parse("t.gift", """
        // [id:x-1] [tag:t] [asof:2026-01]
        ::x-1::居民委员会是（　　）。{=基层群众性自治组织~一级政府~派出机构~社会团体####依据《中华人民共和国城市居民委员会组织法》（2025年修订）。}
        """).questions().get(0);
    JsonObject body = QuestionJson.body(withAsOf);
    assertEquals("2026-01", body.getString("asOf"));
    assertEquals(YearMonth.of(2026, 1),
        QuestionJson.question("x-1", "x-1", List.of(), withAsOf.type(), body, List.of("t")).asOf());
    Question without = withAsOf.withId("x-2");
    without = new Question(without.id(), without.name(), without.category(), without.type(), without.stem(),
        without.answers(), without.pairs(), without.generalFeedback(), without.tags(), without.rubric(), 0);
    assertFalse(QuestionJson.body(without).containsKey("asOf"), "other questions keep their stored body and hash");
  }
}
