package org.qinglan.web;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.qinglan.platform.Database;
import org.qinglan.platform.Overload;
import org.qinglan.platform.Problem;

/**
 * Assembles the router: static assets, body parsing, session, CSRF, then every feature's
 * routes, and Chinese error pages for whatever fails; and serves it from one or more HTTP
 * verticles ({@link HttpVerticle}).
 */
public final class WebServer {
  /** Largest request body accepted (uploads included). */
  public static final long MAX_BODY_BYTES = 20L * 1024 * 1024;
  /**
   * Largest single form field: a course reading or a question's text is far longer than the
   * server's default of 8 KB (a little over 2,000 Chinese characters).
   */
  public static final int MAX_FORM_FIELD_BYTES = 1024 * 1024;
  /** Longest request URI a route is given; longer ones are a 414 in the route's error shape. */
  public static final int MAX_URI_LENGTH = 4096;
  /** Longest request line the server reads at all (beyond it, a 414 in the API's error shape). */
  static final int MAX_REQUEST_LINE_LENGTH = 64 * 1024;
  /**
   * The pages' own files only: no inline script or style, no framing, forms post to this site.
   * Lesson videos may come from another https site.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; media-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private final Vertx vertx;
  private final Pool pool;
  private final Views views;
  private final Auth auth;
  private final Csrf csrf;
  private final Path uploadsDir;
  private final Supplier<String> publicUrl;
  private final List<Consumer<Routes>> features;
  private final Overload overload;
  /** The routes of the first router built (every instance's are the same). */
  private final AtomicReference<Routes> firstRoutes = new AtomicReference<>();

  /**
   * @param publicUrl the configured public URL (e.g. https://qinglan.example.org), whose origin
   *                  state-changing requests may come from besides the request's own
   * @param features  each mounts its routes; called once per HTTP instance, so a feature's mount
   *                  only adds routes and keeps nothing per instance
   */
  public WebServer(Vertx vertx, Pool pool, Views views, Auth auth, Csrf csrf, Path uploadsDir,
                   Supplier<String> publicUrl, List<Consumer<Routes>> features) {
    this(vertx, pool, views, auth, csrf, uploadsDir, publicUrl, features, new Overload());
  }

  /** @param overload logs the node's busy and unreachable causes once each, and answers them 503 */
  public WebServer(Vertx vertx, Pool pool, Views views, Auth auth, Csrf csrf, Path uploadsDir,
                   Supplier<String> publicUrl, List<Consumer<Routes>> features, Overload overload) {
    this.overload = overload;
    this.vertx = vertx;
    this.pool = pool;
    this.views = views;
    this.auth = auth;
    this.csrf = csrf;
    this.uploadsDir = uploadsDir;
    this.publicUrl = publicUrl;
    this.features = List.copyOf(features);
    // Vert.x-wide, so once per node rather than once per HTTP instance.
    RequestFailures.install(vertx);
  }

  /**
   * A new router with every route: static assets, body parsing, session, CSRF, the features'
   * routes and the error pages. Vert.x routers belong to one verticle, so each HTTP instance
   * builds its own; the services behind the routes are shared.
   */
  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    Routes routes = new Routes(router);
    router.route().handler(ctx -> {
      RequestFailures.bind(ctx);
      ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("Referrer-Policy", "same-origin");
      if (ctx.request().uri().length() > MAX_URI_LENGTH) {
        ctx.fail(ErrorPages.uriTooLong());
        return;
      }
      ctx.next();
    });
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/static/favicon.ico"));
    router.get("/static/*").handler(StaticHandler.create("static")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(7 * 24 * 3600)
        .setDirectoryListing(false));
    router.get("/health").handler(this::health);
    router.route().handler(BodyHandler.create(uploadsDir.toString())
        .setBodyLimit(MAX_BODY_BYTES)
        .setDeleteUploadedFilesOnEnd(true)
        .setHandleFileUploads(true));
    router.route().handler(InputCheck::handle);
    router.route().handler(new OriginCheck(publicUrl)::handle);
    router.route("/api/*").handler(WebServer::requireJsonForChanges);
    router.route().handler(auth::handle);
    router.route().handler(csrf::handle);
    features.forEach(f -> f.accept(routes));
    router.route().handler(ctx -> ctx.fail(Problem.notFound()));
    ErrorPages errors = new ErrorPages(views, overload);
    router.route().failureHandler(errors::handle);
    firstRoutes.compareAndSet(null, routes);
    return router;
  }

  /** The routes every instance serves (those of the first router built; null before any). */
  public Routes routes() {
    return firstRoutes.get();
  }

  /** One HTTP server on the calling context (a test's single instance). */
  public Future<HttpServer> listen(String host, int port) {
    return listen(vertx, host, port);
  }

  /**
   * Serves HTTP from {@code instances} verticles, one per event loop as far as there are loops,
   * all on one port (Vert.x hands each new connection to the next instance). Port 0 picks a free
   * port that all the instances share.
   *
   * @return the first instance's server (its port is every instance's)
   */
  public Future<HttpServer> deploy(String host, int port, int instances) {
    if (instances < 1) {
      return Future.failedFuture(new IllegalArgumentException("At least one HTTP instance, not " + instances));
    }
    // For Vert.x, a negative port is a random one shared by the servers that ask for the same.
    int shared = port == 0 ? -1 : port;
    AtomicReference<HttpServer> first = new AtomicReference<>();
    return vertx.deployVerticle(() -> new HttpVerticle(this, host, shared, s -> first.compareAndSet(null, s)),
        new DeploymentOptions().setInstances(instances)).map(id -> first.get());
  }

  Future<HttpServer> listen(Vertx vertx, String host, int port) {
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
            .setMaxFormAttributeSize(MAX_FORM_FIELD_BYTES)
            .setMaxInitialLineLength(MAX_REQUEST_LINE_LENGTH))
        .requestHandler(router(vertx))
        .invalidRequestHandler(WebServer::invalidRequest)
        .listen(port, host);
  }

  /**
   * A request the HTTP decoder could not read. Its path is unknown (so is whether it was meant
   * for the API), so the answer is the API's error shape, which a person's browser shows as text.
   */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = cause instanceof TooLongHttpLineException ? ErrorPages.uriTooLong()
        : cause instanceof TooLongHttpHeaderException
        ? new Problem(431, "headers_too_large", "请求头太大，无法处理。")
        : Problem.badRequest("请求无效。");
    JsonObject body = new JsonObject().put("error", new JsonObject().put("code", problem.code())
        .put("message", problem.getMessage()));
    request.response().setStatusCode(problem.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode())
        .onComplete(x -> request.connection().close());
  }

  private void health(RoutingContext ctx) {
    Database.ping(pool).onComplete(ar -> {
      boolean up = ar.succeeded();
      Responses.json(ctx, up ? 200 : 503, new JsonObject()
          .put("status", up ? "UP" : "DOWN")
          .put("database", up ? "UP" : "DOWN"));
    });
  }

  /** The JSON API takes state changes only as JSON, which cross-site forms cannot send. */
  private static void requireJsonForChanges(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    boolean changes = m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH;
    String type = ctx.request().getHeader("Content-Type");
    if (changes && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
      ctx.fail(new Problem(415, "unsupported_media_type", "请以 application/json 格式提交。"));
      return;
    }
    ctx.next();
  }

  Views views() {
    return views;
  }
}
