package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exam feature's part of the house rules, read from its sources: SQL only in its stores and
 * naming only its own tables, no pool in its routes, and its pure types free of Vert.x.
 */
class ExamHouseRulesTest {
  private static final Path EXAM = Path.of("src/main/java/org/qinglan/exam");
  /** The tables exam owns (see the ownership table of issue #13). */
  private static final Set<String> OWN_TABLES = Set.of("question_category", "question", "question_revision",
      "practice_session", "practice_answer", "question_state", "exam_goal", "mock_exam", "mock_exam_answer",
      "case_practice");
  private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
  private static final Pattern CTE = Pattern.compile("(?:\\bWITH|,)\\s+([a-z_][a-z0-9_]*)\\s+AS\\s*\\(");
  private static final Pattern SQL = Pattern.compile("preparedQuery\\(|\\.query\\(|\\b(SELECT|INSERT INTO|DELETE FROM)\\b");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(EXAM)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String name(Path p) {
    return EXAM.relativize(p).toString();
  }

  @Test
  void sqlLivesInStoresAndNamesOnlyExamsTables() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path p : sources()) {
      String text = Files.readString(p);
      if (!p.getFileName().toString().endsWith("Store.java")) {
        if (SQL.matcher(text).find()) {
          wrong.add(name(p) + ": SQL outside a store");
        }
        continue;
      }
      Set<String> ctes = new HashSet<>();
      Matcher c = CTE.matcher(text);
      while (c.find()) {
        ctes.add(c.group(1));
      }
      Matcher m = TABLE.matcher(text);
      while (m.find()) {
        String table = m.group(1);
        if (!OWN_TABLES.contains(table) && !ctes.contains(table)) {
          wrong.add(name(p) + ": names table " + table);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void routesHoldNoPool() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path p : sources()) {
      if (p.getFileName().toString().endsWith("Routes.java")) {
        String text = Files.readString(p);
        if (text.contains("sqlclient.Pool") || text.contains("sqlclient.*")) {
          wrong.add(name(p));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void pureTypesImportNoVertx() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path p : sources()) {
      String file = name(p).replace('\\', '/');
      String simple = p.getFileName().toString();
      boolean pure = file.startsWith("bank/") || file.startsWith("review/")
          || (file.startsWith("mock/") && (simple.startsWith("ExamScorer") || simple.startsWith("PaperDrawer")
              || simple.startsWith("Blueprint")))
          || (file.startsWith("practice/") && (simple.equals("AnswerChecker.java") || simple.equals("Response.java")
              || simple.equals("QuestionProgress.java") || simple.equals("PracticeMode.java")
              || simple.equals("PracticeSession.java") || simple.equals("ExamLevel.java")))
          || simple.equals("ExamPolicy.java") || simple.equals("StoredQuestion.java")
          || (file.startsWith("manage/") && (simple.equals("QuestionBankPolicy.java")
              || simple.equals("CategoryPath.java") || simple.equals("ImportPlan.java")
              || simple.equals("ItemAnalysis.java") || simple.equals("QuestionEditForm.java")));
      if (pure && Files.readString(p).contains("io.vertx")) {
        wrong.add(file);
      }
    }
    assertEquals(List.of(), wrong);
  }
}
