package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class GiftParserTest {
  static final Path FIXTURES = Path.of("..", "shared", "fixtures", "moodle");

  static ParsedFile parse(String gift) {
    return GiftParser.parse("test.gift", gift);
  }

  static Question only(String gift) {
    ParsedFile f = parse(gift);
    assertEquals(List.of(), f.errors());
    assertEquals(1, f.questions().size());
    return f.questions().get(0);
  }

  @Test
  void moodleFixtureReadsAsMoodleExpects() throws IOException {
    ParsedFile f = GiftParser.parse("questions.gift.txt",
        Files.readString(FIXTURES.resolve("questions.gift.txt"), StandardCharsets.UTF_8));
    assertEquals(List.of(), f.errors());
    List<Question> q = f.questions();
    assertEquals(9, q.size());
    assertEquals(QuestionType.ESSAY, q.get(0).type());
    assertEquals("Q8", q.get(0).name());

    Question match = q.get(1);
    assertEquals(QuestionType.MATCHING, match.type());
    assertEquals(TextFormat.HTML, match.stem().format());
    assertEquals(5, match.pairs().size());
    assertEquals("Forum", match.pairs().get(0).answer());
    assertEquals(TextFormat.HTML, match.pairs().get(0).prompt().format());
    assertEquals(TextFormat.MOODLE, match.pairs().get(1).prompt().format());
    assertEquals(TextFormat.PLAIN, match.pairs().get(2).prompt().format());
    assertEquals(TextFormat.MARKDOWN, match.pairs().get(3).prompt().format());
    assertTrue(match.pairs().get(4).isDistractor());
    assertEquals("Chat", match.pairs().get(4).answer());

    Question single = q.get(2);
    assertEquals(QuestionType.SINGLE_CHOICE, single.type());
    assertEquals(List.of(0), single.correctChoiceIndexes());
    assertEquals("yellow", single.answers().get(0).text().text());
    assertEquals("right; good!", single.answers().get(0).feedback().text());
    assertEquals(TextFormat.HTML, single.answers().get(1).feedback().format());
    assertEquals(TextFormat.PLAIN, single.answers().get(2).text().format());

    Question multi = q.get(3);
    assertEquals(QuestionType.MULTIPLE_CHOICE, multi.type());
    assertEquals(List.of(0.5, -1.0, 0.5, -1.0), multi.answers().stream().map(Answer::fraction).toList());
    assertEquals("colours", multi.name());

    Question numerical = q.get(4);
    assertEquals(QuestionType.NUMERICAL, numerical.type());
    assertEquals("3", numerical.answers().get(0).text().text());
    assertEquals(2.0, numerical.answers().get(0).tolerance());
    assertEquals("*", numerical.answers().get(1).text().text());
    assertEquals("Completely wrong", numerical.answers().get(1).feedback().text());

    Question shortAnswer = q.get(5);
    assertEquals(QuestionType.SHORT_ANSWER, shortAnswer.type());
    assertEquals(List.of(1.0, 0.5, 0.0), shortAnswer.answers().stream().map(Answer::fraction).toList());
    assertEquals("*", shortAnswer.answers().get(2).text().text());

    Question tf = q.get(6);
    assertEquals(QuestionType.TRUE_FALSE, tf.type());
    assertFalse(tf.trueFalseAnswer());
    assertEquals("You gave the right answer.", tf.answers().get(1).feedback().text());
    assertEquals("42 is the Ultimate Answer.", tf.answers().get(0).feedback().text());
    assertEquals("This is, of course, a Hitchiker's Guide to the Galaxy reference.", tf.generalFeedback().text());
    assertTrue(q.get(7).trueFalseAnswer());
    assertTrue(q.get(8).trueFalseAnswer());
  }

  @Test
  void categoryAndEscapesFixture() throws IOException {
    ParsedFile f = GiftParser.parse("questions_in_category.gift.txt",
        Files.readString(FIXTURES.resolve("questions_in_category.gift.txt"), StandardCharsets.UTF_8));
    assertEquals(List.of(), f.errors());
    assertEquals(4, f.questions().size());
    for (Question q : f.questions()) {
      assertEquals(List.of("$course$", "Default for New Features"), q.category());
    }
    Question greeting = f.questions().get(1);
    assertTrue(greeting.stem().text().startsWith("<a href=\"http://demo.moodle.net/file.php/5/media/bonjour.mp3\">"
        + "Listen to this greeting:</a>"), greeting.stem().text());
    assertTrue(f.questions().get(3).stem().text().contains("style=\"font-style: italic;\""));
    assertEquals(QuestionType.SHORT_ANSWER, f.questions().get(2).type());
  }

  @Test
  void metadataCommentsGiveIdAndTags() {
    Question q = only("""
        // [id:a-comp-02-001] [tag:专业价值观] [tag:尊重]
        ::a-comp-02-001::社会工作者平等对待有吸毒史的服务对象，体现了（　　）。{
        =尊重
        ~保密
        ~个别化
        ~案主自决
        ####本题考查尊重。
        }
        """);
    assertEquals("a-comp-02-001", q.id());
    assertEquals(List.of("专业价值观", "尊重"), q.tags());
    assertEquals("本题考查尊重。", q.generalFeedback().text());
    assertEquals("社会工作者平等对待有吸毒史的服务对象，体现了（　　）。", q.stem().text());
    assertEquals(2, q.line());
  }

  private static final String STATUTE_QUESTION = """
      // [id:i-pol-09-001] [tag:居民委员会] %s
      ::i-pol-09-001::居民委员会是（　　）。{
      =基层群众性自治组织
      ~一级人民政府
      ~街道办事处的派出机构
      ~社会团体
      ####依据《中华人民共和国城市居民委员会组织法》（2025年修订）。
      }
      """;

  @Test
  void asOfGivesTheMonthTheLawWasCheckedTo() {
    ParsedFile f = GiftParser.parse("t.gift", STATUTE_QUESTION.formatted("[asof:2026-01]"), YearMonth.of(2026, 12));
    assertEquals(List.of(), f.errors());
    assertEquals(YearMonth.of(2026, 1), f.questions().get(0).asOf());
    assertEquals(List.of("居民委员会"), f.questions().get(0).tags(), "asof is not a knowledge-point tag");
    assertNull(only("Q {T}").asOf());
    ParsedFile thisMonth = GiftParser.parse("t.gift", STATUTE_QUESTION.formatted("[asof: 2026-12 ]"),
        YearMonth.of(2026, 12));
    assertEquals(YearMonth.of(2026, 12), thisMonth.questions().get(0).asOf());
  }

  @Test
  void aMalformedAsOfIsAnErrorAtTheQuestionsLine() {
    for (String bad : List.of("[asof:2026-1]", "[asof:2026-13]", "[asof:2026/01]", "[asof:]", "[asof:二〇二六年一月]")) {
      ParsedFile f = GiftParser.parse("t.gift", "\n" + STATUTE_QUESTION.formatted(bad), YearMonth.of(2026, 12));
      assertEquals(List.of(), f.questions(), bad);
      assertEquals(1, f.errors().size(), bad);
      assertEquals(3, f.errors().get(0).line(), bad);
      assertTrue(f.errors().get(0).message().startsWith("题目 i-pol-09-001：法规核对时间 "), f.errors().toString());
      assertTrue(f.errors().get(0).message().contains("YYYY-MM"), f.errors().toString());
    }
  }

  @Test
  void anAsOfInTheFutureIsAnError() {
    ParsedFile f = GiftParser.parse("t.gift", STATUTE_QUESTION.formatted("[asof:2027-01]"), YearMonth.of(2026, 12));
    assertEquals(List.of(), f.questions());
    assertEquals(List.of(new ParseError(2, "题目 i-pol-09-001：法规核对时间 [asof:2027-01] 晚于当前月份 2026-12，不能写未来的月份")),
        f.errors());
  }

  @Test
  void twoAsOfTagsAreAnError() {
    ParsedFile f = GiftParser.parse("t.gift", STATUTE_QUESTION.formatted("[asof:2026-01] [asof:2025-06]"),
        YearMonth.of(2026, 12));
    assertEquals(1, f.errors().size());
    assertTrue(f.errors().get(0).message().contains("只能有一个 [asof:…]"), f.errors().toString());
  }

  @Test
  void theWriterKeepsTheAsOf() {
    ParsedFile f = GiftParser.parse("t.gift", STATUTE_QUESTION.formatted("[asof:2026-01]"), YearMonth.of(2026, 12));
    String written = GiftWriter.write(f.questions());
    assertTrue(written.startsWith("// [id:i-pol-09-001] [tag:居民委员会] [asof:2026-01]\n"), written);
    assertEquals(YearMonth.of(2026, 1), GiftParser.parse("again.gift", written).questions().get(0).asOf());
    String xml = MoodleXmlWriter.write(f.questions(), List.of());
    Question viaXml = MoodleXmlReader.parse("again.xml", xml).questions().get(0);
    assertEquals(YearMonth.of(2026, 1), viaXml.asOf());
    assertEquals(List.of("居民委员会"), viaXml.tags());
  }

  @Test
  void trueFalseSpellings() {
    assertTrue(only("Q {T}").trueFalseAnswer());
    assertTrue(only("Q {TRUE}").trueFalseAnswer());
    assertFalse(only("Q {F}").trueFalseAnswer());
    assertFalse(only("Q {FALSE#错了#对了}").trueFalseAnswer());
  }

  @Test
  void numericalRangeAndExactForms() {
    Question range = only("一年有几个季度？{#3..5}");
    assertEquals("4", range.answers().get(0).text().text());
    assertEquals(1.0, range.answers().get(0).tolerance());
    Question exact = only("法定成年年龄？{#18}");
    assertEquals(0.0, exact.answers().get(0).tolerance());
    Question weighted = only("圆周率？{#=3.14:0.01 =%50%3:0.5}");
    assertEquals(List.of(1.0, 0.5), weighted.answers().stream().map(Answer::fraction).toList());
  }

  @Test
  void escapesKeepSpecialCharactersAsText() {
    Question q = only("比例 1\\:2 与 a\\=b、\\{x\\}、\\~、\\#号 {=是 \\# 号 ~不是}");
    assertEquals("比例 1:2 与 a=b、{x}、~、#号", q.stem().text());
    assertEquals("是 # 号", q.answers().get(0).text().text());
  }

  @Test
  void missingWordFormatPutsABlankInTheStem() {
    Question q = only("社区居民委员会是 {=基层群众性自治组织 ~一级政府 ~事业单位} 。");
    assertEquals("社区居民委员会是 _____ 。", q.stem().text());
  }

  @Test
  void anEqualsAnswerWithoutTildesIsAShortAnswer() {
    assertEquals(QuestionType.SHORT_ANSWER, only("我国的首都是 {=北京 =北京市}。").type());
  }

  @Test
  void descriptionAndEssay() {
    assertEquals(QuestionType.DESCRIPTION, only("以下各题考查社区工作方法。").type());
    assertEquals(QuestionType.ESSAY, only("简述社区照顾的含义。{}").type());
  }

  @Test
  void caseAnalysisCarriesItsRubric() {
    Question q = only("""
        ::i-prac-01-001::案例：……请分析服务对象的需要（10分）并设计介入策略（10分）。{
        ####参考答案：\\n需要包括……\\n评分要点：\\n- （4分）指出安全需要\\n- （6分）指出社会支持需要\\n- （10分）策略完整可行
        }
        """);
    assertEquals(QuestionType.CASE_ANALYSIS, q.type());
    assertEquals(3, q.rubric().size());
    assertEquals(new RubricPoint("指出安全需要", 4), q.rubric().get(0));
    assertEquals(20, q.rubric().stream().mapToDouble(RubricPoint::marks).sum());
  }

  @Test
  void syntaxErrorsNameTheLineAndParsingGoesOn() {
    ParsedFile f = parse("""
        // header

        ::a::第一题 {=对 ~错

        ::b::第二题 =对 ~错}

        ::c::第三题 {=对 ~错}

        ::d::第四题 {=对 ~%abc%错}
        """);
    assertEquals(1, f.questions().size());
    assertEquals("c", f.questions().get(0).name());
    assertEquals(3, f.errors().size(), f.errors().toString());
    assertEquals(3, f.errors().get(0).line());
    assertTrue(f.errors().get(0).message().contains("缺少 }"), f.errors().get(0).message());
    assertEquals(5, f.errors().get(1).line());
    assertTrue(f.errors().get(1).message().contains("缺少 {"));
    assertEquals(9, f.errors().get(2).line());
    assertTrue(f.errors().get(2).message().contains("权重写法有误"));
  }

  @Test
  void errorsOfMeaningCountAsErrors() {
    ParsedFile f = parse("""
        ::noKey::没有正确答案的单选题 {~甲 ~乙 ~丙}

        ::badSum::权重之和不对的多选题 {~%50%甲 ~%25%乙 ~%-100%丙}

        ::badGrade::Moodle 不接受 33% {~%33%甲 ~%33%乙 ~%34%丙}

        ::oneOption::只有一个选项 {~甲}

        ::fewPairs::匹配题太少 {=甲 -> 1 =乙 -> 2}

        ::noPoints::案例分析 {####参考答案：略\\n评分要点：写得好就行}
        """);
    assertEquals(0, f.questions().size());
    List<String> messages = f.errors().stream().map(ParseError::message).toList();
    assertTrue(messages.get(0).contains("没有正确答案"), messages.toString());
    assertTrue(messages.get(1).contains("权重之和为 75%"), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("33% 不是 Moodle 允许的分值")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("选择题至少需要两个选项")), messages.toString());
    assertEquals(7, f.errors().size(), "one line per problem, no repeats: " + messages);
    assertTrue(messages.stream().anyMatch(m -> m.contains("至少需要 2 个题目和 3 个答案")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("没有评分要点")), messages.toString());
  }

  @Test
  void duplicateIdsInAFileAreErrors() {
    ParsedFile f = parse("""
        // [id:x-1]
        ::x-1::甲 {T}

        // [id:x-1]
        ::x-1::乙 {F}
        """);
    assertEquals(1, f.errors().size());
    assertEquals(5, f.errors().get(0).line());
    assertTrue(f.errors().get(0).message().contains("与第 2 行的题目重复"));
  }

  @Test
  void unescapedBracesAreCaught() {
    ParsedFile f = parse("集合 {a} 的元素是 {=a ~b}");
    assertEquals(1, f.errors().size(), f.errors().toString());
    assertNull(f.questions().isEmpty() ? null : f.questions().get(0));
  }
}
