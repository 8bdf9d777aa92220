package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.cases.search.QuerySyntax.Clause;

class QuerySyntaxTest {

  @Test
  void wordsPhrasesAndExclusions() throws Exception {
    assertEquals(List.of(), QuerySyntax.parse("   "));
    assertEquals(List.of(), QuerySyntax.parse(null));
    assertEquals(List.of(new Clause("独居老人", false, false)), QuerySyntax.parse("独居老人"));
    assertEquals(List.of(new Clause("电梯", false, false), new Clause("噪音", false, true)),
        QuerySyntax.parse("电梯 -噪音"));
    assertEquals(List.of(new Clause("加装电梯", true, false), new Clause("老人", false, false)),
        QuerySyntax.parse("\"加装电梯\" 老人"));
    // Chinese quotes and full-width space and minus, as a phone keyboard types them.
    assertEquals(List.of(new Clause("加装电梯", true, false), new Clause("矛盾 纠纷", true, true),
        new Clause("老人", false, true)), QuerySyntax.parse("“加装电梯”\u3000-“矛盾 纠纷” －老人"));
    // A hyphen inside a word belongs to it.
    assertEquals(List.of(new Clause("COVID-19", false, false)), QuerySyntax.parse("COVID-19"));
    // A quote right after a word starts a phrase.
    assertEquals(List.of(new Clause("老人", false, false), new Clause("跌倒", true, false)),
        QuerySyntax.parse("老人\"跌倒\""));
  }

  @Test
  void malformedInputIsAQueryExceptionInChinese() {
    for (String bad : List.of("\"加装电梯", "加装电梯\"", "“加装电梯", "加装电梯”", "-", "电梯 -", "电梯 - 噪音",
        "--电梯", "\"\"", "“ ”", "x".repeat(QuerySyntax.MAX_LENGTH + 1))) {
      CaseQueryException e = assertThrows(CaseQueryException.class, () -> QuerySyntax.parse(bad), bad);
      assertTrue(e.getMessage().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
          == Character.UnicodeScript.HAN), e.getMessage());
    }
  }
}
