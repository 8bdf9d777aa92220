package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;

/** District and street teams are worked out from the contestant's unit and those above it. */
class TeamBasisTest {
  static final OrgUnit PROVINCE = CompetitionPolicyTest.unit(null, OrgLevel.PROVINCE, "江东省");
  static final OrgUnit CITY = CompetitionPolicyTest.unit(PROVINCE, OrgLevel.CITY, "云溪市");
  static final OrgUnit DISTRICT = CompetitionPolicyTest.unit(CITY, OrgLevel.DISTRICT, "东湖区");
  static final OrgUnit STREET = CompetitionPolicyTest.unit(DISTRICT, OrgLevel.STREET, "望江街道");
  static final OrgUnit COMMUNITY = CompetitionPolicyTest.unit(STREET, OrgLevel.COMMUNITY, "江畔社区");

  @Test
  void aCommunityWorkerIsInTheTeamOfTheirDistrictOrStreet() {
    List<OrgUnit> chain = List.of(PROVINCE, CITY, DISTRICT, STREET, COMMUNITY);
    assertEquals(DISTRICT.id(), TeamBasis.DISTRICT.teamOf(chain));
    assertEquals(STREET.id(), TeamBasis.STREET.teamOf(chain));
    assertEquals(STREET.id(), TeamBasis.STREET.teamOf(List.of(COMMUNITY, STREET, PROVINCE, DISTRICT, CITY)),
        "the order of the units does not matter");
  }

  @Test
  void aContestantAboveTheLevelHasNoTeam() {
    assertNull(TeamBasis.STREET.teamOf(List.of(PROVINCE, CITY, DISTRICT)), "a worker of the district itself");
    assertEquals(DISTRICT.id(), TeamBasis.DISTRICT.teamOf(List.of(PROVINCE, CITY, DISTRICT)));
    assertNull(TeamBasis.DISTRICT.teamOf(List.of()));
  }

  @Test
  void customAndNoTeamsAreNotDerived() {
    List<OrgUnit> chain = List.of(PROVINCE, CITY, DISTRICT, STREET, COMMUNITY);
    assertNull(TeamBasis.NONE.teamOf(chain));
    assertNull(TeamBasis.CUSTOM.teamOf(chain));
    assertFalse(TeamBasis.CUSTOM.derived());
    assertTrue(TeamBasis.CUSTOM.hasTeams());
    assertFalse(TeamBasis.NONE.hasTeams());
    assertTrue(TeamBasis.STREET.derived());
  }
}
