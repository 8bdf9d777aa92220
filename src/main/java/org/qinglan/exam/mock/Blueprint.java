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
}
