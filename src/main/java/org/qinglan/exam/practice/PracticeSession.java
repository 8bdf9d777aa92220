package org.qinglan.exam.practice;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An ordered set of questions being practised, and how far the worker has got. */
public record PracticeSession(UUID id, UUID accountId, PracticeMode mode, String title, List<UUID> questionIds,
                              int position, LocalDate day) {

  public boolean finished() {
    return position >= questionIds.size();
  }

  public UUID currentQuestion() {
    return finished() ? null : questionIds.get(position);
  }

  public int total() {
    return questionIds.size();
  }

  /** 1-based number of the current question, for "第 3 / 10 题". */
  public int number() {
    return Math.min(position + 1, questionIds.size());
  }
}
