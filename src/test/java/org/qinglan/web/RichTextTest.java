package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RichTextTest {

  @Test
  void markdownTablesBecomeHtmlTablesThatScrollOnAPhone() {
    String html = RichText.toSafeHtml("""
        | 情形 | 做法 |
        |---|---|
        | 独居老人 | 每周走访 |
        """, "MARKDOWN");
    assertTrue(html.contains("<table>"), html);
    assertTrue(html.contains("<th>情形</th>"), html);
    assertTrue(html.contains("<td>每周走访</td>"), html);
    assertFalse(html.contains("|---|"), "no raw table syntax: " + html);
    assertTrue(html.contains("<div class=\"table-scroll\"><table>"), "wide tables scroll sideways: " + html);
  }

  @Test
  void tablesAreStillSanitised() {
    String html = RichText.toSafeHtml("""
        | a | b |
        |---|---|
        | <script>alert(1)</script> | <img src=x onerror=alert(1)> |
        """, "MARKDOWN");
    assertTrue(html.contains("<table>"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("onerror"), html);
  }
}
