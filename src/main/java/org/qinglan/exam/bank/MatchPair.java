package org.qinglan.exam.bank;

/** One row of a matching question; an empty {@code prompt} makes {@code answer} a distractor. */
public record MatchPair(FormattedText prompt, String answer) {
  public boolean isDistractor() {
    return prompt.isEmpty();
  }
}
