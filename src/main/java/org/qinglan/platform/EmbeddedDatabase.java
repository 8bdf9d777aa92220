package org.qinglan.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that the program starts and stops itself, for machines where none is
 * configured. Its data lives in the given directory and survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final DatabaseTarget target;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
    this.postgres = postgres;
    this.target = new DatabaseTarget("localhost", postgres.getPort(), database, "postgres", null);
  }

  /**
   * Starts (initialising on first use) the server in {@code dataDirectory} and ensures
   * {@code database} exists.
   *
   * @param durable keep PostgreSQL's crash safety (fsync, synchronous commit), which the
   *                embedded library turns off by default; only throwaway test servers pass false
   */
  public static EmbeddedDatabase start(Path dataDirectory, String database, boolean durable) throws IOException {
    Files.createDirectories(dataDirectory);
    log.info("Starting embedded PostgreSQL in {}", dataDirectory.toAbsolutePath());
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(true)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200");
    if (durable) {
      // Later -c options win over the library's -F (fsync off).
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
    }
    EmbeddedPostgres postgres = builder.start();
    EmbeddedDatabase db = new EmbeddedDatabase(postgres, database);
    db.createDatabaseIfMissing(database);
    return db;
  }

  public DatabaseTarget target() {
    return target;
  }

  private void createDatabaseIfMissing(String database) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, database);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = c.createStatement()) {
        // The name is ours (a constant or a generated test name), never user input.
        create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\" ENCODING 'UTF8'");
      }
    } catch (SQLException e) {
      throw new IOException("Could not create database " + database + " in the embedded server", e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
