package org.qinglan.cases.search;

import java.util.List;

/**
 * One case in a result list. {@code title} and {@code summary} are plain text: escape them when
 * writing HTML (FreeMarker's .ftlh does). {@code highlights} are HTML snippets of the summary
 * and body: everything in them is escaped except the {@code <mark>}…{@code </mark>} around the
 * matched words, so they can be written as they are ({@code ?no_esc}).
 */
public record Hit(String id, String title, String summary, List<String> highlights, float score) {

  public Hit {
    highlights = highlights == null ? List.of() : List.copyOf(highlights);
  }
}
