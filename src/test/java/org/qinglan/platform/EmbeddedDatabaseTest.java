package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TempDirs;

class EmbeddedDatabaseTest {

  @Test
  void dataSurvivesARestart() throws Exception {
    Path dir = Files.createTempDirectory("qinglan-embedded");
    try {
      startStopAndRestart(dir);
    } finally {
      TempDirs.delete(dir);
    }
  }

  /**
   * A node killed with SIGKILL leaves its PostgreSQL running; the next start must stop (or take
   * over) that orphan instead of waiting for a server that cannot start beside it.
   */
  @Test
  void aServerOrphanedByAKilledNodeIsStoppedByTheNextStart() throws Exception {
    Path dir = Files.createTempDirectory("qinglan-embedded-orphan");
    try {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), OrphanedEmbeddedServer.class.getName(), dir.toString())
          .redirectErrorStream(true).start();
      int orphanPort;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
          // the child's log
        }
        assertTrue(line != null, "the child started its server");
        orphanPort = Integer.parseInt(line.substring("READY ".length()).trim());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + orphanPort + "/qinglan",
            "postgres", null); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE kept (note text)");
          s.execute("INSERT INTO kept VALUES ('孤儿')");
        }
        child.destroyForcibly().waitFor();
      }
      long orphanPid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
      assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false),
          "the server outlives the killed node");

      try (EmbeddedDatabase again = EmbeddedDatabase.start(dir, "qinglan", true);
           Connection c = connect(again.target()); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
        rs.next();
        assertEquals("孤儿", rs.getString(1), "the same data, served again");
      }
      assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan is gone");
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static void startStopAndRestart(Path dir) throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dir, "qinglan", true)) {
      try (Connection c = connect(first.target()); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SHOW fsync")) {
          rs.next();
          assertEquals("on", rs.getString(1), "the program's data must survive a crash");
        }
        s.execute("CREATE TABLE kept (note text)");
        s.execute("INSERT INTO kept VALUES ('社区')");
      }
    }
    try (EmbeddedDatabase second = EmbeddedDatabase.start(dir, "qinglan", true);
         Connection c = connect(second.target()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
      rs.next();
      assertEquals("社区", rs.getString(1));
    }
  }

  private static Connection connect(DatabaseTarget t) throws Exception {
    return DriverManager.getConnection(t.jdbcUrl(), t.user(), t.password());
  }
}
