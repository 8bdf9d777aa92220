package org.qinglan.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.qinglan.platform.DatabaseTarget;

/**
 * A TCP forwarder in front of PostgreSQL that reads the client's side of the wire protocol and
 * counts how often each SQL text is executed (a simple query, or a Bind of a prepared
 * statement, cached or not). Lets a test say "this page runs N statements on that table",
 * whatever the client library does with prepared statements.
 */
public final class StatementCounter implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final DatabaseTarget target;
  private final ServerSocket server;
  private final Map<String, AtomicLong> executions = new ConcurrentHashMap<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  public StatementCounter(DatabaseTarget target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(target.host(), target.port());
          open.add(client);
          open.add(upstream);
          start("statement-counter-in", () -> readClient(client.getInputStream(), upstream.getOutputStream()));
          start("statement-counter-out", () -> {
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
              in.transferTo(out);
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    }, "statement-counter-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Where the program should connect: the same database, through this counter. */
  public DatabaseTarget target() {
    return new DatabaseTarget("127.0.0.1", server.getLocalPort(), target.database(), target.user(), target.password());
  }

  /** Executions so far of the statements whose SQL text matches. */
  public long executions(Predicate<String> sql) {
    return executions.entrySet().stream().filter(e -> sql.test(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }

  private interface Pump {
    void run() throws IOException;
  }

  private static void start(String name, Pump pump) {
    Thread t = new Thread(() -> {
      try {
        pump.run();
      } catch (IOException e) {
        // The connection ended.
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  /** Forwards the client's bytes unchanged, reading its messages on the way. */
  private void readClient(InputStream raw, OutputStream upstream) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    Map<String, String> statements = new HashMap<>();
    boolean startup = true;
    try {
      while (true) {
        byte type = 0;
        if (!startup) {
          type = in.readByte();
        }
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        if (body.length < length - 4) {
          throw new EOFException();
        }
        if (startup) {
          upstream.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
              (byte) length});
          int code = body.length >= 4 ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8
              | (body[3] & 0xff)) : 0;
          startup = code == SSL_REQUEST || code == GSS_REQUEST;
        } else {
          upstream.write(type);
          upstream.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
              (byte) length});
          read((char) type, body, statements);
        }
        upstream.write(body);
        upstream.flush();
      }
    } finally {
      upstream.close();
    }
  }

  private void read(char type, byte[] body, Map<String, String> statements) {
    switch (type) {
      case 'Q' -> count(cString(body, 0));
      case 'P' -> {
        String name = cString(body, 0);
        statements.put(name, cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
      }
      case 'B' -> {
        String portal = cString(body, 0);
        String statement = cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
        count(statements.getOrDefault(statement, "?"));
      }
      default -> {
      }
    }
  }

  private void count(String sql) {
    executions.computeIfAbsent(sql, k -> new AtomicLong()).incrementAndGet();
  }

  private static String cString(byte[] b, int from) {
    int end = from;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }
}
