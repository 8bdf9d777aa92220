package org.qinglan.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a recurring cause once, then only how often it recurred ("N more since …"), at most once
 * per interval: a burst of the same failure (a thousand requests that found the pool busy) is one
 * line and a count, not a thousand stack traces that hide everything else in the log.
 */
public final class CauseLog {
  private final Logger log;
  private final Duration interval;
  private final Clock clock;
  /** Per cause: when it was last logged and how often it recurred since. */
  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  private static final class Tally {
    Instant since;
    long more;

    Tally(Instant since) {
      this.since = since;
    }
  }

  public CauseLog(Logger log, Duration interval, Clock clock) {
    this.log = log;
    this.interval = interval;
    this.clock = clock;
  }

  /** Logs the first occurrence of {@code cause} with its detail; later ones are counted and summarised. */
  public synchronized void report(String cause, String detail) {
    Instant now = clock.instant();
    Tally tally = tallies.get(cause);
    if (tally == null) {
      tallies.put(cause, new Tally(now));
      log.warn("{}: {} (further occurrences are counted and summarised at most every {} s)", cause, detail,
          interval.toSeconds());
      return;
    }
    tally.more++;
    summariseIfDue(cause, tally, now);
  }

  /** Writes the summary of every cause that recurred and whose interval is over (a periodic job calls it). */
  public synchronized void summarise() {
    Instant now = clock.instant();
    tallies.forEach((cause, tally) -> summariseIfDue(cause, tally, now));
  }

  /** How often {@code cause} recurred since it was last logged (for tests). */
  public synchronized long pending(String cause) {
    Tally tally = tallies.get(cause);
    return tally == null ? 0 : tally.more;
  }

  private void summariseIfDue(String cause, Tally tally, Instant now) {
    if (tally.more > 0 && !now.isBefore(tally.since.plus(interval))) {
      log.warn("{}: {} more since {}", cause, tally.more, tally.since);
      tally.more = 0;
      tally.since = now;
    }
  }
}
