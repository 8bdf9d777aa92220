package org.qinglan.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU-heavy work (password hashing) on a few threads of its own with a bounded queue. The
 * threads are fewer than the cores, so the event loops keep a core however many people sign in
 * at once; the queue is short enough that a queued request waits seconds, not minutes. Work that
 * finds the queue full is refused at once, without running: a 503 with a {@code Retry-After} of
 * about the time the queue takes to drain, which the client retries.
 */
public final class BoundedWork implements AutoCloseable {
  private final String name;
  private final Vertx vertx;
  private final Overload overload;
  private final int threads;
  private final int queueCapacity;
  private final ThreadPoolExecutor executor;
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
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), r -> {
          Thread t = new Thread(r, "qinglan-" + name + "-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs {@code work} on one of the threads; the future completes on the caller's context. Fails
   * at once with a 503 {@link Problem} (with Retry-After) when the queue is full.
   */
  public <T> Future<T> submit(Callable<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        long start = System.nanoTime();
        T result;
        Throwable failure = null;
        try {
          result = work.call();
        } catch (Throwable t) {
          result = null;
          failure = t;
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
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(refusal());
    }
    return promise.future();
  }

  /** Whether new work would be refused now (the queue is full). */
  public boolean full() {
    return executor.getQueue().remainingCapacity() == 0;
  }

  /** The 503 for work that found the queue full (logged once, then counted). */
  public Problem refusal() {
    refused.incrementAndGet();
    return overload.refuse("Queue of " + name + " full", threads + " threads, " + queueCapacity + " queued",
        Overload.busy(secondsToDrain()));
  }

  /** About how long the queue takes to drain now: queued and running tasks times the average run time, over the threads. */
  public int secondsToDrain() {
    long tasks = executor.getQueue().size() + (long) executor.getActiveCount();
    double seconds = tasks * (averageNanos.get() / 1e9) / threads;
    return (int) Math.max(1, Math.ceil(seconds));
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
