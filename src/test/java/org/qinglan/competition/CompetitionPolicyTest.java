package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.qinglan.competition.CompetitionPolicy.Action;
import org.qinglan.people.Account;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what with a competition, as a table: a competition run by a district (东湖区), and
 * people by role and by where their unit sits: the running unit, the city above it, a sibling
 * district, a street below it, a community below it or under the sibling district, or no unit.
 */
class CompetitionPolicyTest {
  static final OrgUnit PROVINCE = unit(null, OrgLevel.PROVINCE, "江东省");
  static final OrgUnit CITY = unit(PROVINCE, OrgLevel.CITY, "云溪市");
  static final OrgUnit DISTRICT = unit(CITY, OrgLevel.DISTRICT, "东湖区");
  static final OrgUnit SIBLING = unit(CITY, OrgLevel.DISTRICT, "西岭区");
  static final OrgUnit STREET = unit(DISTRICT, OrgLevel.STREET, "望江街道");
  static final OrgUnit OTHER_STREET = unit(DISTRICT, OrgLevel.STREET, "柳营街道");
  static final OrgUnit COMMUNITY = unit(STREET, OrgLevel.COMMUNITY, "江畔社区");
  static final OrgUnit SIBLING_COMMUNITY = unit(unit(SIBLING, OrgLevel.STREET, "桂园街道"), OrgLevel.COMMUNITY, "桂园社区");
  /** Where each actor's unit sits, by the name the table uses. */
  static final Map<String, OrgUnit> PLACES = new LinkedHashMap<>();

  static {
    PLACES.put("running", DISTRICT);
    PLACES.put("above", CITY);
    PLACES.put("sibling", SIBLING);
    PLACES.put("street", STREET);
    PLACES.put("community", COMMUNITY);
    PLACES.put("elsewhere", SIBLING_COMMUNITY);
    PLACES.put("none", null);
  }

  /** A column of the table: what is asked of the policy about the competition run by {@link #DISTRICT}. */
  record Column(String name, Predicate<Account> allowed) {
  }

