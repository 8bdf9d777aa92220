package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
