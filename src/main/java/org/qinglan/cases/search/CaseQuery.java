package org.qinglan.cases.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search as a worker asks it.
 *
 * <p>{@code text} is what the worker typed: words (plain Chinese needs no spaces),
 * {@code "quoted phrases"} (also with Chinese quotes “…”) that must occur as written, and
 * {@code -word} or {@code -"phrase"} to leave out cases that contain them. Blank text lists all
 * cases, newest first.
 *
 * <p>{@code filters} maps a facet field ({@link #FACET_FIELDS}) to the values chosen in it:
 * values of one field are alternatives (OR), fields are combined with AND. Region values are
 * org-unit paths at any level ("江东省/云溪市/东湖区" takes in its streets).
 *
 * <p>{@code page} counts from 1; {@code size} is clamped to 1..{@value #MAX_SIZE}.
 */
public record CaseQuery(String text, Map<String, List<String>> filters, Sort sort, int page, int size) {

  /** The facet fields, in the order the UI shows them. */
  public static final List<String> FACET_FIELDS = List.of("topic", "method", "communityType", "region", "year");
  public static final int DEFAULT_SIZE = 10;
  public static final int MAX_SIZE = 100;

  /** Result order. {@code DATE} is year, then last update, newest first. */
  public enum Sort {
    RELEVANCE, DATE
  }

  public CaseQuery {
    text = text == null ? "" : text;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (filters != null) {
      filters.forEach((field, values) -> {
        if (field != null && values != null) {
          List<String> kept = new ArrayList<>();
          for (String v : values) {
            if (v != null && !v.isBlank() && !kept.contains(v.strip())) {
              kept.add(v.strip());
            }
          }
          if (!kept.isEmpty()) {
            copy.put(field, List.copyOf(kept));
          }
        }
      });
    }
    filters = Map.copyOf(copy);
    sort = sort == null ? Sort.RELEVANCE : sort;
    page = Math.max(1, page);
    size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
  }

  /** First page of {@code text} by relevance, no filters. */
  public static CaseQuery of(String text) {
    return new CaseQuery(text, Map.of(), Sort.RELEVANCE, 1, DEFAULT_SIZE);
  }

  public CaseQuery withFilter(String field, String... values) {
    Map<String, List<String>> f = new LinkedHashMap<>(filters);
    f.put(field, List.of(values));
    return new CaseQuery(text, f, sort, page, size);
  }

  public CaseQuery withSort(Sort newSort) {
    return new CaseQuery(text, filters, newSort, page, size);
  }

  public CaseQuery withPage(int newPage, int newSize) {
    return new CaseQuery(text, filters, sort, newPage, newSize);
  }
}
