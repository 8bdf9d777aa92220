package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseFileTest {

  @Test
  void theShippedCasesReadCleanly() throws Exception {
    CaseFile.Result r = CaseFile.readAll(Path.of("courses", "case-library"));
    assertEquals(List.of(), r.problems());
    assertTrue(r.cases().size() >= 40, "at least 40 sample cases");
    for (CaseFile c : r.cases()) {
      assertTrue(org.qinglan.course.CourseRules.chineseChars(c.body()) >= 600, c.id() + " has 600+ characters");
      for (String section : List.of("## 背景", "## 需求评估", "## 介入过程", "## 成效", "## 反思")) {
        assertTrue(c.body().contains(section), c.id() + " " + section);
      }
    }
  }

  @Test
  void problemsNameTheLineOfTheFile() {
    List<CaseFile.Problem> out = new ArrayList<>();
    assertNull(CaseFile.read(Path.of("x.md"), """
        ---
        id: case-x
        title: 标题
        summary: 摘要
        topics: [dispute-mediation, gossip]
        methods: [casework]
        communityType: castle
        year: 2024
        ---

        ## 背景
        正文
        """, out));
    assertEquals(List.of("x.md:5: topics“gossip”不在词表中", "x.md:7: communityType“castle”不在词表中"),
        out.stream().map(CaseFile.Problem::toString).toList());
  }
}
