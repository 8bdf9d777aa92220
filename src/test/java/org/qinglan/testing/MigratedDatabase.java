package org.qinglan.testing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qinglan.platform.Database;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.platform.Migrations;

/**
 * A fresh database with the schema and no data, and a small pool on it, for tests of stores and
 * syncs: {@code @RegisterExtension static final MigratedDatabase database = new MigratedDatabase();}
 * makes it before the class's tests and drops it after them.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {
  private DatabaseTarget target;
  private Vertx vertx;
  private Pool pool;

  @Override
  public void beforeAll(ExtensionContext context) {
    target = TestDatabases.fresh();
    Migrations.migrate(target);
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, target, 4);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Await.of(vertx.close());
    TestDatabases.drop(target);
  }
}
