package org.qinglan.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qinglan.platform.DatabaseTarget;

/**
 * The same-run ceiling of {@code bench/pages.sh}: a bare Vert.x server with one route that runs
 * one PostgreSQL query and renders a FreeMarker template with vertx-web-templ-freemarker. No
 * sessions, no CSRF, no security headers, no layout: what a page could cost at best on this
 * machine with this stack, so that Qinglan's pages are read as a ratio to it.
 *
 * <p>Like the node: one pool of 16 connections shared by every HTTP instance, prepared
 * statements cached, and the template rendered on the event loop that serves the request.
 *
 * <p>Arguments: {@code --port N} (default 8090), {@code --instances N} (HTTP verticle
 * instances, i.e. event loops serving HTTP; default 1), {@code --database-url
 * postgresql://user[:password]@host:port/db} (default: the libpq variables).
 */
public final class CeilingServer {
  /** Ten rows, like a short list page (a worker's mock exams); nothing to do with any table. */
  static final String QUERY = """
      SELECT g AS n, md5(g::text) AS title, now() - make_interval(days => g) AS at
        FROM generate_series(1, $1) AS g
      """;
  static final int ROWS = 10;

  private CeilingServer() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int port = Integer.parseInt(opts.getOrDefault("port", "8090"));
    int instances = Integer.parseInt(opts.getOrDefault("instances", "1"));
    String url = opts.get("database-url");
    DatabaseTarget target = (url != null ? DatabaseTarget.fromEnvironment(Map.of("QINGLAN_DATABASE_URL", url))
        : DatabaseTarget.fromEnvironment(System.getenv()))
        .orElseThrow(() -> new IllegalArgumentException("give --database-url or the PG variables"));

    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
    PgConnectOptions connect = new PgConnectOptions().setHost(target.host()).setPort(target.port())
        .setDatabase(target.database()).setUser(target.user()).setCachePreparedStatements(true);
    if (target.password() != null) {
      connect.setPassword(target.password());
    }
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16)).connectingTo(connect).using(vertx).build();
    FreeMarkerTemplateEngine engine = FreeMarkerTemplateEngine.create(vertx, "ftlh");

    vertx.deployVerticle(() -> new Http(pool, engine, port), new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get();
    System.out.println("Ceiling listening on http://127.0.0.1:" + port + "/ceiling with " + instances
        + " HTTP instance(s), database " + target.describe());
    System.out.flush();
  }

  /** One HTTP server per instance, all on one port (Vert.x spreads the connections). */
  private static final class Http extends VerticleBase {
    private final Pool pool;
    private final FreeMarkerTemplateEngine engine;
    private final int port;

    Http(Pool pool, FreeMarkerTemplateEngine engine, int port) {
      this.pool = pool;
      this.engine = engine;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      router.get("/ceiling").handler(ctx -> pool.preparedQuery(QUERY).execute(Tuple.of(ROWS))
          .compose(rows -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Row r : rows) {
              items.add(Map.of("n", r.getInteger("n"), "title", r.getString("title"),
                  "at", r.getOffsetDateTime("at").toString()));
            }
            Map<String, Object> model = new HashMap<>();
            model.put("title", "模拟考试");
            model.put("items", items);
            return engine.render(model, "bench/ceiling.ftlh");
          })
          .onSuccess(body -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(body))
          .onFailure(ctx::fail));
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
  }
}
