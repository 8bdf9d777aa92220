package org.qinglan.competition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order a contestant sees a question's options in: a permutation fixed by (round id, contestant
 * id, question id), so it can be computed again, by anyone, when a result is disputed. Nothing is
 * stored and no clock or unseeded random is involved.
 *
 * <p>The algorithm, in full (a separate implementation of this paragraph must give the same orders):
 * <ol>
 *   <li>{@code seed = SHA-256(f("qinglan-option-shuffle-v1") ‖ f(roundId) ‖ f(contestantId) ‖ f(questionId))},
 *       where {@code f(s)} is the UTF-8 bytes of {@code s} preceded by their length as 4 bytes big-endian
 *       (so "ab","c" and "a","bc" differ);</li>
 *   <li>a byte stream: {@code SHA-256(seed ‖ k)} for k = 0, 1, 2 … (k as 4 bytes big-endian), bytes in order;</li>
 *   <li>Fisher–Yates: start from 0 … n−1; for i = n−1 down to 1, take the next byte {@code v} with
 *       {@code v < 256 − 256 mod (i+1)} (skip the others, so every j is equally likely), swap places
 *       {@code i} and {@code j = v mod (i+1)}.</li>
 * </ol>
 * The result lists, for each shown position, the stored option index shown there. The version tag is
 * part of the input so that a different algorithm later cannot be mistaken for this one.
 */
public final class OptionShuffle {
  static final String VERSION = "qinglan-option-shuffle-v1";
  static final int MAX_OPTIONS = 256;

  private final List<Integer> shownToStored;
  private final int[] storedToShown;

  private OptionShuffle(int[] order) {
    List<Integer> list = new ArrayList<>(order.length);
    storedToShown = new int[order.length];
    for (int shown = 0; shown < order.length; shown++) {
      list.add(order[shown]);
      storedToShown[order[shown]] = shown;
    }
    shownToStored = Collections.unmodifiableList(list);
  }

  public static OptionShuffle of(String roundId, String contestantId, String questionId, int optionCount) {
    Objects.requireNonNull(roundId, "roundId");
    Objects.requireNonNull(contestantId, "contestantId");
    Objects.requireNonNull(questionId, "questionId");
    if (optionCount < 1 || optionCount > MAX_OPTIONS) {
      throw new IllegalArgumentException("option count out of range: " + optionCount);
    }
    Bytes bytes = new Bytes(sha256(field(VERSION), field(roundId), field(contestantId), field(questionId)));
    int[] order = new int[optionCount];
    for (int i = 0; i < optionCount; i++) {
      order[i] = i;
    }
    for (int i = optionCount - 1; i > 0; i--) {
      int bound = i + 1;
      int limit = 256 - 256 % bound;
      int v;
      do {
        v = bytes.next();
      } while (v >= limit);
      int j = v % bound;
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new OptionShuffle(order);
  }

  /** For each shown position, the stored option shown there. */
  public List<Integer> order() {
    return shownToStored;
  }

  public int size() {
    return storedToShown.length;
  }

  /** The stored option shown at {@code shown}. */
  public int storedIndex(int shown) {
    check(shown);
    return shownToStored.get(shown);
  }

  /** Where the stored option {@code stored} is shown. */
  public int shownIndex(int stored) {
    check(stored);
    return storedToShown[stored];
  }

  /** A response given in shown positions, as stored option indexes (the key's order). */
  public Set<Integer> toStored(Set<Integer> shown) {
    Set<Integer> out = new TreeSet<>();
    for (int s : shown) {
      out.add(storedIndex(s));
    }
    return Collections.unmodifiableSet(out);
  }

  /** Stored options (a key, a stored response) as the positions this contestant saw them in. */
  public Set<Integer> toShown(Set<Integer> stored) {
    Set<Integer> out = new TreeSet<>();
    for (int s : stored) {
      out.add(shownIndex(s));
    }
    return Collections.unmodifiableSet(out);
  }

  private void check(int index) {
    if (index < 0 || index >= storedToShown.length) {
      throw new IllegalArgumentException("no option " + index + " of " + storedToShown.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptionShuffle other && shownToStored.equals(other.shownToStored);
  }

  @Override
  public int hashCode() {
    return shownToStored.hashCode();
  }

  @Override
  public String toString() {
    return "OptionShuffle" + shownToStored;
  }

  private static byte[] field(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The byte stream SHA-256(seed ‖ k), k = 0, 1, 2 …. */
  private static final class Bytes {
    private final byte[] seed;
    private byte[] block = new byte[0];
    private int counter;
    private int at;

    Bytes(byte[] seed) {
      this.seed = seed;
    }

    int next() {
      if (at == block.length) {
        block = sha256(seed, ByteBuffer.allocate(4).putInt(counter++).array());
        at = 0;
      }
      return block[at++] & 0xff;
    }
  }
}
