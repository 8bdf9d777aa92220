package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Web is below the features: it names none of them (people reaches it through Principal and SessionAccounts). */
class WebImportsTest {
  private static final Pattern QINGLAN_NAME = Pattern.compile("org\\.qinglan\\.(\\w+)");

  @Test
  void webNamesNoFeature() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/qinglan/web"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = QINGLAN_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          if (!m.group(1).equals("web") && !m.group(1).equals("platform")) {
            found.add(file.getFileName() + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
