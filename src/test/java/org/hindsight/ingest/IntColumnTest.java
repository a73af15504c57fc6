package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IntColumn} keeps every value exactly while it widens from bytes to shorts to ints. */
class IntColumnTest {
  @Test
  void valuesSurviveEveryWidening() {
    Random random = new Random(5);
    int n = 50_000;
    int[] expected = new int[n];
    IntColumn column = new IntColumn();
    int capacity = 0;
    for (int i = 0; i < n; i++) {
      // small values first, then shorts, then anything (negative too): each widening happens mid-column
      int v = i < 10_000 ? random.nextInt(256) - 128 : i < 30_000 ? random.nextInt(65_536) - 32_768 : random.nextInt();
      if (i == capacity) {
        capacity = capacity * 2 + 7;
        column.resize(capacity);
      }
      column.set(i, v);
      expected[i] = v;
    }
    column.resize(n);
    for (int i = 0; i < n; i++) assertEquals(expected[i], column.get(i), "row " + i);
  }

  @Test
  void aWideValueWrittenIntoANarrowColumnWidensIt() {
    IntColumn column = new IntColumn();
    column.resize(3);
    column.set(0, 1);
    column.set(1, Integer.MIN_VALUE);
    column.set(2, 300);
    assertEquals(1, column.get(0));
    assertEquals(Integer.MIN_VALUE, column.get(1));
    assertEquals(300, column.get(2));
  }
}
