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
  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseTarget target, int maxSize) {
    PoolOptions pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout(5)
        .setIdleTimeoutUnit(TimeUnit.MINUTES)
        .setName("qinglan-" + target.database())
        .setShared(false);
    return PgBuilder.pool().with(pool).connectingTo(connectOptions(target)).using(vertx).build();
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
