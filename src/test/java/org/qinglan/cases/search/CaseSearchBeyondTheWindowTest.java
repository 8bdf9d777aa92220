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
  void aWordTheSegmenterSplitsStillReachesTheRanking(@TempDir Path other) throws Exception {
    // 残障人士 is segmented into 残障 + 人士, so the full query finds it as a phrase. 400 cases
    // only use the synonym 残疾人; three have 残障人士 in the title and come first, which they
    // only can if the rough score that picks the candidates also sees the phrase's words.
    List<CaseDocument> cases = new ArrayList<>();
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 400; i++) {
      cases.add(new CaseDocument("synonym-" + i, "社区支持服务第" + i + "期", "为残疾人提供社区支持。",
          "社区为残疾人开展上门服务，残疾人家庭的需求得到回应。", List.of("disability"), List.of("casework"), "old-town",
          "江东省/云溪市/东湖区", 2024, List.of(), now));
    }
    for (int i = 0; i < 3; i++) {
      cases.add(new CaseDocument("typed-" + i, "残障人士就业支持小组（" + i + "）", "小组帮助组员找到工作。",
          "社工带领组员练习求职技能，每周一次。", List.of("disability"), List.of("group-work"), "old-town",
          "江东省/云溪市/东湖区", 2024, List.of(), now));
    }
    try (CaseIndex own = CaseIndex.open(other, CaseIndex.shippedSynonyms())) {
      own.rebuild(cases);
      SearchResult r = own.search(CaseQuery.of("残障人士"));
      assertEquals(403, r.total());
      Set<String> first = new HashSet<>();
      r.hits().subList(0, 3).forEach(h -> first.add(h.id()));
      assertEquals(Set.of("typed-0", "typed-1", "typed-2"), first, "the cases with the word as typed come first");
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
