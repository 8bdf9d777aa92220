package org.qinglan.people;

/** Levels of the org tree, top down: 省 → 市 → 区/县 → 街道/乡镇 → 社区. */
public enum OrgLevel {
  PROVINCE("省"),
  CITY("市"),
  DISTRICT("区/县"),
  STREET("街道/乡镇"),
  COMMUNITY("社区");

  private final String label;

  OrgLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The level a child of this unit has; null for a community, which has no children. */
  public OrgLevel childLevel() {
    int next = ordinal() + 1;
    return next < values().length ? values()[next] : null;
  }
}
