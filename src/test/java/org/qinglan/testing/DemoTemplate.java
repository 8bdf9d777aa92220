package org.qinglan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.qinglan.Application;
import org.qinglan.platform.DatabaseTarget;

/**
 * The demo node's database and case index, made once per test JVM and content folder and copied
 * for each test class.
 *
 * <p>A node started on an empty database migrates it, hashes the demo accounts' passwords, syncs
 * the shipped question bank, courses and cases and builds its case index: seconds of work that
 * came out the same for every test class. Here one node does it once, on a template database;
 * each {@link TestApp#withDemoData()} then gets a copy ({@code CREATE DATABASE … TEMPLATE}) and a
 * copy of the index folder, and its node finds everything in place (the syncs change nothing).
 * Test classes with content of their own ({@link TestApp#withContent}) get a template of that
 * content, made once per JVM for each distinct content (by a digest of its files).
 *
 * <p>A template lives as long as the JVM, so it always matches this checkout's migrations and
 * content: it is never reused by a later run. With an external server it is dropped at exit;
 * the embedded server goes away whole.
 */
final class DemoTemplate {
  /** The templates made in this JVM, by the digest of their content. */
  private static final Map<String, DemoTemplate> byContent = new HashMap<>();
  /** The template of the shipped content (the repository's question-bank/ and courses/). */
  private static DemoTemplate shipped;

  /**
   * The published cases as the case index reads them (whole rows of the case and its published
   * revision, so a column added later counts too): two databases with the same fingerprint get the
   * same index.
   */
  private static final String PUBLISHED_CASES = """
      SELECT md5(coalesce(string_agg(s::text || r::text, E'\\n' ORDER BY s.id), ''))
      FROM case_study s JOIN case_revision r ON r.case_id = s.id AND r.revision = s.published_revision
      WHERE s.retracted_at IS NULL
      """;

  private final DatabaseTarget database;
  /** A copy of the template node's search folder ({@code <dataDir>/search}). */
  private final Path search;
  /** {@link #PUBLISHED_CASES} of the template, which its index was built from. */
  private final String publishedCases;

  private DemoTemplate(DatabaseTarget database, Path search, String publishedCases) {
    this.database = database;
    this.search = search;
    this.publishedCases = publishedCases;
  }

  /** The JVM's template of the shipped content, made on first use. */
  static synchronized DemoTemplate get() {
    if (shipped == null) {
      shipped = of(Path.of("."));
    }
    return shipped;
  }

  /** The JVM's template of the content in {@code contentDir} (question-bank/, courses/), made on first use. */
  static synchronized DemoTemplate of(Path contentDir) {
    String digest = digestOf(contentDir);
    DemoTemplate t = byContent.get(digest);
    if (t == null) {
      t = make(contentDir);
      byContent.put(digest, t);
    }
    return t;
  }

  /** A new database holding the demo data and the template's content, for one test class. */
  DatabaseTarget newDatabase() {
    return TestDatabases.cloneOf(database);
  }

  /** Puts a copy of the template's case index into a node's data directory, before the node starts. */
  void copyIndexInto(Path dataDir) {
    copyTree(search, dataDir.resolve("search"));
  }

  /**
   * Before a node starts on {@code db} with an empty data directory: puts a copy of a template's
   * case index there if {@code db}'s published cases are exactly those the index was built from
   * (a copy of a template, or another node's database whose cases are as they were), so that the
   * node need not rebuild the same index. Otherwise, or when no template has been made, it leaves
   * the folder empty and the node rebuilds its index from the database as usual.
   */
  static void copyIndexIfItFits(DatabaseTarget db, Path dataDir) {
    List<DemoTemplate> made;
    synchronized (DemoTemplate.class) {
      made = List.copyOf(byContent.values());
    }
    if (made.isEmpty()) {
      return;
    }
    String cases;
    try {
      cases = publishedCases(db);
    } catch (SQLException e) {
      return; // not a demo database (an empty one, say): the node builds what it needs
    }
    for (DemoTemplate t : made) {
      if (t.publishedCases.equals(cases)) {
        t.copyIndexInto(dataDir);
        return;
      }
    }
  }

  private static String publishedCases(DatabaseTarget db) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PUBLISHED_CASES)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static DemoTemplate make(Path contentDir) {
    DatabaseTarget db = TestDatabases.freshForTemplate();
    Path dataDir = null;
    try {
      dataDir = Files.createTempDirectory("qinglan-test-template-data");
      // The node closes its index before Vert.x, so the folder copied below is complete.
      try (Application node = Application.start(TestApp.config(dataDir, contentDir), db, TestApp.DEMO_PASSWORD,
          TestApp.TEST_HASHER, TestApp.TEST_THROTTLE)) {
        if (!node.seeded()) {
          throw new IllegalStateException("the template database was not empty");
        }
      }
      Path search = Files.createTempDirectory("qinglan-test-template-index");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.delete(search), "delete-test-template-index"));
      copyTree(dataDir.resolve("search"), search);
      String cases = publishedCases(db);
      TestDatabases.freezeAsTemplate(db);
      return new DemoTemplate(db, search, cases);
    } catch (Exception e) {
      TestDatabases.drop(db);
      throw new IllegalStateException("Cannot make the demo template database: " + e.getMessage(), e);
    } finally {
      TempDirs.delete(dataDir);
    }
  }

  /** SHA-256 over the paths and bytes of every file a node reads content from (links followed). */
  private static String digestOf(Path contentDir) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String folder : List.of("question-bank", "courses")) {
        Path root = contentDir.resolve(folder);
        if (!Files.isDirectory(root)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
          files = all.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          sha.update((folder + "/" + root.relativize(f).toString().replace('\\', '/') + "\0")
              .getBytes(StandardCharsets.UTF_8));
          sha.update(Files.readAllBytes(f));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the content in " + contentDir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("write.lock")) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }
}
