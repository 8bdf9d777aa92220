package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void thePublicUrlIsTheConfiguredOneOrLocalhostWithThePort() {
    AppConfig none = new AppConfig(8080, Path.of("data"), false, null, ZoneId.of("Asia/Shanghai"), false, Path.of("."));
    assertEquals("http://localhost:8123", none.publicUrlOr(8123));
    AppConfig set = new AppConfig(8080, Path.of("data"), false, null, ZoneId.of("Asia/Shanghai"), false, Path.of("."),
        "https://qinglan.example.org/");
    assertEquals("https://qinglan.example.org", set.publicUrlOr(8123), "without the trailing slash");
    assertEquals("https://qinglan.example.org", set.withPort(0).publicUrl());
  }

  /** The deployment's pooled connections live a minute; only tests ask for less, and never for nothing. */
  @Test
  void pooledConnectionsLiveAMinuteUnlessToldOtherwise() {
    AppConfig served = new AppConfig(8080, Path.of("data"), false, null, ZoneId.of("Asia/Shanghai"), false, Path.of("."));
    assertEquals(java.time.Duration.ofSeconds(60), served.connectionLifetime());
    assertEquals(java.time.Duration.ofSeconds(60), served.withPort(9090).withHttpInstances(3).connectionLifetime());
    assertThrows(IllegalArgumentException.class, () -> served.withConnectionLifetime(java.time.Duration.ZERO));
  }

  @Test
  void aPublicUrlMustBeAnHttpUrlOfTheSite() {
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("qinglan.example.org"));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("ftp://qinglan.example.org"));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("https://x.org/?a=1"));
    assertEquals("https://x.org/qinglan", AppConfig.checkPublicUrl(" https://x.org/qinglan/ "));
  }

  @Test
  void httpInstancesComeFromTheEnvironmentElseOnePerCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, AppConfig.httpInstancesFrom(java.util.Map.of()));
    assertEquals(cores, AppConfig.httpInstancesFrom(java.util.Map.of("QINGLAN_HTTP_INSTANCES", " ")));
    assertEquals(3, AppConfig.httpInstancesFrom(java.util.Map.of("QINGLAN_HTTP_INSTANCES", " 3 ")));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.httpInstancesFrom(
        java.util.Map.of("QINGLAN_HTTP_INSTANCES", "0")));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.httpInstancesFrom(
        java.util.Map.of("QINGLAN_HTTP_INSTANCES", "many")));
    AppConfig config = new AppConfig(0, Path.of("data"), false, null, ZoneId.of("Asia/Shanghai"), false, Path.of("."));
    assertEquals(cores, config.httpInstances(), "one per core unless told");
    assertEquals(2, config.withHttpInstances(2).httpInstances());
    assertEquals(2, config.withHttpInstances(2).withPort(8080).httpInstances());
    assertThrows(IllegalArgumentException.class, () -> config.withHttpInstances(0));
  }
}
