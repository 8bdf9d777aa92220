package org.qinglan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the program and PostgreSQL. Stopping it is, for the program, exactly
 * a database outage (connections cut, new ones refused); starting it again on the same port is
 * the database coming back. Works with an embedded or an external server alike.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private int port;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public synchronized void start() throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    server.setReuseAddress(true);
    port = server.getLocalPort();
    ServerSocket listening = server;
    TcpProxy self = this;
    Thread accept = new Thread(() -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream = new Socket(targetHost, targetPort);
          synchronized (self) {
            // A connection accepted while stopping must not outlive the outage.
            if (listening.isClosed()) {
              client.close();
              upstream.close();
              return;
            }
            open.add(client);
            open.add(upstream);
          }
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          return;
        }
      }
    }, "tcp-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Cuts every connection and refuses new ones. */
  public synchronized void stop() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  public int port() {
    return port;
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // connection cut: the other direction notices too
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    if (server != null && !server.isClosed()) {
      stop();
    }
  }
}
