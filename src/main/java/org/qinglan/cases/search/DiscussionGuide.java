package org.qinglan.cases.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case's discussion guide (讨论指引), the section after 反思 with questions for a training group.
 * It is teaching material about the case, not the case: its shared phrasing (建议用途：社会工作实务…)
 * would match nearly every case, so search and related cases leave it out.
 */
final class DiscussionGuide {
  /** From the guide's heading to the next heading of the same or a higher level, or the end. */
  private static final Pattern SECTION = Pattern.compile("(?m)^#{1,2}\\s*讨论指引\\s*$[\\s\\S]*?(?=^#{1,2}\\s|\\z)");

  private DiscussionGuide() {
  }

  /** The Markdown without its discussion guide section. */
  static String strip(String markdown) {
    if (markdown == null || !markdown.contains("讨论指引")) {
      return markdown;
    }
    Matcher m = SECTION.matcher(markdown);
    return m.replaceAll("");
  }
}
