package org.qinglan.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.List;
import org.qinglan.cases.PrivacyCheck;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;
import org.qinglan.web.RichText;

/**
 * How much CPU the heaviest pages take on the event loop, and the HTML sanitiser on its own.
 * Not part of {@code mvn verify}; see docs/benchmarks.md.
 *
 * <p>Part 1, text work on its own: the sanitiser ({@link RichText#toSafeHtml} of Markdown, as the
 * case page, the review queue and reading lessons call it) on a 1 MB case and on a case of
 * 100,000 characters (the most a case may have), both made of the shipped cases' text, and the
 * privacy check the review queue runs on each queued case; CPU and wall time of this thread,
 * after a warm-up.
 *
 * <p>Part 2, whole pages: a node on a fresh database with the demo data; each page is requested
 * one at a time (after a warm-up) and for each request the harness reads the CPU time of every
 * Vert.x event-loop thread before and after. What a request costs there (HTTP, session lookup,
 * the handler's callbacks, the sanitiser and the FreeMarker render, which all run on the event
 * loop) is that difference; the database's own time and worker threads (Lucene, Argon2) are not
 * in it. Prints, per page, its size, the median and p99 of the event-loop CPU and of the
 * latency, the mean event-loop CPU (total over the timed requests, so nothing falls between
 * two) and the mean CPU of the worker threads (Lucene, for the search).
 *
 * <p>Arguments: {@code --requests N} (timed requests per page, default 500), {@code --warmup N}
 * (default 200), {@code --sanitiser-rounds N} (timed sanitiser calls on the 1 MB text,
 * default 50), {@code --pages false} (part 1 only).
 */
