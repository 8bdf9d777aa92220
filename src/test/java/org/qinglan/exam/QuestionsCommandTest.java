package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QuestionsCommandTest {
  private static final String FIXTURES = "../shared/fixtures/moodle/";

  private record Run(int exitCode, String out) {
  }

  private static Run run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new QuestionsCommand()).execute(args);
      return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void theShippedBankHasNoErrorAndItsTotals() {
    Run r = run("check", "question-bank");
    assertEquals(0, r.exitCode(), r.out());
    assertTrue(r.out().contains(", 0 error(s)"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Total: ")), r.out());
  }

  @Test
  void jsonReportOfAFileWithErrorsExitsNonZero() {
    Run r = run("check", "--json", FIXTURES + "aiken_errors.txt");
    assertEquals(1, r.exitCode());
    JsonObject file = new JsonObject(r.out()).getJsonArray("files").getJsonObject(0);
    assertEquals(FIXTURES + "aiken_errors.txt", file.getString("file"));
    assertEquals(2, file.getInteger("questions"));
    assertEquals(2, file.getJsonObject("byType").getInteger("single-choice"));
    assertEquals(4, file.getJsonArray("errors").size());
    assertEquals(3, file.getJsonArray("errors").getJsonObject(0).getInteger("line"));
  }

  @Test
  void theFormatOptionWinsOverTheExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("exported.xml");
    Files.writeString(f, "社区居委会属于（　　）。\nA. 基层群众性自治组织\nB. 一级政府\nANSWER: A\n", StandardCharsets.UTF_8);
    assertEquals(1, run("check", f.toString()).exitCode(), "read as XML it is broken");
    Run asAiken = run("check", "--format", "aiken", f.toString());
    assertEquals(0, asAiken.exitCode(), asAiken.out());
    assertTrue(asAiken.out().contains("1 questions (single-choice 1)"), asAiken.out());
  }

  @Test
  void moodleFixturesReportWhatMoodleExpects() {
    Run r = run("check", "--json", FIXTURES + "error_invalid_grades.xml", FIXTURES + "questions.gift.txt");
    JsonObject json = new JsonObject(r.out());
    assertEquals(1, r.exitCode());
    JsonObject grades = json.getJsonArray("files").getJsonObject(0);
    assertEquals(0, grades.getInteger("questions"));
    assertTrue(grades.getJsonArray("errors").getJsonObject(0).getString("message").contains("33%"));
    JsonObject gift = json.getJsonArray("files").getJsonObject(1);
    assertEquals(9, gift.getInteger("questions"));
    assertEquals(3, gift.getJsonObject("byType").getInteger("true-false"));
  }
}
