package org.qinglan.exam.practice;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A worker's answer to one question: chosen option indexes (choice and true/false, where
 * 0 is true), typed text (short answer, numerical), or for matching the chosen answer per prompt.
 * Its JSON form is {@link org.qinglan.exam.ResponseJson}'s.
 */
public record Response(Set<Integer> choices, String text, List<String> matches) {

  public static Response choices(Set<Integer> chosen) {
    return new Response(new TreeSet<>(chosen), null, List.of());
  }

  public static Response text(String text) {
    return new Response(Set.of(), text, List.of());
  }

  public static Response matches(List<String> matches) {
    return new Response(Set.of(), null, List.copyOf(matches));
  }

  public boolean isEmpty() {
    return choices.isEmpty() && (text == null || text.isBlank()) && matches.stream().allMatch(m -> m == null || m.isBlank());
  }

  /** The longest text answer kept, as for case-analysis practice. */
  public static final int MAX_TEXT_CHARS = 10_000;
}
