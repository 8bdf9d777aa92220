package org.qinglan.competition;

/** The award tiers, highest first; bands are configured in this order. */
public enum Award {
  FIRST("一等奖"),
  SECOND("二等奖"),
  THIRD("三等奖"),
  EXCELLENCE("优秀奖");

  private final String label;

  Award(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
