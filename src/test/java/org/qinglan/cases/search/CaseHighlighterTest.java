package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglan.bench.CaseSearchBenchmark;

/**
 * Finding Chinese words in the stored text gives the snippets that Lucene's highlighter gives for
 * the highlight query: the same marks, the same passages, in the same order.
 */
class CaseHighlighterTest {
  @TempDir
  static Path dir;
  static CaseIndex index;
  static Directory directory;
  static DirectoryReader reader;
  static IndexSearcher searcher;
  static final CaseAnalysis ANALYSIS = new CaseAnalysis(CaseIndex.shippedSynonyms());
  static final CaseQueryBuilder BUILDER = new CaseQueryBuilder(ANALYSIS);
  static final CaseHighlighter HIGHLIGHTER = new CaseHighlighter(ANALYSIS.index());

  @BeforeAll
  static void build() throws Exception {
    List<CaseDocument> cases = new ArrayList<>(ShippedCases.load());
    // Words that repeat and overlap, words cut by punctuation, a word at the very end.
    cases.add(crafted("x-1", "老人老人老人，独居老人；独居 老人。社区网格员网格员",
        "网格员走访独居老人。老年人、长者和老人都是老年群体。\n\n老老老人。调解调解！矛盾纠纷调解"));
    // A body longer than what is highlighted, with a word across the cut.
    String filler = "社区服务持续开展。".repeat(CaseHighlighter.MAX_LENGTH / 9 + 1);
    String longBody = filler.substring(0, CaseHighlighter.MAX_LENGTH - 1) + "调解员" + "后来又有调解。";
    cases.add(crafted("x-2", "调解", longBody));
    // Latin text and HTML in the text.
    // A word that also occurs inside another word (少年 in 青少年 and alone): counted where marked.
    cases.add(crafted("x-4", "石桥少年团", "石桥少年团的青少年。少年们和青少年一起。青少年成长小组。"));
    cases.add(crafted("x-3", "Volunteers <b>志愿者</b>", "志愿者 volunteers 在 AED 培训中 <调解> & “人民调解”。"));
    index = CaseIndex.open(dir, CaseIndex.shippedSynonyms());
    index.rebuild(cases);
    directory = FSDirectory.open(index.currentPath());
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
  }

  private static CaseDocument crafted(String id, String summary, String body) {
    return ShippedCases.crafted(id, "标题", summary, body);
  }

  @AfterAll
  static void close() throws Exception {
    reader.close();
    directory.close();
    index.close();
  }

  @Test
  void findingTheWordsInTheTextGivesLucenesSnippets() throws Exception {
    Set<String> texts = new LinkedHashSet<>();
    CaseSearchBenchmark.searches().values().forEach(q -> texts.add(q.text()));
    texts.addAll(List.of("老人", "独居老人", "老老", "网格员", "网格管理员", "调解员", "调解", "矛盾纠纷调解", "\"矛盾纠纷\"",
        "\"老旧小区\" 加装电梯", "社区 -调解", "志愿者", "\"人民调解\"", "长者 残障人士", "青少年", "少年 青少年"));
    int compared = 0;
    int snippets = 0;
    for (String text : texts) {
      CaseQueryBuilder.Built built = BUILDER.build(QuerySyntax.parse(text));
      if (built.highlightWords() == null || !built.hasPositive()) {
        continue;
      }
      ScoreDoc[] top = searcher.search(built.query(), 60).scoreDocs;
      int[] docs = new int[top.length];
      for (int i = 0; i < top.length; i++) {
        docs[i] = top[i].doc;
      }
      List<List<String>> expected = HIGHLIGHTER.byQuery(searcher, built.highlightQuery(), docs);
      List<Document> stored = new ArrayList<>();
      for (int doc : docs) {
        stored.add(searcher.storedFields().document(doc));
      }
      List<List<String>> actual = HIGHLIGHTER.byWords(stored, built.highlightWords());
      // Every passage with a match, not only the best: places, terms, frequencies and scores.
      Map<String, Object[]> all = HIGHLIGHTER.unified(searcher, DESCRIBED)
          .highlight(FIELDS, built.highlightQuery(), docs, new int[] {ALL_PASSAGES, ALL_PASSAGES});
      for (int i = 0; i < docs.length; i++) {
        assertEquals(expected.get(i), actual.get(i), text + " in document " + docs[i]);
        snippets += expected.get(i).size();
        for (String field : FIELDS) {
          String value = stored.get(i).get(field);
          Object lucene = all.get(field)[i];
          assertEquals(lucene == null ? "" : lucene,
              describe(CaseHighlighter.passages(value, built.highlightWords(), ALL_PASSAGES)),
              text + " in " + field + " of document " + docs[i]);
        }
      }
      compared += docs.length;
    }
    assertTrue(compared > 400 && snippets > 800, compared + " hits, " + snippets + " snippets compared");
  }

  private static final String[] FIELDS = {CaseFields.SUMMARY, CaseFields.BODY};
  private static final int ALL_PASSAGES = 100_000;

  /** Passages as text: offsets, score, and each match with its term and frequency. */
  private static final PassageFormatter DESCRIBED = new PassageFormatter() {
    @Override
    public Object format(Passage[] passages, String content) {
      return describe(passages);
    }
  };

  private static String describe(Passage[] passages) {
    StringBuilder sb = new StringBuilder();
    for (Passage p : passages) {
      sb.append(p.getStartOffset()).append('-').append(p.getEndOffset()).append(' ').append(p.getScore()).append(':');
      for (int i = 0; i < p.getNumMatches(); i++) {
        sb.append(' ').append(p.getMatchStarts()[i]).append('-').append(p.getMatchEnds()[i])
            .append(p.getMatchTerms()[i].utf8ToString()).append('/').append(p.getMatchTermFreqsInDoc()[i]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void wordsTheBigramViewCannotMarkExactlyGoToTheQuery() throws Exception {
    assertNotNull(BUILDER.build(QuerySyntax.parse("社区网格员上门走访独居老人")).highlightWords());
    assertEquals(List.of("加装电梯"), BUILDER.build(QuerySyntax.parse("\"加装电梯\" -老旧小区")).highlightWords());
    // Synonyms are found as written: 老人 brings 老年人, 长者 …
    assertTrue(BUILDER.build(QuerySyntax.parse("老人")).highlightWords().containsAll(List.of("老人", "老年人", "长者")));
    for (String text : List.of("AED 培训", "调", "volunteers", "\"老旧 小区\"", "调解 7")) {
      assertNull(BUILDER.build(QuerySyntax.parse(text)).highlightWords(), text);
    }
  }

  @Test
  void lucenesHighlighterStillServesOtherSearches() throws Exception {
    SearchResult r = index.search(CaseQuery.of("volunteers 志愿者"));
    String all = r.hits().stream().flatMap(h -> h.highlights().stream()).reduce("", String::concat);
    assertTrue(all.contains("<mark>volunteers</mark>") || all.contains("<mark>Volunteers</mark>"), all);
    assertTrue(all.contains("<mark>志愿者</mark>"), all);
  }

  @Test
  void aWordCutByTheEndOfTheHighlightedTextMarksWhatIsLeft() {
    String text = "社".repeat(CaseHighlighter.MAX_LENGTH - 2) + "调解员。";
    var passages = CaseHighlighter.passages(text, List.of("调解员"), 2);
    assertEquals(1, passages.length);
    assertEquals(1, passages[0].getNumMatches(), "调解 is inside the highlighted text, 解员 is not");
    assertEquals(CaseHighlighter.MAX_LENGTH - 2, passages[0].getMatchStarts()[0]);
  }
}
