package org.qinglan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qinglan.people.AccountStore;
import org.qinglan.people.DemoData;
import org.qinglan.people.PasswordHasher;
import org.qinglan.people.Role;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.EmbeddedDatabase;
import org.qinglan.platform.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code serve} (the default), {@code create-admin}, and later sub-commands. */
@Command(name = "qinglan", mixinStandardHelpOptions = true, version = "Qinglan 0.1.0",
    description = "Qinglan (青蓝): training and competency platform for community workers.",
    subcommands = {Qinglan.Serve.class, Qinglan.CreateAdmin.class, org.qinglan.exam.QuestionsCommand.class,
        org.qinglan.course.CoursesCommand.class, Qinglan.Reindex.class})
public final class Qinglan implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Qinglan.class);

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Qinglan());
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof Refusal) {
        command.getErr().println(e.getMessage());
        return 1;
      }
      throw e;
    });
    // With no sub-command, serve.
    String[] effective = args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])
        ? prepend("serve", args) : args;
    int code = cli.execute(effective);
    if (code != 0 || !"serve".equals(effective[0])) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() {
    return 0;
  }

  /** Options that say where the data and the database are; shared by every sub-command. */
  static class DataOptions {
    @Option(names = "--data-dir", description = "Embedded database, search index and uploads (env QINGLAN_DATA_DIR, default data/)")
    Path dataDir;

    Path dataDir() {
      if (dataDir != null) {
        return dataDir;
      }
      String env = System.getenv("QINGLAN_DATA_DIR");
      return Path.of(env == null || env.isBlank() ? "data" : env);
    }
  }

  /** Something the person at the terminal can put right: printed as it is, without a stack trace. */
  static final class Refusal extends RuntimeException {
    Refusal(String message) {
      super(message);
    }
  }

  /** The configured server, or an embedded one under the data directory. */
  record ResolvedDatabase(DatabaseTarget target, EmbeddedDatabase embedded) {
    static ResolvedDatabase resolve(Path dataDir) throws IOException {
      Optional<DatabaseTarget> configured = DatabaseTarget.fromEnvironment(System.getenv());
      if (configured.isPresent()) {
        return new ResolvedDatabase(configured.get(), null);
      }
      try {
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), "qinglan", true);
        return new ResolvedDatabase(embedded.target(), embedded);
      } catch (IllegalStateException e) {
        if (String.valueOf(e.getMessage()).contains("could not lock")) {
          throw new Refusal("The embedded database in " + dataDir.toAbsolutePath().normalize()
              + " is in use by a running Qinglan. Stop it first, or give another --data-dir.");
        }
        throw e;
      }
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the web server (the default command).")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--port", description = "HTTP port (env QINGLAN_PORT, default 8080)")
    Integer port;

    @Option(names = "--demo", description = "Fill an empty database with sample data (always on with the embedded database)")
    boolean demo;

    @Option(names = "--public-url", description = "How people reach this site, for links that leave it such as "
        + "certificate QR codes (env QINGLAN_PUBLIC_URL, default http://localhost:PORT)")
    String publicUrl;

    @Option(names = "--http-instances", description = "HTTP verticles serving requests, one per event loop "
        + "(env QINGLAN_HTTP_INSTANCES, default the number of cores)")
    Integer httpInstances;

    @Option(names = "--content-dir", description = "Folder holding question-bank/ and courses/ (env QINGLAN_CONTENT_DIR, default .)")
    Path contentDir;

    @Override
    public Integer call() throws Exception {
      Map<String, String> env = System.getenv();
      int httpPort = port != null ? port
          : env.containsKey("QINGLAN_PORT") ? Integer.parseInt(env.get("QINGLAN_PORT").trim()) : AppConfig.DEFAULT_PORT;
      String publicUrlSetting = publicUrl != null ? publicUrl : env.get("QINGLAN_PUBLIC_URL");
      String checkedPublicUrl;
      try {
        checkedPublicUrl = publicUrlSetting == null || publicUrlSetting.isBlank() ? null
            : AppConfig.checkPublicUrl(publicUrlSetting);
      } catch (IllegalArgumentException e) {
        throw new Refusal(e.getMessage());
      }
      int instances;
      org.qinglan.platform.Capacity capacity;
      try {
        capacity = org.qinglan.platform.Capacity.fromEnvironment(env);
        instances = httpInstances != null ? httpInstances : AppConfig.httpInstancesFrom(env);
        if (instances < 1) {
          throw new IllegalArgumentException("--http-instances must be at least 1, not " + instances);
        }
      } catch (IllegalArgumentException e) {
        throw new Refusal(e.getMessage());
      }
      Path dataDir = data.dataDir();
      Files.createDirectories(dataDir);
      ResolvedDatabase db = ResolvedDatabase.resolve(dataDir);
      boolean demoMode = demo || db.embedded() != null;
      String demoPassword = demoMode ? demoPassword(dataDir, env) : null;
      Path content = contentDir != null ? contentDir
          : Path.of(env.getOrDefault("QINGLAN_CONTENT_DIR", "."));
      AppConfig config = new AppConfig(httpPort, dataDir, demoMode, demoPassword, AppConfig.zoneFrom(env),
          "true".equalsIgnoreCase(env.get("QINGLAN_SECURE_COOKIES")), content, checkedPublicUrl, instances)
          .withCapacity(capacity);
      Application app;
      try {
        app = Application.start(config, db.target(), demoPassword);
      } catch (Exception e) {
        if (db.embedded() != null) {
          db.embedded().close();
        }
        throw e;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Stopping Qinglan");
        app.close();
        if (db.embedded() != null) {
          db.embedded().close();
        }
        stopped.countDown();
      }, "qinglan-shutdown"));
      printBanner(app, db, demoPassword);
      stopped.await();
      return 0;
    }

    private static void printBanner(Application app, ResolvedDatabase db, String demoPassword) {
      StringBuilder b = new StringBuilder();
      b.append("\n");
      b.append("  青蓝 Qinglan is ready.\n");
      b.append("  Database: ").append(db.target().describe())
          .append(db.embedded() != null ? " (embedded)" : "").append("\n");
      if (demoPassword != null) {
        b.append("  Demo accounts (password: ").append(demoPassword).append("): ")
            .append(String.join(", ", DemoData.ACCOUNTS)).append("\n");
        b.append("  Sign in as 'organiser' to see the workers of 东湖区.\n");
      } else {
        b.append("  Sign in with an account made by 'java -jar target/qinglan.jar create-admin'.\n");
      }
      b.append("  HTTP served by ").append(app.httpInstances()).append(app.httpInstances() == 1 ? " instance" : " instances")
          .append(" (one per event loop; --http-instances or QINGLAN_HTTP_INSTANCES to change).\n");
      b.append("Qinglan listening on http://localhost:").append(app.port()).append("/\n");
      System.out.print(b);
      System.out.flush();
    }

    /** QINGLAN_DEMO_PASSWORD, else the one generated on first run (kept in the data directory). */
    private static String demoPassword(Path dataDir, Map<String, String> env) throws IOException {
      String fromEnv = env.get("QINGLAN_DEMO_PASSWORD");
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv.strip();
      }
      Path file = dataDir.resolve("demo-password.txt");
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String generated = PasswordHasher.randomPassword(12);
      Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
      return generated;
    }
  }

  @Command(name = "create-admin", mixinStandardHelpOptions = true,
      description = "Create an administrator account (the first account of a real deployment).")
  static final class CreateAdmin implements Callable<Integer> {
    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--username", required = true, description = "Sign-in name")
    String username;

    @Option(names = "--name", description = "Display name (default 系统管理员)")
    String displayName = "系统管理员";

    @Option(names = "--password", interactive = true, arity = "0..1",
        description = "Password (asked for when not given; env QINGLAN_ADMIN_PASSWORD also works)")
    char[] password;

    @Override
    public Integer call() throws Exception {
      String pw = password != null && password.length > 0 ? new String(password) : System.getenv("QINGLAN_ADMIN_PASSWORD");
      java.util.List<String> problems = org.qinglan.people.PasswordPolicy.standard().problems(pw, username);
      if (!problems.isEmpty()) {
        System.err.println("The password is too weak (" + String.join("; ", problems) + "). It needs at least "
            + org.qinglan.people.PasswordPolicy.MIN_LENGTH + " characters and must not be a common password.");
        return 2;
      }
      Path dataDir = data.dataDir();
      Files.createDirectories(dataDir);
      ResolvedDatabase db = ResolvedDatabase.resolve(dataDir);
      try {
        Migrations.migrate(db.target());
        String hash = new PasswordHasher().hash(pw);
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
          io.vertx.sqlclient.Pool pool = org.qinglan.platform.Database.pool(vertx, db.target(), 1);
          Application.await(pool.withTransaction(tx -> new AccountStore().insert(tx, UUID.randomUUID(), username, null,
              displayName, hash, false, null, EnumSet.of(Role.ADMIN))));
        } catch (io.vertx.pgclient.PgException e) {
          if ("23505".equals(e.getSqlState())) {
            System.err.println("An account named '" + username + "' already exists.");
            return 1;
          }
          throw e;
        } finally {
          vertx.close();
        }
        System.out.println("Created administrator '" + username + "'.");
        return 0;
      } finally {
        if (db.embedded() != null) {
          db.embedded().close();
        }
      }
    }
  }

  @Command(name = "reindex", mixinStandardHelpOptions = true,
      description = "Rebuild this node's case-library search index from PostgreSQL.")
  static final class Reindex implements Callable<Integer> {
    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Override
    public Integer call() throws Exception {
      Path dataDir = data.dataDir();
      Files.createDirectories(dataDir);
      ResolvedDatabase db = ResolvedDatabase.resolve(dataDir);
      try {
        int cases = rebuildCaseIndex(db.target(), dataDir);
        System.out.println("Case index rebuilt in " + dataDir.resolve("search").resolve("cases") + ": " + cases
            + " published cases");
        return 0;
      } finally {
        if (db.embedded() != null) {
          db.embedded().close();
        }
      }
    }

    /** Rebuilds the case index of the node whose data directory is {@code dataDir}; returns its size. */
    static int rebuildCaseIndex(DatabaseTarget target, Path dataDir) throws Exception {
      Path indexDir = dataDir.resolve("search").resolve("cases");
      Migrations.migrate(target);
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try {
        io.vertx.sqlclient.Pool pool = org.qinglan.platform.Database.pool(vertx, target, 2);
        try (org.qinglan.cases.CaseSearchService search = Application.await(org.qinglan.cases.CaseSearchService.open(
            vertx, pool, indexDir, (org.qinglan.platform.events.EventChannel) null))) {
          Application.await(search.rebuild());
          return search.size();
        } catch (Exception e) {
          if (causedBy(e, org.apache.lucene.store.LockObtainFailedException.class)) {
            // Only one writer per index: the running node owns it (and rebuilds it itself when it must).
            throw new Refusal("The case index in " + indexDir.toAbsolutePath().normalize()
                + " is in use by a running Qinglan. Stop it and run reindex again, or restart it.");
          }
          throw e;
        }
      } finally {
        vertx.close();
      }
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHelpOrVersion(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
