package org.qinglan;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.Map;
import org.qinglan.cases.CaseRoutes;
import org.qinglan.cases.CaseSearchService;
import org.qinglan.cases.CaseService;
import org.qinglan.cases.CaseSync;
import org.qinglan.cases.CaseLibrary;
import org.qinglan.cases.CaseStore;
import org.qinglan.competition.CompetitionDemo;
import org.qinglan.competition.CompetitionRoutes;
import org.qinglan.competition.CompetitionService;
import org.qinglan.competition.CompetitionStore;
import org.qinglan.competition.KnowledgeRounds;
import org.qinglan.competition.RoundRoutes;
import org.qinglan.course.ComplianceService;
import org.qinglan.course.CourseEditorRoutes;
import org.qinglan.course.CourseEditorService;
import org.qinglan.course.CourseRoutes;
import org.qinglan.course.CourseStore;
import org.qinglan.course.TaskReportRoutes;
import org.qinglan.course.TaskReportService;
import org.qinglan.course.TrainingAdminRoutes;
import org.qinglan.course.CourseService;
import org.qinglan.course.CourseSync;
import org.qinglan.exam.CasePracticeRoutes;
import org.qinglan.exam.MockExamRoutes;
import org.qinglan.exam.PracticeRoutes;
import org.qinglan.exam.QuestionBankSync;
import org.qinglan.exam.ExamHomeFacts;
import org.qinglan.exam.QuestionCatalog;
import org.qinglan.exam.QuestionStore;
import org.qinglan.exam.mock.Blueprint;
import org.qinglan.exam.mock.BlueprintLoader;
import org.qinglan.exam.manage.QuestionBankRoutes;
import org.qinglan.exam.manage.QuestionBankService;
import org.qinglan.exam.manage.QuestionBankStore;
import org.qinglan.exam.mock.MockExamService;
import org.qinglan.exam.practice.CasePracticeService;
import org.qinglan.exam.practice.PracticeService;
import org.qinglan.exam.review.FsrsParameters;
import org.qinglan.exam.review.FsrsScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.qinglan.people.AccountService;
import org.qinglan.people.AccountStore;
import org.qinglan.people.DemoData;
import org.qinglan.people.OrgAdminRoutes;
import org.qinglan.people.OrgUnitService;
import org.qinglan.people.OrgUnitStore;
import org.qinglan.people.PasswordHasher;
import org.qinglan.people.SignInRoutes;
import org.qinglan.people.SignInService;
import org.qinglan.people.SignInStore;
import org.qinglan.people.SignInThrottle;
import org.qinglan.people.WorkerRoutes;
import org.qinglan.people.WorkerService;
import org.qinglan.people.WorkerStore;
import org.qinglan.platform.Admission;
import org.qinglan.platform.AppConfig;
import org.qinglan.platform.BoundedWork;
import org.qinglan.platform.Capacity;
import org.qinglan.platform.CertificateLookup;
import org.qinglan.platform.Overload;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;
import org.qinglan.platform.PeriodicJobs;
import org.qinglan.platform.Settings;
import org.qinglan.platform.events.EventChannel;
import org.qinglan.web.Auth;
import org.qinglan.web.Csrf;
import org.qinglan.web.HomeRoutes;
import org.qinglan.web.Routes;
import org.qinglan.web.Sessions;
import org.qinglan.web.Views;
import org.qinglan.web.WebServer;

