package org.qinglan.exam.review;

import java.time.Instant;
import java.util.Objects;

/**
 * What the scheduler remembers about one question for one worker. Immutable: a review returns
 * a new card.
 *
 * @param state where the card is in its life cycle
 * @param step the index into the learning or relearning steps; {@code null} in {@link State#REVIEW}
 * @param stability days until retrievability falls to 90%; {@code null} before the first review
 * @param difficulty between 1 and 10; {@code null} before the first review
 * @param due when the card should be reviewed next
 * @param lastReview when it was last reviewed; {@code null} before the first review
 */
public record ReviewCard(State state, Integer step, Double stability, Double difficulty,
                         Instant due, Instant lastReview) {

  /** Learning and relearning walk through short steps; review cards are scheduled in days. */
  public enum State {
    LEARNING, REVIEW, RELEARNING
  }

  public ReviewCard {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(due, "due");
    if (state == State.REVIEW) {
      if (step != null) {
        throw new IllegalArgumentException("a card in review has no step");
      }
    } else if (step == null || step < 0) {
      throw new IllegalArgumentException("a learning or relearning card needs a step >= 0");
    }
    if ((stability == null) != (difficulty == null)) {
      throw new IllegalArgumentException("stability and difficulty are set together");
    }
    if (stability == null && state != State.LEARNING) {
      throw new IllegalArgumentException("only a new card has no stability");
    }
  }

  /** A card never reviewed, due at once. */
  public static ReviewCard newCard(Instant now) {
    return new ReviewCard(State.LEARNING, 0, null, null, now, null);
  }

  /** True before the first review. */
  public boolean isNew() {
    return stability == null;
  }
}
