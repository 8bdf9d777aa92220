package org.qinglan.exam.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.GiftParser;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;

class ImportPlanTest {
  private static final String FILE = """
      // [id:my-001]
      ::甲::第一题 {=对 ~错}

      $CATEGORY: $course$/第一章/第一节

      // [id:a-comp-01-001]
      ::乙::第二题 {=对 ~错}

      ::丙::第三题 {T}
      """;

  @Test
  void keepsFreeIdsGeneratesTheRestAndPlacesCategoriesBelowTheTarget() {
    ParsedFile parsed = GiftParser.parse("up.gift", FILE);
    assertEquals(List.of(), parsed.errors());
    AtomicInteger n = new AtomicInteger();
    ImportPlan plan = ImportPlan.of(parsed, List.of("东湖区", "调解"), Set.of("a-comp-01-001"),
        () -> "u-" + n.incrementAndGet());
    List<Question> qs = plan.questions();
    assertEquals("my-001", qs.get(0).id());
    assertEquals(List.of("东湖区", "调解"), qs.get(0).category());
    assertEquals("u-1", qs.get(1).id(), "a taken id is replaced");
    assertEquals(List.of("东湖区", "调解", "第一章", "第一节"), qs.get(1).category());
    assertEquals("u-2", qs.get(2).id(), "no id: a generated one");
    assertEquals(List.of(List.of("东湖区", "调解", "第一章"), List.of("东湖区", "调解", "第一章", "第一节")),
        List.copyOf(plan.categories().keySet()), "parents first");
    assertEquals(1, plan.notices().size());
    assertTrue(plan.notices().get(0).contains("第 7 行") && plan.notices().get(0).contains("a-comp-01-001")
        && plan.notices().get(0).contains("u-1"), plan.notices().get(0));
  }
}
