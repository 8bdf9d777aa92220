package org.qinglan.web;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
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
  /** The class of the box around a table, which scrolls sideways on a narrow screen (app.css). */
  private static final String TABLE_SCROLL = "table-scroll";
  private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
      .and(Sanitizers.TABLES).and(Sanitizers.STYLES)
      .and(new HtmlPolicyBuilder().allowElements("div").allowAttributes("class")
          .matching(Pattern.compile(TABLE_SCROLL)).onElements("div").toFactory())
      .and(new HtmlPolicyBuilder().allowElements("img").allowAttributes("alt", "src").onElements("img")
          .allowUrlProtocols("https").allowElements("br", "hr", "pre", "code", "sub", "sup").toFactory());
  /** GitHub-style tables: many lessons compare options in a table. */
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(false).build();

  private RichText() {
  }

  /** @param format one of PLAIN, MOODLE, HTML, MARKDOWN (unknown formats are treated as plain) */
  public static String toSafeHtml(String text, String format) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return switch (format == null ? "PLAIN" : format) {
      case "HTML" -> POLICY.sanitize(text);
      case "MARKDOWN" -> POLICY.sanitize(scrollingTables(RENDERER.render(MARKDOWN.parse(text))));
      default -> escape(text).replace("\n", "<br>");
    };
  }

  private static String scrollingTables(String html) {
    return html.replace("<table>", "<div class=\"" + TABLE_SCROLL + "\"><table>").replace("</table>", "</table></div>");
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
