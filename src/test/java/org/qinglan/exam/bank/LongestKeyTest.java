package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LongestKeyTest {

  private static Question only(String gift) {
    ParsedFile f = GiftParser.parse("test.gift", gift);
    assertEquals(List.of(), f.errors());
    return f.questions().get(0);
  }

  @Test
  void aKeyStrictlyLongerThanEveryOtherOptionIsTheLongest() {
    assertTrue(LongestKey.keyIsLongest(only("::q::题干{=一二三四~一二三~一二~一}")));
  }

  @Test
  void aKeyAsLongAsAnotherOptionIsNotStrictlyTheLongest() {
    assertFalse(LongestKey.keyIsLongest(only("::q::题干{=一二三~四五六~一二~一}")));
    assertFalse(LongestKey.keyIsLongest(only("::q::题干{=一二~四五六~一二~一}")));
  }

  @Test
  void lengthIsCountedInCharactersOfTheTextWithoutMarkupOrEscapes() {
    // 4 characters of text in the key, although its markup makes it the longest string.
    assertFalse(LongestKey.keyIsLongest(only("::q::[html]题干{=<b>一二三四</b>~一二三四五~一二~一}")));
    // The escaped colon counts as one character: key 一\:二 is 3 characters, the others 2.
    assertTrue(LongestKey.keyIsLongest(only("::q::题干{=一\\:二~三四~一二~一}")));
    // Characters outside the BMP count once.
    assertFalse(LongestKey.keyIsLongest(only("::q::题干{=\uD840\uDC00\uD840\uDC01~一二~一~二}")));
  }

  @Test
  void onlySingleChoiceQuestionsAreCounted() {
    ParsedFile f = GiftParser.parse("test.gift", """
        ::a::题干{=一二三四~一~二~三}

        ::b::题干{=一~一二三四~二~三}

        ::c::题干{~%50%一二三四五~%50%一~%-100%二~%-100%三~%-100%四}

        ::d::题干{TRUE}
        """);
    assertEquals(List.of(), f.errors());
    LongestKey.Share share = LongestKey.of(f.questions());
    assertEquals(new LongestKey.Share(1, 2), share);
    assertEquals(50, share.percent());
  }

  @Test
  void sharesAddUpAndRoundToWholePercent() {
    LongestKey.Share total = new LongestKey.Share(14, 30).plus(new LongestKey.Share(1, 3));
    assertEquals(new LongestKey.Share(15, 33), total);
    assertEquals(45, total.percent());
    assertEquals(47, new LongestKey.Share(14, 30).percent());
    assertEquals(0, new LongestKey.Share(0, 0).percent());
  }

  @Test
  void theWarningStartsAboveThirtyPercent() {
    assertFalse(new LongestKey.Share(3, 10).tooHigh());
    assertTrue(new LongestKey.Share(31, 100).tooHigh());
    assertFalse(new LongestKey.Share(0, 0).tooHigh());
    assertEquals("key is the longest option in 14 of 30 single-choice questions (47%), keep it at most 30%",
        new LongestKey.Share(14, 30).warning());
  }
}