public final class EventLoopCpuBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EventLoopCpuBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> opts = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int requests = Integer.parseInt(opts.getOrDefault("requests", "500"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "200"));
    int sanitiserRounds = Integer.parseInt(opts.getOrDefault("sanitiser-rounds", "50"));
    System.out.printf(Locale.ROOT, "Event-loop CPU benchmark: %d cores, %s, load %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), load());

    String shipped = shippedCaseText();
    String oneMegabyte = upTo(shipped, 1024 * 1024, true);
    String longestCase = upTo(shipped, 100_000, false);
    System.out.println();
    System.out.println("Text work in one thread (result: characters of HTML, or findings):");
    sanitiser("RichText, 1 MB case (" + oneMegabyte.length() + " chars, "
        + oneMegabyte.getBytes(StandardCharsets.UTF_8).length + " bytes)", oneMegabyte, 10, sanitiserRounds);
    sanitiser("RichText, 100,000-char case (" + longestCase.getBytes(StandardCharsets.UTF_8).length + " bytes)", longestCase,
        20, sanitiserRounds * 4);
    // What the review queue runs for each queued case besides the sanitiser.
    timed("PrivacyCheck.scan + markedLines, 100,000-char case", () -> {
      List<PrivacyCheck.Finding> found = PrivacyCheck.scan(longestCase);
      return found.isEmpty() ? 0 : PrivacyCheck.markedLines(longestCase, found).length();
    }, 20, sanitiserRounds * 4);
    timed("PrivacyCheck.scan, 100,000-char case", () -> PrivacyCheck.scan(longestCase).size(), 20,
        sanitiserRounds * 4);

    if ("false".equals(opts.get("pages"))) {
      System.exit(0);
    }
    try (TestApp app = TestApp.withDemoData()) {
      Browser worker = app.signedInAs("worker");
      Browser trainer = app.signedInAs("trainer");
      Browser organiser = app.signedInAs("organiser");

      // A published case of the longest length allowed, and another one waiting in the review queue.
      String published = writeCase(trainer, "超长案例：社区工作案例汇编（基准）", longestCase);
      check(organiser.json("POST", "/api/v1/cases/" + published + "/approval", "{}"), "approval");
      writeCase(trainer, "超长案例：待审核（基准）", longestCase);

      // The shipped category with the most questions below it.
      Object category = app.one("""
          SELECT c.id FROM question_category c
           WHERE c.org_unit_id IS NULL
           ORDER BY (SELECT count(*) FROM question q JOIN question_category s ON s.id = q.category_id
                      WHERE s.path[1:cardinality(c.path)] = c.path) DESC, cardinality(c.path)
           LIMIT 1""");
      Object categorySize = app.one("""
          SELECT count(*) FROM question q JOIN question_category s ON s.id = q.category_id
           WHERE s.path[1:(SELECT cardinality(path) FROM question_category WHERE id = ?::uuid)]
               = (SELECT path FROM question_category WHERE id = ?::uuid)""", category.toString(), category.toString());

      System.out.println();
      System.out.printf(Locale.ROOT, "Pages, one request at a time: %d warm-up, %d timed; event-loop CPU per request%n",
          warmup, requests);
      System.out.printf(Locale.ROOT, "%-58s %9s %12s %12s %12s %12s %12s %12s%n", "page", "KB", "loop p50 ms",
          "loop p99 ms", "loop mean ms", "worker mean", "wall p50 ms", "wall p99 ms");
      page(worker, "/password (layout only, no query of its own)", "/password", warmup, requests);
      page(worker, "/mock-exams (worker; one query)", "/mock-exams", warmup, requests);
      page(worker, "/cases (library, first page of 10)", "/cases", warmup, requests);
      page(worker, "/api/v1/cases/search?q=独居老人", "/api/v1/cases/search?q="
          + java.net.URLEncoder.encode("独居老人", StandardCharsets.UTF_8), warmup, requests);
      page(worker, "/cases/{id} (case of 100,000 chars)", "/cases/" + published, warmup, requests);
      page(organiser, "/cases/review (one case of 100,000 chars queued)", "/cases/review", warmup, requests);
      page(trainer, "/question-bank/categories/{id} (" + categorySize + " questions)",
          "/question-bank/categories/" + category, warmup, requests);

      String exam = startExam(worker, "assistant-comprehensive");
      page(worker, "/mock-exams/{id} (open, 80 questions)", "/mock-exams/" + exam, warmup, requests);
      check(worker.json("POST", "/api/v1/mock-exams/" + exam + "/submit", "{}"), "submit");
      page(worker, "/mock-exams/{id} (result, 80 questions, explanations)", "/mock-exams/" + exam, warmup, requests);
      String cases = startExam(worker, "intermediate-practice");
      page(worker, "/mock-exams/{id} (open, 5 case analyses)", "/mock-exams/" + cases, warmup, requests);
    }
    System.out.println("load after: " + load());
    System.exit(0);
  }

  private static void sanitiser(String label, String markdown, int warmup, int rounds) {
    timed(label, () -> RichText.toSafeHtml(markdown, "MARKDOWN").length(), warmup, rounds);
  }

  /**
   * Times a task in this thread: its CPU time (what it would take from an event loop, whatever
   * else the machine runs) and its wall time.
   */
  private static void timed(String label, java.util.function.IntSupplier task, int warmup, int rounds) {
    for (int i = 0; i < warmup; i++) {
      task.getAsInt();
    }
    long[] cpu = new long[rounds];
    long[] wall = new long[rounds];
    int result = 0;
    for (int i = 0; i < rounds; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      result = task.getAsInt();
      wall[i] = System.nanoTime() - t0;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(Locale.ROOT, "  %-52s CPU median %8.2f ms  p99 %8.2f ms; wall median %8.2f ms  p99 %8.2f ms"
            + "  (%d timed after %d warm-up; result %d)%n", label, ms(percentile(cpu, 50)), ms(percentile(cpu, 99)),
        ms(percentile(wall, 50)), ms(percentile(wall, 99)), rounds, warmup, result);
  }

  private static void page(Browser browser, String label, String path, int warmup, int requests) {
    for (int i = 0; i < warmup; i++) {
      check(browser.get(path), path);
    }
    long[] loops = threads("vert.x-eventloop-thread-");
    long[] workers = threads("vert.x-worker-thread-");
    long[] cpu = new long[requests];
    long[] wall = new long[requests];
    long bytes = 0;
    long cpuStart = cpuOf(loops);
    long workerStart = cpuOf(workers);
    for (int i = 0; i < requests; i++) {
      long c0 = cpuOf(loops);
      long t0 = System.nanoTime();
      HttpResponse<String> r = browser.get(path);
      wall[i] = System.nanoTime() - t0;
      cpu[i] = cpuOf(loops) - c0;
      check(r, path);
      bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
    }
    double mean = ms(cpuOf(loops) - cpuStart) / requests;
    double workerMean = ms(cpuOf(workers) - workerStart) / requests;
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(Locale.ROOT, "%-58s %9.1f %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f%n", label, bytes / 1024.0,
        ms(percentile(cpu, 50)), ms(percentile(cpu, 99)), mean, workerMean, ms(percentile(wall, 50)),
        ms(percentile(wall, 99)));
  }

  /** The node's threads of one kind (this JVM's Vert.x instances: the node's; the test client uses none). */
  private static long[] threads(String namePrefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(namePrefix))
        .mapToLong(Thread::getId).toArray();
  }

  private static long cpuOf(long[] threads) {
    long sum = 0;
    for (long id : threads) {
      long t = THREADS.getThreadCpuTime(id);
      sum += Math.max(0, t);
    }
    return sum;
  }

  private static String writeCase(Browser trainer, String title, String body) {
    String json = new JsonObject().put("title", title).put("summary", "由案例库中的案例拼接而成，用于测量页面渲染。")
        .put("body", body).put("topics", new JsonArray().add("dispute-mediation"))
        .put("methods", new JsonArray().add("community-work")).put("communityType", "old-town").put("year", 2025)
        .put("privacyConfirmed", true).encode();
    HttpResponse<String> created = trainer.json("POST", "/api/v1/cases", json);
    if (created.statusCode() != 201) {
      throw new IllegalStateException("case not created: " + created.statusCode() + " " + created.body());
    }
    String id = new JsonObject(created.body()).getString("id");
    check(trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}"), "submission");
    return id;
  }

  private static String startExam(Browser worker, String blueprint) {
    HttpResponse<String> r = worker.json("POST", "/api/v1/mock-exams", new JsonObject().put("blueprintId", blueprint)
        .encode());
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw new IllegalStateException("exam not started: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("id");
  }

  private static void check(HttpResponse<String> r, String what) {
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body().substring(0,
          Math.min(500, r.body().length())));
    }
  }

  /** The shipped cases' Markdown bodies (front matter removed), one after the other. */
  private static String shippedCaseText() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("courses", "case-library"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("case-")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.startsWith("---")) {
          int end = text.indexOf("\n---", 3);
          text = end < 0 ? text : text.substring(text.indexOf('\n', end + 1) + 1);
        }
        all.append(text.strip()).append("\n\n");
      }
    }
    return all.toString();
  }

  /** The text repeated up to {@code limit} bytes (or chars), cut at the end of a line. */
  private static String upTo(String text, int limit, boolean bytes) {
    StringBuilder out = new StringBuilder();
    int size = 0;
    outer:
    while (true) {
      for (String line : text.split("\n", -1)) {
        int add = (bytes ? line.getBytes(StandardCharsets.UTF_8).length : line.length()) + 1;
        if (size + add > limit) {
          break outer;
        }
        out.append(line).append('\n');
        size += add;
      }
    }
    return out.toString();
  }

  private static long percentile(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
