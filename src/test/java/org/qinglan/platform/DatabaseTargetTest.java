package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

  @Test
  void urlWinsOverLibpqVariables() {
    DatabaseTarget t = DatabaseTarget.fromEnvironment(Map.of(
        "QINGLAN_DATABASE_URL", "postgresql://app:s%40cret@db.internal:6543/qinglan",
        "PGHOST", "elsewhere")).orElseThrow();
    assertEquals(new DatabaseTarget("db.internal", 6543, "qinglan", "app", "s@cret"), t);
  }

  @Test
  void libpqVariablesWithLibpqDefaults() {
    DatabaseTarget t = DatabaseTarget.fromEnvironment(Map.of("PGHOST", "127.0.0.1", "PGUSER", "postgres")).orElseThrow();
    assertEquals("127.0.0.1", t.host());
    assertEquals(5432, t.port());
    assertEquals("postgres", t.database(), "database defaults to the user name, as in libpq");
    assertNull(t.password());
  }

  @Test
  void nothingConfiguredMeansEmbedded() {
    assertTrue(DatabaseTarget.fromEnvironment(Map.of("HOME", "/root")).isEmpty());
  }

  @Test
  void urlWithoutPortOrPassword() {
    DatabaseTarget t = DatabaseTarget.parseUrl("postgres://qinglan@localhost/training");
    assertEquals(5432, t.port());
    assertEquals("qinglan", t.user());
    assertEquals("training", t.database());
    assertNull(t.password());
  }

  @Test
  void otherSchemesAreRefusedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatabaseTarget.parseUrl("mysql://root@localhost/db"));
    assertTrue(e.getMessage().contains("postgresql://"));
  }

  @Test
  void describeNeverShowsThePassword() {
    DatabaseTarget t = new DatabaseTarget("h", 5432, "d", "u", "topsecret");
    assertEquals("postgresql://u@h:5432/d", t.describe());
  }
}
