package org.qinglan.competition;

/** How contestants enter a competition. */
public enum EntryMode {
  /** Eligible workers register themselves inside the registration window. */
  SELF("个人报名"),
  /** Organisers of the lower units nominate contestants, each unit up to its quota. */
  NOMINATION("单位推荐");

  private final String label;

  EntryMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
