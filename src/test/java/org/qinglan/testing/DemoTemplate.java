package org.qinglan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.qinglan.Application;
import org.qinglan.platform.DatabaseTarget;

/**
 * The demo node's database and case index, made once per test JVM and copied for each test class.
 *
 * <p>A node started on an empty database migrates it, hashes the demo accounts' passwords, syncs
 * the shipped question bank, courses and cases and builds its case index: seconds of work that
 * came out the same for every test class. Here one node does it once, on a template database;
 * each {@link TestApp#withDemoData()} then gets a copy ({@code CREATE DATABASE … TEMPLATE}) and a
 * copy of the index folder, and its node finds everything in place (the syncs change nothing).
 *
 * <p>The template lives as long as the JVM, so it always matches this checkout's migrations and
 * content: it is never reused by a later run. With an external server it is dropped at exit;
 * the embedded server goes away whole.
 */
final class DemoTemplate {
  private static DemoTemplate instance;

  private final DatabaseTarget database;
  /** A copy of the template node's search folder ({@code <dataDir>/search}). */
  private final Path search;

  private DemoTemplate(DatabaseTarget database, Path search) {
    this.database = database;
    this.search = search;
  }

  /** The JVM's template, made on first use. */
  static synchronized DemoTemplate get() {
    if (instance == null) {
      instance = make();
    }
    return instance;
  }

  /** A new database holding the demo data and the shipped content, for one test class. */
  DatabaseTarget newDatabase() {
    return TestDatabases.cloneOf(database);
  }

  /** Puts a copy of the template's case index into a node's data directory, before the node starts. */
  void copyIndexInto(Path dataDir) {
    copyTree(search, dataDir.resolve("search"));
  }

  private static DemoTemplate make() {
    DatabaseTarget db = TestDatabases.freshForTemplate();
    Path dataDir = null;
    try {
      dataDir = Files.createTempDirectory("qinglan-test-template-data");
      // The node closes its index before Vert.x, so the folder copied below is complete.
      try (Application node = Application.start(TestApp.config(dataDir, Path.of(".")), db, TestApp.DEMO_PASSWORD,
          TestApp.TEST_HASHER, TestApp.TEST_THROTTLE)) {
        if (!node.seeded()) {
          throw new IllegalStateException("the template database was not empty");
        }
      }
      Path search = Files.createTempDirectory("qinglan-test-template-index");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.delete(search), "delete-test-template-index"));
      copyTree(dataDir.resolve("search"), search);
      TestDatabases.freezeAsTemplate(db);
      return new DemoTemplate(db, search);
    } catch (Exception e) {
      TestDatabases.drop(db);
      throw new IllegalStateException("Cannot make the demo template database: " + e.getMessage(), e);
    } finally {
      TempDirs.delete(dataDir);
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
