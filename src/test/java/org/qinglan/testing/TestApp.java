package org.qinglan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.qinglan.Application;
import org.qinglan.people.PasswordHasher;
import org.qinglan.people.Role;
import org.qinglan.people.SignInThrottle;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.ContentMemo;
import org.qinglan.platform.DatabaseTarget;

/** A whole Qinglan node on a free port with its own database, for HTTP-level tests. */
public final class TestApp implements AutoCloseable {
  public static final String DEMO_PASSWORD = "Demo-pass-2026";
  /**
   * Argon2 at its cheapest (1 MiB, one pass) for test nodes: every sign-in of a test verifies a
   * hash. Only the test harness passes it ({@link Application#start(AppConfig, DatabaseTarget,
   * String, PasswordHasher, SignInThrottle)}); the production path has no setting that picks it
   * ({@code ProductionNodeTest}).
   */
  public static final PasswordHasher TEST_HASHER = new PasswordHasher(1024, 1, 1);
  /**
   * The standard sign-in throttle (same counts, window and refusals) with delays a twentieth as
   * long (50 ms a step, at most 250 ms): tests of the throttle fail sign-ins on purpose and would
   * otherwise wait whole seconds. {@code ProductionNodeTest} proves the program uses the real ones.
   */
  public static final SignInThrottle TEST_THROTTLE = shorterDelays(SignInThrottle.standard(), 20);

  static {
    // Every test node syncs the same content files: parse them once per JVM.
    ContentMemo.enableForThisProcess();
  }

  private static SignInThrottle shorterDelays(SignInThrottle t, int divisor) {
    return new SignInThrottle(t.window(), t.accountDelayAfter(), t.pairRefuseAt(), t.addressDelayAfter(),
        t.addressRefuseAt(), t.delayStep().dividedBy(divisor), t.maxDelay().dividedBy(divisor));
  }

  private final DatabaseTarget database;
  private final Path dataDir;
  private final Application app;

  private TestApp(DatabaseTarget database, Path dataDir, Application app) {
    this.database = database;
    this.dataDir = dataDir;
    this.app = app;
  }

  /**
   * A node on a new database filled with the demo data (password {@link #DEMO_PASSWORD}) and the
   * shipped content: a copy of the JVM's {@link DemoTemplate}, with a copy of its case index.
   */
  public static TestApp withDemoData() {
    DemoTemplate template = DemoTemplate.get();
    return start(template.newDatabase(), true, true, Path.of("."), template::copyIndexInto);
  }

  /** Another node on the same database, as in a multi-node deployment. */
  public TestApp secondNode() {
    return start(database, false, false);
  }

  public static TestApp start(DatabaseTarget database, boolean demo) {
    return start(database, demo, true, Path.of("."));
  }

  /**
   * A node with demo data whose content (question-bank/, courses/) comes from {@code contentDir}:
   * a copy of the JVM's template of that content (made by the first class with the same files).
   */
  public static TestApp withContent(Path contentDir) {
    DemoTemplate template = DemoTemplate.of(contentDir);
    return start(template.newDatabase(), true, true, contentDir, template::copyIndexInto);
  }

  private static TestApp start(DatabaseTarget database, boolean demo, boolean ownsDatabase) {
    return start(database, demo, ownsDatabase, Path.of("."));
  }

  /** The node gets a template's case index if the database's published cases are the template's, else builds one. */
  private static TestApp start(DatabaseTarget database, boolean demo, boolean ownsDatabase, Path contentDir) {
    return start(database, demo, ownsDatabase, contentDir, dataDir -> DemoTemplate.copyIndexIfItFits(database, dataDir));
  }

  /**
   * A new data directory for a node that a test starts itself on {@code database} (as
   * {@code qinglan serve} would), holding a copy of a template's case index when the database's
   * published cases are that template's, so that the node need not rebuild the same index.
   */
  public static Path newDataDir(DatabaseTarget database) throws IOException {
    Path dataDir = Files.createTempDirectory("qinglan-test-data");
    DemoTemplate.copyIndexIfItFits(database, dataDir);
    return dataDir;
  }

  /** A test node's settings: a free port, the demo data, the deployment's default time zone. */
  static AppConfig config(Path dataDir, Path contentDir) {
    return config(dataDir, contentDir, true);
  }

