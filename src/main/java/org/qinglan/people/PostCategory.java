package org.qinglan.people;

/** A post category with its grade range (data from the post_category table). */
public record PostCategory(String code, String nameZh, int gradeMin, int gradeMax) {

  public boolean allows(int grade) {
    return grade >= gradeMin && grade <= gradeMax;
  }

  public String rangeText() {
    return gradeMin + "–" + gradeMax;
  }
}
