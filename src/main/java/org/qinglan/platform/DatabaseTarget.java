package org.qinglan.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Where PostgreSQL is: resolved from QINGLAN_DATABASE_URL, else the libpq variables. */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public DatabaseTarget withDatabase(String otherDatabase) {
    return new DatabaseTarget(host, port, otherDatabase, user, password);
  }

  /** For logs and banners: never shows the password. */
  public String describe() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  /**
   * The configured server, if any: {@code QINGLAN_DATABASE_URL} wins, then the libpq variables
   * (with libpq's own defaults for the ones not set). Empty means "use the embedded server".
   */
  public static Optional<DatabaseTarget> fromEnvironment(Map<String, String> env) {
    String url = blankToNull(env.get("QINGLAN_DATABASE_URL"));
    if (url != null) {
      return Optional.of(parseUrl(url));
    }
    boolean anyLibpq = env.keySet().stream()
        .anyMatch(k -> k.equals("PGHOST") || k.equals("PGPORT") || k.equals("PGUSER")
            || k.equals("PGPASSWORD") || k.equals("PGDATABASE"));
    if (!anyLibpq) {
      return Optional.empty();
    }
    String user = orDefault(env.get("PGUSER"), System.getProperty("user.name", "postgres"));
    String host = orDefault(env.get("PGHOST"), "localhost");
    int port = parsePort(orDefault(env.get("PGPORT"), "5432"), "PGPORT");
    String database = orDefault(env.get("PGDATABASE"), user);
    return Optional.of(new DatabaseTarget(host, port, database, user, blankToNull(env.get("PGPASSWORD"))));
  }

  static DatabaseTarget parseUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QINGLAN_DATABASE_URL is not a valid URL: " + e.getMessage());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "QINGLAN_DATABASE_URL must look like postgresql://user:password@host:port/database");
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    String user = "postgres";
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String database = path.isEmpty() ? user : decode(path);
    return new DatabaseTarget(host, port, database, user, password);
  }

  private static int parsePort(String value, String name) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a port number: " + value);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String orDefault(String value, String fallback) {
    String v = blankToNull(value);
    return v == null ? fallback : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
