package org.qinglan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.EmbeddedDatabase;

/**
 * Databases for tests, by the same rule as the program: a configured server
 * (QINGLAN_DATABASE_URL or the libpq variables) if there is one, else one embedded server for
 * the whole test run. Each caller gets a fresh, empty database of its own.
 */
public final class TestDatabases {
  private static DatabaseTarget server;

  private TestDatabases() {
  }

  private static synchronized DatabaseTarget server() throws IOException {
    if (server == null) {
      server = DatabaseTarget.fromEnvironment(System.getenv()).orElse(null);
      if (server == null) {
        Path dir = Files.createTempDirectory("qinglan-test-pg");
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dir, "postgres", false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          embedded.close();
          TempDirs.delete(dir);
        }));
        server = embedded.target();
      }
    }
    return server;
  }

  /** Creates a new empty database and returns where it is. */
  public static DatabaseTarget fresh() {
    try {
      DatabaseTarget admin = server();
      String name = "qinglan_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
          .toLowerCase(Locale.ROOT);
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
      }
      return admin.withDatabase(name);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot create a test database: " + e.getMessage(), e);
    }
  }

  /** Drops a database made by {@link #fresh()}, closing its remaining connections. */
  public static void drop(DatabaseTarget target) {
    try {
      DatabaseTarget admin = server();
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
           Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + target.database() + " WITH (FORCE)");
      }
    } catch (IOException | SQLException e) {
      // A leftover test database harms nothing; say so and go on.
      System.err.println("Could not drop test database " + target.database() + ": " + e.getMessage());
    }
  }
}
