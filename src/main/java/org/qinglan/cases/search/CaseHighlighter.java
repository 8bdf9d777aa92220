package org.qinglan.cases.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The snippets of a page of hits: the summary's best passage, then the body's best two (at most
 * three), as HTML with the query's words in {@code <mark>} (see {@link SnippetFormatter}).
 *
 * <p>Two ways, with the same result. When every highlighted word is Chinese text of two or more
 * characters, as nearly all searches here are, the words are marked where they occur in the stored
 * text ({@link #byWords}): in the bigram view a Chinese word matches exactly where it occurs as
 * written, so that is what Lucene's highlighter would mark, and the passages are chosen and scored
 * as Lucene does (sentences, {@link #PASSAGE_SCORER}, ties to the later passage). That takes a
 * third to a half of the time of running the highlight query's phrases and terms on every
 * document, and allocates far less. Other searches (Latin words,
 * which are stemmed; a lone character, which matches as a prefix) go to Lucene's unified
 * highlighter ({@link #byQuery}). {@code CaseHighlighterTest} checks that both give the same
 * snippets.
 */
final class CaseHighlighter {
  /** How much of a field is highlighted: the start of an extremely long body is enough. */
  static final int MAX_LENGTH = 50_000;
  private static final String[] FIELDS = {CaseFields.SUMMARY, CaseFields.BODY};
  private static final int[] MAX_PASSAGES = {1, 2};
  private static final int MAX_SNIPPETS = 3;

  private final Analyzer indexAnalyzer;

  CaseHighlighter(Analyzer indexAnalyzer) {
    this.indexAnalyzer = indexAnalyzer;
  }

  /**
   * Highlighting that finds {@code words} (each Chinese text of two or more characters) in the
   * stored summary and body of {@code docs}, marking each place as its bigrams, as the bigram
   * view's phrases would.
   */
  List<List<String>> byWords(List<Document> docs, List<String> words) {
    SnippetFormatter formatter = new SnippetFormatter();
    List<List<String>> out = new ArrayList<>();
    for (Document d : docs) {
      List<String> snippets = new ArrayList<>();
      for (int f = 0; f < FIELDS.length; f++) {
        String value = d.get(FIELDS[f]);
        if (value == null) {
          continue;
        }
        Passage[] passages = passages(value, words, MAX_PASSAGES[f]);
        if (passages.length > 0) {
          String content = value.substring(0, Math.min(MAX_LENGTH, value.length()));
          snippets.addAll(List.of((String[]) formatter.format(passages, content)));
        }
      }
      out.add(snippets.size() > MAX_SNIPPETS ? snippets.subList(0, MAX_SNIPPETS) : snippets);
    }
    return out;
  }

  /**
   * The best {@code maxPassages} sentences of {@code text} for {@code words}, in text order. Every
   * bigram of every occurrence of a word is a match. A bigram's frequency in the document (for the
   * passage score) is the number of places it is marked in the whole text, as Lucene counts the
   * places where a phrase's term matched (for a two-character word, every occurrence).
   */
  static Passage[] passages(String text, List<String> words, int maxPassages) {
    String content = text.substring(0, Math.min(MAX_LENGTH, text.length()));
    // Start offsets of the marked bigrams, one per place however many words share it.
    TreeMap<Integer, Integer> ends = new TreeMap<>();
    for (String word : words) {
      for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        int end = at + word.length();
        for (int start = at, second; (second = text.offsetByCodePoints(start, 1)) < end; start = second) {
          ends.put(start, text.offsetByCodePoints(second, 1));
        }
      }
    }
    Map<String, Integer> freqs = new HashMap<>();
    ends.forEach((start, end) -> freqs.merge(text.substring(start, end), 1, Integer::sum));
    // Only what lies inside the highlighted content: a word cut by its end keeps the bigrams before.
    SortedMap<Integer, Integer> marks = ends.headMap(content.length());
    marks.values().removeIf(end -> end > content.length());
    if (marks.isEmpty()) {
      return new Passage[0];
    }
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(content);
    int contentLength = content.length();
    Map<String, BytesRef> terms = new HashMap<>();
    // The best passages so far, the weakest (then the earliest) on top.
    PriorityQueue<Passage> best = new PriorityQueue<>(Comparator.comparingDouble(Passage::getScore)
        .thenComparingInt(Passage::getStartOffset));
    Passage passage = null;
    int lastPassageEnd = 0;
    for (Map.Entry<Integer, Integer> mark : marks.entrySet()) {
      int start = mark.getKey();
      int end = mark.getValue();
      if (passage == null || start >= passage.getEndOffset()) {
        offer(best, passage, contentLength, maxPassages);
        // The sentence around the middle of the match, not overlapping the previous passage.
        int center = start + (end - start) / 2;
        passage = new Passage();
        passage.setStartOffset(Math.min(start,
            Math.max(sentences.preceding(Math.max(start + 1, center)), lastPassageEnd)));
        lastPassageEnd = Math.max(end, Math.min(sentences.following(Math.min(end - 1, center)), contentLength));
        passage.setEndOffset(lastPassageEnd);
      }
      String bigram = content.substring(start, end);
      BytesRef term = terms.computeIfAbsent(bigram, BytesRef::new);
      passage.addMatch(start, end, term, freqs.get(bigram));
    }
    offer(best, passage, contentLength, maxPassages);
    Passage[] out = best.toArray(new Passage[0]);
    Arrays.sort(out, Comparator.comparingInt(Passage::getStartOffset));
    return out;
  }

  /** Adds a finished passage to the best ones if it is among the best {@code max}. */
  private static void offer(PriorityQueue<Passage> best, Passage passage, int contentLength, int max) {
    if (passage == null) {
      return;
    }
    passage.setScore(PASSAGE_SCORER.score(passage, contentLength));
    if (best.size() == max && passage.getScore() < best.peek().getScore()) {
      return;
    }
    best.offer(passage);
    if (best.size() > max) {
      best.poll();
    }
  }

  /** Lucene's unified highlighter running {@code query} on the bigram and word views. */
  List<List<String>> byQuery(IndexSearcher searcher, Query query, int[] docs) throws IOException {
    List<List<String>> out = new ArrayList<>();
    if (docs.length == 0) {
      return out;
    }
    Map<String, Object[]> m = unified(searcher, new SnippetFormatter()).highlight(FIELDS, query, docs, MAX_PASSAGES);
    for (int i = 0; i < docs.length; i++) {
      List<String> snippets = new ArrayList<>();
      for (String f : FIELDS) {
        Object o = m.get(f)[i];
        if (o instanceof String[] arr) {
          snippets.addAll(List.of(arr));
        }
      }
      out.add(snippets.size() > MAX_SNIPPETS ? snippets.subList(0, MAX_SNIPPETS) : snippets);
    }
    return out;
  }

  /**
   * Lucene's unified highlighter as used here: the word view and the bigram view of each field,
   * no passage without a match, {@link #PASSAGE_SCORER}, passages formatted by {@code formatter}.
   */
  Highlighter unified(IndexSearcher searcher, PassageFormatter formatter) {
    return new Highlighter(UnifiedHighlighter.builder(searcher, indexAnalyzer)
        .withFormatter(formatter)
        .withScorer(PASSAGE_SCORER)
        .withMaskedFieldsFunc(field -> Set.of(field + CaseFields.GRAMS))
        .withWeightMatches(false)
        .withMaxNoHighlightPassages(0)
        .withMaxLength(MAX_LENGTH));
  }

  static final PassageScorer PASSAGE_SCORER = new PassageScorer() {
    /**
     * Lucene's passage score, computed the same way but without the BytesRefHash that Lucene's
     * PassageScorer allocates per candidate passage (a 32 KB block each: with a few hundred
     * candidate passages per page that was some 40% of the highlighting time).
     */
    @Override
    public float score(Passage passage, int contentLength) {
      int n = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
      // Distinct terms in the order they first occur, as BytesRefHash numbers them.
      int[] first = new int[n];
      int[] inPassage = new int[n];
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        int t = 0;
        while (t < distinct && !terms[first[t]].bytesEquals(terms[i])) {
          t++;
        }
        if (t == distinct) {
          first[distinct++] = i;
        }
        inPassage[t]++;
      }
      double score = 0;
      for (int t = 0; t < distinct; t++) {
        score += tf(inPassage[t], passage.getLength()) * weight(contentLength, freqsInDoc[first[t]]);
      }
      return (float) (score * norm(passage.getStartOffset()));
    }
  };

  /** The unified highlighter, returning each field's passages as formatted by the formatter. */
  static final class Highlighter extends UnifiedHighlighter {
    Highlighter(Builder builder) {
      super(builder);
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docs, int[] maxPassages) throws IOException {
      // Answers in the order of docs.
      return highlightFieldsAsObjects(fields, query, docs, maxPassages);
    }
  }
}
