package org.qinglan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.qinglan.Application;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.DatabaseTarget;

/** A whole Qinglan node on a free port with its own fresh database, for HTTP-level tests. */
public final class TestApp implements AutoCloseable {
  public static final String DEMO_PASSWORD = "Demo-pass-2026";

  private final DatabaseTarget database;
  private final Path dataDir;
  private final Application app;

  private TestApp(DatabaseTarget database, Path dataDir, Application app) {
    this.database = database;
    this.dataDir = dataDir;
    this.app = app;
  }

  /** A node on a new database filled with the demo data (password {@link #DEMO_PASSWORD}). */
  public static TestApp withDemoData() {
    return start(TestDatabases.fresh(), true);
  }

  /** Another node on the same database, as in a multi-node deployment. */
  public TestApp secondNode() {
    return start(database, false, false);
  }

  public static TestApp start(DatabaseTarget database, boolean demo) {
    return start(database, demo, true, Path.of("."));
  }

  /** A node with demo data whose content (question-bank/, courses/) comes from {@code contentDir}. */
  public static TestApp withContent(Path contentDir) {
    return start(TestDatabases.fresh(), true, true, contentDir);
  }

  private static TestApp start(DatabaseTarget database, boolean demo, boolean ownsDatabase) {
    return start(database, demo, ownsDatabase, Path.of("."));
  }

  private static TestApp start(DatabaseTarget database, boolean demo, boolean ownsDatabase, Path contentDir) {
    try {
      Path dataDir = Files.createTempDirectory("qinglan-test-data");
      AppConfig config = new AppConfig(0, dataDir, demo, demo ? DEMO_PASSWORD : null, ZoneId.of("Asia/Shanghai"), false,
          contentDir);
      Application app = Application.start(config, database, demo ? DEMO_PASSWORD : null);
      return ownsDatabase ? new TestApp(database, dataDir, app) : new TestApp(null, dataDir, app);
    } catch (Exception e) {
      throw new IllegalStateException("Test node did not start: " + e.getMessage(), e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + app.port();
  }

  public Application app() {
    return app;
  }

  public DatabaseTarget database() {
    return database;
  }

  public Browser browser() {
    return new Browser(baseUrl());
  }

  /** A browser already signed in as a demo account. */
  public Browser signedInAs(String username) {
    Browser b = browser();
    b.signIn(username, DEMO_PASSWORD);
    return b;
  }

  @Override
  public void close() throws IOException {
    app.close();
    if (database != null) {
      TestDatabases.drop(database);
    }
  }
}
