package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BitSetIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DocSet#evaluate} works a boolean query out bit-wise from its parts; it must match
 * exactly the cases Lucene's own scorers match, for any nesting, minimum to match, exclusion and
 * deleted case, and over several segments.
 */
class DocSetTest {
  private static final String[] WORDS = {"a", "b", "c", "d", "e", "f"};
  static Directory dir;
  static DirectoryReader reader;
  static IndexSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    dir = new ByteBuffersDirectory();
    Random random = new Random(42);
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      for (int i = 0; i < 3000; i++) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        Document doc = new Document();
        doc.add(new TextField("f", text.toString(), Field.Store.NO));
        doc.add(new TextField("id", "doc" + i, Field.Store.NO));
        w.addDocument(doc);
        if (i % 700 == 699) {
          w.commit(); // several segments
        }
      }
      for (int i = 0; i < 3000; i += 37) {
        w.deleteDocuments(new Term("id", "doc" + i));
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    dir.close();
  }

  @Test
  void everyRandomBooleanQueryMatchesWhatLuceneMatches() throws IOException {
    assertTrue(reader.leaves().size() >= 2, "several segments");
    Random random = new Random(7);
    int telling = 0;
    for (int i = 0; i < 400; i++) {
      Query q = randomQuery(random, 3);
      TreeSet<Integer> expected = docs(DocSet.matching(searcher, q));
      assertEquals(expected, docs(DocSet.evaluate(searcher, q)), q.toString());
      telling += expected.isEmpty() || expected.size() == reader.numDocs() ? 0 : 1;
    }
    assertTrue(telling > 150, "most queries match some cases but not all: " + telling);
  }

  @Test
  void edgeCasesOfBooleanQueries() throws IOException {
    Query a = term("a");
    Query b = term("b");
    List<Query> queries = List.of(
        new BooleanQuery.Builder().build(),
        new BooleanQuery.Builder().add(a, Occur.MUST_NOT).build(),
        new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST).add(a, Occur.MUST_NOT).build(),
        new BooleanQuery.Builder().add(a, Occur.SHOULD).add(b, Occur.SHOULD).setMinimumNumberShouldMatch(3).build(),
        new BooleanQuery.Builder().add(a, Occur.MUST).add(b, Occur.SHOULD).build(),
        new BooleanQuery.Builder().add(a, Occur.FILTER).add(b, Occur.SHOULD).setMinimumNumberShouldMatch(1).build(),
        new DisjunctionMaxQuery(List.of(a, new BoostQuery(b, 2f)), 0.3f));
    for (Query q : queries) {
      assertEquals(docs(DocSet.matching(searcher, q)), docs(DocSet.evaluate(searcher, q)), q.toString());
    }
  }

  @Test
  void atLeastCountsEachSetOnce() throws IOException {
    List<DocSet> sets = new ArrayList<>();
    // Each set's documents, listed once (listing them again for every document took seconds).
    List<TreeSet<Integer>> members = new ArrayList<>();
    for (String w : WORDS) {
      DocSet set = DocSet.matching(searcher, term(w));
      sets.add(set);
      members.add(docs(set));
    }
    for (int k = 1; k <= WORDS.length + 1; k++) {
      TreeSet<Integer> expected = new TreeSet<>();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        int in = 0;
        for (TreeSet<Integer> m : members) {
          in += m.contains(doc) ? 1 : 0;
        }
        if (in >= k) {
          expected.add(doc);
        }
      }
      assertEquals(expected, docs(DocSet.atLeast(searcher, k, sets)), "k=" + k);
      for (int i = 0; i < sets.size(); i++) {
        assertEquals(members.get(i), docs(sets.get(i)), "the sets are left as they were, k=" + k);
      }
    }
  }

  private static Query randomQuery(Random random, int depth) {
    int kind = depth == 0 ? random.nextInt(2) : random.nextInt(5);
    switch (kind) {
      case 0:
        return term(WORDS[random.nextInt(WORDS.length)]);
      case 1:
        return new PhraseQuery("f", WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
      case 2: {
        List<Query> disjuncts = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          disjuncts.add(randomQuery(random, depth - 1));
        }
        return new DisjunctionMaxQuery(disjuncts, 0.1f);
      }
      default: {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int shoulds = 0;
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
          Occur occur = Occur.values()[random.nextInt(Occur.values().length)];
          shoulds += occur == Occur.SHOULD ? 1 : 0;
          Query sub = randomQuery(random, depth - 1);
          b.add(random.nextBoolean() ? new BoostQuery(sub, 1.5f) : sub, occur);
        }
        if (random.nextInt(3) == 0) {
          b.add(new MatchAllDocsQuery(), random.nextBoolean() ? Occur.MUST : Occur.SHOULD);
        }
        b.setMinimumNumberShouldMatch(random.nextInt(shoulds + 2));
        return b.build();
      }
    }
  }

  private static Query term(String word) {
    return new TermQuery(new Term("f", word));
  }

  private static TreeSet<Integer> docs(DocSet set) throws IOException {
    TreeSet<Integer> out = new TreeSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      DocIdSetIterator it = new BitSetIterator(set.of(leaf), 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        out.add(leaf.docBase + d);
      }
    }
    return out;
  }
}
