package org.qinglan.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.qinglan.people.Role;
import org.qinglan.platform.BoundedWork;

/**
 * Keeps a test node's password hashing busy (its one thread and its one queue place) with two
 * sign-ins of accounts whose stored hash is very slow to check (Argon2id, 80 passes: a second or
 * more), the way a crowd of people signing in at once would.
 */
public final class BusyHashing {
  public static final String SLOW_PASSWORD = "Slow-pass-2026";
  /** {@link #SLOW_PASSWORD} under Argon2id with m=19 MiB, t=80 (made once, so the test does not wait for it). */
  private static final String SLOW_HASH =
      "$argon2id$v=19$m=19456,t=80,p=1$knzeR9FWisjqodS0bnQ/WA$XTF1IPE5MBsX6JwR/7ttDbkrydRKbskZuoj/u8l6PW8";

  private BusyHashing() {
  }

  /** Adds two staff accounts whose password takes long to check. */
  public static void addSlowAccounts(TestApp app) throws SQLException {
    for (String name : List.of("slow.one", "slow.two")) {
      app.addStaff(name, "慢速账号", "云溪市", Role.TRAINER);
      app.update("UPDATE account SET password_hash = ? WHERE username = ?", SLOW_HASH, name);
    }
  }

  /**
   * Sends the two slow sign-ins and returns once one is being checked and the other waits in the
   * queue (the node's hashing has one thread and one queue place); their answers come later.
   */
  public static List<CompletableFuture<HttpResponse<String>>> occupy(TestApp app) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    BoundedWork hashing = app.app().hashing();
    List<CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    for (String name : List.of("slow.one", "slow.two")) {
      answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/session"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + SLOW_PASSWORD
              + "\"}")).build(), HttpResponse.BodyHandlers.ofString()));
      // One at a time, so the first is on the thread before the second takes the queue place.
      long deadline = System.nanoTime() + 30_000_000_000L;
      int wanted = answers.size();
      while (hashing.running() + hashing.queued() < wanted) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("The slow sign-in of " + name + " did not reach the hashing thread");
        }
        Thread.sleep(5);
      }
    }
    return answers;
  }
}
