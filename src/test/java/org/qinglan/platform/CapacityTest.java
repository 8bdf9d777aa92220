package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityTest {

  @Test
  void hashingLeavesTheEventLoopsACoreAndThePoolHasItsDefault() {
    int cores = Runtime.getRuntime().availableProcessors();
    Capacity c = Capacity.fromEnvironment(Map.of());
    assertEquals(Math.max(1, cores - 1), c.hashThreads());
    assertEquals(Capacity.DEFAULT_POOL_SIZE, c.poolSize());
    assertEquals(0, c.hashQueue(), "sized at start-up");
    assertEquals(2 * cores, c.heavyPermits(), "two heavy requests per core");
    assertEquals(Capacity.DEFAULT_HEAVY_QUEUE, c.heavyQueue());
  }

  @Test
  void theEnvironmentSetsEachAndNonsenseIsRefused() {
    Capacity c = Capacity.fromEnvironment(Map.of("QINGLAN_DB_POOL_SIZE", " 24 ", "QINGLAN_HASH_THREADS", "3",
        "QINGLAN_HASH_QUEUE", "40"));
    assertEquals(new Capacity(24, 3, 40), c);
    assertThrows(IllegalArgumentException.class, () -> Capacity.fromEnvironment(Map.of("QINGLAN_HASH_THREADS", "0")));
    assertThrows(IllegalArgumentException.class, () -> Capacity.fromEnvironment(Map.of("QINGLAN_DB_POOL_SIZE", "x")));
    assertThrows(IllegalArgumentException.class, () -> new Capacity(16, 1, -1));
    Capacity heavy = Capacity.fromEnvironment(Map.of("QINGLAN_HEAVY_PERMITS", "3", "QINGLAN_HEAVY_QUEUE", "0"));
    assertEquals(3, heavy.heavyPermits());
    assertEquals(0, heavy.heavyQueue(), "no queue: refused whenever every place is taken");
    assertThrows(IllegalArgumentException.class, () -> Capacity.fromEnvironment(Map.of("QINGLAN_HEAVY_PERMITS", "0")));
    assertThrows(IllegalArgumentException.class, () -> new Capacity(16, 1, 0, 1, -1));
  }

  @Test
  void aConfiguredQueueIsFixedElseItFollowsThePaceOfTheHashing() {
    assertEquals(7, new Capacity(16, 1, 7).maxHashQueue());
    assertEquals(0, new Capacity(16, 1, 7).hashQueueWaitNanos(), "fixed");
    assertEquals(Capacity.MAX_ADAPTIVE_HASH_QUEUE, new Capacity(16, 1, 0).maxHashQueue());
    assertEquals(3_000_000_000L, new Capacity(16, 1, 0).hashQueueWaitNanos());
  }
}
