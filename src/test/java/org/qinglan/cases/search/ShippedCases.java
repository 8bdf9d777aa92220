package org.qinglan.cases.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The 40 sample cases case-001 … case-040 shipped in courses/case-library, read from their YAML front matter. The
 * search tests' relevance judgments and counts were made on these 40; cases added to the library later are not part
 * of this set, so that the library can grow without moving the judged set.
 */
public final class ShippedCases {
  public static final Path DIR = Path.of("courses", "case-library");
  /** The file names of case-001 … case-040. */
  private static final String JUDGED = "case-0(0[1-9]|[1-3]\\d|40)-.*\\.md";

  private ShippedCases() {
  }

  /** The judged cases (case-001 … case-040), by id. {@code updatedAt} is derived from the year (mid-year) and id. */
  public static List<CaseDocument> load() {
    List<CaseDocument> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      for (Path f : s.filter(p -> p.getFileName().toString().matches(JUDGED)).sorted().toList()) {
        out.add(parse(Files.readString(f, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A made-up case with the given texts, for tests of what the texts do (fixed labels and date). */
  static CaseDocument crafted(String id, String title, String summary, String body) {
    return new CaseDocument(id, title, summary, body, List.of("community-building"), List.of("community-work"),
        "old-town", "江东省/云溪市/东湖区", 2024, List.of(), Instant.parse("2024-05-01T00:00:00Z"));
  }

  /** The shipped case with this id. */
  public static CaseDocument get(String id) {
    return load().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  static CaseDocument parse(String text) {
    if (!text.startsWith("---")) {
      throw new IllegalArgumentException("No front matter");
    }
    int end = text.indexOf("\n---", 3);
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> m = yaml.load(text.substring(3, end));
    String body = text.substring(text.indexOf('\n', end + 1) + 1);
    String id = (String) m.get("id");
    int year = ((Number) m.get("year")).intValue();
    int n = Integer.parseInt(id.replaceAll("\\D", ""));
    Instant updated = Instant.parse(year + "-06-01T00:00:00Z").plusSeconds(3600L * n);
    return new CaseDocument(id, str(m.get("title")), str(m.get("summary")), body, list(m.get("topics")),
        list(m.get("methods")), str(m.get("communityType")), str(m.get("region")), year, list(m.get("tags")),
        updated);
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static List<String> list(Object o) {
    if (o == null) {
      return List.of();
    }
    return ((List<?>) o).stream().map(Object::toString).toList();
  }
}
