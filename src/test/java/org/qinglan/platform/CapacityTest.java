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
  }

  @Test
  void theEnvironmentSetsEachAndNonsenseIsRefused() {
    Capacity c = Capacity.fromEnvironment(Map.of("QINGLAN_DB_POOL_SIZE", " 24 ", "QINGLAN_HASH_THREADS", "3",
        "QINGLAN_HASH_QUEUE", "40"));
    assertEquals(new Capacity(24, 3, 40), c);
    assertThrows(IllegalArgumentException.class, () -> Capacity.fromEnvironment(Map.of("QINGLAN_HASH_THREADS", "0")));
    assertThrows(IllegalArgumentException.class, () -> Capacity.fromEnvironment(Map.of("QINGLAN_DB_POOL_SIZE", "x")));
    assertThrows(IllegalArgumentException.class, () -> new Capacity(16, 1, -1));
  }

  @Test
  void aConfiguredQueueIsFixedElseItFollowsThePaceOfTheHashing() {
    assertEquals(7, new Capacity(16, 1, 7).maxHashQueue());
    assertEquals(0, new Capacity(16, 1, 7).hashQueueWaitNanos(), "fixed");
    assertEquals(Capacity.MAX_ADAPTIVE_HASH_QUEUE, new Capacity(16, 1, 0).maxHashQueue());
    assertEquals(3_000_000_000L, new Capacity(16, 1, 0).hashQueueWaitNanos());
  }
}
