package org.qinglan.competition;

/**
 * How a knowledge round is scored and ranked, chosen per round. {@link #rule()} is the sentence
 * shown with the results; {@link KnowledgeScorer} computes it and {@link Ranking} orders by it.
 */
public enum RoundScoring {
  /** The usual rule (DESIGN.md): marks by the exam's rules, then the shorter total time. */
  CORRECT_THEN_TIME("答对优先，用时次之",
      "按得分从高到低排名，得分相同的总用时少者在前。单项选择题、判断题答对得 1 分；多项选择题全部选对得 2 分，"
          + "少选的每选对一项得 0.5 分，错选不得分；总用时为每题从出题到作答的时间之和，未作答的题按该题限时计。"),
  /** Kahoot-style: faster correct answers earn more, and answers in a row earn a bonus. */
  SPEED_POINTS("速度积分",
      "按积分从高到低排名。每题答对得 500 至 1000 分，答得越快越多（1000 ×（1 − 用时 ÷ 限时 ÷ 2），四舍五入）；"
          + "连续答对时从第 2 题起每题另加 100、200……最多加 500 分；答错、未答或多选题少选都会中断连对。"
          + "多选题少选按所得分数占该题分数的比例计分。");

  private final String label;
  private final String rule;

  RoundScoring(String label, String rule) {
    this.label = label;
    this.rule = rule;
  }

  public String label() {
    return label;
  }

  /** The rule in full, to show with the results. */
  public String rule() {
    return rule;
  }
}
