package org.qinglan.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** The application's connection pool. Broken connections are dropped and replaced on demand. */
public final class Database {
  /** The pool's connections as pg_stat_activity names them. */
  public static final String APPLICATION_NAME = "qinglan";

  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseTarget target, int maxSize) {
    return pool(vertx, target, maxSize, AppConfig.DEFAULT_CONNECTION_LIFETIME);
  }

  /** As {@link #pool(Vertx, DatabaseTarget, int)}, with connections that live at most {@code lifetime}. */
  public static Pool pool(Vertx vertx, DatabaseTarget target, int maxSize, java.time.Duration lifetime) {
    PoolOptions pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        // PostgreSQL's smart shutdown (SIGTERM) waits for every client to leave and tells none
        // of them: connections the pool no longer needs are closed soon, and even one in
        // constant use is replaced after a minute (a new one is refused while it shuts down).
        .setIdleTimeout(10)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxLifetime((int) lifetime.toSeconds())
        .setMaxLifetimeUnit(TimeUnit.SECONDS)
        .setName("qinglan-" + target.database())
        .setShared(false);
    PgConnectOptions connect = connectOptions(target).addProperty("application_name", APPLICATION_NAME);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** How to reach the database (also for a connection of its own, such as a LISTEN). */
  public static PgConnectOptions connectOptions(DatabaseTarget target) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(target.host())
        .setPort(target.port())
        .setDatabase(target.database())
        .setUser(target.user())
        .setCachePreparedStatements(true);
    if (target.password() != null) {
      connect.setPassword(target.password());
    }
    return connect;
  }

  /** Succeeds when the database answers a trivial query within two seconds. */
  public static Future<Void> ping(Pool pool) {
    return pool.query("SELECT 1").execute().<Void>mapEmpty().timeout(2, TimeUnit.SECONDS);
  }
}
