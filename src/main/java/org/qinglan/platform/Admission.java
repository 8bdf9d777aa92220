package org.qinglan.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code permits} heavy requests of one kind in progress at once (starting a mock exam:
 * drawing a paper, reading its questions, writing the exam; reading a whole paper back), the next
 * ones waiting in a queue of at most {@code maxQueue}, in order, and beyond it refused at once with
 * a 503 and a {@code Retry-After}. A waiting request holds nothing: no pooled connection, no event
 * loop.
 *
 * <p>Why: on an exam morning the starts come faster than two cores serve them. Unchecked, every
 * one of them is taken up at once, and the event loops' queues fill with their work, in front of
 * the light requests of the workers already writing (an answer's save is one statement), whose
 * wait then grows to seconds. Admitted a few at a time, the heavy requests wait here instead and
 * the saves pass.
 */
public final class Admission {
  private final String name;
  private final Overload overload;
  private final int permits;
  private final int maxQueue;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private int running;
  /** Moving average of how long a permit is held, in nanoseconds (for the Retry-After). */
  private final AtomicLong averageNanos = new AtomicLong(50_000_000L);
  private final AtomicLong refused = new AtomicLong();

  private record Waiting(Context context, Promise<Permit> promise) {
  }

  public Admission(String name, Overload overload, int permits, int maxQueue) {
    if (permits < 1 || maxQueue < 0) {
      throw new IllegalArgumentException("At least one permit and no negative queue, not " + permits + " and "
          + maxQueue);
    }
    this.name = name;
    this.overload = overload;
    this.permits = permits;
    this.maxQueue = maxQueue;
  }

  /** A place taken: give it back once, when the request's answer has gone (or it failed). */
  public final class Permit {
    private final long since = System.nanoTime();
    private final AtomicBoolean released = new AtomicBoolean();

    public void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      long held = System.nanoTime() - since;
      // About the last 16 requests: follows a machine that gets busier.
      averageNanos.getAndUpdate(avg -> avg + (held - avg) / 16);
      Waiting next;
      synchronized (Admission.this) {
        next = waiting.poll();
        if (next == null) {
          running--;
        }
      }
      if (next != null) {
        // The place passes straight to the next in line, on its own event loop.
        Permit permit = new Permit();
        next.context().runOnContext(v -> next.promise().complete(permit));
      }
    }
  }

  /**
   * A permit now, or when one is released (in order of arrival); a 503 {@link Problem} with a
   * Retry-After at once when the queue is full. Completes on the caller's context.
   */
  public Future<Permit> enter() {
    synchronized (this) {
      if (running < permits) {
        running++;
        return Future.succeededFuture(new Permit());
      }
      if (waiting.size() < maxQueue) {
        Context context = Vertx.currentContext();
        if (context == null) {
          throw new IllegalStateException("Admission.enter outside a Vert.x context");
        }
        Promise<Permit> promise = Promise.promise();
        waiting.add(new Waiting(context, promise));
        return promise.future();
      }
    }
    refused.incrementAndGet();
    return Future.failedFuture(overload.refuse("Queue of " + name + " full",
        permits + " in progress, " + maxQueue + " waiting", Overload.busy(secondsToDrain())));
  }

  /** About how long the queue takes to drain now, at least 1 s, at most {@link BoundedWork#LONGEST_RETRY_AFTER_SECONDS}. */
  int secondsToDrain() {
    int queued;
    synchronized (this) {
      queued = waiting.size() + running;
    }
    double seconds = queued * (averageNanos.get() / 1e9) / permits;
    return (int) Math.min(BoundedWork.LONGEST_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
  }

  /** Requests in progress now. */
  public synchronized int running() {
    return running;
  }

  /** Requests waiting now. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Requests refused since the start. */
  public long refused() {
    return refused.get();
  }
}
