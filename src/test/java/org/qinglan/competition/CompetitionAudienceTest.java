package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.CompetitionAudience.Contestant;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Qualification;

/** Who may enter: a course audience's rules (worded as for courses), and the audience's org units. */
class CompetitionAudienceTest {
  static final OrgUnit CITY = CompetitionPolicyTest.unit(null, OrgLevel.CITY, "云溪市");
  static final OrgUnit EAST = CompetitionPolicyTest.unit(CITY, OrgLevel.DISTRICT, "东湖区");
  static final OrgUnit WEST = CompetitionPolicyTest.unit(CITY, OrgLevel.DISTRICT, "西岭区");
  static final OrgUnit EAST_STREET = CompetitionPolicyTest.unit(EAST, OrgLevel.STREET, "望江街道");
  static final OrgUnit WEST_STREET = CompetitionPolicyTest.unit(WEST, OrgLevel.STREET, "桂园街道");
  static final Map<UUID, OrgUnit> UNITS = Map.of(EAST.id(), EAST, WEST.id(), WEST, EAST_STREET.id(), EAST_STREET);

  static Contestant worker(String post, int grade, Qualification q, OrgUnit unit) {
    return new Contestant(post, grade, q, unit);
  }

  @Test
  void anyoneAdmitsEveryWorker() {
    assertEquals(List.of(), CompetitionAudience.anyone().reasons(worker("OTHER", 1, Qualification.NONE, WEST_STREET),
        UNITS));
  }

  @Test
  void theCourseRulesGiveTheirReasonsInTheirWords() {
    CompetitionAudience a = new CompetitionAudience(Set.of("HEAD", "DEPUTY"), 5, 12,
        Set.of(Qualification.ASSISTANT, Qualification.INTERMEDIATE), Set.of());
    assertEquals(List.of(), a.reasons(worker("HEAD", 8, Qualification.ASSISTANT, EAST_STREET), UNITS));
    assertEquals(List.of("面向正职、副职岗位", "面向岗位等级 5–12 级", "面向助理社会工作师、社会工作师"),
        a.reasons(worker("OTHER", 3, Qualification.NONE, EAST_STREET), UNITS));
    assertEquals(List.of("面向正职、副职岗位", "面向岗位等级 5–12 级", "面向助理社会工作师、社会工作师"),
        a.reasons(new Contestant(null, null, null, EAST_STREET), UNITS), "someone without a worker profile");
  }

  @Test
  void theAudiencesUnitsAdmitTheirWorkersAndThoseBelow() {
    CompetitionAudience a = new CompetitionAudience(Set.of(), null, null, Set.of(), Set.of(EAST.id()));
    assertEquals(List.of(), a.reasons(worker("OTHER", 2, Qualification.NONE, EAST_STREET), UNITS));
    assertEquals(List.of(), a.reasons(worker("OTHER", 2, Qualification.NONE, EAST), UNITS));
    assertEquals(List.of("面向东湖区的社区工作者"), a.reasons(worker("OTHER", 2, Qualification.NONE, WEST_STREET), UNITS));
    CompetitionAudience two = new CompetitionAudience(Set.of(), null, null, Set.of(), Set.of(EAST_STREET.id(), WEST.id()));
    assertEquals(List.of(), two.reasons(worker("OTHER", 2, Qualification.NONE, WEST_STREET), UNITS));
    assertEquals(List.of("面向望江街道、西岭区的社区工作者"), two.reasons(worker("OTHER", 2, Qualification.NONE, EAST),
        UNITS));
  }

  @Test
  void problemsNameTheField() {
    assertEquals(List.of("audience.postCategories：没有岗位类别“CHIEF”"),
        new CompetitionAudience(Set.of("CHIEF"), null, null, Set.of(), Set.of()).problems(Set.of("HEAD", "OTHER")));
    assertEquals(List.of("audience.gradeMax：最高等级（3 级）不能低于最低等级（5 级）"),
        new CompetitionAudience(Set.of(), 5, 3, Set.of(), Set.of()).problems(Set.of()));
    assertEquals(List.of("audience.gradeMin：岗位等级须为正整数"),
        new CompetitionAudience(Set.of(), 0, 3, Set.of(), Set.of()).problems(Set.of()));
  }

  @Test
  void theStatementSaysWhoMayEnter() {
    assertEquals("本单位及下级单位的全体社区工作者", CompetitionAudience.anyone().statement(UNITS, Map.of()));
    CompetitionAudience a = new CompetitionAudience(Set.of("HEAD"), null, 12, Set.of(Qualification.NONE),
        Set.of(EAST.id()));
    assertEquals("东湖区的社区工作者；正职岗位；岗位等级 1–12 级；尚无职业资格者", a.statement(UNITS, Map.of("HEAD", "正职")));
  }
}
