package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relevance search with more matches than the full query ranks ({@link CaseIndex#RESCORE_WINDOW}):
 * 400 cases (ten copies of each shipped one), so the candidates beyond the window, the fallback
 * for matches without a rough term and the scores of pages past the window are all used.
 */
class CaseSearchBeyondTheWindowTest {
  @TempDir
  static Path dir;
  static CaseIndex index;

  @BeforeAll
  static void build() {
    List<CaseDocument> copies = new ArrayList<>();
    for (int copy = 0; copy < 10; copy++) {
      for (CaseDocument c : ShippedCases.load()) {
        copies.add(new CaseDocument(c.id() + "-" + copy, c.title(), c.summary(), c.body(), c.topics(), c.methods(),
            c.communityType(), c.region(), c.year(), c.tags(), c.updatedAt()));
      }
    }
    index = CaseIndex.open(dir, CaseIndex.shippedSynonyms());
    index.rebuild(copies);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void everyMatchIsOnExactlyOnePageAndTheTotalIsExact() throws Exception {
    CaseQuery q = CaseQuery.of("社区");
    long byDate = index.search(q.withSort(CaseQuery.Sort.DATE).withPage(1, 10)).total();
    SearchResult first = index.search(q.withPage(1, 100));
    assertTrue(first.total() > CaseIndex.RESCORE_WINDOW, "more matches than the window: " + first.total());
    assertEquals(byDate, first.total(), "relevance and date order count the same matches");
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= (first.total() + 99) / 100; page++) {
      SearchResult r = index.search(q.withPage(page, 100));
      assertEquals(first.total(), r.total());
      r.hits().forEach(h -> assertTrue(h.score() > 0, "a match past the window still has its score: " + h.id()));
      r.hits().forEach(h -> paged.add(h.id()));
    }
    Set<String> distinct = new HashSet<>(paged);
    assertEquals(paged.size(), distinct.size(), "no case on two pages");
    assertEquals(first.total(), paged.size(), "every match on a page");
    List<Hit> window = new ArrayList<>(first.hits());
    for (int i = 1; i < window.size(); i++) {
      assertTrue(window.get(i - 1).score() >= window.get(i).score(), "the window is in the full query's order");
    }
  }

  @Test
  void aWordFoundOnlyInsideLongerWordsStillListsEveryMatch() throws Exception {
    // 梯 is no word of its own: the bigram view finds it (no rough term scores it).
    CaseQuery q = CaseQuery.of("梯");
    long total = index.search(q.withPage(1, 10)).total();
    assertTrue(total > 0);
    Set<String> seen = new HashSet<>();
    for (int page = 1; page <= (total + 99) / 100; page++) {
      index.search(q.withPage(page, 100)).hits().forEach(h -> assertTrue(seen.add(h.id()), "twice: " + h.id()));
    }
    assertEquals(total, seen.size());
  }
}
