package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.cases.search.Hit;

/** The result list shows a summary once: highlighted when the search matched it, plain otherwise. */
class CaseRoutesTest {
  @Test
  void aSummaryThatIsAlsoASnippetIsNotShownTwice() {
    Hit whole = new Hit("a", "t", "居民因噪声起纠纷，社区组织调解。",
        List.of("居民因噪声起纠纷，社区组织<mark>调解</mark>。", "…<mark>调解</mark>会上…"), 1f);
    Hit bodyOnly = new Hit("b", "t", "邻里之间的停车矛盾。", List.of("…车位<mark>调解</mark>…"), 1f);
    Hit part = new Hit("c", "t", "很长的摘要，前半句没有匹配，后半句才提到调解。", List.of("…后半句才提到<mark>调解</mark>。"), 1f);
    Hit none = new Hit("d", "t", "", List.of(), 0f);
    assertEquals(List.of("a"), CaseRoutes.summaryInSnippets(List.of(whole, bodyOnly, part, none)));
  }
}
