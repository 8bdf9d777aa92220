package org.qinglan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Own node and database: the failures counted here must not slow other tests down. */
class SignInThrottlingTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.withDemoData();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void repeatedFailuresAreSlowedThenRefusedEvenWithTheRightPassword() {
    Browser b = app.browser();
    String wrong = "{\"username\":\"worker\",\"password\":\"guess\"}";
    long[] millis = new long[6];
    for (int i = 0; i < 6; i++) {
      long t0 = System.nanoTime();
      assertEquals(401, b.json("POST", "/api/v1/session", wrong).statusCode());
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    // Attempts 4–6 wait one, two and three delay steps before they are answered (a lower bound, not a
    // speed claim). A step is 1 s in the program; test nodes use shorter steps (ProductionNodeTest).
    long step = TestApp.TEST_THROTTLE.delayStep().toMillis();
    assertTrue(millis[3] >= step && millis[4] >= 2 * step && millis[5] >= 3 * step,
        "step " + step + " ms: " + java.util.Arrays.toString(millis));
    HttpResponse<String> refused = b.json("POST", "/api/v1/session",
        "{\"username\":\"worker\",\"password\":\"" + TestApp.DEMO_PASSWORD + "\"}");
    assertEquals(429, refused.statusCode());
    assertTrue(refused.body().contains("登录失败次数过多"), refused.body());
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());

    b.get("/login");
    HttpResponse<String> page = b.post("/login", java.util.Map.of("username", "WORKER", "password", "x"));
    assertEquals(429, page.statusCode(), "the form is refused too, whatever the case of the name");
    assertTrue(page.body().contains("分钟后再试"), page.body());

    Browser other = app.browser();
    other.signIn("mentor", TestApp.DEMO_PASSWORD);
  }
}
