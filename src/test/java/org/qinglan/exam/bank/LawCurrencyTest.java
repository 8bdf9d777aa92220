package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LawCurrencyTest {

  @Test
  void statutesAreNamedInTitleMarks() {
    assertEquals(Set.of("中华人民共和国慈善法", "志愿服务条例", "社会救助暂行办法", "女职工劳动保护特别规定", "中华人民共和国民法典"),
        LawCurrency.statutesNamed("依据《中华人民共和国慈善法》（2023年修正）和《志愿服务条例》，参照《社会救助暂行办法》"
            + "（2019年修订）、《女职工劳动保护特别规定》与《中华人民共和国民法典》。"));
    assertEquals(Set.of("特困人员认定办法（试行）"), LawCurrency.statutesNamed("《特困人员认定办法（试行）》"));
  }

  @Test
  void booksAndPoliciesAreNotStatutes() {
    assertEquals(Set.of(), LawCurrency.statutesNamed("《社会工作综合能力》教材讲到的小组工作方法，"
        + "《关于加强社会工作专业人才队伍建设的意见》，《“十四五”民政事业发展规划》。"));
  }

  @Test
  void untaggedAreTheQuestionsCitingAStatuteWithoutAsOf() {
    Question tagged = question("a", "依据《中华人民共和国慈善法》（2023年修正）。", YearMonth.of(2026, 1));
    Question untagged = question("b", "依据《志愿服务条例》第八条。", null);
    Question noStatute = question("c", "同理心是理解服务对象的感受。", null);
    assertEquals(List.of(untagged), LawCurrency.untagged(List.of(tagged, untagged, noStatute)));
  }

  @Test
  void parseAcceptsPastAndCurrentMonthsOnly() {
    YearMonth now = YearMonth.of(2026, 12);
    assertEquals(YearMonth.of(2019, 10), LawCurrency.parse("2019-10", now).month());
    assertEquals(now, LawCurrency.parse("2026-12", now).month());
    assertNull(LawCurrency.parse("2027-01", now).month());
    assertNull(LawCurrency.parse("2026-00", now).month());
    assertNull(LawCurrency.parse("26-01", now).month());
  }

  private static Question question(String id, String explanation, YearMonth asOf) {
    return new Question(id, id, List.of(), QuestionType.SINGLE_CHOICE, new FormattedText("题干", TextFormat.MOODLE),
        List.of(), List.of(), new FormattedText(explanation, TextFormat.MOODLE), List.of("t"), List.of(), 1, asOf);
  }
}
