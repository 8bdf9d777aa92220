package org.qinglan.exam.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;

class PaperDrawerTest {

  static List<PaperDrawer.Candidate> bank() throws IOException {
    List<PaperDrawer.Candidate> out = new ArrayList<>();
    try (var files = Files.walk(Path.of("question-bank"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".gift")).toList()) {
        for (Question q : GiftParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)).questions()) {
          String chapter = q.category().get(2).split(" ")[0];
          out.add(new PaperDrawer.Candidate(String.join("/", q.category().subList(0, 2)) + "|" + q.id(), chapter,
              q.type(), new HashSet<>(q.tags())));
        }
      }
    }
    return out;
  }

  static List<Blueprint> blueprints() throws IOException {
    BlueprintLoader.Result r = BlueprintLoader.load(Files.readString(Path.of("question-bank", "blueprints.yaml")));
    assertEquals(List.of(), r.errors());
    return r.blueprints();
  }

  private static List<PaperDrawer.Candidate> poolFor(Blueprint b, List<PaperDrawer.Candidate> bank) {
    return bank.stream().filter(c -> c.id().startsWith(b.category() + "|")).toList();
  }

  @Test
  void theShippedBlueprintsAreTheExamsPapers() throws IOException {
    Map<String, Blueprint> byId = new LinkedHashMap<>();
    blueprints().forEach(b -> byId.put(b.id(), b));
    for (String id : List.of("assistant-comprehensive", "assistant-practice", "intermediate-comprehensive",
        "intermediate-policy")) {
      Blueprint b = byId.get(id);
      assertNotNull(b, id);
      assertEquals(80, b.questionCount());
      assertEquals(100.0, b.totalMarks());
      assertEquals(120, b.minutes());
      assertEquals(60.0, b.passMark());
    }
    Blueprint practice = byId.get("intermediate-practice");
    assertEquals(5, practice.questionCount());
    assertEquals(100.0, practice.totalMarks());
    assertEquals(150, practice.minutes());
    Blueprint senior = byId.get("senior-practice");
    assertNotNull(senior, "senior-practice");
    assertEquals("高级社会工作师", senior.level());
    assertEquals(5, senior.questionCount());
    assertEquals(100.0, senior.totalMarks());
    assertEquals(180, senior.minutes());
    assertEquals(60.0, senior.passMark());
  }

  @Test
  void theSeniorPaperHasFourCaseAnalysesAndOneEssay() throws IOException {
    Blueprint senior = blueprints().stream().filter(b -> b.id().equals("senior-practice")).findFirst().orElseThrow();
    PaperDrawer.Draw d = PaperDrawer.draw(senior, poolFor(senior, bank()), Set.of(), new Random(5));
    assertTrue(d.ok(), d.problem());
    for (int i = 0; i < 4; i++) {
      assertFalse(d.questions().get(i).tags().contains("论述题"));
    }
    assertTrue(d.questions().get(4).tags().contains("论述题"));
  }

  @Test
  void everyBlueprintDrawsTwoPapersWithoutARepeatedQuestion() throws IOException {
    List<PaperDrawer.Candidate> bank = bank();
    for (Blueprint b : blueprints()) {
      List<PaperDrawer.Candidate> pool = poolFor(b, bank);
      PaperDrawer.Draw first = PaperDrawer.draw(b, pool, Set.of(), new Random(1));
      assertTrue(first.ok(), b.id() + ": " + first.problem());
      assertEquals(b.questionCount(), first.questions().size());
      Set<String> used = new HashSet<>();
      first.questions().forEach(c -> used.add(c.id()));
      PaperDrawer.Draw second = PaperDrawer.draw(b, pool, used, new Random(2));
      assertTrue(second.ok(), b.id() + " second paper: " + second.problem());
      second.questions().forEach(c -> assertFalse(used.contains(c.id()), "overlap " + c.id()));
    }
  }

  @Test
  void sectionsKeepTheirTypesAndTags() throws IOException {
    Blueprint practice = blueprints().stream().filter(b -> b.id().equals("intermediate-practice")).findFirst().orElseThrow();
    PaperDrawer.Draw d = PaperDrawer.draw(practice, poolFor(practice, bank()), Set.of(), new Random(3));
    assertTrue(d.ok(), d.problem());
    for (int i = 0; i < 4; i++) {
      assertFalse(d.questions().get(i).tags().contains("服务方案设计"));
    }
    assertTrue(d.questions().get(4).tags().contains("服务方案设计"));
  }

  @Test
  void allocationFollowsWeightsExactlyAndPassesOnShortfalls() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("01", 0.5);
    weights.put("02", 0.3);
    weights.put("03", 0.2);
    Map<String, Integer> plenty = Map.of("01", 100, "02", 100, "03", 100);
    assertEquals(Map.of("01", 30, "02", 18, "03", 12), PaperDrawer.allocate(60, weights, plenty));
    Map<String, Integer> shortOf03 = Map.of("01", 100, "02", 100, "03", 5);
    Map<String, Integer> a = PaperDrawer.allocate(60, weights, shortOf03);
    assertEquals(5, a.get("03"));
    assertEquals(60, a.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(null, PaperDrawer.allocate(60, weights, Map.of("01", 10, "02", 10, "03", 10)));
  }

  @Test
  void aTooSmallBankIsReportedNotHalfDrawn() throws IOException {
    Blueprint b = blueprints().get(0);
    PaperDrawer.Draw d = PaperDrawer.draw(b, List.of(new PaperDrawer.Candidate("x", "01", QuestionType.SINGLE_CHOICE,
        Set.of())), Set.of(), new Random(4));
    assertFalse(d.ok());
    assertTrue(d.problem().contains("只有 1 道"), d.problem());
  }

  @Test
  void blueprintErrorsNameTheirLines() {
    BlueprintLoader.Result r = BlueprintLoader.load("""
        blueprints:
          - id: broken
            title: 坏的
            level: x
            paper: y
            category: z
            minutes: 0
            passMark: 60
            sections:
              - { type: essay-ish, count: 3, marks: 1 }
            chapters:
              "01": 0.5
        """);
    assertFalse(r.ok());
    assertTrue(r.errors().stream().allMatch(e -> e.line() == 2), r.errors().toString());
    List<String> m = r.errors().stream().map(e -> e.message()).toList();
    assertTrue(m.contains("蓝图 broken：minutes 应大于 0"), m.toString());
    assertTrue(m.stream().anyMatch(x -> x.contains("题型“essay-ish”不存在")), m.toString());
    assertTrue(m.contains("蓝图 broken：章节权重之和为 0.5，应为 1"), m.toString());
  }
}
