package org.qinglan.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.util.function.Consumer;

/**
 * One HTTP server instance: its own router on its own event loop, in front of the services all
 * instances share. Deployed once per core ({@link WebServer#deploy}); the instances listen on one
 * port and Vert.x spreads the connections over them.
 */
final class HttpVerticle extends VerticleBase {
  private final WebServer web;
  private final String host;
  private final int port;
  private final Consumer<HttpServer> listening;

  HttpVerticle(WebServer web, String host, int port, Consumer<HttpServer> listening) {
    this.web = web;
    this.host = host;
    this.port = port;
    this.listening = listening;
  }

  @Override
  public Future<?> start() {
    return web.listen(vertx, host, port).onSuccess(listening::accept);
  }
}
