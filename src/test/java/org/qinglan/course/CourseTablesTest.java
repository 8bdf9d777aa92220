package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The course feature's SQL names only its own tables (and the shared platform ones), and lives
 * only in its stores: org units, accounts, workers and questions are read through their features'
 * services.
 */
class CourseTablesTest {
  static final Path SOURCES = Path.of("src/main/java/org/qinglan/course");
  static final Set<String> OWN = Set.of("course", "course_lesson", "enrolment", "lesson_progress", "quiz_attempt",
      "certificate", "course_assignment", "task_report", "task_report_step");
  static final Set<String> SHARED = Set.of("app_setting", "audit_log", "learning_event");

  private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
  private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
  private static final Pattern CTE = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s+AS\\s*\\(");

  @Test
  void courseSqlNamesOnlyCourseAndSharedTables() throws IOException {
    List<String> foreign = new ArrayList<>();
    for (Path file : javaFiles()) {
      for (String sql : strings(Files.readString(file))) {
        Set<String> ctes = new HashSet<>();
        Matcher c = CTE.matcher(sql);
        while (c.find()) {
          ctes.add(c.group(1));
        }
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
          String table = m.group(1);
          if (!OWN.contains(table) && !SHARED.contains(table) && !ctes.contains(table)) {
            foreign.add(file.getFileName() + ": " + table);
          }
        }
      }
    }
    assertEquals(List.of(), foreign);
  }

  @Test
  void sqlRunsOnlyInStores() throws IOException {
    List<String> outside = new ArrayList<>();
    int stores = 0;
    for (Path file : javaFiles()) {
      String name = file.getFileName().toString();
      String text = Files.readString(file);
      if (name.endsWith("Store.java")) {
        stores++;
        continue;
      }
      if (text.contains("preparedQuery(") || text.contains(".query(") || text.contains("io.vertx.sqlclient.Row;")) {
        outside.add(name);
      }
      if (name.endsWith("Routes.java") && text.contains("io.vertx.sqlclient.Pool")) {
        outside.add(name + " (holds the pool)");
      }
    }
    assertTrue(stores >= 5, "the stores were found");
    assertEquals(List.of(), outside);
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static List<String> strings(String source) {
    List<String> out = new ArrayList<>();
    Matcher m = STRING.matcher(source);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }
}
