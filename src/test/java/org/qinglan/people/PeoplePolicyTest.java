package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinglan.people.PeoplePolicy.Action;

/** Who may do what with accounts, org units and workers: role x org-unit scope x action, as a table. */
class PeoplePolicyTest {
  private static final OrgUnit CITY = unit(null, OrgLevel.CITY, "云溪市");
  /** The actor's own unit. */
  private static final OrgUnit DISTRICT = unit(CITY, OrgLevel.DISTRICT, "东湖区");
  private static final OrgUnit SIBLING = unit(CITY, OrgLevel.DISTRICT, "西山区");
  private static final OrgUnit STREET = unit(DISTRICT, OrgLevel.STREET, "江畔街道");

  /** Where the target lies, seen from the actor's unit. */
  private static final Map<String, OrgUnit> SCOPES = Map.of("own", DISTRICT, "below", STREET, "above", CITY,
      "sibling", SIBLING);

  /**
   * One row per role and action: may the actor act on something in its own unit, below it, above
   * it, in a sibling unit (Y/-). Admins act everywhere; organisers manage and see workers in their
   * scope; trainers see them (to assign courses); nobody else does anything here.
   */
  private static final String TABLE = """
      role       action          own below above sibling
      ADMIN      MANAGE_ACCOUNTS Y   Y     Y     Y
      ADMIN      RESET_PASSWORD  Y   Y     Y     Y
      ADMIN      EDIT_ORG_UNITS  Y   Y     Y     Y
      ADMIN      MANAGE_WORKERS  Y   Y     Y     Y
      ADMIN      VIEW_WORKERS    Y   Y     Y     Y
      ORGANISER  MANAGE_ACCOUNTS -   -     -     -
      ORGANISER  RESET_PASSWORD  -   -     -     -
      ORGANISER  EDIT_ORG_UNITS  -   -     -     -
      ORGANISER  MANAGE_WORKERS  Y   Y     -     -
      ORGANISER  VIEW_WORKERS    Y   Y     -     -
      TRAINER    MANAGE_ACCOUNTS -   -     -     -
      TRAINER    RESET_PASSWORD  -   -     -     -
      TRAINER    EDIT_ORG_UNITS  -   -     -     -
      TRAINER    MANAGE_WORKERS  -   -     -     -
      TRAINER    VIEW_WORKERS    Y   Y     -     -
      JUDGE      MANAGE_ACCOUNTS -   -     -     -
      JUDGE      RESET_PASSWORD  -   -     -     -
      JUDGE      EDIT_ORG_UNITS  -   -     -     -
      JUDGE      MANAGE_WORKERS  -   -     -     -
      JUDGE      VIEW_WORKERS    -   -     -     -
      MENTOR     MANAGE_ACCOUNTS -   -     -     -
      MENTOR     RESET_PASSWORD  -   -     -     -
      MENTOR     EDIT_ORG_UNITS  -   -     -     -
      MENTOR     MANAGE_WORKERS  -   -     -     -
      MENTOR     VIEW_WORKERS    -   -     -     -
      WORKER     MANAGE_ACCOUNTS -   -     -     -
      WORKER     RESET_PASSWORD  -   -     -     -
      WORKER     EDIT_ORG_UNITS  -   -     -     -
      WORKER     MANAGE_WORKERS  -   -     -     -
      WORKER     VIEW_WORKERS    -   -     -     -
      """;

  @Test
  void everyRoleActionAndScopeAsTheTableSays() {
    List<String> lines = TABLE.strip().lines().toList();
    String[] scopes = lines.get(0).trim().split("\\s+");
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.trim().split("\\s+");
      Role role = Role.valueOf(cols[0]);
      Action action = Action.valueOf(cols[1]);
      for (int i = 2; i < cols.length; i++) {
        OrgUnit target = SCOPES.get(scopes[i]);
        boolean expected = cols[i].equals("Y");
        boolean actual = PeoplePolicy.may(actor(role, DISTRICT, true), action, target);
        cells++;
        if (actual != expected) {
          wrong.add(role + " " + action + " " + scopes[i] + ": expected " + expected + ", got " + actual);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(Role.values().length * Action.values().length * SCOPES.size(), cells, "the table covers every case");
  }

  @Test
  void anAdminWithoutAUnitActsEverywhere() {
    Account admin = actor(Role.ADMIN, null, true);
    for (Action action : Action.values()) {
      assertTrue(PeoplePolicy.may(admin, action, STREET), action.name());
      assertTrue(PeoplePolicy.may(admin, action, null), action.name());
    }
  }

  @Test
  void anOrganiserWithoutAUnitReachesNothing() {
    assertFalse(PeoplePolicy.may(actor(Role.ORGANISER, null, true), Action.VIEW_WORKERS, STREET));
    assertFalse(PeoplePolicy.may(actor(Role.ORGANISER, DISTRICT, true), Action.VIEW_WORKERS, null),
        "what belongs to no unit is beyond every unit's scope");
  }

  @Test
  void aDisabledAccountMayDoNothing() {
    for (Action action : Action.values()) {
      assertFalse(PeoplePolicy.may(actor(Role.ADMIN, DISTRICT, false), action, DISTRICT), action.name());
    }
    assertFalse(PeoplePolicy.may(null, Action.VIEW_WORKERS, DISTRICT));
  }

  private static Account actor(Role role, OrgUnit unit, boolean active) {
    return new Account(UUID.randomUUID(), role.name().toLowerCase(), null, role.label(), Set.of(role), unit, false,
        active);
  }

  private static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }
}
