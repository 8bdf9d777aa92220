package org.qinglan.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shipped sample cases' titles and bodies, read from courses/case-library/ for the case
 * lessons of courses. (The case library feature keeps cases in PostgreSQL; courses only need
 * the shipped ones they cite.)
 */
public final class CaseTexts {
  private static final Pattern FIELD = Pattern.compile("(?m)^(id|title|summary):\\s*(.+?)\\s*$");

  /** A case's title, summary and Markdown body. */
  public record CaseText(String id, String title, String summary, String body) {
  }

  private CaseTexts() {
  }

  public static Map<String, CaseText> read(Path caseLibrary) throws IOException {
    Map<String, CaseText> out = new HashMap<>();
    if (!Files.isDirectory(caseLibrary)) {
      return out;
    }
    try (Stream<Path> s = Files.list(caseLibrary)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
          .toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (!text.startsWith("---")) {
          continue;
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
          continue;
        }
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(text.substring(0, end));
        while (m.find()) {
          fields.putIfAbsent(m.group(1), m.group(2));
        }
        String body = text.substring(text.indexOf('\n', end + 1) + 1);
        if (fields.containsKey("id")) {
          out.put(fields.get("id"), new CaseText(fields.get("id"), fields.getOrDefault("title", ""),
              fields.getOrDefault("summary", ""), body));
        }
      }
    }
    return out;
  }
}
