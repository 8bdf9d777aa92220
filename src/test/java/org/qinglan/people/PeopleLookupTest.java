package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TestApp;

/** What other features ask people for, in batches: units by id, their names and ancestors, scopes, display names. */
class PeopleLookupTest {
  static TestApp app;
  static OrgUnitService orgUnits;
  static AccountService accounts;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    orgUnits = new OrgUnitService(app.app().pool(), new OrgUnitStore());
    accounts = new AccountService(app.app().pool(), new AccountStore(), orgUnits,
        new org.qinglan.web.Sessions(app.app().pool()));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void aUnitsAncestorsFromTheTopDown() throws Exception {
    List<OrgUnit> chain = await(orgUnits.withAncestors(unitId("江畔社区")));
    assertEquals(List.of(OrgLevel.values()), chain.stream().map(OrgUnit::level).toList());
    assertEquals(List.of("江东省", "云溪市", "东湖区"), chain.subList(0, 3).stream().map(OrgUnit::name).toList());
    assertEquals("江畔社区", chain.get(4).name());
    assertEquals(List.of(), await(orgUnits.withAncestors(UUID.randomUUID())));
  }

  @Test
  void namesOfManyUnitsInOneCall() throws Exception {
    UUID city = unitId("云溪市");
    UUID district = unitId("东湖区");
    Map<UUID, String> names = await(orgUnits.names(Arrays.asList(city, district, null, UUID.randomUUID(), city)));
    assertEquals(Map.of(city, "云溪市", district, "东湖区"), names);
    assertEquals(Map.of(), await(orgUnits.names(List.of())));
  }

  @Test
  void theIdsInAnOrganisersScopeAreTheirDistrictAndBelow() throws Exception {
    Account organiser = await(accounts.accountOf(accountId("organiser")));
    List<UUID> ids = await(orgUnits.idsWithin(organiser));
    assertTrue(ids.contains(unitId("东湖区")));
    assertTrue(ids.contains(unitId("江畔社区")));
    assertTrue(!ids.contains(unitId("云溪市")) && !ids.contains(unitId("西岭区")), "not above, not a sibling");
  }

  @Test
  void displayNamesOfManyAccountsInOneCall() throws Exception {
    UUID organiser = accountId("organiser");
    UUID trainer = accountId("trainer");
    assertEquals(Map.of(organiser, "周敏", trainer, "陈静"),
        await(accounts.displayNames(Arrays.asList(organiser, trainer, null, UUID.randomUUID()))));
  }

  @Test
  void aDisabledAccountOpensNoSession() throws Exception {
    UUID judge = accountId("judge");
    assertEquals("吴建华", await(accounts.accountOf(judge)).displayName());
    app.update("UPDATE account SET active = false WHERE id = ?", judge);
    assertNull(await(accounts.accountOf(judge)));
    app.update("UPDATE account SET active = true WHERE id = ?", judge);
  }

  private static UUID unitId(String name) throws Exception {
    return (UUID) app.one("SELECT id FROM org_unit WHERE name = ?", name);
  }

  private static UUID accountId(String username) throws Exception {
    return (UUID) app.one("SELECT id FROM account WHERE username = ?", username);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
