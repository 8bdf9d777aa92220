package org.qinglan.course;

import java.util.Set;
import org.qinglan.people.Qualification;

/**
 * Who a course is for; a null or empty field means "anyone".
 *
 * @param postCategories post category codes (HEAD, DEPUTY, OTHER)
 * @param secretaryOrDirector when true, only community party secretaries and committee directors
 */
public record Audience(Set<String> postCategories, Integer gradeMin, Integer gradeMax,
                       Set<Qualification> qualifications, Boolean secretaryOrDirector) {

  public static Audience anyone() {
    return new Audience(Set.of(), null, null, Set.of(), null);
  }
}
