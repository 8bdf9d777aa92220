package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Account;
import org.qinglan.people.OrgLevel;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.Role;

/**
 * Who may do what with a case, as a table: every role, acting from a district, on a case of its
 * own district, of a street below it, of the city above it, of a sibling district, or of no unit.
 */
class CasePolicyTest {
  static final OrgUnit PROVINCE = unit(null, OrgLevel.PROVINCE, "江东省");
  static final OrgUnit CITY = unit(PROVINCE, OrgLevel.CITY, "云溪市");
  static final OrgUnit DISTRICT = unit(CITY, OrgLevel.DISTRICT, "东湖区");
  static final OrgUnit SIBLING = unit(CITY, OrgLevel.DISTRICT, "西岭区");
  static final OrgUnit STREET = unit(DISTRICT, OrgLevel.STREET, "湖滨街道");
  static final Map<String, OrgUnit> SCOPES = new LinkedHashMap<>();

  static {
    SCOPES.put("own", DISTRICT);
    SCOPES.put("below", STREET);
    SCOPES.put("above", CITY);
    SCOPES.put("sibling", SIBLING);
    SCOPES.put("none", null);
  }

  /** An action asked of the policy, by someone who is or is not the author, of a case live or not. */
  record Action(String name, BiPredicate<Account, OrgUnit> allowed) {
  }

  static final UUID SOMEONE_ELSE = UUID.randomUUID();

  static List<Action> actions() {
    List<Action> out = new ArrayList<>();
    out.add(new Action("write", (a, u) -> CasePolicy.mayWrite(a)));
    out.add(new Action("reviewAny", (a, u) -> CasePolicy.mayReviewAny(a)));
    out.add(new Action("review", (a, u) -> CasePolicy.mayReview(a, other(u, false))));
    out.add(new Action("retract", (a, u) -> CasePolicy.mayRetract(a, other(u, true))));
    out.add(new Action("seeDraft", (a, u) -> CasePolicy.maySee(a, other(u, false))));
    out.add(new Action("seeLive", (a, u) -> CasePolicy.maySee(a, other(u, true))));
    out.add(new Action("historyDraft", (a, u) -> CasePolicy.maySeeHistory(a, other(u, false))));
    out.add(new Action("historyLive", (a, u) -> CasePolicy.maySeeHistory(a, other(u, true))));
    out.add(new Action("editOwn", (a, u) -> CasePolicy.mayEdit(a, own(a, u)) && CasePolicy.maySubmit(a, own(a, u))));
    out.add(new Action("editOthers", (a, u) -> CasePolicy.mayEdit(a, other(u, false))
        || CasePolicy.maySubmit(a, other(u, false))));
    out.add(new Action("openEditorOwn", (a, u) -> CasePolicy.mayOpenEditor(a, own(a, u))));
    out.add(new Action("openEditorOthers", (a, u) -> CasePolicy.mayOpenEditor(a, other(u, false))));
    return out;
  }

