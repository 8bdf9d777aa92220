package org.qinglan.exam.mock;

import java.util.List;
import java.util.Map;
import org.qinglan.exam.bank.QuestionType;

/**
 * A mock-exam paper as data (question-bank/blueprints.yaml).
 *
 * @param category category path prefix the questions come from, e.g. 助理社会工作师/社会工作综合能力(初级)
 * @param chapters chapter number (the first word of the chapter category) → share of each section
 */
public record Blueprint(String id, String title, String level, String paper, String category, int minutes,
                        double passMark, List<Section> sections, Map<String, Double> chapters) {

  /** A run of questions of one type, each worth {@code marks}; optionally only (or never) with a tag. */
  public record Section(QuestionType type, int count, double marks, String tag, String excludeTag) {
    public double totalMarks() {
      return count * marks;
    }
  }

  public double totalMarks() {
    return sections.stream().mapToDouble(Section::totalMarks).sum();
  }

  public int questionCount() {
    return sections.stream().mapToInt(Section::count).sum();
  }

  /**
   * The same paper with only its choice sections (single, multiple, true/false), their counts
   * scaled to {@code count} questions in all by the largest remainder (ties to the earlier
   * section), the chapters' shares kept: a knowledge round drawn "as a paper would be". Sections
   * scaled to no question are left out. Null when the paper has no choice section.
   */
  public Blueprint choiceOnly(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a paper of at least one question, not " + count);
    }
    List<Section> choice = sections.stream().filter(s -> CHOICE.contains(s.type())).toList();
    int total = choice.stream().mapToInt(Section::count).sum();
    if (total == 0) {
      return null;
    }
    int[] counts = new int[choice.size()];
    long[] remainders = new long[choice.size()];
    int given = 0;
    for (int i = 0; i < choice.size(); i++) {
      long exact = (long) choice.get(i).count() * count;
      counts[i] = (int) (exact / total);
      remainders[i] = exact % total;
      given += counts[i];
    }
    while (given < count) {
      int best = 0;
      for (int i = 1; i < choice.size(); i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      given++;
    }
    List<Section> scaled = new java.util.ArrayList<>();
    for (int i = 0; i < choice.size(); i++) {
      Section s = choice.get(i);
      if (counts[i] > 0) {
        scaled.add(new Section(s.type(), counts[i], s.marks(), s.tag(), s.excludeTag()));
      }
    }
    return new Blueprint(id, title, level, paper, category, minutes, passMark, List.copyOf(scaled), chapters);
  }

  private static final java.util.Set<QuestionType> CHOICE = java.util.EnumSet.of(QuestionType.SINGLE_CHOICE,
      QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE);
}
