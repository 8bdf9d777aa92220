package org.qinglan.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param publicUrl     how people reach the site (e.g. https://qinglan.example.org), for links that
 *                      leave it such as certificate QR codes; null means http://localhost:PORT
 * @param httpInstances how many HTTP verticles serve requests (one per event loop), by default
 *                      the number of cores
 * @param capacity      database connections and password-hashing threads and queue
 */
public record AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                        boolean secureCookies, Path contentDir, String publicUrl, int httpInstances,
                        Duration connectionLifetime, Capacity capacity) {

  public static final int DEFAULT_PORT = 8080;
  /**
   * How long a pooled database connection lives at most: PostgreSQL stopped with SIGTERM waits for
   * every session to end, so none may stay open for ever (tests shorten it to see it happen).
   */
  public static final Duration DEFAULT_CONNECTION_LIFETIME = Duration.ofSeconds(60);

  public AppConfig {
    publicUrl = publicUrl == null ? null : checkPublicUrl(publicUrl);
    if (httpInstances < 1) {
      throw new IllegalArgumentException("The number of HTTP instances must be at least 1, not " + httpInstances);
    }
    if (connectionLifetime == null || connectionLifetime.toSeconds() < 1) {
      throw new IllegalArgumentException("A pooled connection must live at least a second: " + connectionLifetime);
    }
    if (capacity == null) {
      throw new IllegalArgumentException("No capacity given");
    }
  }

  /** With the default {@link Capacity}. */
  public AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                   boolean secureCookies, Path contentDir, String publicUrl, int httpInstances,
                   Duration connectionLifetime) {
    this(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, httpInstances,
        connectionLifetime, Capacity.defaults());
  }

  /** With pooled connections that live {@link #DEFAULT_CONNECTION_LIFETIME}. */
  public AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                   boolean secureCookies, Path contentDir, String publicUrl, int httpInstances) {
    this(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, httpInstances,
        DEFAULT_CONNECTION_LIFETIME);
  }

  /** With one HTTP instance per core. */
  public AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                   boolean secureCookies, Path contentDir, String publicUrl) {
    this(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, defaultHttpInstances());
  }

  /** Without a configured public URL. */
  public AppConfig(int port, Path dataDir, boolean demo, String demoPassword, ZoneId zone,
                   boolean secureCookies, Path contentDir) {
    this(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, null);
  }

  public static ZoneId zoneFrom(Map<String, String> env) {
    String tz = env.get("QINGLAN_TIME_ZONE");
    return tz == null || tz.isBlank() ? ZoneId.of("Asia/Shanghai") : ZoneId.of(tz.trim());
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl,
        httpInstances, connectionLifetime, capacity);
  }

  public AppConfig withHttpInstances(int instances) {
    return new AppConfig(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, instances,
        connectionLifetime, capacity);
  }

  public AppConfig withConnectionLifetime(Duration lifetime) {
    return new AppConfig(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, httpInstances,
        lifetime, capacity);
  }

  public AppConfig withCapacity(Capacity newCapacity) {
    return new AppConfig(port, dataDir, demo, demoPassword, zone, secureCookies, contentDir, publicUrl, httpInstances,
        connectionLifetime, newCapacity);
  }

  /** One HTTP instance per core. */
  public static int defaultHttpInstances() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** QINGLAN_HTTP_INSTANCES, else one per core. */
  public static int httpInstancesFrom(Map<String, String> env) {
    String n = env.get("QINGLAN_HTTP_INSTANCES");
    if (n == null || n.isBlank()) {
      return defaultHttpInstances();
    }
    try {
      int instances = Integer.parseInt(n.strip());
      if (instances >= 1) {
        return instances;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("QINGLAN_HTTP_INSTANCES must be a whole number of at least 1, not: " + n);
  }

  /** The public URL, or http://localhost:{@code actualPort} when none is configured. */
  public String publicUrlOr(int actualPort) {
    return publicUrl != null ? publicUrl : "http://localhost:" + actualPort;
  }

  /** An http(s) URL of the site's root, returned without a trailing slash. */
  public static String checkPublicUrl(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The public URL is not a valid URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("The public URL must look like https://qinglan.example.org, not: " + url);
    }
    return u;
  }
}
