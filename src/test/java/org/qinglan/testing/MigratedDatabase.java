package org.qinglan.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;

/** A fresh database with the schema and no data, and a small pool on it: for tests of stores and syncs. */
public final class MigratedDatabase implements AutoCloseable {
  private final DatabaseTarget target;
  private final Vertx vertx;
  private final Pool pool;

  private MigratedDatabase(DatabaseTarget target, Vertx vertx, Pool pool) {
    this.target = target;
    this.vertx = vertx;
    this.pool = pool;
  }

  public static MigratedDatabase fresh() {
    DatabaseTarget target = TestDatabases.fresh();
    Migrations.migrate(target);
    Vertx vertx = Vertx.vertx();
    return new MigratedDatabase(target, vertx, Database.pool(vertx, target, 4));
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  /** What a future gives, waiting at most a minute. */
  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
    TestDatabases.drop(target);
  }
}
