package org.qinglan.web;

import java.util.regex.Pattern;

/** Where a request may send the browser back to: local paths only, never another site. */
public final class LocalPaths {
  /** A same-site path: one "/" then URI characters only (no "//", backslash, control characters or spaces). */
  private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%#]*");

  private LocalPaths() {
  }

  /**
   * A local path to go back to, or "/" for anything else (never another site). Browsers drop tabs
   * and newlines from a Location and read a backslash as a slash, so "/\t/evil.example" would leave
   * the site: only a plain, already-encoded path is accepted.
   */
  public static String safeLocal(String path) {
    if (path == null || !LOCAL_PATH.matcher(path).matches()) {
      return "/";
    }
    return path;
  }

  /** Only local paths are followed after sign-in, never another site (nor the sign-in page again). */
  public static String safeNext(String next) {
    String local = safeLocal(next);
    return local.startsWith("/login") ? "/" : local;
  }
}
