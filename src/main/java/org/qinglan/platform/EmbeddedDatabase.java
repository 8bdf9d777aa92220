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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    stopOrphan(dataDirectory);
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

  /**
   * Stops a server left running in {@code dataDirectory} by a node that was killed (SIGKILL
   * skips the shutdown hook that stops it). Without this the new server cannot start beside it,
   * and the start gives up after its wait. The server is recognised by PostgreSQL's own lock
   * file: a live postgres process of this very data directory. It is stopped with a fast
   * shutdown (its clients died with the node), through its own pg_ctl when there is one.
   */
  static void stopOrphan(Path dataDirectory) throws IOException {
    Path lockFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(lockFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(lockFile);
    if (lines.size() < 2) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty() || !isPostgresOf(process.get(), lines.get(1).strip(), dataDirectory)) {
      return; // a stale lock file: PostgreSQL itself deals with it
    }
    log.warn("Embedded PostgreSQL (pid {}) of {} is still running, left by a node that did not stop; stopping it",
        pid, dataDirectory.toAbsolutePath());
    ProcessHandle postgres = process.get();
    Optional<Path> pgCtl = postgres.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"))
        .filter(Files::isExecutable);
    if (pgCtl.isPresent()) {
      try {
        Process stop = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", dataDirectory.toString(),
            "-m", "fast", "-w", "-t", "60").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        stop.waitFor(90, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while stopping the orphaned embedded PostgreSQL", e);
      }
    }
    if (postgres.isAlive()) {
      postgres.destroy(); // SIGTERM: a smart shutdown, enough once no client is left
    }
    try {
      postgres.onExit().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the orphaned embedded PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("The orphaned embedded PostgreSQL (pid " + pid + ") of " + dataDirectory.toAbsolutePath()
          + " did not stop; stop it and start again", e);
    }
  }

  /** Whether the process is a postgres server and the lock file's data directory is ours. */
  private static boolean isPostgresOf(ProcessHandle process, String lockedDirectory, Path dataDirectory)
      throws IOException {
    String command = process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("");
    if (!command.equals("postgres")) {
      return false;
    }
    try {
      return Files.isSameFile(Path.of(lockedDirectory), dataDirectory);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return false;
    }
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
