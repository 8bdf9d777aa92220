package org.qinglan.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What content folders (question-bank/, courses/) parse into, remembered for the life of the
 * process when it starts many nodes on the same files: the tests do, one node per test class.
 * Off unless {@link #enableForThisProcess()} is called, which only the test harness does: a
 * served node parses its content once at start-up and keeps nothing.
 *
 * <p>Results are keyed by a digest of every file's path and bytes, so a changed file is parsed
 * again; they are shared between callers, so they must not be changed by them.
 */
public final class ContentMemo {
  private static volatile boolean enabled;
  private static final Map<String, Object> MEMO = new ConcurrentHashMap<>();

  private ContentMemo() {
  }

  /** What a content folder is read into. */
  @FunctionalInterface
  public interface Reader<T> {
    T read() throws IOException;
  }

  /** Remembers results from now on (tests only). */
  public static void enableForThisProcess() {
    enabled = true;
  }

  /**
   * {@code reader}'s result for the files now under {@code folders}: read afresh, or, when
   * enabled, as read before for the very same files.
   *
   * @param what names the reading, so that two readers of the same folders keep their own results
   */
  @SuppressWarnings("unchecked")
  public static <T> T read(String what, List<Path> folders, Reader<T> reader) throws IOException {
    if (!enabled) {
      return reader.read();
    }
    String key = what + "\n" + digest(folders);
    Object known = MEMO.get(key);
    if (known == null) {
      known = reader.read();
      MEMO.put(key, known);
    }
    return (T) known;
  }

  /** A digest of each folder's place and of every file under it (path and bytes). */
  static String digest(List<Path> folders) throws IOException {
    MessageDigest sha = sha256();
    for (Path folder : folders) {
      sha.update(folder.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (!Files.isDirectory(folder)) {
        sha.update((byte) 1);
        continue;
      }
      Path real = folder.toRealPath();
      List<Path> files;
      try (Stream<Path> all = Files.walk(real)) {
        files = all.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        byte[] bytes = Files.readAllBytes(f);
        sha.update(real.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
