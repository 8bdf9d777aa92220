package org.qinglan.exam.bank;

import java.util.ArrayList;
import java.util.List;

/**
 * A category path written as text, the one reading and writing of it: names separated by
 * {@code /}, a {@code //} being a slash inside a name (as Moodle writes {@code $CATEGORY:} in GIFT
 * and {@code <category>} in Moodle XML, and as trainers type paths). Blank names are dropped and
 * names are stripped.
 */
public final class CategoryPathText {
  private static final char SLASH_IN_NAME = '\uE010';

  private CategoryPathText() {
  }

  public static List<String> parse(String text) {
    List<String> parts = new ArrayList<>();
    for (String part : text.replace("//", String.valueOf(SLASH_IN_NAME)).split("/")) {
      String p = part.replace(SLASH_IN_NAME, '/').strip();
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return parts;
  }

  public static String write(List<String> path) {
    List<String> escaped = new ArrayList<>();
    path.forEach(p -> escaped.add(p.replace("/", "//")));
    return String.join("/", escaped);
  }
}
