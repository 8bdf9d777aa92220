package org.qinglan.cases.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Typing suggestions from the titles and tags of the indexed cases, kept in the case index
 * itself so they follow every upsert and delete at once.
 *
 * <p>Each title and tag is indexed under every suffix that starts at a word ("人民调解" under
 * 人民调解 and 调解; "老旧小区加装电梯…" also under 加装电梯…), as the term
 * {@code suffix \u001f kind text}. A prefix then finds, by one seek in the sorted terms, the
 * titles and tags that have a word starting with it: 调 → 人民调解, 邻里调解, …调解. Those that
 * start with the prefix come first, then tags before titles, then the ones more cases have.
 */
final class Suggestions {
  private static final char SEP = '\u001f';
  private static final char TAG = 'g';
  private static final char TITLE = 't';
  /** Term scan limit per suggestion request (a one-character prefix over 100,000 cases). */
  private static final int MAX_TERMS = 20_000;
  static final int MAX_RESULTS = 50;

  private Suggestions() {
  }

  /** The suggestion terms of one case. */
  static Set<String> keys(Analyzer words, String title, List<String> tags) {
    Set<String> keys = new LinkedHashSet<>();
    add(keys, words, title, TITLE);
    for (String tag : tags) {
      add(keys, words, tag, TAG);
    }
    return keys;
  }

  private static void add(Set<String> keys, Analyzer words, String text, char kind) {
    String shown = text.strip();
    if (shown.isEmpty()) {
      return;
    }
    String norm = normalize(shown);
    Set<Integer> starts = new LinkedHashSet<>();
    starts.add(0);
    if (norm.length() == shown.length()) {
      try (TokenStream ts = words.tokenStream("", shown)) {
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          starts.add(offset.startOffset());
        }
        ts.end();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    for (int s : starts) {
      if (s < norm.length()) {
        keys.add(norm.substring(s) + SEP + kind + shown);
      }
    }
  }

  static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private record Candidate(String text, boolean tag, boolean atStart, long count) {
  }

  static List<String> suggest(IndexReader reader, String field, String prefix, int n) throws IOException {
    String p = normalize(prefix == null ? "" : prefix.strip());
    if (p.isEmpty() || n <= 0 || p.indexOf(SEP) >= 0) {
      return List.of();
    }
    BytesRef prefixBytes = new BytesRef(p);
    Map<String, Long> perTerm = new HashMap<>();
    int scanned = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      TermsEnum te = terms.iterator();
      if (te.seekCeil(prefixBytes) == TermsEnum.SeekStatus.END) {
        continue;
      }
      PostingsEnum postings = null;
      do {
        BytesRef term = te.term();
        if (!StringHelper.startsWith(term, prefixBytes) || ++scanned > MAX_TERMS) {
          break;
        }
        postings = te.postings(postings, PostingsEnum.NONE);
        long count = 0;
        for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            count++;
          }
        }
        if (count > 0) {
          perTerm.merge(term.utf8ToString(), count, Long::sum);
        }
      } while (te.next() != null);
    }
    // One candidate per text: a text found under several of its suffixes counts its cases once.
    Map<String, Candidate> byText = new HashMap<>();
    perTerm.forEach((term, count) -> {
      int sep = term.indexOf(SEP);
      String suffix = term.substring(0, sep);
      boolean tag = term.charAt(sep + 1) == TAG;
      String text = term.substring(sep + 2);
      boolean atStart = normalize(text).equals(suffix);
      byText.merge(text + (tag ? "\u0000g" : "\u0000t"), new Candidate(text, tag, atStart, count),
          (a, b) -> new Candidate(text, tag, a.atStart() || b.atStart(), Math.max(a.count(), b.count())));
    });
    List<Candidate> all = new ArrayList<>(byText.values());
    all.sort(Comparator.comparing((Candidate c) -> !c.atStart())
        .thenComparing(c -> !c.tag())
        .thenComparing(Comparator.comparingLong(Candidate::count).reversed())
        .thenComparingInt(c -> c.text().length())
        .thenComparing(Candidate::text));
    Set<String> out = new LinkedHashSet<>();
    for (Candidate c : all) {
      if (out.size() >= Math.min(n, MAX_RESULTS)) {
        break;
      }
      out.add(c.text());
    }
    return List.copyOf(out);
  }
}
