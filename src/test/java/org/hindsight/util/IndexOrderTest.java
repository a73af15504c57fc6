package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link IndexOrder} sorts row numbers as a stable boxed sort does: ties keep their order. */
class IndexOrderTest {
  @Test
  void sortsStablyLikeABoxedSort() {
    Random random = new Random(3);
    for (int n : new int[] {0, 1, 2, 17, 1000, 100_000}) {
      long[] key = new long[n];
      for (int i = 0; i < n; i++) key[i] = random.nextInt(Math.max(1, n / 10)); // many ties
      int[] expected = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> key[i])).mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, IndexOrder.sorted(n, (a, b) -> Long.compare(key[a], key[b])), "n=" + n);
    }
  }

  @Test
  void sortedInputAndRunsStayStable() {
    int n = 50_000;
    long[] key = new long[n];
    for (int i = 0; i < n; i++) key[i] = i < n / 2 ? i / 3 : (i - n / 2) / 3; // two sorted runs, as two files in time order
    int[] expected = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> key[i])).mapToInt(Integer::intValue).toArray();
    assertArrayEquals(expected, IndexOrder.sorted(n, (a, b) -> Long.compare(key[a], key[b])));
  }
}
