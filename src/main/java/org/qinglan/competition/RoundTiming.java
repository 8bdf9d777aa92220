package org.qinglan.competition;

/**
 * How a knowledge round keeps time (the server's clock, always):
 * <ul>
 *   <li>{@link #WINDOW}: a contestant enters at any time between the round's opening and closing
 *       moments and then has {@code minutes}, never past the closing moment;</li>
 *   <li>{@link #COMMON_START}: everyone from the opening moment for {@code minutes}; the round closes
 *       then.</li>
 * </ul>
 */
public enum RoundTiming {
  WINDOW("时段内自由进入"),
  COMMON_START("统一开始");

  private final String label;

  RoundTiming(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
