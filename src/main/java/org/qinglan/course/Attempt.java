package org.qinglan.course;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.exam.practice.Response;

/**
 * A drawn module quiz or final assessment ({@code lessonId} {@link CourseService#FINAL}): the
 * questions drawn, the mark that passes it, and once submitted each answer marked right or wrong.
 * {@code answers} is empty until it is submitted.
 */
public record Attempt(UUID id, UUID enrolmentId, String lessonId, String courseId, UUID accountId,
                      List<UUID> questionIds, int passMark, Map<UUID, Answer> answers, Double score, Boolean passed,
                      Instant submittedAt) {

  /** Where an attempt stands. */
  public enum State {
    OPEN, PASSED, FAILED
  }

  /** An answer as given, and whether it was right. */
  public record Answer(Response response, boolean correct) {
  }

  public boolean submitted() {
    return submittedAt != null;
  }

  public State state() {
    return !submitted() ? State.OPEN : Boolean.TRUE.equals(passed) ? State.PASSED : State.FAILED;
  }
}
