package org.qinglan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the temporary folders the tests make (embedded databases, data directories), so runs leave nothing behind. */
public final class TempDirs {
  private TempDirs() {
  }

  /** Deletes {@code dir} and everything in it; whatever cannot be deleted stays (it is only a temp folder). */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left for the system's temp cleaning
        }
      });
    } catch (IOException e) {
      // same
    }
  }
}
