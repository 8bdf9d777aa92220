package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.PasswordHasher;
import org.qinglan.people.SignInThrottle;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TempDirs;
import org.qinglan.testing.TestApp;
import org.qinglan.testing.TestDatabases;

/**
 * Test nodes hash passwords with cheap Argon2 parameters ({@link TestApp#TEST_HASHER}) and slow
 * failed sign-ins down by short delays ({@link TestApp#TEST_THROTTLE}); this proves that a node
 * started the way {@code qinglan serve} starts one hashes with the real parameters (OWASP's
 * minimum: 19 MiB, 2 passes) and waits the real delays, and that nothing in the program can
 * choose others.
 */
class ProductionNodeTest {
  private static final String REAL = "$argon2id$v=19$m=19456,t=2,p=1$";

  private static DatabaseTarget db;
  private static Path dataDir;
  private static Application node;
  /** The worker's one-time password, as an import or an admin's reset leaves it. */
  private static String oneTime;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabases.demoCopy();
    dataDir = TestApp.newDataDir(db);
    assertTrue(hashOf(db, "worker").startsWith("$argon2id$v=19$m=1024,t=1,p=1$"),
        "the demo data of the tests is hashed cheaply: " + hashOf(db, "worker"));
    // The first sign-in with a one-time password replaces it with Argon2.
    oneTime = PasswordHasher.oneTimePassword();
    update(db, "UPDATE account SET password_hash = ? WHERE username = 'worker'", PasswordHasher.hashOneTime(oneTime));
    // As Qinglan.Serve does: the configuration from the command line and environment, and the three-argument start.
    AppConfig config = new AppConfig(0, dataDir, false, null, AppConfig.zoneFrom(java.util.Map.of()), false,
        Path.of("."));
    node = Application.start(config, db, null);
  }

  @AfterAll
  static void stop() {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      TempDirs.delete(dataDir);
      TestDatabases.drop(db);
    }
  }

  @Test
  void aNodeStartedLikeServeStoresHashesWithTheRealParameters() throws Exception {
    new Browser("http://localhost:" + node.port()).signIn("worker", oneTime);
    String stored = hashOf(db, "worker");
    assertTrue(stored.startsWith(REAL), "the node's first sign-in stored " + stored);
    assertTrue(new PasswordHasher().verify(oneTime, stored));
  }

  @Test
  void aNodeStartedLikeServeSlowsRepeatedFailuresDownByWholeSeconds() {
    assertEquals(Duration.ofSeconds(1), SignInThrottle.standard().delayStep(), "the program's step");
    Browser b = new Browser("http://localhost:" + node.port());
    String wrong = "{\"username\":\"mentor\",\"password\":\"guess\"}";
    for (int i = 0; i < 3; i++) {
      assertEquals(401, b.json("POST", "/api/v1/session", wrong).statusCode());
    }
    // The fourth failure waits one step (a lower bound, not a speed claim).
    long t0 = System.nanoTime();
    assertEquals(401, b.json("POST", "/api/v1/session", wrong).statusCode());
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis >= 1000, "the fourth failure was answered after " + millis + " ms");
  }

  @Test
  void theDefaultHasherUsesTheRealParameters() {
    assertTrue(new PasswordHasher().hash("社区工作者2026!").startsWith(REAL));
  }

  /**
   * The parameters are code, not configuration: the program only ever makes the default hasher,
   * so no setting, environment variable or command-line option can weaken it.
   */
  @Test
  void theProgramMakesOnlyTheDefaultHasher() throws IOException {
    List<String> found = new ArrayList<>();
    Pattern made = Pattern.compile("new\\s+PasswordHasher\\s*\\(([^)]*)\\)");
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = made.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          if (!m.group(1).isBlank()) {
            found.add(f + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), found, "a hasher with other parameters made by the program");
  }

  /** Likewise the throttle: the program only ever uses the standard one. */
  @Test
  void theProgramMakesOnlyTheStandardThrottle() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (!f.endsWith(Path.of("people", "SignInThrottle.java")) && text.matches("(?s).*new\\s+SignInThrottle\\s*\\(.*")) {
          found.add(f.toString());
        }
      }
    }
    assertEquals(List.of(), found, "a throttle made outside SignInThrottle.standard()");
  }

  private static String hashOf(DatabaseTarget db, String username) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement s = c.prepareStatement("SELECT password_hash FROM account WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void update(DatabaseTarget db, String sql, String value) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      assertEquals(1, s.executeUpdate());
    }
  }
}
