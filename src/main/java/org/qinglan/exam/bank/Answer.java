package org.qinglan.exam.bank;

/**
 * One answer of a question: a choice, an accepted short answer, or a numerical value.
 *
 * @param fraction  share of the mark it earns, -1..1 (Moodle's percentage / 100)
 * @param tolerance accepted error of a numerical answer; null for other types
 */
public record Answer(FormattedText text, double fraction, FormattedText feedback, Double tolerance) {

  public static Answer choice(String text, double fraction) {
    return new Answer(FormattedText.of(text), fraction, FormattedText.EMPTY, null);
  }

  public boolean correct() {
    return fraction > 0;
  }
}
