package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeOrderTest {
  private static int[] boxedStableSort(long[] millis) {
    Integer[] idx = new Integer[millis.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, Comparator.comparingLong(i -> millis[i]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  @Test
  void agreesWithAStableSortIncludingTiesAndHugeSpans() {
    Random r = new Random(7);
    for (int round = 0; round < 300; round++) {
      int n = r.nextInt(2000);
      long[] millis = new long[n];
      boolean huge = round % 10 == 0;
      for (int i = 0; i < n; i++) {
        millis[i] = huge ? r.nextLong() : 1_700_000_000_000L + r.nextInt(round % 3 == 0 ? 5 : 1_000_000);
      }
      assertArrayEquals(boxedStableSort(millis), TimeOrder.of(millis), "round " + round);
    }
  }

  @Test
  void sortedInputKeepsItsOrder() {
    assertArrayEquals(new int[] {0, 1, 2, 3}, TimeOrder.of(new long[] {1, 1, 2, 5}));
    assertArrayEquals(new int[] {}, TimeOrder.of(new long[] {}));
  }
}