/** One running node: database pool, features and HTTP server, wired together. */
public final class Application implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Application.class);
  private final Vertx vertx;
  private final Pool pool;
  private final HttpServer server;
  private final Routes routes;
  private final boolean seeded;
  private final MockExamService mockExams;
  private final Admission examWork;
  private final CaseSearchService caseSearch;
  private final EventChannel events;
  private final PeriodicJobs jobs;
  private final int httpInstances;
  private final BoundedWork hashing;
  private final Overload overload;
  private final KnowledgeRounds knowledgeRounds;

  private Application(Vertx vertx, Pool pool, HttpServer server, Routes routes, boolean seeded,
                      MockExamService mockExams, CaseSearchService caseSearch, EventChannel events,
                      PeriodicJobs jobs, int httpInstances, BoundedWork hashing, Overload overload,
                      Admission examWork, KnowledgeRounds knowledgeRounds) {
    this.knowledgeRounds = knowledgeRounds;
    this.hashing = hashing;
    this.overload = overload;
    this.examWork = examWork;
    this.mockExams = mockExams;
    this.caseSearch = caseSearch;
    this.events = events;
    this.jobs = jobs;
    this.httpInstances = httpInstances;
    this.vertx = vertx;
    this.pool = pool;
    this.server = server;
    this.routes = routes;
    this.seeded = seeded;
  }

  /**
   * Migrates the database, wires the features (services built once, shared by every HTTP
   * instance), schedules the node's periodic jobs and serves HTTP from
   * {@link AppConfig#httpInstances()} verticles. Blocking; call from a plain thread.
   *
   * @param demoPassword when not null, an empty database is filled with the demo data using it
   */
  public static Application start(AppConfig config, DatabaseTarget target, String demoPassword) throws Exception {
    return start(config, target, demoPassword, new PasswordHasher(), SignInThrottle.standard());
  }

  /**
   * As {@link #start(AppConfig, DatabaseTarget, String)}, hashing passwords with {@code hasher}
   * and slowing failed sign-ins down by {@code throttle}. Only tests pass their own (cheap Argon2
   * parameters, short delays); nothing in the configuration chooses either.
   */
  public static Application start(AppConfig config, DatabaseTarget target, String demoPassword,
                                  PasswordHasher hasher, SignInThrottle throttle) throws Exception {
    Migrations.migrate(target);
    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
    BoundedWork hashing = null;
    try {
      Capacity capacity = config.capacity();
      Pool pool = Database.pool(vertx, target, capacity.poolSize(), config.connectionLifetime());
      Overload overload = new Overload();
      double hashMillis = timeOneHash(hasher);
      hashing = new BoundedWork("password-hashing", vertx, overload, capacity.hashThreads(),
          capacity.maxHashQueue(), capacity.hashQueueWaitNanos(), (long) (hashMillis * 1e6));
      log.info("Password hashing: {} threads, queue {} now ({}), {} ms a hash; {} pooled database connections",
          hashing.threads(), hashing.queueCapacity(), capacity.hashQueue() > 0 ? "fixed"
              : "about " + Capacity.TARGET_QUEUE_WAIT_SECONDS + " s of hashing at the current pace",
          String.format(java.util.Locale.ROOT, "%.0f", hashMillis), capacity.poolSize());
      OrgUnitStore orgUnitStore = new OrgUnitStore();
      AccountStore accountStore = new AccountStore();
      WorkerStore workerStore = new WorkerStore();

      boolean seeded = false;
      if (demoPassword != null) {
        seeded = await(new DemoData(vertx, pool, orgUnitStore, accountStore, workerStore, hasher)
            .seedIfEmpty(demoPassword));
      }

      await(new QuestionBankSync(vertx, pool).sync(config.contentDir().resolve("question-bank")));
      List<Blueprint> blueprints = loadBlueprints(config.contentDir().resolve("question-bank").resolve("blueprints.yaml"));
      // Cases before courses: course lessons cite cases of the library.
      CaseStore caseStore = new CaseStore();
      await(new CaseSync(vertx, pool, caseStore, new OrgUnitService(pool, orgUnitStore))
          .sync(config.contentDir().resolve("courses").resolve("case-library")));
      await(new CourseSync(vertx, pool).sync(config.contentDir()));
      CaseLibrary caseLibrary = new CaseLibrary(pool, caseStore);

      byte[] csrfKey = await(Settings.secret(pool, "csrf.key"));
      Sessions sessions = new Sessions(pool);
      OrgUnitService orgUnits = new OrgUnitService(pool, orgUnitStore);
      AccountService accounts = new AccountService(pool, accountStore, orgUnits, sessions);
      Auth auth = new Auth(sessions, accounts, config.secureCookies());
      Csrf csrf = new Csrf(csrfKey, auth);
      Views views = new Views(vertx, config.zone(), Menu.links());
      WorkerService workers = new WorkerService(vertx, pool, workerStore, accountStore, orgUnits);
      SignInService signIn = new SignInService(vertx, pool, accountStore, new SignInStore(), sessions, hasher,
          hashing, throttle);
      QuestionStore questionStore = new QuestionStore();
      FsrsScheduler scheduler = new FsrsScheduler(FsrsParameters.defaults(), RandomGenerator.getDefault());
      PracticeService practice = new PracticeService(pool, questionStore, scheduler, config.zone());
      MockExamService mockExams = new MockExamService(pool, questionStore, practice, blueprints);
      // Starting, reading and submitting whole papers a few at a time, so that saves never queue behind them.
      Admission examWork = new Admission("mock-exam work", overload, capacity.heavyPermits(), capacity.heavyQueue());

      EventChannel events = await(EventChannel.start(vertx, pool, Database.connectOptions(target)));
      CaseSearchService caseSearch = await(CaseSearchService.open(vertx, pool,
          config.dataDir().resolve("search").resolve("cases"), events));
      QuestionBankService bankService = new QuestionBankService(vertx, pool, new QuestionBankStore(), orgUnits);
      QuestionCatalog questionCatalog = new QuestionCatalog(pool, questionStore, bankService, blueprints);
      CourseService courseService = new CourseService(pool, questionCatalog, workers, orgUnits, config.zone());
      CourseEditorService courseEditor = new CourseEditorService(pool, new CourseStore(), courseService,
          questionCatalog, orgUnits, workers, caseLibrary);

      // ---- competitions (#15): set-up, entry, teams, publication, awards ----
      CompetitionService competitions = new CompetitionService(pool, new CompetitionStore(), orgUnits, accounts,
          workers, config.zone());
      if (demoPassword != null) {
        await(new CompetitionDemo(competitions, accounts, config.zone()).seedIfMissing());
      }
      // /verify/{code} finds course certificates and competition awards alike.
      CertificateLookup certificates = CertificateLookup.firstOf(List.of(courseService::verification,
          competitions::verification));
      // ---- end of competitions ----
      // ---- Skills competitions #15: the knowledge round (rounds, entries, answers, standings, live events) ----
      KnowledgeRounds knowledgeRounds = await(KnowledgeRounds.start(pool, questionCatalog, accounts, orgUnits, events));
      // Beginning or resuming an entry reads a whole paper: admitted a few at a time, so that saves never wait behind them.
      Admission roundEntries = new Admission("round entries", overload, capacity.heavyPermits(), capacity.heavyQueue());
      Consumer<Routes> roundRoutes = new RoundRoutes(knowledgeRounds.rounds(), knowledgeRounds.entries(),
          knowledgeRounds.live(), views, roundEntries)::mount;
      // ---- end of the knowledge round ----

      // Known once listening when the port is picked at random (tests).
      AtomicReference<String> publicUrl = new AtomicReference<>(config.publicUrl());
      Path uploads = config.dataDir().resolve("uploads").resolve("incoming");
      Files.createDirectories(uploads);
      List<Consumer<Routes>> features = List.of(
          new SignInRoutes(signIn, auth, views, overload)::mount,
          // The home page: a learner's assigned courses, reviews due and mock exams.
          new HomeRoutes<org.qinglan.people.Account>(views, List.of(Menu::homeSections, courseService::homeFacts,
              new ExamHomeFacts(practice, mockExams)::of))::mount,
          new WorkerRoutes(vertx, workers, orgUnits, views)::mount,
          new OrgAdminRoutes(orgUnits, accounts, views)::mount,
          new PracticeRoutes(practice, views)::mount,
          new MockExamRoutes(mockExams, views, examWork)::mount,
          new CasePracticeRoutes(new CasePracticeService(pool, questionStore), views)::mount,
          new CourseRoutes(courseService, caseLibrary, views, config.zone(), publicUrl::get, certificates)::mount,
          new TrainingAdminRoutes(courseService, courseEditor, new ComplianceService(pool, workers, orgUnits,
              courseService, config.zone()), orgUnits, views)::mount,
          new CourseEditorRoutes(courseEditor, views)::mount,
          new TaskReportRoutes(new TaskReportService(pool, courseService, orgUnits), views)::mount,
          // The case is published either way; the index catches up within a second if this fails.
          new CaseRoutes(new CaseService(pool, caseStore, orgUnits, caseId -> caseSearch.publishedStateChanged(caseId)
              .recover(t -> {
                log.warn("Case index update of {} failed: {}", caseId, t.getMessage());
                return io.vertx.core.Future.succeededFuture();
              })), caseSearch, views)::mount,
          new QuestionBankRoutes(vertx, bankService, views)::mount,
          new CompetitionRoutes(competitions, knowledgeRounds.rounds(), views, publicUrl::get)::mount,
          roundRoutes);
      WebServer web = new WebServer(vertx, pool, views, auth, csrf, uploads, publicUrl::get, features, overload);
      HttpServer server = await(web.deploy("0.0.0.0", config.port(), config.httpInstances()));
      publicUrl.set(config.publicUrlOr(server.actualPort()));
      // Once per node, here, and never in the HTTP verticles (which run once per core).
      PeriodicJobs jobs = new PeriodicJobs(vertx, overload);
      jobs.every("session-purge", Duration.ofMinutes(30), sessions::purgeExpired);
      jobs.every("sign-in-attempt-purge", Duration.ofMinutes(30), signIn::purgeOldAttempts);
      // Exams whose time is up are submitted even if nobody comes back to them.
      jobs.every("overdue-exams", Duration.ofSeconds(30), mockExams::submitOverdue);
      jobs.every("case-index-catch-up", Duration.ofSeconds(1), caseSearch::catchUp);
      jobs.every("channel-purge", Duration.ofMinutes(10), () -> events.purge(EventChannel.RETENTION));
      // Knowledge rounds close at their closing moment, entries are handed in at their deadline (#15).
      jobs.every("knowledge-rounds-due", Duration.ofSeconds(1), knowledgeRounds::closeAndSubmitDue);
      // The standings pushed to the screens watching on this node, computed once per round per tick (#15).
      jobs.every("knowledge-round-screens", Duration.ofSeconds(1), knowledgeRounds.live()::tick);
      // Busy and unreachable causes are logged once, then summarised.
      jobs.every("overload-summary", Duration.ofMinutes(1), () -> {
        overload.summarise();
        return io.vertx.core.Future.succeededFuture();
      });
      return new Application(vertx, pool, server, web.routes(), seeded, mockExams, caseSearch, events, jobs,
          config.httpInstances(), hashing, overload, examWork, knowledgeRounds);
    } catch (Exception | Error e) {
      if (hashing != null) {
        hashing.close();
      }
      vertx.close();
      throw e;
    }
  }

  /** How long one hash takes on this machine now (the second of two, the first warms up). */
  private static double timeOneHash(PasswordHasher hasher) {
    hasher.hash(PasswordHasher.randomPassword(16));
    long start = System.nanoTime();
    hasher.hash(PasswordHasher.randomPassword(16));
    return (System.nanoTime() - start) / 1e6;
  }

  public int port() {
    return server.actualPort();
  }

  public Routes routes() {
    return routes;
  }

  public Pool pool() {
    return pool;
  }

  public MockExamService mockExams() {
    return mockExams;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Whether this start filled an empty database with the demo data. */
  public boolean seeded() {
    return seeded;
  }

  /** The password-hashing threads and their queue. */
  public BoundedWork hashing() {
    return hashing;
  }

  /** Where the node's busy and unreachable causes are logged (once each). */
  public Overload overload() {
    return overload;
  }

  /** The admission of mock exams' heavy requests (starts, whole papers read or submitted). */
  public Admission examAdmission() {
    return examWork;
  }

  /** The knowledge round's services and the node's live screens (#15). */
  public KnowledgeRounds knowledgeRounds() {
    return knowledgeRounds;
  }

  @Override
  public void close() {
    jobs.close();
    // Live event streams end first: they would keep their connections open.
    knowledgeRounds.close();
    hashing.close();
    events.close();
    // The index first: closing it waits for a write in flight. Closing Vert.x interrupts the
    // worker threads still running, and an interrupted index write breaks Lucene's lock.
    caseSearch.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing at shutdown: nothing more to do.
    }
  }

  public CaseSearchService caseSearch() {
    return caseSearch;
  }

  /** The node's end of the cross-node event channel. */
  public EventChannel events() {
    return events;
  }

  /** The node's periodic jobs (each scheduled once, whatever the number of HTTP instances). */
  public PeriodicJobs jobs() {
    return jobs;
  }

  /** How many HTTP verticles serve requests. */
  public int httpInstances() {
    return httpInstances;
  }

  /** The mock-exam blueprints; a broken file is logged and leaves mock exams without papers. */
  static List<Blueprint> loadBlueprints(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      log.warn("No blueprints at {}", file.toAbsolutePath());
      return List.of();
    }
    BlueprintLoader.Result r = BlueprintLoader.load(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
    r.errors().forEach(e -> log.error("{}:{}: {}", file, e.line(), e.message()));
    return r.blueprints();
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
