package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.bench.CaseSearchBenchmark;

/**
 * The match query of a search (catch-all fields, n-grams, worked out bit-wise) counts the total
 * and the facets and picks the hits; the full query ranks them. Both must match exactly the same
 * cases, for every kind of search: words, words inside longer words, synonyms, phrases,
 * exclusions, and words cut by punctuation. (The one known exception, a Chinese word with a space
 * inside it in the text, which the segmenter may still join, is described at {@code
 * CaseQueryBuilder.matchQuery}.)
 */
class MatchQueryTest {
  @TempDir
  static Path dir;
  static CaseIndex index;
  static Directory directory;
  static DirectoryReader reader;
  static IndexSearcher searcher;
  static final CaseQueryBuilder BUILDER = new CaseQueryBuilder(new CaseAnalysis(CaseIndex.shippedSynonyms()));

  @BeforeAll
  static void build() throws Exception {
    List<CaseDocument> cases = new ArrayList<>(ShippedCases.load());
    // Words cut by punctuation, inside longer words, and at the ends of a text.
    cases.add(crafted("x-1", "网格，员工培训", "老年，人口变化；矛盾，纠纷。"));
    cases.add(crafted("x-2", "社区网格员们的一天", "老年人口增多，老旧小区停车难。"));
    cases.add(crafted("x-3", "网格管理员", "困难家庭医疗救助。独居"));
    cases.add(crafted("x-4", "Volunteer 社工", "老旧 小区，人民调解"));
    index = CaseIndex.open(dir, CaseIndex.shippedSynonyms());
    index.rebuild(cases);
    directory = FSDirectory.open(index.currentPath());
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
  }

  private static CaseDocument crafted(String id, String title, String body) {
    return ShippedCases.crafted(id, title, "", body);
  }

  @AfterAll
  static void close() throws Exception {
    reader.close();
    directory.close();
    index.close();
  }

  @Test
  void theMatchQueryMatchesWhatTheFullQueryMatches() throws Exception {
    Set<String> texts = new LinkedHashSet<>();
    CaseSearchBenchmark.searches().values().forEach(q -> texts.add(q.text()));
    texts.addAll(List.of("网格员", "网格管理员", "老年", "老年人", "老年群体", "调", "调解", "人民调解", "\"人民调解\"",
        "老旧小区", "\"老旧小区\"", "矛盾纠纷", "\"困难家庭医疗救助\"", "困难家庭医疗救助", "电梯 -加装", "-电梯",
        "老人 -“独居老人”", "volunteer 社工", "独居 老人 跌倒", "社区网格员们", "加梯", "残疾人"));
    int telling = 0;
    for (String text : texts) {
      CaseQueryBuilder.Built built = BUILDER.build(QuerySyntax.parse(text));
      DocSet full = DocSet.matching(searcher, built.query());
      DocSet match = DocSet.evaluate(searcher, built.match());
      assertEquals(full.count(), match.count(), text);
      assertEquals(full.count(), full.and(match).count(), text);
      telling += full.count() > 0 && full.count() < reader.numDocs() ? 1 : 0;
    }
    assertTrue(telling > texts.size() / 2, "most searches match some cases but not all: " + telling);
  }

  @Test
  void aWordCutByPunctuationIsNotFoundAsOne() throws Exception {
    for (String text : List.of("网格员", "老年人")) {
      SearchResult r = index.search(CaseQuery.of(text).withPage(1, 50));
      assertTrue(r.hits().stream().noneMatch(h -> h.id().equals("x-1")), text);
    }
    SearchResult r = index.search(CaseQuery.of("网格员").withPage(1, 50));
    assertTrue(r.hits().stream().anyMatch(h -> h.id().equals("x-2")), "网格员 inside 网格员们");
  }
}
