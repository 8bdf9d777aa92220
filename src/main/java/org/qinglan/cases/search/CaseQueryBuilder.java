package org.qinglan.cases.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.graph.GraphTokenStreamFiniteStrings;

/**
 * Turns the parsed search box ({@link QuerySyntax}) into a Lucene query.
 *
 * <p>A word group ("社区网格员上门走访独居老人") is segmented and split into concepts: a word
 * with its synonyms is one concept, and a run of single characters that the segmenter left
 * apart ("加 装", "社 工") is one concept searched as a phrase. Each concept is looked for in
 * title, tags, summary and body (best field counts, weights 3 / 2.5 / 1.5 / 1), in the word
 * view and, at a low weight, in the bigram view (which also finds it inside longer words). The
 * concepts of a word group must mostly match (all of up to two, then all but about a quarter),
 * and so must the word groups typed apart. The words of a group that also occur close together
 * score more.
 *
 * <p>Quoted phrases must occur as written (no synonyms). Excluded words and phrases drop every
 * case that contains them anywhere.
 *
 * <p>For speed with many cases the same search is built twice more: as a match query on the
 * catch-all fields (same concepts, same minimum to match; a Chinese word of three to five
 * characters as one n-gram term), worked out unscored from the sets of its parts, and as a rough
 * score of its plain terms, which picks the candidates that the full query ranks (see {@link
 * CaseIndex#search}).
 */
final class CaseQueryBuilder {
  /** Weight of a synonym against the word the worker typed. */
  static final float SYNONYM_WEIGHT = 0.6f;
  /** Weight of the bigram view against the word view. */
  static final float GRAMS_WEIGHT = 0.3f;
  /** Weight of the words of a group occurring close together. */
  static final float PROXIMITY_WEIGHT = 1f;
  static final float TIE_BREAKER = 0.3f;
  /**
   * Longest word group whose words are looked for close together in the body. Longer groups are
   * sentences: at 100,000 cases, for 社区网格员上门走访独居老人 (seven words), 老旧小区停车纠纷
   * (five) and 困难家庭医疗救助 (four), none of the 300 candidates had the words within reach in
   * the body, yet checking took 20 to 55% of ranking the candidates (the words occur all over
   * most bodies). Title and summary still count them.
   */
  static final int BODY_PROXIMITY_WORDS = 3;

  private final CaseAnalysis analysis;

  /**
   * The built query, which ranks; whether it had anything to match (not only exclusions); the
   * same words on the highlighted fields only (summary and body), for the highlighter, which runs
   * every clause of the query it is given on every document it highlights; {@code match}, which
   * matches the cases {@code query} matches (see {@link #matchQuery}) on the catch-all fields and
   * is run unscored (fewer clauses; a phrase stops at its first occurrence), for the total and the
   * facet counts; and {@code roughScore}, which orders the matches to pick the candidates that
   * {@code query} then ranks (see {@link CaseIndex#search}): a sum of term scores, without
   * phrases, so cheap, and the scorer can skip what cannot be a candidate. {@code
   * highlightWords} are the texts that {@code highlightQuery} marks, when it marks exactly where
   * they occur (each is Chinese text of two or more characters, matched in the bigram view), so
   * that they can be found in the stored text instead (see {@link CaseHighlighter}); null when
   * some word needs the query (a Latin word, a lone character).
   */
  record Built(Query query, boolean hasPositive, Query highlightQuery, List<String> highlightWords, Query match,
      Query roughScore) {
  }

  /**
   * Fields of the rough score: the short, heavily weighted ones as in the full query, and the
   * catch-all field in place of summary and body (whose long postings are the expensive part).
   */
  private static final List<CaseFields.Weighted> ROUGH = List.of(new CaseFields.Weighted(CaseFields.TITLE, 3f),
      new CaseFields.Weighted(CaseFields.TAGS, 2.5f), new CaseFields.Weighted(CaseFields.LABELS, 3f),
      new CaseFields.Weighted(CaseFields.ALL, 1f));

  /** The catch-all field as the one field of {@link #exact}, for {@link Built#match}. */
  private static final List<CaseFields.Weighted> CATCH_ALL = List.of(new CaseFields.Weighted(CaseFields.ALL, 1f));

