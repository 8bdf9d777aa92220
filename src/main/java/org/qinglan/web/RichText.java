package org.qinglan.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Turns user-written text (plain, Moodle, HTML or Markdown) into HTML that is safe to put in a
 * page unescaped: plain text is escaped, HTML and Markdown go through an allow-list sanitiser.
 */
public final class RichText {
  private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
      .and(Sanitizers.TABLES).and(Sanitizers.STYLES)
      .and(new HtmlPolicyBuilder().allowElements("img").allowAttributes("alt", "src").onElements("img")
          .allowUrlProtocols("https").allowElements("br", "hr", "pre", "code", "sub", "sup").toFactory());
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(false).build();

  private RichText() {
  }

  /** @param format one of PLAIN, MOODLE, HTML, MARKDOWN (unknown formats are treated as plain) */
  public static String toSafeHtml(String text, String format) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return switch (format == null ? "PLAIN" : format) {
      case "HTML" -> POLICY.sanitize(text);
      case "MARKDOWN" -> POLICY.sanitize(RENDERER.render(MARKDOWN.parse(text)));
      default -> escape(text).replace("\n", "<br>");
    };
  }

  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
