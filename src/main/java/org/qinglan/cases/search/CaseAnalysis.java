package org.qinglan.cases.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The analyzers of the case index.
 *
 * <ul>
 *   <li>words: SmartChineseAnalyzer (HMM word segmentation), for title, summary, body and tags,
 *       at index and query time;
 *   <li>query words: the same plus a SynonymGraphFilter, at query time only, so a change of
 *       the synonym list needs no reindexing;
 *   <li>grams: overlapping CJK bigrams of the same texts, a second, low-weight view that finds
 *       a word inside a longer one where the segmenter cut differently (老年 in 老年人, 残疾 in
 *       残疾人) — the recall of a substring search with the ranking of word search;
 *   <li>n-grams: every run of three, four and five Chinese characters, for the catch-all n-gram
 *       field ({@link CaseFields#ALL_NGRAMS}), which finds a word of three to five characters as
 *       one term where the bigram view needs a phrase (reading the positions of two to four common
 *       bigrams in every case that has them).
 * </ul>
 */
final class CaseAnalysis {
  /** Where the shipped synonym list is on the class path. */
  static final String SYNONYMS_RESOURCE = "/cases/synonyms.txt";

  private final Analyzer words;
  private final Analyzer queryWords;
  private final Analyzer grams;
  private final Analyzer ngrams;
  private final Analyzer index;
  private final SynonymMap synonyms;

  CaseAnalysis(List<String> synonymLines) {
    this.words = new SmartChineseAnalyzer();
    this.synonyms = parseSynonyms(new SynonymEntryAnalyzer(words), synonymLines == null ? List.of() : synonymLines);
    this.queryWords = synonyms.fst == null ? words : new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return words;
      }

      @Override
      protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(components.getSource(),
            new SynonymGraphFilter(components.getTokenStream(), synonyms, true));
      }
    };
    this.grams = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new CJKWidthFilter(source);
        ts = new LowerCaseFilter(ts);
        ts = new CJKBigramFilter(ts);
        return new TokenStreamComponents(source, ts);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
      }
    };
    this.ngrams = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        // Runs of Chinese characters (up to a million characters long), cut into their 3- to 5-grams.
        Tokenizer runs = new CharTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
            StandardTokenizer.MAX_TOKEN_LENGTH_LIMIT) {
          @Override
          protected boolean isTokenChar(int c) {
            return isHan(c);
          }
        };
        return new TokenStreamComponents(runs, new NGramTokenFilter(runs, NGRAM_MIN, NGRAM_MAX, false));
      }
    };
    this.index = new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        if (fieldName.equals(CaseFields.ALL_NGRAMS)) {
          return ngrams;
        }
        return fieldName.endsWith(CaseFields.GRAMS) ? grams : words;
      }

      @Override
      public int getPositionIncrementGap(String fieldName) {
        // Tags are separate values: no phrase across two of them.
        return 100;
      }
    };
  }

  /** Shortest and longest n-gram of {@link #ngrams()}. */
  static final int NGRAM_MIN = 3;
  static final int NGRAM_MAX = 5;

  /**
   * A Chinese character: what the n-gram field cuts into n-grams, and so what the query builder
   * may look up there as one term.
   */
  static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }

  /** Per field: bigrams for the *_g fields, n-grams for all_n, words for the others. */
  Analyzer index() {
    return index;
  }

  /** Word segmentation, for indexing and for everything but synonym expansion. */
  Analyzer words() {
    return words;
  }

  /** Word segmentation followed by the synonyms: only for queries. */
  Analyzer queryWords() {
    return queryWords;
  }

  /** CJK bigrams (a lone CJK character stays a unigram; other scripts stay words). */
  Analyzer grams() {
    return grams;
  }

  /** The 3-, 4- and 5-grams of every run of Chinese characters (other text makes none). */
  Analyzer ngrams() {
    return ngrams;
  }

  /** The tokens {@code analyzer} makes of {@code text}, in order (for tests and tools). */
  static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The lines of the shipped synonym list (src/main/resources/cases/synonyms.txt). */
  static List<String> shippedSynonyms() {
    try (InputStream in = CaseAnalysis.class.getResourceAsStream(SYNONYMS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing class-path resource " + SYNONYMS_RESOURCE);
      }
      return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses Solr-format lines ({@code a,b,c} equivalents, {@code a=>b} one-way, {@code #}
   * comments). An entry written as tokens ("老年 群体") is taken as those tokens; an entry
   * written as one word ("老年群体") is segmented by the word analyzer.
   */
  private static SynonymMap parseSynonyms(Analyzer analyzer, List<String> lines) {
    SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
    try {
      parser.parse(new StringReader(String.join("\n", lines)));
      return parser.build();
    } catch (ParseException e) {
      throw new IllegalArgumentException("Synonym list: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Analyzer of synonym entries: an entry with spaces is its space-separated tokens
   * (lower-cased), so forms the segmenter only makes inside sentences can be written; an entry
   * without spaces is segmented by the word analyzer.
   */
  static final class SynonymEntryAnalyzer extends Analyzer {
    private final Analyzer words;

    SynonymEntryAnalyzer(Analyzer words) {
      this.words = words;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      return new TokenStreamComponents(new EntryTokenizer(words));
    }
  }

  private static final class EntryTokenizer extends Tokenizer {
    private final Analyzer words;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private List<String> pending = List.of();
    private int next;

    EntryTokenizer(Analyzer words) {
      this.words = words;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[256];
      for (int n = input.read(buf); n >= 0; n = input.read(buf)) {
        sb.append(buf, 0, n);
      }
      String entry = sb.toString().strip();
      if (entry.isEmpty()) {
        pending = List.of();
      } else if (entry.chars().anyMatch(Character::isWhitespace)) {
        pending = List.of(entry.toLowerCase(java.util.Locale.ROOT).split("\\s+"));
      } else {
        pending = tokens(words, entry);
      }
      next = 0;
    }

    @Override
    public boolean incrementToken() {
      if (next >= pending.size()) {
        return false;
      }
      clearAttributes();
      term.append(pending.get(next));
      offset.setOffset(0, 0);
      next++;
      return true;
    }
  }
}
