package org.qinglan.exam.practice;

/** How a practice session was put together. */
public enum PracticeMode {
  CHAPTER("章节练习"),
  RANDOM("随机练习"),
  DAILY("每日一练"),
  REVIEW("间隔复习"),
  MISTAKES("错题本"),
  FAVOURITES("收藏");

  private final String label;

  PracticeMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The mode named exactly (as a form or the API sends it), or null. */
  public static PracticeMode parse(String name) {
    for (PracticeMode m : values()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
