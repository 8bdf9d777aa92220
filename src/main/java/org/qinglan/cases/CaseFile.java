package org.qinglan.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.qinglan.cases.search.CaseVocabulary;
import org.qinglan.platform.YamlDoc;

/**
 * A shipped sample case: Markdown with a YAML front matter (courses/case-library/*.md).
 * Reading checks the fields and vocabularies and reports problems with file and line.
 */
public record CaseFile(String id, String title, String summary, List<String> topics, List<String> methods,
                       String communityType, String region, int year, String author, List<String> tags,
                       String body) {

  /** A problem in a case file. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** The cases that read cleanly, and every problem. */
  public record Result(List<CaseFile> cases, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Result readAll(Path dir) throws IOException {
    List<CaseFile> cases = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Result(cases, problems);
    }
    Set<String> ids = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
          .sorted().toList()) {
        List<Problem> own = new ArrayList<>();
        CaseFile c = read(f, Files.readString(f, StandardCharsets.UTF_8), own);
        if (c != null && !ids.add(c.id())) {
          own.add(new Problem(f.toString(), 2, "案例编号 " + c.id() + " 重复"));
        }
        problems.addAll(own);
        if (c != null && own.isEmpty()) {
          cases.add(c);
        }
      }
    }
    return new Result(cases, problems);
  }

  /**
   * The ids of the shipped cases that read cleanly: those the case sync publishes, for checking
   * the cases that course files cite without a database.
   */
  public static Set<String> ids(Path dir) throws IOException {
    Set<String> ids = new java.util.LinkedHashSet<>();
    readAll(dir).cases().forEach(c -> ids.add(c.id()));
    return ids;
  }

  static CaseFile read(Path file, String text, List<Problem> out) {
    String name = file.toString();
    if (!text.startsWith("---")) {
      out.add(new Problem(name, 1, "缺少 YAML 前置信息（文件应以 --- 开头）"));
      return null;
    }
    int end = text.indexOf("\n---", 3);
    if (end < 0) {
      out.add(new Problem(name, 1, "前置信息没有以 --- 结束"));
      return null;
    }
    YamlDoc.Problems p = new YamlDoc.Problems();
    // Line numbers of the front matter start after the opening "---" line.
    YamlDoc doc = YamlDoc.parse(text.substring(text.indexOf('\n') + 1, end + 1), p);
    String body = text.substring(Math.min(text.length(), text.indexOf('\n', end + 1) + 1));
    if (doc == null) {
      p.list().forEach(x -> out.add(new Problem(name, x.line() + 1, x.message())));
      return null;
    }
    String id = doc.string("id", p, true);
    String title = doc.string("title", p, true);
    String summary = doc.string("summary", p, true);
    List<String> topics = checked(doc, "topics", CaseVocabulary.TOPICS, p);
    List<String> methods = checked(doc, "methods", CaseVocabulary.METHODS, p);
    String type = doc.string("communityType", p, true);
    if (type != null && !CaseVocabulary.COMMUNITY_TYPES.containsKey(type)) {
      p.add(doc.get("communityType").line(), "communityType“" + type + "”不在词表中");
    }
    String region = doc.string("region", p, false);
    Integer year = doc.integer("year", p, true);
    String author = doc.string("author", p, false);
    List<String> tags = doc.strings("tags", p);
    if (topics.isEmpty()) {
      p.add(doc.line(), "至少需要一个 topics");
    }
    if (methods.isEmpty()) {
      p.add(doc.line(), "至少需要一个 methods");
    }
    if (body.isBlank()) {
      p.add(1, "案例正文是空的");
    }
    p.list().forEach(x -> out.add(new Problem(name, x.line() + 1, x.message())));
    if (!p.isEmpty()) {
      return null;
    }
    return new CaseFile(id, title, summary, topics, methods, type, region, year, author == null ? "" : author, tags,
        body);
  }

  private static List<String> checked(YamlDoc doc, String key, Map<String, String> vocabulary, YamlDoc.Problems p) {
    List<String> values = doc.strings(key, p);
    for (String v : values) {
      if (!vocabulary.containsKey(v)) {
        p.add(doc.get(key).line(), key + "“" + v + "”不在词表中");
      }
    }
    return values;
  }
}
