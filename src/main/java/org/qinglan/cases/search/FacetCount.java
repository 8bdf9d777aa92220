package org.qinglan.cases.search;

/** One value of a facet field and how many cases of the result (with the other filters) have it. */
public record FacetCount(String value, long count) {
}
