package org.qinglan.exam.bank;

/** Question types: Moodle's, with its multichoice split the way the exam counts it, plus case analysis. */
public enum QuestionType {
  SINGLE_CHOICE("单项选择题"),
  MULTIPLE_CHOICE("多项选择题"),
  TRUE_FALSE("判断题"),
  SHORT_ANSWER("填空题"),
  MATCHING("匹配题"),
  NUMERICAL("数值题"),
  ESSAY("简答题"),
  /** An essay whose general feedback holds the reference answer and the rubric points. */
  CASE_ANALYSIS("案例分析题"),
  /** Text without an answer (Moodle's "description"). */
  DESCRIPTION("说明");

  private final String label;

  QuestionType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The type's name in check reports and JSON: lower case with hyphens. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
