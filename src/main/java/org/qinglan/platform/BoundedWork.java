package org.qinglan.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU-heavy work (password hashing) on a few threads of its own with a bounded queue. The
 * threads are fewer than the cores, so the event loops keep a core however many people sign in
 * at once; the queue is short enough that a queued request waits seconds, not minutes. Work that
 * finds the queue full is refused at once, without running: a 503 with a {@code Retry-After} of
 * about the time the queue takes to drain, which the client retries. A place can be reserved
 * before the work is ready ({@link #tryReserve}): a sign-in reserves its check before it counts
 * its attempt, so that an attempt is only counted when its password will be checked.
 */
public final class BoundedWork implements AutoCloseable {
  /** The longest wait a refusal asks for (before its spread). */
  public static final int LONGEST_RETRY_AFTER_SECONDS = 30;
  private final String name;
  private final Vertx vertx;
  private final Overload overload;
  private final int threads;
  private final int queueCapacity;
  private final ThreadPoolExecutor executor;
  /** Places for running and queued work: the threads plus the queue. */
  private final Semaphore places;
  /** Moving average of one task's run time, in nanoseconds (for the Retry-After). */
  private final AtomicLong averageNanos;
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param estimateNanos a first guess of one task's run time, until tasks have run
   */
  public BoundedWork(String name, Vertx vertx, Overload overload, int threads, int queueCapacity, long estimateNanos) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("At least one thread and one queue place, not " + threads + " and "
          + queueCapacity);
    }
    this.name = name;
    this.vertx = vertx;
    this.overload = overload;
    this.threads = threads;
    this.queueCapacity = queueCapacity;
    this.averageNanos = new AtomicLong(Math.max(1, estimateNanos));
    this.places = new Semaphore(threads + queueCapacity);
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
        places.release();
      }
    }
  }

  /** Takes a place for work to come, or returns null when there is none (the queue is full). */
  public Reservation tryReserve() {
    return places.tryAcquire() ? new Reservation() : null;
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
      places.release();
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
        places.release();
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
    return places.availablePermits() == 0;
  }

  /** The 503 for work that found the queue full (logged once, then counted). */
  public Problem refusal() {
    refused.incrementAndGet();
    return overload.refuse("Queue of " + name + " full", threads + " threads, " + queueCapacity + " queued",
        Overload.busy(secondsToDrain()));
  }

  /**
   * About how long the queue takes to drain now: queued and running tasks times the average run
   * time, over the threads; at most {@link #LONGEST_RETRY_AFTER_SECONDS}, so that a client keeps
   * trying while its person still waits.
   */
  public int secondsToDrain() {
    long tasks = threads + queueCapacity - (long) places.availablePermits();
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

  public int queueCapacity() {
    return queueCapacity;
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
