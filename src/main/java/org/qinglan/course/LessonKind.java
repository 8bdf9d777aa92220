package org.qinglan.course;

/** What a lesson is. */
public enum LessonKind {
  READING("阅读"),
  VIDEO("视频"),
  CASE("案例研读"),
  QUIZ("测验");

  private final String label;

  LessonKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
