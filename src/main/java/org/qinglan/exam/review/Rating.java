package org.qinglan.exam.review;

/**
 * How a review went, on FSRS's four-point scale. Exam practice only grades right or wrong:
 * wrong is {@link #AGAIN}, right is {@link #GOOD} (see {@link #of(boolean)}).
 */
public enum Rating {
  AGAIN(1), HARD(2), GOOD(3), EASY(4);

  private final int grade;

  Rating(int grade) {
    this.grade = grade;
  }

  /** The grade G used in the FSRS formulas, 1 to 4. */
  public int grade() {
    return grade;
  }

  /** The rating for an answer that is only marked right or wrong. */
  public static Rating of(boolean correct) {
    return correct ? GOOD : AGAIN;
  }
}
