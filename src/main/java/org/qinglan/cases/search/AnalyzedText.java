package org.qinglan.cases.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tokens of one text, analysed once and replayed into several fields: a text field and the
 * catch-all field ({@link CaseFields#ALL}) get the same tokens without segmenting the Chinese
 * twice (segmenting is most of the cost of indexing).
 */
final class AnalyzedText {
  private final List<String> terms = new ArrayList<>();
  private final List<int[]> positionsAndOffsets = new ArrayList<>();
  private final int finalOffset;
  /** Position increment after the last token (stop words at the end), as end() reports it. */
  private final int finalIncrement;

  private AnalyzedText(Analyzer analyzer, String text) {
    try (TokenStream ts = analyzer.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        positionsAndOffsets.add(new int[] {inc.getPositionIncrement(), offset.startOffset(), offset.endOffset()});
      }
      ts.end();
      finalOffset = offset.endOffset();
      finalIncrement = inc.getPositionIncrement();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AnalyzedText of(Analyzer analyzer, String text) {
    return new AnalyzedText(analyzer, text);
  }

  /** A fresh stream of the tokens (a field consumes its stream; each field needs its own). */
  TokenStream stream() {
    return new TokenStream() {
      private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
      private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
      private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
      private int next;

      @Override
      public boolean incrementToken() {
        if (next >= terms.size()) {
          return false;
        }
        clearAttributes();
        int[] p = positionsAndOffsets.get(next);
        term.append(terms.get(next));
        inc.setPositionIncrement(p[0]);
        offset.setOffset(p[1], p[2]);
        next++;
        return true;
      }

      @Override
      public void end() throws IOException {
        super.end();
        offset.setOffset(finalOffset, finalOffset);
        inc.setPositionIncrement(finalIncrement);
      }

      @Override
      public void reset() throws IOException {
        super.reset();
        next = 0;
      }
    };
  }
}
