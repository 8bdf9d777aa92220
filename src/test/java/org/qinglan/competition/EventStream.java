package org.qinglan.competition;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.qinglan.testing.Browser;

/** A screen's Server-Sent Events stream, read as a browser's EventSource would read it. */
final class EventStream implements AutoCloseable {
  /** One event: its number, name and JSON data. */
  record Event(String id, String name, JsonObject data) {
  }

  /** What a test waits for at most: far beyond a healthy node's second, only so that a broken one fails. */
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Event END = new Event(null, "<end>", new JsonObject());

  final int status;
  private final InputStream body;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  /** Every event received so far, in order. */
  final List<Event> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean ended;

  private EventStream(int status, InputStream body) {
    this.status = status;
    this.body = body;
    Thread reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code path} on {@code base} with the browser's cookies (of the same host: any node). */
  static EventStream open(Browser browser, String base, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", browser.cookieHeader())
        .header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    return new EventStream(r.statusCode(), r.body());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String name = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            Event e = new Event(id, name, status == 200 ? new JsonObject(data.toString()) : new JsonObject());
            seen.add(e);
            queue.add(e);
          }
          id = null;
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        } else if (status != 200 && !line.startsWith(":")) {
          data.append(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed by the test, or by the server
    } finally {
      ended = true;
      queue.add(END);
    }
  }

  /** The next event that matches, skipping others; fails when none comes within {@link #PATIENCE}. */
  Event next(Predicate<Event> wanted, String what) throws InterruptedException {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      long left = until - System.nanoTime();
      Event e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("No " + what + " within " + PATIENCE.toSeconds() + " s; seen: " + names());
      }
      if (e == END) {
        queue.add(END);
        throw new AssertionError("The stream ended before " + what + "; seen: " + names());
      }
      if (wanted.test(e)) {
        return e;
      }
    }
  }

  Event next(String name) throws InterruptedException {
    return next(e -> e.name().equals(name), "'" + name + "' event");
  }

  /** Waits until the server ends the stream. */
  void awaitEnd() throws InterruptedException {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (!ended && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    if (!ended) {
      throw new AssertionError("The stream did not end; seen: " + names());
    }
  }

  List<String> names() {
    List<String> out = new ArrayList<>();
    seen.forEach(e -> out.add(e.name()));
    return out;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
