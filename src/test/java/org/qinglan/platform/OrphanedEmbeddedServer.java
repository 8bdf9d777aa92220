package org.qinglan.platform;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: starts the embedded server in the given
 * folder, says so, and waits to be killed.
 */
public final class OrphanedEmbeddedServer {
  private OrphanedEmbeddedServer() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), "qinglan", true);
    System.out.println("READY " + db.target().port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
