package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TestApp;

/** Throttling per account (not per typed name) and per account-and-address pair. Own node: failures pile up here. */
class SignInAccountThrottleTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String body(String login, String password) {
    return "{\"username\":\"" + login + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  void parallelAttemptsGetNoMorePasswordChecksThanAllowed() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/session"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(body("judge", "wrong-guess-" + i))).build();
      all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    int checked = 0;
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> f : all) {
      int status = f.join().statusCode();
      if (status == 401) {
        checked++;
      } else if (status == 429) {
        refused++;
      }
    }
    // A 401 means the password was checked; the throttle allows six failures before refusing.
    assertEquals(6, checked, "password checks");
    assertEquals(144, refused);
  }

  @Test
  void theMobileNumberAndTheUsernameOfOneAccountShareOneCount() {
    var b = app.browser();
    for (int i = 0; i < 3; i++) {
      assertEquals(401, b.json("POST", "/api/v1/session", body("mentor", "nope-" + i)).statusCode());
      assertEquals(401, b.json("POST", "/api/v1/session", body("13800000001", "nope-" + i)).statusCode());
    }
    assertEquals(429, b.json("POST", "/api/v1/session", body("mentor", TestApp.DEMO_PASSWORD)).statusCode(),
        "six failures of one account, whichever name was typed");
  }

  @Test
  void oneAddressCannotLockAnAccountOutForEveryoneElse() throws Exception {
    for (int i = 0; i < 8; i++) {
      int status = postFrom("127.0.0.2", body("trainer", "attacker-" + i));
      assertTrue(status == 401 || status == 429, "status " + status);
    }
    assertEquals(429, postFrom("127.0.0.2", body("trainer", TestApp.DEMO_PASSWORD)),
        "the attacking address is locked out of that account");
    // The owner, from another address, is only slowed down.
    assertEquals(200, app.browser().json("POST", "/api/v1/session", body("trainer", TestApp.DEMO_PASSWORD))
        .statusCode());
  }

  /** A JSON sign-in sent from a chosen loopback address (the HTTP client cannot bind one). */
  private static int postFrom(String localAddress, String json) throws Exception {
    int port = URI.create(app.baseUrl()).getPort();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoTimeout(60_000);
      byte[] content = json.getBytes(StandardCharsets.UTF_8);
      String head = "POST /api/v1/session HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.write(c);
      }
      String status = line.toString(StandardCharsets.US_ASCII);
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
