package org.qinglan.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.Await;
import org.qinglan.testing.TestApp;

/** The channel as two whole nodes of a deployment use it. */
class EventChannelNodesTest {

  @Test
  void whatOneNodePublishesReachesEveryEventLoopOfAnother() throws Exception {
    try (TestApp first = TestApp.withDemoData(2); TestApp second = first.secondNode()) {
      // One subscriber per event loop of the second node's Vert.x (the HTTP instances' loops among them).
      int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
      Map<Integer, String> startedOn = new ConcurrentHashMap<>();
      Map<Integer, String> receivedOn = new ConcurrentHashMap<>();
      Map<Integer, Long> received = new ConcurrentHashMap<>();
      AtomicInteger instances = new AtomicInteger();
      EventChannel onSecond = second.app().events();
      Await.of(second.app().vertx().deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          int n = instances.getAndIncrement();
          startedOn.put(n, Thread.currentThread().getName());
          return onSecond.subscribe("test.nodes", e -> {
            receivedOn.put(n, Thread.currentThread().getName());
            received.put(n, e.id());
          }).ready();
        }
      }, new DeploymentOptions().setInstances(loops)));
      assertTrue(new HashSet<>(startedOn.values()).size() > 1, "subscribers on several loops: " + startedOn);
      long id = Await.of(first.app().events().publish("test.nodes", new JsonObject().put("round", 1)));
      long deadline = System.nanoTime() + 1_000_000_000L;
      while (received.size() < loops && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(loops, received.size(), "every subscriber within a second: " + received);
      assertTrue(received.values().stream().allMatch(v -> v == id), received.toString());
      assertEquals(startedOn, receivedOn, "each received on its own event loop");
      assertTrue(!first.app().events().nodeId().equals(onSecond.nodeId()), "two nodes");
    }
  }
}
