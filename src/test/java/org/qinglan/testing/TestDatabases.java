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
 * the whole test run. Each caller gets a database of its own: a fresh, empty one, or a copy of a
 * template ({@link DemoTemplate}).
 */
public final class TestDatabases {
  private static DatabaseTarget server;
  /** The embedded server's address when the tests run one, else null. */
  private static DatabaseTarget embeddedTarget;

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
        embeddedTarget = server;
      }
    }
    return server;
  }

  /** Creates a new empty database and returns where it is. */
  public static DatabaseTarget fresh() {
    return create("qinglan_test_", "ENCODING 'UTF8' TEMPLATE template0");
  }

  /**
   * Creates a new database as a copy of {@code template} (made with {@link #freezeAsTemplate}).
   * PostgreSQL copies the files, so this costs far less than migrating and filling a database.
   */
  public static DatabaseTarget cloneOf(DatabaseTarget template) {
    return create("qinglan_test_", "TEMPLATE " + template.database());
  }

  /** A new database holding the demo data and the shipped content (a copy of the JVM's {@link DemoTemplate}). */
  public static DatabaseTarget demoCopy() {
    return DemoTemplate.get().newDatabase();
  }

  /** A new empty database for a template; its name says what it is, should it be left behind. */
  static DatabaseTarget freshForTemplate() {
    return create("qinglan_tpl_", "ENCODING 'UTF8' TEMPLATE template0");
  }

  private static DatabaseTarget create(String prefix, String options) {
    try {
      DatabaseTarget admin = server();
      String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
          .toLowerCase(Locale.ROOT);
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " " + options);
      }
      return admin.withDatabase(name);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot create a test database: " + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code target} a template nobody can connect to any more: PostgreSQL refuses to copy a
   * database while anyone else is connected to it, and a late connection of a closed pool (or a
   * reconnecting listener) would make every later copy fail. Connections still open are ended.
   * With an external server, the template is dropped when the JVM exits.
   */
  static void freezeAsTemplate(DatabaseTarget target) {
    try {
      DatabaseTarget admin = server();
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
           Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + target.database() + " ALLOW_CONNECTIONS false");
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + target.database()
            + "' AND pid <> pg_backend_pid()");
      }
      if (admin != embeddedTarget) {
        // The embedded server's folder goes at exit anyway (and a second hook could race with its stop).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(target), "drop-test-template"));
      }
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot make " + target.database() + " a template: " + e.getMessage(), e);
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
