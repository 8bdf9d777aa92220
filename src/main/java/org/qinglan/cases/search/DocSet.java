package org.qinglan.cases.search;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A set of cases of one index reader, as one bit set per segment: what a query matched, with
 * the set operations that filters and facet counts need (cheaper than running the query again
 * once per facet filter, as Lucene's drill-sideways search does).
 */
final class DocSet {
  private final FixedBitSet[] bits;

  private DocSet(FixedBitSet[] bits) {
    this.bits = bits;
  }

  /** The live (not deleted) cases that {@code query} matches. */
  static DocSet matching(IndexSearcher searcher, Query query) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    FixedBitSet[] bits = new FixedBitSet[leaves.size()];
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : leaves) {
      FixedBitSet set = new FixedBitSet(leaf.reader().maxDoc());
      bits[leaf.ord] = set;
      BulkScorer scorer = weight.bulkScorer(leaf);
      if (scorer != null) {
        scorer.score(new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {
          }

          @Override
          public void collect(int doc) {
            set.set(doc);
          }
        }, leaf.reader().getLiveDocs());
      }
    }
    return new DocSet(bits);
  }

  /** The cases in both sets. */
  DocSet and(DocSet other) {
    return combine(other, FixedBitSet::and);
  }

  /** The cases in this set and not in {@code other}. */
  DocSet andNot(DocSet other) {
    return combine(other, FixedBitSet::andNot);
  }

  /** A copy of this set, each segment's bits changed by {@code op} with {@code other}'s. */
  private DocSet combine(DocSet other, BiConsumer<FixedBitSet, FixedBitSet> op) {
    FixedBitSet[] out = new FixedBitSet[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = bits[i].clone();
      op.accept(out[i], other.bits[i]);
    }
    return new DocSet(out);
  }

  long count() {
    long n = 0;
    for (FixedBitSet b : bits) {
      n += b.cardinality();
    }
    return n;
  }

  /** The cases of one segment (by its {@link LeafReaderContext#ord}). */
  FixedBitSet of(LeafReaderContext leaf) {
    return bits[leaf.ord];
  }

  /** A query matching exactly this set, every case with score 1. */
  Query asQuery() {
    return new Query() {
      @Override
      public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
          @Override
          public Scorer scorer(LeafReaderContext context) {
            FixedBitSet set = bits[context.ord];
            return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(set, set.cardinality()));
          }

          @Override
          public boolean isCacheable(LeafReaderContext ctx) {
            return false;
          }
        };
      }

      @Override
      public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
      }

      @Override
      public String toString(String field) {
        return "DocSet";
      }

      @Override
      public boolean equals(Object o) {
        return o == this;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(this);
      }
    };
  }
}
