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
  void theQueueHoldsAboutThreeSecondsOfHashing() {
    assertEquals(60, new Capacity(16, 1, 0).hashQueueFor(50), "20 hashes a second on one thread");
    assertEquals(120, new Capacity(16, 2, 0).hashQueueFor(50));
    assertEquals(4, new Capacity(16, 1, 0).hashQueueFor(5000), "at least a few places");
    assertEquals(256, new Capacity(16, 1, 0).hashQueueFor(0.5), "at most 256");
    assertEquals(7, new Capacity(16, 1, 7).hashQueueFor(50), "a configured queue stands");
  }
}
