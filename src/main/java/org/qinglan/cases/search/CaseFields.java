package org.qinglan.cases.search;

import java.util.List;

/** Field names of the case index, and the weights of the text fields. */
final class CaseFields {
  static final String ID = "id";
  static final String TITLE = "title";
  static final String SUMMARY = "summary";
  static final String BODY = "body";
  static final String TAGS = "tags";
  /** The Chinese labels of the case's topics, methods and community type. */
  static final String LABELS = "labels";
  /**
   * Catch-all of title, tags, summary, labels and body (word view; all_g is its bigram view), for
   * matching only: a word occurs in some field exactly when it occurs here (values are 100
   * positions apart, so no phrase spans two), and two clauses find it instead of ten.
   */
  static final String ALL = "all";
  /**
   * Catch-all n-gram view, for matching only: each run of three, four and five Chinese
   * characters of the same fields, as one term (cases only: no frequencies, no positions). A word
   * of three to five characters occurs in the bigram view exactly where it is a term here.
   */
  static final String ALL_NGRAMS = "all_n";
  /** Suffix of the bigram view of a text field (title_g, …). */
  static final String GRAMS = "_g";
  /** One exact term per tag, for related cases. */
  static final String TAG = "tag";
  /** One exact term per topic, for related cases. */
  static final String TOPIC = "topic";
  static final String YEAR = "year";
  static final String UPDATED = "updated";
  /** Suggestion keys: suffixes of titles and tags at word starts (see {@link Suggestions}). */
  static final String SUGGEST = "suggest";

  /** A searched text field and its weight: title and tags count more than the body. */
  record Weighted(String name, float boost) {
    String grams() {
      return name + GRAMS;
    }
  }

  static final List<Weighted> TEXT = List.of(new Weighted(TITLE, 3f), new Weighted(TAGS, 2.5f),
      new Weighted(SUMMARY, 1.5f), new Weighted(LABELS, 3f), new Weighted(BODY, 1f));

  private CaseFields() {
  }
}
