package org.qinglan.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglan.people.Qualification;

/** Whether a worker may enrol in a course, and if not, why (in Chinese, for the catalogue). */
public final class Eligibility {

  /** What the rules need to know about the worker; null profile fields mean "not a worker". */
  public record Learner(String postCategory, Integer grade, Qualification qualification, boolean secretaryOrDirector,
                        Set<String> completedCourses) {
  }

  private static final Map<String, String> POSTS = Map.of("HEAD", "正职", "DEPUTY", "副职", "OTHER", "其他");

  private Eligibility() {
  }

  /** The reasons the learner cannot enrol; empty when they can. */
  public static List<String> reasons(CourseDefinition course, Learner l, Map<String, String> courseTitles) {
    List<String> out = audienceReasons(course.audience(), l);
    for (String p : course.prerequisites()) {
      if (!l.completedCourses().contains(p)) {
        out.add("需先完成《" + courseTitles.getOrDefault(p, p) + "》");
      }
    }
    return out;
  }

  /** Whether the audience rules admit the learner (prerequisites aside): who an audience-only assignment reaches. */
  public static boolean admits(Audience audience, Learner l) {
    return audienceReasons(audience, l).isEmpty();
  }

  /**
   * Why the audience rules turn the learner away (prerequisites aside), in Chinese; empty when
   * they admit them. Competitions read their entrants' post, grade and qualification by the same rules.
   */
  public static List<String> audienceReasons(Audience a, Learner l) {
    List<String> out = new ArrayList<>();
    if (!a.postCategories().isEmpty() && (l.postCategory() == null || !a.postCategories().contains(l.postCategory()))) {
      List<String> names = List.of("HEAD", "DEPUTY", "OTHER").stream().filter(a.postCategories()::contains)
          .map(POSTS::get).toList();
      out.add("面向" + String.join("、", names) + "岗位");
    }
    if ((a.gradeMin() != null || a.gradeMax() != null)
        && (l.grade() == null || (a.gradeMin() != null && l.grade() < a.gradeMin())
        || (a.gradeMax() != null && l.grade() > a.gradeMax()))) {
      out.add("面向岗位等级 " + (a.gradeMin() == null ? 1 : a.gradeMin()) + "–" + (a.gradeMax() == null ? 18 : a.gradeMax())
          + " 级");
    }
    if (!a.qualifications().isEmpty()
        && !a.qualifications().contains(l.qualification() == null ? Qualification.NONE : l.qualification())) {
      List<String> names = a.qualifications().stream().sorted().map(q -> q == Qualification.NONE ? "尚无职业资格者" : q.label())
          .toList();
      out.add("面向" + String.join("、", names));
    }
    if (Boolean.TRUE.equals(a.secretaryOrDirector()) && !l.secretaryOrDirector()) {
      out.add("面向社区党组织书记、居委会主任");
    }
    return out;
  }
}
