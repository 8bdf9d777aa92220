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

  @Test
  void aPublicUrlMustBeAnHttpUrlOfTheSite() {
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("qinglan.example.org"));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("ftp://qinglan.example.org"));
    assertThrows(IllegalArgumentException.class, () -> AppConfig.checkPublicUrl("https://x.org/?a=1"));
    assertEquals("https://x.org/qinglan", AppConfig.checkPublicUrl(" https://x.org/qinglan/ "));
  }
}
