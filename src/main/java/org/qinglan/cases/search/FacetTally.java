package org.qinglan.cases.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;

/**
 * The facet counts of sets of cases of one reader: for each facet field, how many cases of the
 * set carry each value. A set with more than half of all cases is counted through the cases it
 * leaves out (the counts of every case, known once per reader, minus theirs), so a common word
 * costs no more than a rare one.
 */
final class FacetTally {
  private final SortedSetDocValuesReaderState state;
  private final IndexReader reader;
  private final DocSet all;
  private final long allCount;
  private final Map<String, Map<String, Long>> allCounts;

  FacetTally(SortedSetDocValuesReaderState state, IndexReader reader, DocSet all) throws IOException {
    this.state = state;
    this.reader = reader;
    this.all = all;
    this.allCount = all.count();
    this.allCounts = countEach(all);
  }

  /** Field → value → number of cases of {@code set} (values without a case left out). */
  Map<String, Map<String, Long>> count(DocSet set, long setCount) throws IOException {
    if (setCount * 2 <= allCount) {
      return countEach(set);
    }
    Map<String, Map<String, Long>> left = countEach(all.andNot(set));
    Map<String, Map<String, Long>> out = new HashMap<>();
    allCounts.forEach((dim, values) -> {
      Map<String, Long> minus = left.getOrDefault(dim, Map.of());
      Map<String, Long> counts = new HashMap<>();
      values.forEach((value, n) -> {
        long c = n - minus.getOrDefault(value, 0L);
        if (c > 0) {
          counts.put(value, c);
        }
      });
      out.put(dim, counts);
    });
    return out;
  }

  private Map<String, Map<String, Long>> countEach(DocSet set) throws IOException {
    List<FacetsCollector.MatchingDocs> matching = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      FixedBitSet bits = set.of(leaf);
      int n = bits.cardinality();
      if (n > 0) {
        matching.add(new FacetsCollector.MatchingDocs(leaf, new BitDocIdSet(bits, n), n, null));
      }
    }
    FacetsCollector hits = new FacetsCollector() {
      @Override
      public List<MatchingDocs> getMatchingDocs() {
        return matching;
      }
    };
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, hits);
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (String dim : CaseQuery.FACET_FIELDS) {
      Map<String, Long> values = new HashMap<>();
      FacetResult r;
      try {
        r = counts.getAllChildren(dim);
      } catch (IllegalArgumentException e) {
        r = null; // no case has this field yet
      }
      if (r != null) {
        for (LabelAndValue lv : r.labelValues) {
          values.put(lv.label, lv.value.longValue());
        }
      }
      out.put(dim, values);
    }
    return out;
  }
}
