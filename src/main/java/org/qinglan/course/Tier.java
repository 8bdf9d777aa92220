package org.qinglan.course;

/** Training tiers (培训层级). */
public enum Tier {
  INDUCTION("初任培训"),
  IN_SERVICE("在职培训"),
  SPECIALISED("专项培训"),
  PRACTICUM("实践锻炼");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
