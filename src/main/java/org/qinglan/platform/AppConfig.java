package org.qinglan.platform;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * Settings of one running node.
 *
 * @param port          HTTP port (0 picks a free one, used by tests)
 * @param dataDir       embedded database, search index and uploads live here
 * @param demo          fill an empty database with the sample org tree and accounts
 * @param demoPassword  password of the demo accounts; null means generate one
 * @param zone          time zone for calendar boundaries (this year, today's practice)
 * @param secureCookies mark cookies Secure (set when served over HTTPS)
 * @param contentDir    where question-bank/ and courses/ are (the repository root by default)
 */
public record AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                        boolean secureCookies, Path contentDir) {

  public static final int DEFAULT_PORT = 8080;

  public static ZoneId zoneFrom(Map<String, String> env) {
    String tz = env.get("QINGLAN_TIME_ZONE");
    return tz == null || tz.isBlank() ? ZoneId.of("Asia/Shanghai") : ZoneId.of(tz.trim());
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, dataDir, demo, demoPassword, zone, secureCookies, contentDir);
  }
}
