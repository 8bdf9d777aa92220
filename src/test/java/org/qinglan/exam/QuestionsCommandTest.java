package org.qinglan.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
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

  private static final String CITED = """
      // [id:x-001] [tag:慈善] [asof:2026-01]
      ::x-001::慈善组织的登记机关是（　　）。{=民政部门~市场监管部门~税务部门~司法行政部门####依据《中华人民共和国慈善法》（2023年修正）。}

      // [id:x-002] [tag:志愿服务]
      ::x-002::志愿者的年龄要求是（　　）。{=无统一下限~年满十六周岁~年满十八周岁~年满十四周岁####依据《志愿服务条例》。}

      // [id:x-003] [tag:居委会]
      ::x-003::居民会议由（　　）组成。{=十八周岁以上居民或户代表或居民小组代表~全体居民~党员~楼栋长####依据《中华人民共和国城市居民委员会组织法》。}

      // [id:x-004] [tag:同理心]
      ::x-004::同理心的要义是（　　）。{=站在对方角度理解其感受~同情对方~赞同对方~安慰对方####同理心不是同情。}
      """;

  @Test
  void warnsPerFileAboutStatutesCitedWithoutAsOf(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("law.gift");
    Files.writeString(f, CITED, StandardCharsets.UTF_8);
    Run r = run("check", f.toString());
    assertEquals(0, r.exitCode(), r.out());
    assertTrue(r.out().contains("  warning: 2 question(s) cite a statute in the explanation without [asof:YYYY-MM]: "
        + "x-002, x-003"), r.out());
    Run json = run("check", "--json", f.toString());
    assertEquals(new JsonArray(List.of("x-002", "x-003")),
        new JsonObject(json.out()).getJsonArray("files").getJsonObject(0).getJsonArray("statuteWithoutAsOf"));
  }

  @Test
  void aFileWhoseStatutesAreAllTaggedHasNoSuchWarning(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("law.gift");
    Files.writeString(f, CITED.replace("[tag:志愿服务]", "[tag:志愿服务] [asof:2026-01]")
        .replace("[tag:居委会]", "[tag:居委会] [asof:2026-01]"), StandardCharsets.UTF_8);
    Run r = run("check", f.toString(), f.toString());
    assertTrue(r.out().lines().noneMatch(l -> l.contains("cite a statute")), r.out());
    assertTrue(r.out().contains("Statute cited without [asof:] in 0 question(s) over all files"), r.out());
  }

  @Test
  void aMonthInTheFutureIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("law.gift");
    Files.writeString(f, CITED.replace("[asof:2026-01]", "[asof:2999-01]"), StandardCharsets.UTF_8);
    Run r = run("check", f.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.out().contains("  line 2: 题目 x-001：法规核对时间 [asof:2999-01] 晚于当前月份"), r.out());
  }

  @Test
  void warnsAboutNearDuplicateStemsAcrossFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.gift"), "// [id:a-1] [tag:t]\n::a-1::根据《老年人权益保障法》，该法所称老年人是指（　　）的公民。"
        + "{=六十周岁以上~六十五周岁以上~五十五周岁以上~七十周岁以上####解析}\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b.gift"), "// [id:b-1] [tag:t]\n::b-1::根据《老年人权益保障法》该法所称的老年人是指（　　）的公民"
        + "{=六十周岁以上~六十五周岁以上~五十五周岁以上~七十周岁以上####解析}\n", StandardCharsets.UTF_8);
    Run r = run("check", dir.toString());
    assertEquals(0, r.exitCode(), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("warning: near-duplicate stems (0.")
        && l.contains("a-1 (" + dir.resolve("a.gift") + ") and b-1 (" + dir.resolve("b.gift") + ")")), r.out());
    assertTrue(r.out().contains("1 pair(s) of near-duplicate stems"), r.out());
    JsonObject pair = new JsonObject(run("check", "--json", dir.toString()).out()).getJsonArray("nearDuplicates")
        .getJsonObject(0);
    assertEquals("a-1", pair.getJsonObject("first").getString("id"));
    assertEquals("b-1", pair.getJsonObject("second").getString("id"));
  }
}
