package org.qinglan.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionType;

/** Counts the quiz-usable questions of the question-bank files, for checking course files offline. */
public final class BankQuestionSource implements CourseRules.QuestionSource {
  private record Entry(String category, List<String> tags) {
  }

  private final List<Entry> entries = new ArrayList<>();

  public static BankQuestionSource read(Path bankDir) throws IOException {
    BankQuestionSource s = new BankQuestionSource();
    if (!Files.isDirectory(bankDir)) {
      return s;
    }
    try (Stream<Path> files = Files.walk(bankDir.toRealPath())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".gift")).toList()) {
        ParsedFile parsed = QuestionFormat.GIFT.parse(f.toString(), Files.readAllBytes(f));
        for (Question q : parsed.questions()) {
          if (quizUsable(q.type())) {
            s.entries.add(new Entry(String.join("/", q.category()), q.tags()));
          }
        }
      }
    }
    return s;
  }

  /** Quizzes are marked automatically, so only questions with a key count. */
  public static boolean quizUsable(QuestionType t) {
    return t == QuestionType.SINGLE_CHOICE || t == QuestionType.MULTIPLE_CHOICE || t == QuestionType.TRUE_FALSE;
  }

  /** True when {@code path} is the category {@code prefix} or lies below it. */
  public static boolean under(String path, String prefix) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.equals(p) || path.startsWith(p + "/");
  }

  @Override
  public int count(List<String> categoryPrefixes, List<String> tags) {
    int n = 0;
    for (Entry e : entries) {
      boolean inCategory = categoryPrefixes.stream().anyMatch(c -> under(e.category(), c));
      boolean tagged = tags.isEmpty() || e.tags().stream().anyMatch(tags::contains);
      if (inCategory && tagged) {
        n++;
      }
    }
    return n;
  }
}