  private static AppConfig config(Path dataDir, Path contentDir, boolean demo) {
    return new AppConfig(0, dataDir, demo, demo ? DEMO_PASSWORD : null, ZoneId.of("Asia/Shanghai"), false, contentDir);
  }

  /** @param prepareDataDir fills the new data directory before the node starts */
  private static TestApp start(DatabaseTarget database, boolean demo, boolean ownsDatabase, Path contentDir,
                               Consumer<Path> prepareDataDir) {
    try {
      Path dataDir = Files.createTempDirectory("qinglan-test-data");
      prepareDataDir.accept(dataDir);
      AppConfig config = config(dataDir, contentDir, demo);
      Application app = Application.start(config, database, demo ? DEMO_PASSWORD : null, TEST_HASHER,
          TEST_THROTTLE);
      return ownsDatabase ? new TestApp(database, dataDir, app) : new TestApp(null, dataDir, app);
    } catch (Exception e) {
      throw new IllegalStateException("Test node did not start: " + e.getMessage(), e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + app.port();
  }

  /** The node's data directory (its search index lives under it). */
  public Path dataDir() {
    return dataDir;
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

  // ---- this node's database, for setting up and checking tests ----

  public Connection connection() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  /** Runs a statement with {@code ?} parameters. */
  public void update(String sql, Object... params) throws SQLException {
    try (Connection c = connection(); PreparedStatement s = prepare(c, sql, params)) {
      s.executeUpdate();
    }
  }

  /** Every row of a query with {@code ?} parameters, each as its column values. */
  public List<Object[]> rows(String sql, Object... params) throws SQLException {
    try (Connection c = connection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      List<Object[]> out = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
      return out;
    }
  }

  /** The first column of the first row, or null when there is none. */
  public Object one(String sql, Object... params) throws SQLException {
    List<Object[]> r = rows(sql, params);
    return r.isEmpty() ? null : r.get(0)[0];
  }

  /** The indexes of the correct options of a question (tests know the key; pages do not show it). */
  public List<Integer> answerKey(String questionId) throws SQLException {
    io.vertx.core.json.JsonArray answers = new io.vertx.core.json.JsonObject(
        (String) one("SELECT body::text FROM question WHERE id = ?::uuid", questionId)).getJsonArray("answers");
    List<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.getJsonObject(i).getDouble("fraction") > 0) {
        out.add(i);
      }
    }
    return out;
  }

  /** Enrols a demo account in a course, as if it had enrolled itself (its lessons open); once only. */
  public void enrol(String username, String courseId) throws SQLException {
    update("INSERT INTO enrolment (id, account_id, course_id) SELECT gen_random_uuid(), id, ? FROM account"
        + " WHERE username = ? ON CONFLICT DO NOTHING", courseId, username);
  }

  /** Adds a staff account of the named org unit, with the demo accounts' password. */
  public void addStaff(String username, String displayName, String unitName, Role role) throws SQLException {
    update("""
        INSERT INTO account (username, display_name, password_hash, org_unit_id)
        SELECT ?, ?, password_hash, (SELECT id FROM org_unit WHERE name = ?) FROM account WHERE username = 'trainer'
        """, username, displayName, unitName);
    update("INSERT INTO account_role (account_id, role) SELECT id, ? FROM account WHERE username = ?", role.name(),
        username);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }

  /** A node with demo data serving HTTP from {@code httpInstances} verticles (by default one per core). */
  public static TestApp withDemoData(int httpInstances) {
    return withDemoData(config -> config.withHttpInstances(httpInstances));
  }

  /** A node with demo data whose settings {@code tune} changes (e.g. a shorter connection lifetime). */
  public static TestApp withDemoData(java.util.function.UnaryOperator<AppConfig> tune) {
    DemoTemplate template = DemoTemplate.get();
    DatabaseTarget database = template.newDatabase();
    try {
      Path dataDir = Files.createTempDirectory("qinglan-test-data");
      template.copyIndexInto(dataDir);
      AppConfig config = tune.apply(config(dataDir, Path.of("."), true));
      return new TestApp(database, dataDir, Application.start(config, database, DEMO_PASSWORD, TEST_HASHER,
          TEST_THROTTLE));
    } catch (Exception e) {
      throw new IllegalStateException("Test node did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    app.close();
    TempDirs.delete(dataDir);
    if (database != null) {
      TestDatabases.drop(database);
    }
  }
}
