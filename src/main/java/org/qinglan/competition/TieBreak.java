package org.qinglan.competition;

/**
 * What breaks a tie left by the round's rule; the sentence is shown with the results. When the
 * tie-break ties too, the rank is shared.
 */
public enum TieBreak {
  NONE("并列", "成绩相同者并列，名次相同，其后的名次顺延（如 1、1、3）。"),
  EARLIER_SUBMISSION("先交卷者在前", "成绩相同者，先交卷者名次在前；交卷时间也相同的并列，其后的名次顺延。"),
  FEWER_WRONG("答错少者在前", "成绩相同者，答错题数少者名次在前（未作答不算答错）；答错题数也相同的并列，其后的名次顺延。");

  private final String label;
  private final String sentence;

  TieBreak(String label, String sentence) {
    this.label = label;
    this.sentence = sentence;
  }

  /** A short name, for the organiser's choice. */
  public String label() {
    return label;
  }

  public String sentence() {
    return sentence;
  }
}
