package org.qinglan.competition;

import java.util.List;
import java.util.UUID;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;

/**
 * How a competition's contestants form teams. District and street teams are worked out from the
 * contestant's unit when they register: the team is the district (or street) their unit lies in,
 * its key that unit's id. Custom teams are lists the organisers keep.
 */
public enum TeamBasis {
  NONE("不设团体", null),
  DISTRICT("按区/县组队", OrgLevel.DISTRICT),
  STREET("按街道/乡镇组队", OrgLevel.STREET),
  CUSTOM("自定义队伍", null);

  private final String label;
  private final OrgLevel level;

  TeamBasis(String label, OrgLevel level) {
    this.label = label;
    this.level = level;
  }

  public String label() {
    return label;
  }

  /** Whether the teams are worked out from the contestants' units. */
  public boolean derived() {
    return level != null;
  }

  /** Whether the competition has teams at all. */
  public boolean hasTeams() {
    return this != NONE;
  }

  /**
   * The team of a contestant whose unit is the last of {@code unitAndAbove} (the units from the
   * top down to it, in any order): the unit of this basis's level among them, or null when there
   * is none (a contestant whose unit is above the streets has no street team) or the teams are
   * not derived.
   */
  public UUID teamOf(List<OrgUnit> unitAndAbove) {
    if (level == null) {
      return null;
    }
    for (OrgUnit u : unitAndAbove) {
      if (u != null && u.level() == level) {
        return u.id();
      }
    }
    return null;
  }
}
