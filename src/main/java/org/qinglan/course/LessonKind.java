package org.qinglan.course;

/** What a lesson is. */
public enum LessonKind {
  READING("阅读"),
  VIDEO("视频"),
  CASE("案例研读"),
  QUIZ("测验"),
  /** A practice task done in the community: the worker hands in a report, a supervisor signs it off. */
  TASK("实践任务");

  private final String label;

  LessonKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
