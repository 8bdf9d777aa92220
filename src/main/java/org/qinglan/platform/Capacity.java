package org.qinglan.platform;

import java.util.Map;

/**
 * How much a node takes on at once: its database connections and its password hashing.
 *
 * @param poolSize    pooled database connections (the node's share of PostgreSQL's max_connections)
 * @param hashThreads threads that hash passwords (Argon2id); by default one fewer than the cores,
 *                    at least one, so the event loops keep a core to themselves
 * @param hashQueue   hashes that may wait for a thread; beyond it a sign-in is answered 503 with
 *                    Retry-After at once. 0 (the default) lets it follow the pace of the hashing:
 *                    as many as the threads get through in {@link #TARGET_QUEUE_WAIT_SECONDS}, up
 *                    to {@link #MAX_ADAPTIVE_HASH_QUEUE}
 * @param heavyPermits heavy requests of a kind (a mock exam's start, a whole paper read or
 *                    submitted) in progress at once ({@link Admission}): by default two per core,
 *                    so that the database works on some while the event loops render others, and
 *                    the event loops' queues stay short for the light requests
 * @param heavyQueue  heavy requests that may wait for a place; beyond it a 503 with Retry-After.
 *                    By default {@link #DEFAULT_HEAVY_QUEUE}
 */
public record Capacity(int poolSize, int hashThreads, int hashQueue, int heavyPermits, int heavyQueue) {
  /** Connections per node: measured with the mock-exam benchmark (docs/benchmarks.md). */
  public static final int DEFAULT_POOL_SIZE = 16;
  /** How long the last queued hash should wait, when the queue follows the pace of the hashing. */
  public static final int TARGET_QUEUE_WAIT_SECONDS = 3;
  /** The longest queue that following the pace makes. */
  public static final int MAX_ADAPTIVE_HASH_QUEUE = 256;
  /** Heavy requests that may wait: a minute's arrivals of an exam morning of a few thousand. */
  public static final int DEFAULT_HEAVY_QUEUE = 2_000;

  public Capacity {
    if (poolSize < 1 || hashThreads < 1 || hashQueue < 0 || heavyPermits < 1 || heavyQueue < 0) {
      throw new IllegalArgumentException("A pool of at least 1 connection, at least 1 hashing thread, a hashing queue "
          + "of 0 (following the pace) or more, at least 1 heavy request at once and a heavy queue of 0 or more, not "
          + poolSize + ", " + hashThreads + ", " + hashQueue + ", " + heavyPermits + ", " + heavyQueue);
    }
  }

  /** With the default admission of heavy requests. */
  public Capacity(int poolSize, int hashThreads, int hashQueue) {
    this(poolSize, hashThreads, hashQueue, defaultHeavyPermits(), DEFAULT_HEAVY_QUEUE);
  }

  public static Capacity defaults() {
    return new Capacity(DEFAULT_POOL_SIZE, defaultHashThreads(), 0);
  }

  /** Two per core. */
  public static int defaultHeavyPermits() {
    return 2 * Runtime.getRuntime().availableProcessors();
  }

  /** One fewer than the cores, at least one. */
  public static int defaultHashThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * QINGLAN_DB_POOL_SIZE, QINGLAN_HASH_THREADS, QINGLAN_HASH_QUEUE, QINGLAN_HEAVY_PERMITS and
   * QINGLAN_HEAVY_QUEUE, else the defaults.
   */
  public static Capacity fromEnvironment(Map<String, String> env) {
    Capacity d = defaults();
    return new Capacity(number(env, "QINGLAN_DB_POOL_SIZE", d.poolSize(), 1),
        number(env, "QINGLAN_HASH_THREADS", d.hashThreads(), 1), number(env, "QINGLAN_HASH_QUEUE", d.hashQueue(), 0),
        number(env, "QINGLAN_HEAVY_PERMITS", d.heavyPermits(), 1), number(env, "QINGLAN_HEAVY_QUEUE", d.heavyQueue(), 0));
  }

  /** The most hashes that may wait: the configured queue, or the most that following the pace makes. */
  public int maxHashQueue() {
    return hashQueue > 0 ? hashQueue : MAX_ADAPTIVE_HASH_QUEUE;
  }

  /** How long the last queued hash should wait in nanoseconds, or 0 for a fixed queue. */
  public long hashQueueWaitNanos() {
    return hashQueue > 0 ? 0 : TARGET_QUEUE_WAIT_SECONDS * 1_000_000_000L;
  }

  private static int number(Map<String, String> env, String name, int fallback, int min) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", not: " + v);
  }
}
