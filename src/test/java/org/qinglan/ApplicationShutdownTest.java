package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.qinglan.testing.TestApp;

/** Stopping a node while its case index is being written. */
class ApplicationShutdownTest {

  /**
   * Closing the event loops and worker pool interrupts the tasks still running. An index write
   * that is interrupted closes the file channel of Lucene's lock, and closing the index then
   * failed ("FileLock invalidated by an external force"), which once failed a CI run. The race is
   * narrow, so the node is stopped several times in the middle of a stream of index writes.
   */
  @Test
  void aNodeStopsCleanlyWhileItsCaseIndexIsBeingWritten() throws Exception {
    for (int attempt = 0; attempt < 6; attempt++) {
      TestApp app = TestApp.withDemoData();
      List<String> ids = new ArrayList<>();
      for (Object[] row : app.rows("SELECT id FROM case_study WHERE published_revision IS NOT NULL")) {
        ids.add((String) row[0]);
      }
      AtomicBoolean stopping = new AtomicBoolean();
      Runnable writes = () -> {
        for (int i = 0; !stopping.get(); i++) {
          app.app().caseSearch().refresh(ids.get(i % ids.size())).toCompletionStage().toCompletableFuture()
              .handle((v, t) -> null).join();
        }
      };
      Thread first = new Thread(writes);
      Thread second = new Thread(writes);
      first.start();
      second.start();
      Thread.sleep(400 + 97 * attempt);
      try {
        assertDoesNotThrow(app::close, "stopping the node, attempt " + (attempt + 1));
      } finally {
        stopping.set(true);
        first.join(5000);
        second.join(5000);
      }
    }
  }
}
