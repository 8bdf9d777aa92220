package org.qinglan.competition;

import java.util.List;
import java.util.UUID;

/**
 * Where a knowledge round's questions come from: drawn by a mock-exam blueprint ({@code count}
 * choice questions spread as that paper would spread them), or picked by id. Drawn or picked, they
 * are copied (frozen) when the round opens.
 *
 * @param blueprint   the blueprint's id, or null when picked
 * @param count       how many to draw (0 when picked)
 * @param questionIds the picked questions in order (empty when drawn)
 */
public record QuestionSource(String blueprint, int count, List<UUID> questionIds) {
  /** The most questions a round asks. */
  public static final int MAX_QUESTIONS = 200;

  public QuestionSource {
    questionIds = questionIds == null ? List.of() : List.copyOf(questionIds);
  }

  public static QuestionSource drawn(String blueprint, int count) {
    return new QuestionSource(blueprint, count, List.of());
  }

  public static QuestionSource picked(List<UUID> questionIds) {
    return new QuestionSource(null, 0, questionIds);
  }

  public boolean isDrawn() {
    return blueprint != null;
  }

  /** How many questions the round will ask. */
  public int size() {
    return isDrawn() ? count : questionIds.size();
  }
}
