package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TestApp;

/** The accounts people hands to the web layer for a session. */
class PeopleLookupTest {
  static TestApp app;
  static AccountService accounts;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
    accounts = new AccountService(app.app().pool(), new AccountStore(),
        new OrgUnitService(app.app().pool(), new OrgUnitStore()),
        new org.qinglan.web.Sessions(app.app().pool()));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void aDisabledAccountOpensNoSession() throws Exception {
    UUID judge = accountId("judge");
    assertEquals("吴建华", await(accounts.accountOf(judge)).displayName());
    app.update("UPDATE account SET active = false WHERE id = ?", judge);
    assertNull(await(accounts.accountOf(judge)));
    app.update("UPDATE account SET active = true WHERE id = ?", judge);
  }

  private static UUID accountId(String username) throws Exception {
    return (UUID) app.one("SELECT id FROM account WHERE username = ?", username);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
