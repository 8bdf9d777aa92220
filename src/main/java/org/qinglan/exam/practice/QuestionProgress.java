package org.qinglan.exam.practice;

/**
 * A worker's standing with one question, and the mistake-book rule: a question answered wrong
 * enters the mistake book (错题本) and leaves it once answered right twice in a row.
 */
public record QuestionProgress(int attempts, int correctCount, int consecutiveRight, boolean inMistakeBook) {
  static final int RIGHT_IN_A_ROW_TO_LEAVE = 2;

  public static QuestionProgress fresh() {
    return new QuestionProgress(0, 0, 0, false);
  }

  public QuestionProgress after(boolean correct) {
    if (!correct) {
      return new QuestionProgress(attempts + 1, correctCount, 0, true);
    }
    int run = consecutiveRight + 1;
    boolean stays = inMistakeBook && run < RIGHT_IN_A_ROW_TO_LEAVE;
    return new QuestionProgress(attempts + 1, correctCount + 1, run, stays);
  }
}
