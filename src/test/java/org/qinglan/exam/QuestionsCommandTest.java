package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static final String LONG_KEYS = """
      ::a::题干{=一二三四~一~二~三}

      ::b::题干{=一二三四~一~二~三}

      ::c::题干{=一~一二三四~二~三}
      """;

  private static final String SHORT_KEYS = """
      ::d::题干{=一~一二三四~二~三}

      ::e::题干{=一~一二三四~二~三}

      ::f::题干{~%50%一二三四五~%50%一~%-100%二~%-100%三~%-100%四}
      """;

  @Test
  void warnsWhenTheKeyIsTooOftenTheLongestOptionWithoutFailing(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path longKeys = dir.resolve("a.gift");
    Path shortKeys = dir.resolve("b.gift");
    Files.writeString(longKeys, LONG_KEYS, StandardCharsets.UTF_8);
    Files.writeString(shortKeys, SHORT_KEYS, StandardCharsets.UTF_8);
    Run r = run("check", dir.toString());
    assertEquals(0, r.exitCode(), r.out());
    List<String> lines = r.out().lines().toList();
    int a = lines.indexOf(lines.stream().filter(l -> l.startsWith(longKeys.toString())).findFirst().orElseThrow());
    assertEquals("  warning: key is the longest option in 2 of 3 single-choice questions (67%), keep it at most 30%",
        lines.get(a + 1), r.out());
    assertTrue(lines.stream().noneMatch(l -> l.contains("0 of 2 single-choice")), r.out());
    assertTrue(r.out().contains("warning: key is the longest option in 2 of 5 single-choice questions (40%), "
        + "keep it at most 30%, over all files"), r.out());
  }

  @Test
  void jsonReportsTheLongestKeyShareOfEachFileAndOfAll(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.gift"), LONG_KEYS, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b.gift"), SHORT_KEYS, StandardCharsets.UTF_8);
    Run r = run("check", "--json", dir.toString());
    assertEquals(0, r.exitCode(), r.out());
    JsonObject json = new JsonObject(r.out());
    assertEquals(new JsonObject().put("longest", 2).put("singleChoice", 3).put("percent", 67).put("warning", true),
        json.getJsonArray("files").getJsonObject(0).getJsonObject("longestKey"));
    assertEquals(new JsonObject().put("longest", 0).put("singleChoice", 2).put("percent", 0).put("warning", false),
        json.getJsonArray("files").getJsonObject(1).getJsonObject("longestKey"));
    assertEquals(new JsonObject().put("longest", 2).put("singleChoice", 5).put("percent", 40).put("warning", true),
        json.getJsonObject("longestKey"));
  }
}
