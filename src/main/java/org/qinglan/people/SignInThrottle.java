package org.qinglan.people;

import java.time.Duration;

/**
 * How hard to push back on repeated failed sign-ins. Failures are counted over a window for the
 * account as a whole (whichever of its names was typed), for the account from one client address,
 * and for the address across accounts. An account as a whole is only slowed down, never locked:
 * otherwise anyone could lock anyone out at will. Refusal is for one address on one account (or an
 * address trying many accounts).
 */
public record SignInThrottle(Duration window,
                             int accountDelayAfter, int pairRefuseAt,
                             int addressDelayAfter, int addressRefuseAt,
                             Duration delayStep, Duration maxDelay) {

  public static SignInThrottle standard() {
    return new SignInThrottle(Duration.ofMinutes(15), 3, 6, 10, 30, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /**
   * What to do with the next attempt, given the recent failures for its account (from anywhere), for
   * its account from its address, and for its address (any account).
   */
  public Decision decide(int accountFailures, int pairFailures, int addressFailures) {
    if (pairFailures >= pairRefuseAt || addressFailures >= addressRefuseAt) {
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
