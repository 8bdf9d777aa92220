package org.qinglan.course;

import java.util.List;

/** A course as written in {@code courses/<id>/course.yaml} with its lessons. */
public record CourseDefinition(String id, String title, Tier tier, String summary, Audience audience,
                               List<String> prerequisites, double creditHours, int passMark,
                               boolean postEntryCertificate, QuizSpec finalAssessment, List<Module> modules) {

  public CourseDefinition {
    prerequisites = List.copyOf(prerequisites);
    modules = List.copyOf(modules);
  }

  /** A module: a titled run of lessons, closed by a quiz. */
  public record Module(String id, String title, List<Lesson> lessons) {
    public Module {
      lessons = List.copyOf(lessons);
    }
  }

  /**
   * A lesson. {@code body} is the Markdown of a reading; {@code caseId} the case of a case
   * reading; {@code url} the video address; {@code quiz} what a quiz draws.
   */
  public record Lesson(String id, String title, LessonKind kind, String body, String caseId, String url,
                       int minutes, QuizSpec quiz) {
  }

  public int lessonCount() {
    return modules.stream().mapToInt(m -> m.lessons().size()).sum();
  }
}
