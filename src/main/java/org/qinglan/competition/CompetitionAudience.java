package org.qinglan.competition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.course.Audience;
import org.qinglan.course.Eligibility;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Qualification;

/**
 * Who may enter a competition: the same rules as a course's audience (post category, grade range,
 * qualification; {@link Eligibility} words them), and the org units whose workers it is for. An
 * empty set or a null bound sets no limit on that point.
 *
 * @param postCategories post category codes (HEAD, DEPUTY, OTHER)
 * @param orgUnitIds     the units whose workers (and those of the units below) may enter
 */
public record CompetitionAudience(Set<String> postCategories, Integer gradeMin, Integer gradeMax,
                                  Set<Qualification> qualifications, Set<UUID> orgUnitIds) {

  public CompetitionAudience {
    postCategories = postCategories == null ? Set.of() : Set.copyOf(postCategories);
    qualifications = qualifications == null ? Set.of() : Set.copyOf(qualifications);
    orgUnitIds = orgUnitIds == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(orgUnitIds));
  }

  public static CompetitionAudience anyone() {
    return new CompetitionAudience(Set.of(), null, null, Set.of(), Set.of());
  }

  /**
   * What the rules look at in a contestant: their worker profile (null fields for someone without
   * one) and their unit.
   */
  public record Contestant(String postCategory, Integer grade, Qualification qualification, OrgUnit unit) {
  }

  /** The audience as a course's, for {@link Eligibility}'s rules (no secretary-or-director rule). */
  public Audience asCourseAudience() {
    return new Audience(postCategories, gradeMin, gradeMax, qualifications, null);
  }

  /**
   * Why the contestant may not enter, in Chinese; empty when the audience admits them.
   *
   * @param units the audience's units by id (their names for the reason, their paths for the rule)
   */
  public List<String> reasons(Contestant c, Map<UUID, OrgUnit> units) {
    List<String> out = new ArrayList<>(Eligibility.audienceReasons(asCourseAudience(),
        new Eligibility.Learner(c.postCategory(), c.grade(), c.qualification(), false, Set.of())));
    if (!orgUnitIds.isEmpty()) {
      boolean inside = orgUnitIds.stream().map(units::get).anyMatch(u -> u != null && u.contains(c.unit()));
      if (!inside) {
        out.add("面向" + names(units) + "的社区工作者");
      }
    }
    return out;
  }

  /** What is wrong with the audience, each with the field it concerns; empty when it can be used. */
  public List<String> problems(Collection<String> knownPostCategories) {
    List<String> out = new ArrayList<>();
    for (String p : postCategories) {
      if (!knownPostCategories.contains(p)) {
        out.add("audience.postCategories：没有岗位类别“" + p + "”");
      }
    }
    if (gradeMin != null && gradeMin < 1 || gradeMax != null && gradeMax < 1) {
      out.add("audience.gradeMin：岗位等级须为正整数");
    } else if (gradeMin != null && gradeMax != null && gradeMin > gradeMax) {
      out.add("audience.gradeMax：最高等级（" + gradeMax + " 级）不能低于最低等级（" + gradeMin + " 级）");
    }
    return out;
  }

  /** The audience in Chinese, for the rules of a competition's page. */
  public String statement(Map<UUID, OrgUnit> units, Map<String, String> postNames) {
    List<String> parts = new ArrayList<>();
    if (!orgUnitIds.isEmpty()) {
      parts.add(names(units) + "的社区工作者");
    }
    if (!postCategories.isEmpty()) {
      parts.add(String.join("、", List.of("HEAD", "DEPUTY", "OTHER").stream().filter(postCategories::contains)
          .map(p -> postNames.getOrDefault(p, p)).toList()) + "岗位");
    }
    if (gradeMin != null || gradeMax != null) {
      parts.add("岗位等级 " + (gradeMin == null ? 1 : gradeMin) + "–" + (gradeMax == null ? 18 : gradeMax) + " 级");
    }
    if (!qualifications.isEmpty()) {
      parts.add(String.join("、", qualifications.stream().sorted()
          .map(q -> q == Qualification.NONE ? "尚无职业资格者" : q.label()).toList()));
    }
    return parts.isEmpty() ? "本单位及下级单位的全体社区工作者" : String.join("；", parts);
  }

  private String names(Map<UUID, OrgUnit> units) {
    return String.join("、", orgUnitIds.stream().map(units::get).filter(u -> u != null).map(OrgUnit::name)
        .sorted().toList());
  }
}
