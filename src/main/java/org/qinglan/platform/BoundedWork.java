package org.qinglan.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU-heavy work (password hashing) on a few threads of its own with a bounded queue. The
 * threads are fewer than the cores, so the event loops keep a core however many people sign in
 * at once; the queue is short enough that a queued request waits seconds, not minutes: either a
 * fixed number of places, or as many as the threads get through in a target wait at the current
 * pace (a machine that gets busier, or a core taken by something else, shortens it). Work that
 * finds the queue full is refused at once, without running: a 503 with a {@code Retry-After} of
 * about the time the queue takes to drain, which the client retries. A place can be reserved
 * before the work is ready ({@link #tryReserve}): a sign-in reserves its check before it counts
 * its attempt, so that an attempt is only counted when its password will be checked.
 */
public final class BoundedWork implements AutoCloseable {
  /** The longest wait a refusal asks for (before its spread). */
  public static final int LONGEST_RETRY_AFTER_SECONDS = 30;
  /** The shortest queue a target wait makes. */
  public static final int MIN_ADAPTIVE_QUEUE = 2;
  private final String name;
  private final Vertx vertx;
  private final Overload overload;
  private final int threads;
  /** The most work that may wait. */
  private final int maxQueue;
  /** How long the last of the queue should wait, in nanoseconds; 0 for a queue of {@link #maxQueue} always. */
  private final long targetWaitNanos;
  private final ThreadPoolExecutor executor;
  /** Places taken by running, queued and reserved work. */
  private final AtomicInteger taken = new AtomicInteger();
  /** Moving average of one task's run time, in nanoseconds (for the Retry-After). */
  private final AtomicLong averageNanos;
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param maxQueue        the most work that may wait for a thread
   * @param targetWaitNanos how long the last of the queue should wait: the queue holds what the
   *                        threads get through in that time at the current pace (at least
   *                        {@link #MIN_ADAPTIVE_QUEUE}, at most {@code maxQueue}); 0 for a queue of
   *                        {@code maxQueue} whatever the pace
   * @param estimateNanos   a first guess of one task's run time, until tasks have run
   */
  public BoundedWork(String name, Vertx vertx, Overload overload, int threads, int maxQueue, long targetWaitNanos,
                     long estimateNanos) {
    if (threads < 1 || maxQueue < 1 || targetWaitNanos < 0) {
      throw new IllegalArgumentException("At least one thread and one queue place, not " + threads + " and "
          + maxQueue);
    }
    this.name = name;
    this.vertx = vertx;
    this.overload = overload;
    this.threads = threads;
    this.maxQueue = maxQueue;
    this.targetWaitNanos = targetWaitNanos;
    this.averageNanos = new AtomicLong(Math.max(1, estimateNanos));
    AtomicInteger count = new AtomicInteger();
    // The executor's own queue is unbounded: the places bound it.
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "qinglan-" + name + "-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** A place taken for one piece of work: submit it, or give the place back. */
  public final class Reservation {
    private final AtomicBoolean done = new AtomicBoolean();

    private Reservation() {
    }

    /** Runs {@code work} in the reserved place; the future completes on the caller's context. */
    public <T> Future<T> submit(Callable<T> work) {
      if (!done.compareAndSet(false, true)) {
        return Future.failedFuture(new IllegalStateException("This place was used or given back already"));
      }
      return run(work);
    }

    /** Gives the place back if no work was submitted to it (a no-op after {@link #submit}). */
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        taken.decrementAndGet();
      }
    }
  }

  /** Takes a place for work to come, or returns null when there is none (the queue is full). */
  public Reservation tryReserve() {
    int limit = threads + queueCapacity();
    while (true) {
      int now = taken.get();
      if (now >= limit) {
        return null;
      }
      if (taken.compareAndSet(now, now + 1)) {
        return new Reservation();
      }
    }
  }

  /** How many may wait for a thread now: fixed, or what the threads get through in the target wait. */
  public int queueCapacity() {
    return targetWaitNanos == 0 ? maxQueue
        : queueFor(targetWaitNanos, threads, averageNanos.get(), maxQueue);
  }

  /** The queue that {@code threads} taking {@code taskNanos} a task get through in {@code waitNanos}. */
  static int queueFor(long waitNanos, int threads, long taskNanos, int max) {
    long fits = Math.round((double) waitNanos * threads / Math.max(1, taskNanos));
    return (int) Math.max(Math.min(MIN_ADAPTIVE_QUEUE, max), Math.min(max, fits));
  }

  /**
   * Runs {@code work} on one of the threads; the future completes on the caller's context. Fails
   * at once with a 503 {@link Problem} (with Retry-After) when the queue is full.
   */
  public <T> Future<T> submit(Callable<T> work) {
    Reservation place = tryReserve();
    return place == null ? Future.failedFuture(refusal()) : place.submit(work);
  }

  /** Runs work whose place is taken; the place is given back when it ends. */
  private <T> Future<T> run(Callable<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> work(work, context, promise));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Only once closed.
      taken.decrementAndGet();
      return Future.failedFuture(e);
    }
    return promise.future();
  }

  private <T> void work(Callable<T> work, Context context, Promise<T> promise) {
    {
      long start = System.nanoTime();
      T result;
      Throwable failure = null;
      try {
        result = work.call();
      } catch (Throwable t) {
        result = null;
        failure = t;
      } finally {
        taken.decrementAndGet();
      }
      long took = System.nanoTime() - start;
      // An average over roughly the last 16 tasks: follows a machine that gets busier.
      averageNanos.getAndUpdate(avg -> avg + (took - avg) / 16);
      T done = result;
      Throwable failed = failure;
      context.runOnContext(v -> {
        if (failed == null) {
          promise.complete(done);
        } else {
          promise.fail(failed);
        }
      });
    }
  }

  /** Whether new work would be refused now (every place is taken). */
  public boolean full() {
    return taken.get() >= threads + queueCapacity();
  }

  /** The 503 for work that found the queue full (logged once, then counted). */
  public Problem refusal() {
    refused.incrementAndGet();
    return overload.refuse("Queue of " + name + " full", threads + " threads, " + queueCapacity() + " queued",
        Overload.busy(secondsToDrain()));
  }

  /**
   * About how long the queue takes to drain now: queued and running tasks times the average run
   * time, over the threads; at most {@link #LONGEST_RETRY_AFTER_SECONDS}, so that a client keeps
   * trying while its person still waits.
   */
  public int secondsToDrain() {
    long tasks = taken.get();
    double seconds = tasks * (averageNanos.get() / 1e9) / threads;
    return (int) Math.min(LONGEST_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
  }

  /** Tasks running now. */
  public int running() {
    return executor.getActiveCount();
  }

  /** Tasks waiting for a thread now. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Tasks refused since the start. */
  public long refusedCount() {
    return refused.get();
  }

  public int threads() {
    return threads;
  }

  /** The average run time of a task so far. */
  public double averageMillis() {
    return averageNanos.get() / 1e6;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
