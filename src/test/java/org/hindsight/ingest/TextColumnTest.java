package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TextColumn} gives back every text exactly: empty, non-ASCII, each length encoding, across and beyond chunks. */
class TextColumnTest {
  @Test
  void textsSurviveEveryLengthAndChunkBoundary() {
    Random random = new Random(11);
    List<String> expected = new ArrayList<>();
    TextColumn column = new TextColumn();
    String[] fixed = {"", "a", "ünïcödé → 日本語 🚀", "x".repeat(127), "y".repeat(128), "z".repeat(0x3FFF), "w".repeat(0x4000),
        "v".repeat((1 << 20) + 3)}; // the last is longer than a chunk: a chunk of its own
    for (String s : fixed) {
      column.add(s);
      expected.add(s);
    }
    for (int i = 0; i < 60_000; i++) { // about 3 MiB: several chunks filled to their end
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(i % 100 == 0 ? 300 : 60);
      for (int k = 0; k < len; k++) b.append((char) (random.nextInt(10) == 0 ? 0x100 + random.nextInt(0x500) : 'a' + random.nextInt(26)));
      column.add(b.toString());
      expected.add(b.toString());
      if (i == 30_000) column.freeze(); // adding after a freeze opens a new chunk
    }
    column.freeze();
    assertEquals(expected.size(), column.size());
    for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), column.get(i), "row " + i);
  }
}
