package org.qinglan.cases.search;

import java.util.List;
import java.util.Map;

/**
 * One page of hits, the number of all matching cases, and per facet field ({@link
 * CaseQuery#FACET_FIELDS}) the counts of its values. The counts of a field are computed with
 * that field's own filter left out (the other filters apply), so the UI can offer switching to
 * another value; a chosen value is always listed, with 0 if nothing matches it.
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

  public SearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }
}
