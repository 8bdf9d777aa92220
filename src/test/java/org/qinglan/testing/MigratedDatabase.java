package org.qinglan.testing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
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

  @Override
  public void close() throws Exception {
    Await.of(vertx.close());
    TestDatabases.drop(target);
  }
}
