package org.qinglan.exam;

import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Account;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * A small org tree for the policy tables: a district with two streets, and a community under the
 * first. The account under test sits in {@link #STREET}; the scopes are seen from there.
 */
public final class PolicyFixtures {
  public static final OrgUnit DISTRICT = unit(null, OrgLevel.DISTRICT, "东城区");
  public static final OrgUnit STREET = unit(DISTRICT, OrgLevel.STREET, "和平街道");
  public static final OrgUnit SIBLING_STREET = unit(DISTRICT, OrgLevel.STREET, "安定街道");
  public static final OrgUnit COMMUNITY = unit(STREET, OrgLevel.COMMUNITY, "和平里社区");

  /** Where a category (or anything else owned by a unit) sits, seen from the account's unit. */
  public enum Scope {
    OWN_UNIT(STREET), UNIT_BELOW(COMMUNITY), UNIT_ABOVE(DISTRICT), SIBLING_UNIT(SIBLING_STREET), SHIPPED(null);

    public final OrgUnit unit;

    Scope(OrgUnit unit) {
      this.unit = unit;
    }
  }

  private PolicyFixtures() {
  }

  public static Account account(Role role) {
    return new Account(UUID.randomUUID(), role.name().toLowerCase(), "13800000000", role.label(), Set.of(role), STREET,
        false, true);
  }

  private static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }
}