  /**
   * role, the case's unit as seen from the actor's district, then one column per action in the
   * order of {@link #actions()}: Y allowed, - refused.
   */
  static final String TABLE = """
      role      scope   write reviewAny review retract seeDraft seeLive historyDraft historyLive editOwn editOthers openEditorOwn openEditorOthers
      WORKER    own     -     -         -      -       -        Y       -            -           -       -          Y             -
      WORKER    below   -     -         -      -       -        Y       -            -           -       -          Y             -
      WORKER    above   -     -         -      -       -        Y       -            -           -       -          Y             -
      WORKER    sibling -     -         -      -       -        Y       -            -           -       -          Y             -
      WORKER    none    -     -         -      -       -        Y       -            -           -       -          Y             -
      MENTOR    own     -     -         -      -       -        Y       -            -           -       -          Y             -
      MENTOR    below   -     -         -      -       -        Y       -            -           -       -          Y             -
      MENTOR    above   -     -         -      -       -        Y       -            -           -       -          Y             -
      MENTOR    sibling -     -         -      -       -        Y       -            -           -       -          Y             -
      MENTOR    none    -     -         -      -       -        Y       -            -           -       -          Y             -
      JUDGE     own     -     -         -      -       -        Y       -            -           -       -          Y             -
      JUDGE     below   -     -         -      -       -        Y       -            -           -       -          Y             -
      JUDGE     above   -     -         -      -       -        Y       -            -           -       -          Y             -
      JUDGE     sibling -     -         -      -       -        Y       -            -           -       -          Y             -
      JUDGE     none    -     -         -      -       -        Y       -            -           -       -          Y             -
      TRAINER   own     Y     -         -      -       -        Y       -            Y           Y       -          Y             -
      TRAINER   below   Y     -         -      -       -        Y       -            Y           Y       -          Y             -
      TRAINER   above   Y     -         -      -       -        Y       -            Y           Y       -          Y             -
      TRAINER   sibling Y     -         -      -       -        Y       -            Y           Y       -          Y             -
      TRAINER   none    Y     -         -      -       -        Y       -            Y           Y       -          Y             -
      ORGANISER own     -     Y         Y      Y       Y        Y       Y            Y           -       -          Y             -
      ORGANISER below   -     Y         Y      Y       Y        Y       Y            Y           -       -          Y             -
      ORGANISER above   -     Y         -      -       -        Y       -            Y           -       -          Y             -
      ORGANISER sibling -     Y         -      -       -        Y       -            Y           -       -          Y             -
      ORGANISER none    -     Y         -      -       -        Y       -            Y           -       -          Y             -
      ADMIN     own     Y     Y         Y      Y       Y        Y       Y            Y           Y       -          Y             -
      ADMIN     below   Y     Y         Y      Y       Y        Y       Y            Y           Y       -          Y             -
      ADMIN     above   Y     Y         Y      Y       Y        Y       Y            Y           Y       -          Y             -
      ADMIN     sibling Y     Y         Y      Y       Y        Y       Y            Y           Y       -          Y             -
      ADMIN     none    Y     Y         Y      Y       Y        Y       Y            Y           Y       -          Y             -
      """;

  @Test
  void everyRoleScopeAndActionIsAsTheTableSays() {
    List<Action> actions = actions();
    List<String> lines = TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<String> header = List.of(lines.get(0).split("\\s+"));
    assertEquals(actions.stream().map(Action::name).toList(), header.subList(2, header.size()), "the table's columns");
    List<String> wrong = new ArrayList<>();
    int rows = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\s+");
      Account actor = actor(Role.valueOf(cells[0]));
      OrgUnit caseUnit = SCOPES.get(cells[1]);
      for (int i = 0; i < actions.size(); i++) {
        boolean expected = cells[i + 2].equals("Y");
        if (actions.get(i).allowed().test(actor, caseUnit) != expected) {
          wrong.add(cells[0] + " " + cells[1] + " " + actions.get(i).name() + ": expected " + expected);
        }
      }
      rows++;
    }
    assertEquals(Role.values().length * SCOPES.size(), rows, "every role in every scope");
    assertEquals(List.of(), wrong);
  }

  static Account actor(Role role) {
    return new Account(UUID.randomUUID(), role.name().toLowerCase(), null, role.label(), Set.of(role), DISTRICT, false,
        true);
  }

  static CasePolicy.Subject own(Account author, OrgUnit unit) {
    return new CasePolicy.Subject(author.id(), unit, false);
  }

  static CasePolicy.Subject other(OrgUnit unit, boolean live) {
    return new CasePolicy.Subject(SOMEONE_ELSE, unit, live);
  }

  static OrgUnit unit(OrgUnit parent, OrgLevel level, String name) {
    UUID id = UUID.randomUUID();
    return new OrgUnit(id, parent == null ? null : parent.id(), level, name,
        (parent == null ? "/" : parent.path()) + id + "/");
  }
}
