package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private final SignInThrottle throttle = SignInThrottle.standard();

  @Test
  void firstFailuresAreNotSlowed() {
    for (int failures = 0; failures < 3; failures++) {
      SignInThrottle.Decision d = throttle.decide(failures, failures, failures);
      assertFalse(d.refused());
      assertEquals(Duration.ZERO, d.delay());
    }
  }

  @Test
  void furtherFailuresAreSlowedMoreAndMore() {
    assertEquals(Duration.ofSeconds(1), throttle.decide(3, 3, 3).delay());
    assertEquals(Duration.ofSeconds(2), throttle.decide(4, 4, 4).delay());
    assertEquals(Duration.ofSeconds(3), throttle.decide(5, 5, 5).delay());
  }

  @Test
  void oneAddressIsRefusedOnAnAccountAfterSixFailures() {
    SignInThrottle.Decision d = throttle.decide(6, 6, 6);
    assertTrue(d.refused());
    assertEquals(Duration.ofMinutes(15), d.retryAfter());
  }

  @Test
  void anAccountAsAWholeIsSlowedButNeverLockedOut() {
    SignInThrottle.Decision d = throttle.decide(500, 0, 0);
    assertFalse(d.refused(), "failures from other addresses do not lock the owner out");
    assertEquals(Duration.ofSeconds(5), d.delay());
  }

  @Test
  void anAddressTryingManyAccountsIsSlowedThenRefused() {
    assertEquals(Duration.ZERO, throttle.decide(0, 0, 9).delay());
    assertEquals(Duration.ofSeconds(1), throttle.decide(0, 0, 10).delay());
    assertEquals(Duration.ofSeconds(5), throttle.decide(0, 0, 29).delay(), "delay is capped");
    assertTrue(throttle.decide(0, 0, 30).refused());
  }
}