  private static final List<CaseFields.Weighted> HIGHLIGHTED = CaseFields.TEXT.stream()
      .filter(f -> f.name().equals(CaseFields.SUMMARY) || f.name().equals(CaseFields.BODY)).toList();

  /** A token of the analysed text. */
  private record Tok(String term, int position, int start, int end, boolean synonym) {
  }

  /**
   * One way to say a concept: its tokens in order, as written, whether it is what the worker
   * typed, and its bigram-view tokens (analysed once, used for every field).
   */
  private record Alternative(List<String> terms, String surface, boolean original, List<Tok> grams) {
  }

  private record Concept(List<Alternative> alternatives, int start, int end) {
    boolean single() {
      return alternatives.size() == 1 && alternatives.get(0).terms().size() == 1;
    }
  }

  CaseQueryBuilder(CaseAnalysis analysis) {
    this.analysis = analysis;
  }

  Built build(List<QuerySyntax.Clause> clauses) {
    // The concepts of each word group, segmented once.
    Map<QuerySyntax.Clause, List<Concept>> conceptsOf = new HashMap<>();
    for (QuerySyntax.Clause c : clauses) {
      if (!c.excluded() && !c.phrase()) {
        conceptsOf.put(c, concepts(c.text()));
      }
    }
    BooleanQuery.Builder highlight = new BooleanQuery.Builder();
    List<String> highlightWords = new ArrayList<>();
    for (QuerySyntax.Clause c : clauses) {
      if (c.excluded()) {
        continue;
      }
      if (c.phrase()) {
        Query exact = highlightExact(c.text());
        if (exact != null) {
          highlight.add(exact, Occur.SHOULD);
          addHighlightWord(c.text(), highlightWords);
        }
      } else {
        for (Concept concept : conceptsOf.get(c)) {
          highlight.add(highlightQuery(concept), Occur.SHOULD);
          concept.alternatives().forEach(a -> addHighlightWord(a.surface(), highlightWords));
        }
      }
    }
    List<Query> groups = new ArrayList<>();
    List<Query> proximity = new ArrayList<>();
    List<Query> required = new ArrayList<>();
    List<Query> excluded = new ArrayList<>();
    // The same structure on the catch-all fields: same concepts, same minimum to match.
    List<Query> matchGroups = new ArrayList<>();
    List<Query> matchRequired = new ArrayList<>();
    List<Query> matchExcluded = new ArrayList<>();
    List<Query> roughScore = new ArrayList<>();
    for (QuerySyntax.Clause c : clauses) {
      if (c.excluded() || c.phrase()) {
        Query exact = exact(c.text(), CaseFields.TEXT);
        if (exact != null) {
          (c.excluded() ? excluded : required).add(exact);
          (c.excluded() ? matchExcluded : matchRequired).add(matchExact(c.text()));
          if (!c.excluded()) {
            for (Tok t : tokens(analysis.words(), c.text())) {
              for (CaseFields.Weighted f : ROUGH) {
                roughScore.add(boost(new TermQuery(new Term(f.name(), t.term())), f.boost()));
              }
            }
          }
        }
        continue;
      }
      List<Query> concepts = new ArrayList<>();
      List<Query> matchConcepts = new ArrayList<>();
      for (Concept concept : conceptsOf.get(c)) {
        concepts.add(conceptQuery(concept, CaseFields.TEXT));
        matchConcepts.add(matchQuery(concept));
        roughScore(concept, roughScore);
      }
      if (!concepts.isEmpty()) {
        groups.add(mostOf(concepts));
        matchGroups.add(mostOf(matchConcepts));
      }
      Query near = proximity(c.text());
      if (near != null) {
        proximity.add(near);
      }
    }
    boolean hasPositive = !groups.isEmpty() || !required.isEmpty();
    BooleanQuery.Builder top = new BooleanQuery.Builder();
    if (!groups.isEmpty()) {
      top.add(mostOf(groups), Occur.MUST);
    }
    required.forEach(q -> top.add(q, Occur.MUST));
    proximity.forEach(q -> top.add(q, Occur.SHOULD));
    if (!hasPositive) {
      top.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    excluded.forEach(q -> top.add(q, Occur.MUST_NOT));
    // What matches, on the catch-all fields.
    BooleanQuery.Builder match = new BooleanQuery.Builder();
    if (!matchGroups.isEmpty()) {
      match.add(mostOf(matchGroups), Occur.MUST);
    }
    matchRequired.forEach(q -> match.add(q, Occur.MUST));
    if (!hasPositive) {
      match.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    matchExcluded.forEach(q -> match.add(q, Occur.MUST_NOT));
    // The rough score that picks the candidates: a plain sum of term scores (no phrases,
    // cheap, and the scorer can skip what cannot make the candidates).
    BooleanQuery.Builder rough = new BooleanQuery.Builder();
    roughScore.forEach(q -> rough.add(q, Occur.SHOULD));
    return new Built(top.build(), hasPositive, highlight.build(),
        highlightWords.contains(null) ? null : List.copyOf(highlightWords), match.build(), rough.build());
  }

  /**
   * A concept on the catch-all fields, for {@link Built#match}: it matches where {@link
   * #conceptQuery} matches (an alternative in the word or the bigram view, in any field).
   */
  private Query matchQuery(Concept concept) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Alternative a : concept.alternatives()) {
      Query n = ngram(a.surface());
      if (n != null) {
        b.add(n, Occur.SHOULD);
        continue;
      }
      Concept one = new Concept(List.of(a), concept.start(), concept.end());
      Query g = alternatives(one, CaseFields.ALL + CaseFields.GRAMS, true);
      if (g != null) {
        b.add(g, Occur.SHOULD);
      }
      // Chinese words occur only where their bigrams do: the bigram view alone finds them,
      // with half the clauses. (Only a space inside such a phrase in the text could let the
      // word view match without the bigrams; the match query, and so the total, the facet
      // counts and the hits, leave such a case out.) Other scripts are stemmed in the word
      // view, so keep both.
      if (g == null || !allHan(a.surface())) {
        b.add(alternatives(one, CaseFields.ALL, false), Occur.SHOULD);
      }
    }
    return b.build();
  }

