package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names read from a record's buffer: equal text, equal string; a name seen lately, the same instance. */
class FileLayoutInternTest {
  private static FileLayout layout() {
    return new FileLayout("requests.csv", LogKind.REQUESTS, Map.of("client", 0), List.of(), null, new FileLayout.OffsetTracker());
  }

  private static String intern(FileLayout layout, String name) {
    char[] text = ("  " + name + ",").toCharArray();
    return layout.intern(text, 2, 2 + name.length());
  }

  @Test
  void aFileOfManyDistinctNamesFindsThemAgainAsTheSameInstances() {
    // a request log's clients: 40,000 names, more than the cache's first 16,384 slots, read over and over
    FileLayout layout = layout();
    String[] previous = new String[40_000];
    int same = 0;
    for (int round = 0; round < 3; round++) {
      same = 0;
      for (int i = 0; i < previous.length; i++) {
        String name = intern(layout, "c" + i);
        assertEquals("c" + i, name);
        if (name == previous[i]) same++;
        previous[i] = name;
      }
    }
    // 16,384 direct-mapped slots keep about one name in eleven through a round (each slot holds the last
    // of its ~2.4 names); grown to 65,536, about half
    assertTrue(same > 15_000, same + " of 40,000 found again by reference");
  }

  @Test
  void aNameIsTheSameInstanceWhetherReadFromTheBufferOrGivenAsAString() {
    FileLayout layout = layout();
    String fromBuffer = intern(layout, "srv-17");
    assertSame(fromBuffer, layout.intern(new String("srv-17")));
    assertEquals("", intern(layout, ""));
    String longText = "x".repeat(65);
    assertEquals(longText, intern(layout, longText));
  }

  @Test
  void namesOfEveryLengthAreFoundAgainAndNeverTakenForAnother() {
    // short names are compared in the layout's arena, longer ones (16 to 64 characters) as a char[] each
    FileLayout layout = layout();
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 200_000; i++) {
      int n = 1 + random.nextInt(random.nextBoolean() ? 15 : 70);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) sb.append("ab\u0000\u00e9".charAt(random.nextInt(4)));
      String name = sb.toString();
      String got = random.nextInt(8) == 0 ? layout.intern(new String(name)) : intern(layout, name);
      assertEquals(name, got);
    }
    assertSame(intern(layout, "bb"), intern(layout, "bb"));
    String longName = "a".repeat(40);
    assertSame(intern(layout, longName), layout.intern(new String(longName)));
  }

  @Test
  void aNameCodedFromTheBufferHasTheCodeItsStringHasInTheDictionary() {
    // 30,000 distinct names over 16,384 first slots: colliding names evict each other, the cache grows,
    // and names given as strings (an origin's file) take slots too; every code must be the dictionary's own
    FileLayout layout = layout();
    StringCodes dictionary = new StringCodes();
    StringCodes reference = new StringCodes();
    StringCodes other = new StringCodes();
    StringCodes otherReference = new StringCodes();
    java.util.Random random = new java.util.Random(17);
    for (int i = 0; i < 300_000; i++) {
      int k = random.nextInt(30_000);
      String name = k % 7 == 0 ? "client-with-a-longer-name-" + k : "c" + k;
      char[] text = (" " + name + " ").toCharArray();
      int pick = random.nextInt(16);
      if (pick == 0) {
        layout.intern(new String(name)); // takes the slot as a string: its code is asked again later
      } else if (pick == 1) {
        // another dictionary on the same file is answered through its own tables, never with the first's codes
        assertEquals(otherReference.code(name), layout.code(text, 1, 1 + name.length(), other), name);
      } else {
        assertEquals(reference.code(name), layout.code(text, 1, 1 + name.length(), dictionary), name);
      }
    }
    assertEquals(reference.size(), dictionary.size());
    assertEquals(reference.code(""), layout.code(new char[0], 0, 0, dictionary));
    String longText = "y".repeat(65);
    assertEquals(reference.code(longText), layout.code(longText.toCharArray(), 0, 65, dictionary));
  }

  @Test
  void columnsWhoseNamesShareAHashAreEachLookedUpOnce() {
    // "metric" and "measured_by" have the same String hash modulo 32: asked on every row of a metrics file
    FileLayout layout = new FileLayout("metrics.csv", LogKind.METRICS,
        Map.of("timestamp", 0, "entity", 1, "metric", 2, "value", 3, "measured_by", 4, "host", 5), List.of("host"),
        null, new FileLayout.OffsetTracker());
    assertEquals("metric".hashCode() & 31, "measured_by".hashCode() & 31);
    for (int row = 0; row < 10_000; row++) {
      assertEquals(2, layout.slot("metric"));
      assertEquals(4, layout.slot("measured_by"));
      assertEquals(-1, layout.slot("baseline")); // an optional column the file lacks
      assertEquals(5, layout.slot("host"));
    }
    assertEquals(4, layout.scans, "each name scanned for once");
    // names asked as new instances each time are still answered, and never fill the table
    for (int i = 0; i < 5_000; i++) {
      assertEquals(i % 2 == 0 ? 1 : -1, layout.slot(new String(i % 2 == 0 ? "entity" : "missing" + i)));
    }
    assertEquals(2, layout.slot("metric"));
  }

  @Test
  void twoNamesOfOneSlotReadInTurnAreEachFoundAgain() {
    // names whose hash picks the same slot of the first 16,384 (the cache's hash of String.hashCode): read
    // alternately, as a request log's clients come, each must be found again, not made anew on every row
    java.util.Map<Integer, String> bySlot = new java.util.HashMap<>();
    List<String[]> colliding = new ArrayList<>();
    for (int i = 0; colliding.size() < 50; i++) {
      String name = "client-" + i;
      int slot = (name.hashCode() * 0x9E3779B9) >>> (32 - 14);
      String other = bySlot.putIfAbsent(slot, name);
      if (other != null) colliding.add(new String[] {other, name});
    }
    FileLayout layout = layout();
    for (String[] pair : colliding) {
      String a = intern(layout, pair[0]);
      String b = intern(layout, pair[1]);
      for (int row = 0; row < 3; row++) {
        assertSame(a, intern(layout, pair[0]), pair[0]);
        assertSame(b, intern(layout, pair[1]), pair[1]);
        assertSame(a, layout.intern(new String(pair[0])));
      }
    }
  }
}
