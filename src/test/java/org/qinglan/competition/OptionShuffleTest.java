package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OptionShuffleTest {

  @Test
  void theSameIdsGiveTheSameOrder() {
    for (int n = 1; n <= 8; n++) {
      assertEquals(OptionShuffle.of("round-1", "worker-7", "q-3", n).order(),
          OptionShuffle.of("round-1", "worker-7", "q-3", n).order());
    }
  }

  /**
   * The documented algorithm, pinned: a disputed result must show the order the contestant saw,
   * whatever release of the program is running then. These orders were computed by a separate
   * implementation of the Javadoc's description (Python's hashlib), not by this class.
   */
  @Test
  void theOrderIsTheDocumentedAlgorithms() {
    assertEquals(List.of(3, 2, 0, 1), OptionShuffle.of("r1", "c1", "q1", 4).order());
    assertEquals(List.of(3, 0, 2, 1), OptionShuffle.of("r1", "c2", "q1", 4).order());
    assertEquals(List.of(5, 6, 7, 3, 0, 4, 2, 1), OptionShuffle.of("r1", "c1", "q1", 8).order());
    assertEquals(List.of(3, 4, 2, 0, 1), OptionShuffle.of("轮次-知识赛", "选手-张三", "题-007", 5).order());
  }

  @Test
  void theIdsCannotRunIntoEachOther() {
    assertEquals(List.of(2, 4, 0, 6, 1, 7, 5, 3), OptionShuffle.of("ab", "c", "q", 8).order());
    assertEquals(List.of(5, 4, 7, 0, 3, 1, 6, 2), OptionShuffle.of("a", "bc", "q", 8).order());
  }

  @Test
  void everyOrderIsAPermutation() {
    for (int options = 2; options <= 8; options++) {
      int n = options;
      for (int c = 0; c < 50; c++) {
        List<Integer> order = OptionShuffle.of("r", "c" + c, "q" + n, n).order();
        assertEquals(n, order.size());
        assertEquals(n, new HashSet<>(order).size(), order.toString());
        assertTrue(order.stream().allMatch(i -> i >= 0 && i < n), order.toString());
      }
    }
  }

  @Test
  void anotherContestantUsuallySeesAnotherOrder() {
    List<Integer> first = OptionShuffle.of("r", "c0", "q", 6).order();
    int same = 0;
    Set<List<Integer>> orders = new HashSet<>();
    for (int c = 1; c <= 100; c++) {
      List<Integer> order = OptionShuffle.of("r", "c" + c, "q", 6).order();
      same += order.equals(first) ? 1 : 0;
      orders.add(order);
    }
    assertTrue(same <= 3, same + " of 100 saw c0's order (720 orders are possible)");
    assertTrue(orders.size() >= 80, orders.size() + " distinct orders of 100");
    assertNotEquals(OptionShuffle.of("r", "c", "q1", 8).order(), OptionShuffle.of("r", "c", "q2", 8).order());
    assertNotEquals(OptionShuffle.of("r1", "c", "q", 8).order(), OptionShuffle.of("r2", "c", "q", 8).order());
  }

  @Test
  void everyOptionLandsInEveryPlaceAboutEquallyOften() {
    int[][] counts = new int[4][4];
    for (int c = 0; c < 2400; c++) {
      List<Integer> order = OptionShuffle.of("r", "worker-" + c, "q", 4).order();
      for (int shown = 0; shown < 4; shown++) {
        counts[shown][order.get(shown)]++;
      }
    }
    for (int shown = 0; shown < 4; shown++) {
      for (int stored = 0; stored < 4; stored++) {
        int n = counts[shown][stored];
        assertTrue(n > 480 && n < 720, "option " + stored + " shown at " + shown + ": " + n + " of 2400 (600 expected)");
      }
    }
  }

  @Test
  void indexesMapBothWays() {
    for (int n = 1; n <= 8; n++) {
      OptionShuffle s = OptionShuffle.of("r", "c", "q", n);
      for (int i = 0; i < n; i++) {
        assertEquals(i, s.shownIndex(s.storedIndex(i)));
        assertEquals(i, s.storedIndex(s.shownIndex(i)));
        assertEquals(s.order().get(i), s.storedIndex(i));
      }
    }
  }

  @Test
  void aResponseInShownOrderIsStoredInKeyOrder() {
    OptionShuffle s = OptionShuffle.of("r1", "c1", "q1", 4); // shows stored options 3, 2, 0, 1
    assertEquals(new TreeSet<>(Set.of(0, 3)), s.toStored(Set.of(2, 0)), "shown A and C are stored options 3 and 0");
    assertEquals(Set.of(2, 0), s.toShown(Set.of(0, 3)));
    Set<Integer> key = Set.of(1, 2);
    assertEquals(key, s.toStored(s.toShown(key)));
    for (int mask = 0; mask < 16; mask++) {
      Set<Integer> shown = new TreeSet<>();
      for (int b = 0; b < 4; b++) {
        if ((mask & 1 << b) != 0) {
          shown.add(b);
        }
      }
      assertEquals(shown, s.toShown(s.toStored(shown)));
    }
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> OptionShuffle.of("r", "c", "q", 0));
    assertThrows(IllegalArgumentException.class, () -> OptionShuffle.of("r", "c", "q", 257));
    assertThrows(NullPointerException.class, () -> OptionShuffle.of(null, "c", "q", 4));
    OptionShuffle s = OptionShuffle.of("r", "c", "q", 4);
    assertThrows(IllegalArgumentException.class, () -> s.storedIndex(4));
    assertThrows(IllegalArgumentException.class, () -> s.toStored(Set.of(-1)));
  }
}
