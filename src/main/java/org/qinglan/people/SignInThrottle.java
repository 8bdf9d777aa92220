package org.qinglan.people;

import java.time.Duration;

/**
 * How hard to push back on repeated failed sign-ins. Failures are counted over a window,
 * separately for the account and for the client address; first the answer is slowed down,
 * then it is refused for a while.
 */
public record SignInThrottle(Duration window,
                             int accountDelayAfter, int accountRefuseAt,
                             int addressDelayAfter, int addressRefuseAt,
                             Duration delayStep, Duration maxDelay) {

  public static SignInThrottle standard() {
    return new SignInThrottle(Duration.ofMinutes(15), 3, 6, 10, 30, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** What to do with the next attempt, given the recent failures for its account and address. */
  public Decision decide(int accountFailures, int addressFailures) {
    if (accountFailures >= accountRefuseAt || addressFailures >= addressRefuseAt) {
      return Decision.refuse(window);
    }
    long steps = Math.max(accountFailures - accountDelayAfter + 1L, 0L);
    steps = Math.max(steps, Math.max(addressFailures - addressDelayAfter + 1L, 0L));
    Duration delay = delayStep.multipliedBy(steps);
    if (delay.compareTo(maxDelay) > 0) {
      delay = maxDelay;
    }
    return Decision.allow(delay);
  }

  /** Allowed (maybe after a delay) or refused, with how long the refusal lasts at most. */
  public record Decision(boolean refused, Duration delay, Duration retryAfter) {
    static Decision allow(Duration delay) {
      return new Decision(false, delay, Duration.ZERO);
    }

    static Decision refuse(Duration retryAfter) {
      return new Decision(true, Duration.ZERO, retryAfter);
    }
  }
}
