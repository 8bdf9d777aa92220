package org.qinglan.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that acts like a person's browser: it fetches a page, takes the
 * CSRF token from it and posts forms. Redirects are not followed, so tests can see them.
 */
public final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

  private final String base;
  private final CookieManager cookies;
  private final HttpClient client;
  private String lastCsrf;

  public Browser(String base) {
    this(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
  }

  private Browser(String base, CookieManager cookies) {
    this.base = base;
    this.cookies = cookies;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The same person (same cookies) talking to another node of the deployment. */
  public Browser onOtherNode(String otherBase) {
    return new Browser(otherBase, cookies);
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      lastCsrf = m.group(1);
    }
    return r;
  }

  /** The CSRF token of the last page that had a form (fetching the home page if none yet). */
  public String csrf() {
    if (lastCsrf == null) {
      get("/"); // signed in: every page's sign-out form carries the token
    }
    if (lastCsrf == null) {
      get("/login");
    }
    return lastCsrf;
  }

  /** Posts a form with the CSRF token a real page would carry. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("_csrf", csrf());
    return postRaw(path, all);
  }

  /** Posts exactly these fields (no token added). */
  public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts an already encoded form body (for repeated fields such as checkboxes). */
  public HttpResponse<String> postEncoded(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts one file as multipart/form-data, with the CSRF token. */
  public HttpResponse<String> upload(String path, String field, String fileName, byte[] content, String contentType) {
    return upload(path, field, fileName, content, contentType, Map.of());
  }

  /** Posts one file and other form fields (e.g. a select box) as multipart/form-data, with the CSRF token. */
  public HttpResponse<String> upload(String path, String field, String fileName, byte[] content, String contentType,
                                     Map<String, String> fields) {
    String boundary = "----qinglan" + UUID.randomUUID();
    StringBuilder head = new StringBuilder();
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n").append(csrf()).append("\r\n");
    fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
        .append("\r\n"));
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(field).append("\"; filename=\"").append(fileName)
        .append("\"\r\n").append("Content-Type: ").append(contentType).append("\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + content.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(content, 0, body, start.length, content.length);
    System.arraycopy(end, 0, body, start.length + content.length, end.length);
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<String> json(String method, String path, String json) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b);
  }

  /** Posts a form with the CSRF token and extra request headers (such as a browser's Origin). */
  public HttpResponse<String> postWithHeaders(String path, Map<String, String> fields, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("_csrf", csrf());
    String body = all.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b);
  }

  /** Sends JSON with extra request headers. */
  public HttpResponse<String> jsonWithHeaders(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    return send(b);
  }

  public HttpResponse<String> request(String method, String path) {
    return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** The Cookie header this browser would send to its node (for hand-made requests). */
  public String cookieHeader() {
    return cookies.getCookieStore().get(URI.create(base)).stream().map(Object::toString)
        .collect(Collectors.joining("; "));
  }

  /** Signs in through the login form; fails the test if that does not work. */
  public void signIn(String username, String password) {
    get("/login");
    HttpResponse<String> r = post("/login", Map.of("username", username, "password", password));
    if (r.statusCode() != 302) {
      throw new AssertionError("Sign-in as " + username + " failed: " + r.statusCode() + "\n" + r.body());
    }
    lastCsrf = null;
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
