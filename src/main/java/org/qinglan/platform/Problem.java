package org.qinglan.platform;

import java.util.List;

/**
 * A failure meant for the user: an HTTP status, a stable code for the JSON API, a Chinese
 * message for people, optionally the individual problems found (e.g. every bad row of a file),
 * and for a 503 or 429 how many seconds to wait before trying again ({@code Retry-After}).
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String code;
  private final List<String> details;
  /** Seconds for the Retry-After header; 0 when none is given. */
  private final int retryAfterSeconds;

  public Problem(int status, String code, String message, List<String> details) {
    this(status, code, message, details, 0);
  }

  private Problem(int status, String code, String message, List<String> details, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Problem(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static Problem badRequest(String message, List<String> details) {
    return new Problem(400, "bad_request", message, details);
  }

  public static Problem badRequest(String message) {
    return new Problem(400, "bad_request", message);
  }

  public static Problem forbidden() {
    return new Problem(403, "forbidden", "您没有权限访问此页面或执行此操作。");
  }

  public static Problem notFound() {
    return new Problem(404, "not_found", "您要找的内容不存在或已被移除。");
  }

  public static Problem conflict(String message) {
    return new Problem(409, "conflict", message);
  }

  /** The same problem, telling the client to try again after {@code seconds} (at least 1). */
  public Problem withRetryAfter(int seconds) {
    return new Problem(status, code, getMessage(), details, Math.max(1, seconds));
  }

  /** Seconds the client should wait before trying again, or 0 when the answer does not say. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> details() {
    return details;
  }
}
