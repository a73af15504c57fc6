package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A change's equals, which compares the record cited first, is still equality of every component. */
class ChangeEqualsTest {
  private static Object[] components(Random r) {
    return new Object[] {
      Instant.ofEpochSecond(1_700_000_000L + r.nextInt(3)), List.of("event", "ops-command").get(r.nextInt(2)), "srv" + r.nextInt(2),
      r.nextBoolean() ? List.of() : List.of("srv" + r.nextInt(2)), r.nextInt(2) / 100.0, r.nextBoolean() ? "" : "CHG-1",
      "rule.deploy srv" + r.nextInt(2), List.of(new SourceRef("events.csv", 2 + r.nextInt(2))),
      new SourceRef("events.csv", 2 + r.nextInt(2)), r.nextBoolean() ? "rule.deploy" : "", r.nextInt(4) == 0 ? null : List.of()};
  }

  @SuppressWarnings("unchecked")
  private static Change change(Object[] c) {
    return new Change((Instant) c[0], (String) c[1], (String) c[2], (List<String>) c[3], (Double) c[4], (String) c[5],
        (String) c[6], (List<SourceRef>) c[7], (SourceRef) c[8], (String) c[9], (List<Change>) c[10]);
  }

  /** Equality as a record defines it: every component equal (the steps after the constructor's null → empty). */
  private static boolean componentwise(Change a, Change b) {
    List<Object> x = new ArrayList<>(List.of(a.time(), a.source(), a.entity(), a.touched(), a.scope(), a.ticket(), a.what(),
        a.records(), a.origin(), a.kind(), a.steps()));
    List<Object> y = new ArrayList<>(List.of(b.time(), b.source(), b.entity(), b.touched(), b.scope(), b.ticket(), b.what(),
        b.records(), b.origin(), b.kind(), b.steps()));
    return x.equals(y);
  }

  @Test
  void equalExactlyWhenEveryComponentIsEqual() {
    Random random = new Random(3);
    int equalPairs = 0;
    for (int i = 0; i < 20_000; i++) {
      Object[] ca = components(random);
      Object[] cb = ca.clone();
      // most pairs differ in one component only, wherever it is in the record
      int k = i % cb.length;
      if (random.nextInt(4) != 0) cb[k] = components(random)[k];
      Change a = change(ca);
      Change b = change(cb);
      boolean expected = componentwise(a, b);
      assertEquals(expected, a.equals(b), a + " vs " + b);
      assertEquals(expected, b.equals(a));
      if (expected) {
        equalPairs++;
        assertEquals(a.hashCode(), b.hashCode());
      }
    }
    assertNotEquals(0, equalPairs);
    Change c = change(components(random));
    assertEquals(c, c);
    assertNotEquals(c, null);
    assertNotEquals(c, "a change");
  }
}
