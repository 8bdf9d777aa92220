package org.qinglan.people;

import java.util.Locale;

/** National social-work qualification held by a worker. */
public enum Qualification {
  NONE("无"),
  ASSISTANT("助理社会工作师"),
  INTERMEDIATE("社会工作师"),
  SENIOR("高级社会工作师");

  private final String label;

  Qualification(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Accepts the code or the Chinese name; blank means none. Returns null when not recognised. */
  public static Qualification parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    String t = text.trim();
    for (Qualification q : values()) {
      if (q.label.equals(t) || q.name().equals(t.toUpperCase(Locale.ROOT))) {
        return q;
      }
    }
    return null;
  }
}
