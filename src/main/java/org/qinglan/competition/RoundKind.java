package org.qinglan.competition;

/** What a round is. Only knowledge rounds are run in #15; the others are declared and run by the next issue. */
public enum RoundKind {
  KNOWLEDGE("知识赛"),
  CASE_ANALYSIS("案例分析赛"),
  LIVE_FINAL("现场决赛");

  private final String label;

  RoundKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
