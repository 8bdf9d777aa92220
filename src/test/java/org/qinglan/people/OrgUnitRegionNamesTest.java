package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A unit's region name: the names from the top of the tree down to it, as the case library stores them. */
class OrgUnitRegionNamesTest {
  static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }

  @Test
  void eachUnitIsNamedFromTheTopDown() {
    OrgUnit province = unit(null, OrgLevel.PROVINCE, "江东省");
    OrgUnit city = unit(province, OrgLevel.CITY, "云溪市");
    OrgUnit district = unit(city, OrgLevel.DISTRICT, "东湖区");
    OrgUnit other = unit(city, OrgLevel.DISTRICT, "西岭区");
    Map<UUID, String> names = OrgUnitService.regionNames(List.of(other, district, city, province));
    assertEquals("江东省", names.get(province.id()));
    assertEquals("江东省/云溪市/东湖区", names.get(district.id()));
    assertEquals("江东省/云溪市/西岭区", names.get(other.id()));
    assertEquals(4, names.size());
  }

  @Test
  void aUnitKnowsItsOwnAndItsAncestorsIdsFromTheTopDown() {
    OrgUnit province = unit(null, OrgLevel.PROVINCE, "江东省");
    OrgUnit city = unit(province, OrgLevel.CITY, "云溪市");
    OrgUnit district = unit(city, OrgLevel.DISTRICT, "东湖区");
    assertEquals(List.of(province.id(), city.id(), district.id()), district.selfAndAncestorIds());
    assertEquals(List.of(province.id()), province.selfAndAncestorIds());
  }
}