  static List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (Action action : Action.values()) {
      out.add(new Column(action.name(), a -> CompetitionPolicy.may(a, action, DISTRICT)));
    }
    // Nominating for a quota: the competition's NOMINATE, and the quota's unit in reach.
    out.add(new Column("quotaStreet", a -> CompetitionPolicy.may(a, Action.NOMINATE, DISTRICT)
        && CompetitionPolicy.mayNominateFor(a, STREET)));
    out.add(new Column("quotaOtherStreet", a -> CompetitionPolicy.may(a, Action.NOMINATE, DISTRICT)
        && CompetitionPolicy.mayNominateFor(a, OTHER_STREET)));
    out.add(new Column("quotaSibling", a -> CompetitionPolicy.may(a, Action.NOMINATE, DISTRICT)
        && CompetitionPolicy.mayNominateFor(a, SIBLING)));
    return out;
  }

  /**
   * role, where the actor's unit is, then one column per {@link #columns()}: Y allowed, - refused.
   * Organisers of the units below nominate for their own unit's quota (and those below it); the
   * organisers who manage the competition (its unit's and those above, admins everywhere) may
   * nominate for any lower unit's quota, so that a unit without organisers of its own is not left
   * out. Nobody enters a competition run by a unit that is not theirs or above theirs.
   */
  static final String TABLE = """
      role      place     SEE MANAGE WATCH NOMINATE ENTER quotaStreet quotaOtherStreet quotaSibling
      ORGANISER running   Y   Y      Y     Y        -     Y           Y                -
      ORGANISER above     Y   Y      Y     Y        -     Y           Y                Y
      ORGANISER sibling   -   -      -     -        -     -           -                -
      ORGANISER street    Y   -      -     Y        -     Y           -                -
      ORGANISER community Y   -      -     Y        -     -           -                -
      ORGANISER elsewhere -   -      -     -        -     -           -                -
      ORGANISER none      -   -      -     -        -     -           -                -
      WORKER    running   Y   -      -     -        Y     -           -                -
      WORKER    above     -   -      -     -        -     -           -                -
      WORKER    sibling   -   -      -     -        -     -           -                -
      WORKER    street    Y   -      -     -        Y     -           -                -
      WORKER    community Y   -      -     -        Y     -           -                -
      WORKER    elsewhere -   -      -     -        -     -           -                -
      WORKER    none      -   -      -     -        -     -           -                -
      MENTOR    running   Y   -      -     -        Y     -           -                -
      MENTOR    above     -   -      -     -        -     -           -                -
      MENTOR    sibling   -   -      -     -        -     -           -                -
      MENTOR    street    Y   -      -     -        Y     -           -                -
      MENTOR    community Y   -      -     -        Y     -           -                -
      MENTOR    elsewhere -   -      -     -        -     -           -                -
      MENTOR    none      -   -      -     -        -     -           -                -
      TRAINER   running   Y   -      -     -        -     -           -                -
      TRAINER   above     -   -      -     -        -     -           -                -
      TRAINER   sibling   -   -      -     -        -     -           -                -
      TRAINER   street    Y   -      -     -        -     -           -                -
      TRAINER   community Y   -      -     -        -     -           -                -
      TRAINER   elsewhere -   -      -     -        -     -           -                -
      TRAINER   none      -   -      -     -        -     -           -                -
      JUDGE     running   Y   -      -     -        -     -           -                -
      JUDGE     above     -   -      -     -        -     -           -                -
      JUDGE     sibling   -   -      -     -        -     -           -                -
      JUDGE     street    Y   -      -     -        -     -           -                -
      JUDGE     community Y   -      -     -        -     -           -                -
      JUDGE     elsewhere -   -      -     -        -     -           -                -
      JUDGE     none      -   -      -     -        -     -           -                -
      ADMIN     running   Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     above     Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     sibling   Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     street    Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     community Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     elsewhere Y   Y      Y     Y        -     Y           Y                Y
      ADMIN     none      Y   Y      Y     Y        -     Y           Y                Y
      """;

  @Test
  void everyRolePlaceAndActionIsAsTheTableSays() {
    List<Column> columns = columns();
    List<String> lines = TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<String> header = List.of(lines.get(0).split("\\s+"));
    assertEquals(columns.stream().map(Column::name).toList(), header.subList(2, header.size()), "the table's columns");
    List<String> wrong = new ArrayList<>();
    int rows = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\s+");
      assertEquals(header.size(), cells.length, line);
      Account actor = actor(Set.of(Role.valueOf(cells[0])), PLACES.get(cells[1]));
      for (int i = 0; i < columns.size(); i++) {
        boolean expected = cells[i + 2].equals("Y");
        if (columns.get(i).allowed().test(actor) != expected) {
          wrong.add(cells[0] + " " + cells[1] + " " + columns.get(i).name() + ": expected " + expected);
        }
      }
      rows++;
    }
    assertEquals(Role.values().length * PLACES.size(), rows, "every role in every place");
    assertEquals(List.of(), wrong);
  }

  @Test
  void aCompetitionWithoutAUnitIsNobodys() {
    for (Role role : Role.values()) {
      for (Action action : Action.values()) {
        assertEquals(false, CompetitionPolicy.may(actor(Set.of(role), DISTRICT), action, null), role + " " + action);
      }
    }
  }

  @Test
  void aWorkerWhoIsAlsoAnOrganiserEntersAndManagesAsEachRoleAllows() {
    Account both = actor(Set.of(Role.WORKER, Role.ORGANISER), DISTRICT);
    assertEquals(true, CompetitionPolicy.may(both, Action.ENTER, DISTRICT));
    assertEquals(true, CompetitionPolicy.may(both, Action.MANAGE, DISTRICT));
    assertEquals(false, CompetitionPolicy.may(both, Action.MANAGE, CITY), "a competition of the city above");
    assertEquals(true, CompetitionPolicy.may(both, Action.ENTER, CITY), "entered from below");
  }

  @Test
  void nobodyNominatesForAQuotaOfNoUnit() {
    assertEquals(false, CompetitionPolicy.mayNominateFor(actor(Set.of(Role.ADMIN), null), null));
  }

  static Account actor(Set<Role> roles, OrgUnit unit) {
    return new Account(UUID.randomUUID(), "someone", null, "某人", roles, unit, false, true);
  }

  static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }
}
