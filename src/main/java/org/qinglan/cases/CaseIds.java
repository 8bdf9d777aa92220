package org.qinglan.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The ids of the shipped sample cases, read from their front matter (for references from courses). */
public final class CaseIds {
  private static final Pattern ID = Pattern.compile("(?m)^id:\\s*([A-Za-z0-9-]+)\\s*(#.*)?$");

  private CaseIds() {
  }

  public static Set<String> read(Path caseLibrary) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    if (!Files.isDirectory(caseLibrary)) {
      return ids;
    }
    try (Stream<Path> s = Files.list(caseLibrary)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
          .sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.startsWith("---")) {
          int end = text.indexOf("\n---", 3);
          Matcher m = ID.matcher(end > 0 ? text.substring(0, end) : text);
          if (m.find()) {
            ids.add(m.group(1));
          }
        }
      }
    }
    return ids;
  }
}
