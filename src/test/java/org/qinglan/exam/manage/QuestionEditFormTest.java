package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.TextFormat;
import org.qinglan.exam.manage.QuestionEditForm.Fields;
import org.qinglan.exam.manage.QuestionEditForm.Option;

class QuestionEditFormTest {

  private static Question parse(String gift) {
    var f = GiftParser.parse("t.gift", gift);
    assertEquals(List.of(), f.errors());
    return f.questions().get(0);
  }

  @Test
  void singleChoiceWithANewKeyAndAnAddedOption() {
    Question q = parse("// [id:k1] [tag:甲]\n::名::题干 {=对 #好 ~错 ~也错 ####解析}");
    Fields form = QuestionEditForm.of(q);
    assertEquals("0", form.correct());
    assertEquals(QuestionEditForm.MAX_OPTIONS, form.options().size());
    List<Option> options = new ArrayList<>(form.options());
    options.set(3, new Option("新增的选项", ""));
    var r = QuestionEditForm.apply(q, new Fields("新题干\r\n第二行", "新解析", "甲，乙、乙", options, "3", ""));
    assertTrue(r.ok(), r.errors().toString());
    Question e = r.question();
    assertEquals("新题干\n第二行", e.stem().text());
    assertEquals(4, e.answers().size());
    assertEquals(List.of(3), e.correctChoiceIndexes());
    assertEquals("好", e.answers().get(0).feedback().text(), "feedback kept");
    assertEquals(List.of("甲", "乙"), e.tags());
    assertEquals("k1", e.id());
    assertEquals("名", e.name());
  }

  @Test
  void multipleChoiceWeightsAreCheckedByTheRules() {
    Question q = parse("::m::题干 {~%50%甲 ~%50%乙 ~%-100%丙}");
    Fields form = QuestionEditForm.of(q);
    assertEquals("50", form.options().get(0).weight());
    assertEquals("-100", form.options().get(2).weight());
    List<Option> bad = List.of(new Option("甲", "50"), new Option("乙", "45%"), new Option("丙", "x"));
    var r = QuestionEditForm.apply(q, new Fields("题干", "", "", bad, "", ""));
    assertFalse(r.ok());
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("第 C 行的权重“x”不是数字")), r.errors().toString());
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("权重 45% 不是允许的分值")), r.errors().toString());
    List<Option> three = List.of(new Option("甲", "33.33333"), new Option("乙", "33.33333"),
        new Option("丙", "33.33333"), new Option("丁", "-100"));
    var ok = QuestionEditForm.apply(q, new Fields("题干", "", "", three, "", ""));
    assertTrue(ok.ok(), ok.errors().toString());
    assertEquals(QuestionType.MULTIPLE_CHOICE, ok.question().type());
  }

  @Test
  void emptyStemAndEmptyCorrectOptionAreErrors() {
    Question q = parse("::s::题干 {=对 ~错}");
    var r = QuestionEditForm.apply(q, new Fields(" ", "", "", List.of(new Option("", ""), new Option("错", "")), "0", ""));
    assertTrue(r.errors().contains("题干为空"), r.errors().toString());
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("正确答案不能是空选项")), r.errors().toString());
  }

  @Test
  void trueFalseAndCaseAnalysis() {
    Question tf = parse("::t::[html]<p>天是蓝的</p> {T#错了#对了}");
    assertEquals("true", QuestionEditForm.of(tf).truth());
    var r = QuestionEditForm.apply(tf, new Fields("<p>天是绿的</p>", "", "", List.of(), "", "false"));
    assertTrue(r.ok(), r.errors().toString());
    assertFalse(r.question().trueFalseAnswer());
    assertEquals(TextFormat.HTML, r.question().stem().format(), "the format is kept");
    assertEquals("错了", r.question().answers().get(1).feedback().text(), "feedback stays with its answer");

    Question essay = parse("::e::说说看 {}");
    var c = QuestionEditForm.apply(essay, new Fields("说说看", "参考答案：……\n评分要点：\n- （4分）要点一\n- （6分）要点二", "", List.of(),
        "", ""));
    assertTrue(c.ok(), c.errors().toString());
    assertEquals(QuestionType.CASE_ANALYSIS, c.question().type(), "read back from a file it would be a case analysis");
    assertEquals(2, c.question().rubric().size());
    Question kase = c.question();
    var broken = QuestionEditForm.apply(kase, new Fields("说说看", "参考答案：没有评分要点", "", List.of(), "", ""));
    assertTrue(broken.errors().stream().anyMatch(e -> e.contains("评分要点")), broken.errors().toString());
  }

  @Test
  void otherTypesAreEditedByUploading() {
    Question matching = parse("::m::配对 {=甲 -> 1 =乙 -> 2 =丙 -> 3}");
    assertFalse(QuestionEditForm.editable(matching.type()));
    assertFalse(QuestionEditForm.apply(matching, QuestionEditForm.of(matching)).ok());
  }

  /** The web form speaks of its own rows and boxes, never of GIFT or Moodle syntax. */
  @Test
  void formErrorsAreInPlainWordsWithoutFileSyntax() {
    Question single = parse("::s::题干 {=对 ~错}");
    var noKey = QuestionEditForm.apply(single, new Fields("题干", "", "", List.of(new Option("对", ""),
        new Option("错", "")), "", ""));
    Question multi = parse("::m::题干 {~%50%甲 ~%50%乙 ~%-100%丙}");
    var noWeights = QuestionEditForm.apply(multi, new Fields("题干", "", "", List.of(new Option("甲", ""),
        new Option("乙", ""), new Option("丙", "")), "", ""));
    var oddWeight = QuestionEditForm.apply(multi, new Fields("题干", "", "", List.of(new Option("甲", "45"),
        new Option("乙", "55")), "", ""));
    List<String> all = new ArrayList<>();
    all.addAll(noKey.errors());
    all.addAll(noWeights.errors());
    all.addAll(oddWeight.errors());
    assertEquals(3, List.of(noKey, noWeights, oddWeight).stream().filter(r -> !r.ok()).count(), all.toString());
    for (String e : all) {
      assertFalse(e.matches(".*(GIFT|Moodle|~|=|%\\d).*"), "file syntax in a form error: " + e);
    }
    assertTrue(noKey.errors().stream().anyMatch(e -> e.contains("请选择正确答案")), noKey.errors().toString());
  }
}
