package org.qinglan.exam.practice;

/** The level of the national social-work exam a worker prepares for. */
public enum ExamLevel {
  ASSISTANT("助理社会工作师"),
  INTERMEDIATE("社会工作师"),
  SENIOR("高级社会工作师");

  private final String label;

  ExamLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The level named, or null for anything else. */
  public static ExamLevel parse(String name) {
    if (name == null) {
      return null;
    }
    for (ExamLevel l : values()) {
      if (l.name().equals(name.strip())) {
        return l;
      }
    }
    return null;
  }
}
