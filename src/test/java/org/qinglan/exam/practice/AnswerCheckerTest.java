package org.qinglan.exam.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.ResponseJson;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.Question;

class AnswerCheckerTest {
  private static Question q(String gift) {
    return GiftParser.parse("t.gift", gift).questions().get(0);
  }

  @Test
  void choiceQuestionsNeedExactlyTheKey() {
    Question multi = q("多选 {~%50%甲 ~%50%乙 ~%-100%丙 ~%-100%丁}");
    assertTrue(AnswerChecker.isCorrect(multi, Response.choices(Set.of(0, 1))));
    assertFalse(AnswerChecker.isCorrect(multi, Response.choices(Set.of(0))), "partial is not right in practice");
    assertFalse(AnswerChecker.isCorrect(multi, Response.choices(Set.of(0, 1, 2))));
    Question tf = q("判断 {F}");
    assertTrue(AnswerChecker.isCorrect(tf, Response.choices(Set.of(1))), "index 1 is false");
  }

  @Test
  void shortNumericalAndMatching() {
    Question sa = q("首都 {=北京 =Beijing* =%50%京}");
    assertTrue(AnswerChecker.isCorrect(sa, Response.text(" beijing city ")));
    assertFalse(AnswerChecker.isCorrect(sa, Response.text("京")), "a half-credit answer is not right");
    Question num = q("季度 {#3..5}");
    assertTrue(AnswerChecker.isCorrect(num, Response.text("4.5")));
    assertFalse(AnswerChecker.isCorrect(num, Response.text("六")));
    Question match = q("配对 {=甲 -> 1 =乙 -> 2 = -> 3}");
    assertTrue(AnswerChecker.isCorrect(match, Response.matches(List.of("1", "2"))));
    assertFalse(AnswerChecker.isCorrect(match, Response.matches(List.of("1", "3"))));
  }

  @Test
  void responsesSurviveJsonAndIgnoreJunk() {
    Response r = Response.choices(Set.of(2, 0));
    assertEquals(r, ResponseJson.fromJson(ResponseJson.toJson(r)));
    Response junk = ResponseJson.fromJson(new JsonObject().put("choices", "0,1").put("text", 5));
    assertTrue(junk.isEmpty());
  }

  @Test
  void mistakeBookRule() {
    QuestionProgress p = QuestionProgress.fresh().after(true);
    assertFalse(p.inMistakeBook(), "right the first time: never in the book");
    p = p.after(false);
    assertTrue(p.inMistakeBook());
    p = p.after(true);
    assertTrue(p.inMistakeBook(), "one right answer is not enough");
    p = p.after(false).after(true);
    assertTrue(p.inMistakeBook(), "a wrong answer restarts the run");
    p = p.after(true);
    assertFalse(p.inMistakeBook(), "right twice in a row: out");
    assertEquals(6, p.attempts());
    assertEquals(4, p.correctCount());
  }
}