  /**
   * A concept on the highlighted fields, for {@link Built#highlightQuery}: an alternative of
   * Chinese characters in the bigram view only, which marks every place the word view would and
   * those inside longer words (half the clauses for the highlighter to run on every snippet).
   */
  private Query highlightQuery(Concept concept) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (CaseFields.Weighted f : HIGHLIGHTED) {
      for (Alternative a : concept.alternatives()) {
        Concept one = new Concept(List.of(a), concept.start(), concept.end());
        Query g = alternatives(one, f.grams(), true);
        if (g != null) {
          b.add(g, Occur.SHOULD);
        }
        if (g == null || !allHan(a.surface())) {
          b.add(alternatives(one, f.name(), false), Occur.SHOULD);
        }
      }
    }
    return b.build();
  }

  /**
   * A quoted text on the highlighted fields: Chinese text in the bigram view only (as {@link
   * #highlightQuery}; the word view's phrase marks a part of the same places), other text as
   * {@link #exact}.
   */
  private Query highlightExact(String text) {
    if (!plainChinese(text)) {
      return exact(text, HIGHLIGHTED);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    List<Tok> grams = tokens(analysis.grams(), text);
    for (CaseFields.Weighted f : HIGHLIGHTED) {
      b.add(gramsQuery(f.grams(), grams), Occur.SHOULD);
    }
    return b.build();
  }

  /**
   * Adds {@code text} to the words {@link CaseHighlighter} may find in the stored text, or null
   * if the bigram view does not mark exactly its occurrences.
   */
  private static void addHighlightWord(String text, List<String> words) {
    if (!plainChinese(text)) {
      words.add(null);
    } else if (!words.contains(text)) {
      words.add(text);
    }
  }

  /**
   * Two or more Chinese characters, each a token of its own for the tokenizer (ideographs, not
   * radicals or strokes): in the bigram view such text is a phrase of its bigrams, which matches
   * exactly where the text occurs as written.
   */
  static boolean plainChinese(String text) {
    return text.codePointCount(0, text.length()) >= 2
        && text.codePoints().allMatch(c -> CaseAnalysis.isHan(c) && Character.isIdeographic(c));
  }

  /**
   * Chinese text of three to five characters as one term of the catch-all n-gram field, which
   * matches where its bigram phrase matches, without reading positions; null for other text.
   */
  private static Query ngram(String text) {
    int length = text.codePointCount(0, text.length());
    if (allHan(text) && length >= CaseAnalysis.NGRAM_MIN && length <= CaseAnalysis.NGRAM_MAX) {
      return new TermQuery(new Term(CaseFields.ALL_NGRAMS, text));
    }
    return null;
  }

  private static boolean allHan(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(CaseAnalysis::isHan);
  }

  /**
   * The rough score of a concept: the terms of its alternatives in the word view of the short,
   * heavily weighted fields and of the catch-all field, and in the catch-all bigram view.
   *
   * <p>In the word view a phrase (a word the segmenter split, such as 残障 人士 or 低 保) counts
   * as its terms, as a phrase's weight is about the sum of its terms': left out, cases that use
   * the word as typed got no rough score and missed the candidates (at 100,000 cases the first
   * page of 残障人士 had scores of 11 instead of 44). Bigram phrases are left out: their bigrams
   * are common, slow this pass down, and add nothing the word view does not. A term shared by
   * several alternatives counts once, at its highest weight.
   */
  private void roughScore(Concept concept, List<Query> out) {
    Map<Term, Float> terms = new LinkedHashMap<>();
    for (CaseFields.Weighted f : ROUGH) {
      addTerms(alternatives(concept, f.name(), false), f.boost(), terms, true);
    }
    Query g = alternatives(concept, CaseFields.ALL + CaseFields.GRAMS, true);
    if (g != null) {
      Map<Term, Float> grams = new LinkedHashMap<>();
      addTerms(g, GRAMS_WEIGHT, grams, false);
      grams.forEach((term, boost) -> {
        // A bigram that is also a word (社区, 老人) has almost the same postings in both views:
        // read them once, the word view's term counting for both.
        Term word = new Term(CaseFields.ALL, term.bytes());
        if (terms.containsKey(word)) {
          terms.merge(word, boost, Float::sum);
        } else {
          terms.merge(term, boost, Math::max);
        }
      });
    }
    terms.forEach((term, boost) -> out.add(boost(new TermQuery(term), boost)));
  }

  /**
   * The terms in {@code q} (and in its phrases if {@code phrases}), each with the product of the
   * boosts above it (the highest one).
   */
  private static void addTerms(Query q, float boost, Map<Term, Float> out, boolean phrases) {
    if (q instanceof TermQuery tq) {
      out.merge(tq.getTerm(), boost, Math::max);
    } else if (phrases && q instanceof PhraseQuery pq) {
      for (Term t : pq.getTerms()) {
        out.merge(t, boost, Math::max);
      }
    } else if (q instanceof BoostQuery bq) {
      addTerms(bq.getQuery(), boost * bq.getBoost(), out, phrases);
    } else if (q instanceof BooleanQuery bool) {
      bool.clauses().forEach(c -> addTerms(c.getQuery(), boost, out, phrases));
    } else if (q instanceof DisjunctionMaxQuery dm) {
      dm.getDisjuncts().forEach(d -> addTerms(d, boost, out, phrases));
    }
  }

  /** The queries as alternatives of which {@link #mustMatch} must match. */
  private static Query mostOf(List<Query> queries) {
    if (queries.size() == 1) {
      return queries.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    queries.forEach(q -> b.add(q, Occur.SHOULD));
    b.setMinimumNumberShouldMatch(mustMatch(queries.size()));
    return b.build();
  }

  /** How many of {@code n} concepts must match: all of up to 2, then all but a quarter. */
  static int mustMatch(int n) {
    return n <= 2 ? n : n - Math.max(1, n / 4);
  }

  /** A phrase as written, in any field, in the word or the bigram view; null if nothing is left. */
  private Query exact(String text, List<CaseFields.Weighted> fields) {
    List<Tok> toks = tokens(analysis.words(), text);
    if (toks.isEmpty()) {
      return null;
    }
    List<Tok> grams = tokens(analysis.grams(), text);
    List<Query> perField = new ArrayList<>();
    for (CaseFields.Weighted f : fields) {
      perField.add(boost(phrase(f.name(), toks, 0), f.boost()));
      Query g = gramsQuery(f.grams(), grams);
      if (g != null) {
        perField.add(boost(g, f.boost() * GRAMS_WEIGHT));
      }
    }
    return new DisjunctionMaxQuery(perField, TIE_BREAKER);
  }

  /**
   * A phrase as written on the catch-all fields, for {@link Built#match}: Chinese text of three or
   * four characters as an n-gram, longer Chinese text in the bigram view alone (see {@link
   * #matchQuery}), other text in both views.
   */
  private Query matchExact(String text) {
    Query n = ngram(text);
    if (n != null) {
      return n;
    }
    if (allHan(text)) {
      Query g = gramsQuery(CaseFields.ALL + CaseFields.GRAMS, tokens(analysis.grams(), text));
      if (g != null) {
        return g;
      }
    }
    return exact(text, CATCH_ALL);
  }

  private Query conceptQuery(Concept concept, List<CaseFields.Weighted> fields) {
    List<Query> perField = new ArrayList<>();
    for (CaseFields.Weighted f : fields) {
      perField.add(boost(alternatives(concept, f.name(), false), f.boost()));
      Query g = alternatives(concept, f.grams(), true);
      if (g != null) {
        perField.add(boost(g, f.boost() * GRAMS_WEIGHT));
      }
    }
    return new DisjunctionMaxQuery(perField, TIE_BREAKER);
  }

  private Query alternatives(Concept concept, String field, boolean grams) {
    List<Query> alts = new ArrayList<>();
    for (Alternative a : concept.alternatives()) {
      Query q;
      if (grams) {
        q = gramsQuery(field, a.grams());
      } else {
        List<Tok> toks = new ArrayList<>();
        for (int i = 0; i < a.terms().size(); i++) {
          toks.add(new Tok(a.terms().get(i), i, 0, 0, false));
        }
        q = phrase(field, toks, 0);
      }
      if (q != null) {
        alts.add(a.original() ? q : boost(q, SYNONYM_WEIGHT));
      }
    }
    if (alts.isEmpty()) {
      return null;
    }
    if (alts.size() == 1) {
      return alts.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    alts.forEach(q -> b.add(q, Occur.SHOULD));
    return b.build();
  }

  /**
   * A text in the bigram view (its tokens there): a phrase of its bigrams, or a prefix for a lone
   * character.
   */
  private static Query gramsQuery(String field, List<Tok> toks) {
    if (toks.isEmpty()) {
      return null;
    }
    if (toks.size() == 1 && toks.get(0).term().codePointCount(0, toks.get(0).term().length()) == 1
        && CaseAnalysis.isHan(toks.get(0).term().codePointAt(0))) {
      // A lone character is the first half of the bigrams that hold it.
      return new PrefixQuery(new Term(field, toks.get(0).term()));
    }
    return phrase(field, toks, 0);
  }

  /**
   * The words of a group close together (title, summary, and for up to {@link
   * #BODY_PROXIMITY_WORDS} words the body); null for fewer than two.
   */
  private Query proximity(String text) {
    List<Tok> toks = tokens(analysis.words(), text);
    if (toks.size() < 2) {
      return null;
    }
    List<Query> perField = new ArrayList<>();
    for (CaseFields.Weighted f : CaseFields.TEXT) {
      boolean body = f.name().equals(CaseFields.BODY);
      if (!f.name().equals(CaseFields.TAGS) && !f.name().equals(CaseFields.LABELS)
          && (!body || toks.size() <= BODY_PROXIMITY_WORDS)) {
        perField.add(boost(phrase(f.name(), toks, 2), f.boost()));
      }
    }
    return boost(new DisjunctionMaxQuery(perField, TIE_BREAKER), PROXIMITY_WEIGHT);
  }

  private static Query phrase(String field, List<Tok> toks, int slop) {
    if (toks.size() == 1) {
      return new TermQuery(new Term(field, toks.get(0).term()));
    }
    PhraseQuery.Builder b = new PhraseQuery.Builder();
    int base = toks.get(0).position();
    for (Tok t : toks) {
      b.add(new Term(field, t.term()), t.position() - base);
    }
    b.setSlop(slop);
    return b.build();
  }

  private static Query boost(Query q, float boost) {
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  /**
   * The concepts of a word group: the segments of its synonym graph (a word with its synonyms
   * is one), with runs of lone characters joined into one concept and a lone character next to
   * a plain word joined to it (网格 员 → 网格员).
   */
  private List<Concept> concepts(String text) {
    List<Concept> segments = new ArrayList<>();
    try (TokenStream ts = analysis.queryWords().tokenStream("", text)) {
      GraphTokenStreamFiniteStrings graph = new GraphTokenStreamFiniteStrings(ts);
      int[] points = graph.articulationPoints();
      int last = 0;
      for (int i = 0; i <= points.length; i++) {
        int start = last;
        int end = i < points.length ? points[i] : -1;
        last = end;
        List<Alternative> alts = new ArrayList<>();
        int from = Integer.MAX_VALUE;
        int to = -1;
        Iterator<TokenStream> paths = graph.getFiniteStrings(start, end);
        while (paths.hasNext()) {
          List<Tok> path = read(paths.next());
          if (path.isEmpty()) {
            continue;
          }
          List<String> terms = new ArrayList<>();
          StringBuilder joined = new StringBuilder();
          boolean original = true;
          int pathFrom = Integer.MAX_VALUE;
          int pathTo = -1;
          for (Tok t : path) {
            terms.add(t.term());
            joined.append(t.term());
            original &= !t.synonym();
            pathFrom = Math.min(pathFrom, t.start());
            pathTo = Math.max(pathTo, t.end());
          }
          from = Math.min(from, pathFrom);
          to = Math.max(to, pathTo);
          // The worker's own words as typed (unstemmed); a synonym as its tokens joined.
          String surface = original ? text.substring(pathFrom, pathTo) : joined.toString();
          Alternative alt = new Alternative(terms, surface, original, tokens(analysis.grams(), surface));
          if (!alts.contains(alt)) {
            alts.add(alt);
          }
        }
        if (!alts.isEmpty()) {
          // The worker's own words first.
          alts.sort((a, b) -> Boolean.compare(b.original(), a.original()));
          segments.add(new Concept(alts, from, to));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return join(segments, text, analysis.grams());
  }

  private static List<Concept> join(List<Concept> segments, String text, Analyzer grams) {
    List<Concept> out = new ArrayList<>();
    for (Concept c : segments) {
      Concept prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (prev != null && prev.end() == c.start() && plain(prev) && plain(c)
          && (loneChar(c) || loneChar(prev))) {
        out.set(out.size() - 1, merge(prev, c, text, grams));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** A concept without synonyms. */
  private static boolean plain(Concept c) {
    return c.alternatives().size() == 1 && c.alternatives().get(0).original();
  }

  /** A concept of one Chinese character (or a run of them already joined). */
  private static boolean loneChar(Concept c) {
    if (!plain(c)) {
      return false;
    }
    for (String t : c.alternatives().get(0).terms()) {
      if (t.codePointCount(0, t.length()) != 1 || !CaseAnalysis.isHan(t.codePointAt(0))) {
        return false;
      }
    }
    return true;
  }

  private static Concept merge(Concept a, Concept b, String text, Analyzer grams) {
    List<String> terms = new ArrayList<>(a.alternatives().get(0).terms());
    terms.addAll(b.alternatives().get(0).terms());
    String surface = text.substring(a.start(), b.end());
    return new Concept(List.of(new Alternative(terms, surface, true, tokens(grams, surface))), a.start(), b.end());
  }

  private static List<Tok> read(TokenStream ts) throws IOException {
    List<Tok> out = new ArrayList<>();
    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
    TypeAttribute type = ts.addAttribute(TypeAttribute.class);
    PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
    ts.reset();
    int pos = -1;
    while (ts.incrementToken()) {
      pos += Math.max(1, inc.getPositionIncrement());
      out.add(new Tok(term.toString(), pos, offset.startOffset(), offset.endOffset(),
          SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())));
    }
    ts.end();
    ts.close();
    return out;
  }

  /** Tokens with their positions (gaps where stop words such as punctuation were). */
  private static List<Tok> tokens(Analyzer analyzer, String text) {
    List<Tok> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        out.add(new Tok(term.toString(), pos, offset.startOffset(), offset.endOffset(), false));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
