package org.qinglan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentMemoTest {

  @Test
  void theSameFilesAreReadOnceAndAChangedFileIsReadAgain(@TempDir Path dir) throws Exception {
    ContentMemo.enableForThisProcess();
    Path bank = Files.createDirectories(dir.resolve("bank"));
    Files.writeString(bank.resolve("a.gift"), "::q1:: 1+1? {=2 ~3}", StandardCharsets.UTF_8);
    AtomicInteger reads = new AtomicInteger();
    ContentMemo.Reader<String> reader = () -> reads.incrementAndGet() + ":" + Files.readString(bank.resolve("a.gift"));

    String first = ContentMemo.read("test-bank", List.of(bank), reader);
    assertEquals(first, ContentMemo.read("test-bank", List.of(bank), reader));
    assertEquals(1, reads.get(), "the same files are read once");

    assertNotEquals(first, ContentMemo.read("another-reading", List.of(bank), reader), "each reading keeps its own");
    assertEquals(2, reads.get());

    // Same size, same folder: only the bytes differ.
    Files.writeString(bank.resolve("a.gift"), "::q1:: 1+1? {=2 ~4}", StandardCharsets.UTF_8);
    assertEquals("3:::q1:: 1+1? {=2 ~4}", ContentMemo.read("test-bank", List.of(bank), reader));
    Files.writeString(bank.resolve("b.gift"), "", StandardCharsets.UTF_8);
    assertEquals("4:::q1:: 1+1? {=2 ~4}", ContentMemo.read("test-bank", List.of(bank), reader), "a new file counts");
    assertEquals("5:::q1:: 1+1? {=2 ~4}", ContentMemo.read("test-bank", List.of(bank, dir.resolve("missing")), reader),
        "so does another folder, even a missing one");
  }

  @Test
  void theDigestTellsFoldersApartByPlaceAndContent(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("x.md"), "same", StandardCharsets.UTF_8);
    Files.writeString(b.resolve("x.md"), "same", StandardCharsets.UTF_8);
    assertNotEquals(ContentMemo.digest(List.of(a)), ContentMemo.digest(List.of(b)));
    assertEquals(ContentMemo.digest(List.of(a)), ContentMemo.digest(List.of(a)));
  }
}
