package org.qinglan.course;

import java.util.List;

/**
 * Which questions a quiz draws from the question bank: those under any of the category path
 * prefixes (and, when tags are given, carrying one of them); {@code count} of them.
 */
public record QuizSpec(List<String> categories, List<String> tags, int count, int passMark) {
  public QuizSpec {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }
}
