package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

class HostPatternTest {
  @Test
  void paddedRangeMatchesItsWidthOnly() {
    HostPattern p = HostPattern.compile("bill-[01-04]");
    assertTrue(p.matches("bill-01"));
    assertTrue(p.matches("bill-04"));
    assertFalse(p.matches("bill-05"));
    assertFalse(p.matches("bill-1"));
    assertFalse(p.matches("bill-001"));
  }

  @Test
  void unpaddedRangeMatchesByValue() {
    HostPattern p = HostPattern.compile("web[1-12].dc");
    assertTrue(p.matches("web7.dc"));
    assertTrue(p.matches("web12.dc"));
    assertFalse(p.matches("web13.dc"));
    assertFalse(p.matches("web1x.dc"));
  }

  @Test
  void globsAndClasses() {
    assertTrue(HostPattern.compile("img-*-0?").matches("img-thumb-07"));
    assertFalse(HostPattern.compile("img-*-0?").matches("img-thumb-17"));
    assertTrue(HostPattern.compile("*-cache-[ab]*").matches("eu-cache-b3"));
    assertFalse(HostPattern.compile("*-cache-[!ab]*").matches("eu-cache-b3"));
    assertThrows(IllegalArgumentException.class, () -> HostPattern.compile("bill-[01-04"));
    assertThrows(IllegalArgumentException.class, () -> HostPattern.compile("bill-[09-04]"));
  }

  @Test
  void resolvesOnlyThePrefixSlice() {
    List<InventoryItem> inv = new ArrayList<>();
    for (String n : List.of("a-01", "bill-01", "bill-02", "bill-10", "billing-x", "c-01")) {
      inv.add(new InventoryItem(n, "host", "s", "svc", "", "", "", "", Attributes.NONE, new SourceRef("inventory.csv", 2)));
    }
    FleetIndex index = new FleetIndex(inv);
    assertEquals(List.of("bill-01", "bill-02"), names(index, HostPattern.compile("bill-0*").resolve(index)));
    assertEquals(List.of("bill-01", "bill-02", "bill-10", "billing-x"), names(index, HostPattern.compile("bill*").resolve(index)));
    assertEquals(List.of("c-01"), names(index, HostPattern.compile("c-01").resolve(index)));
    assertEquals(List.of("a-01", "bill-01", "c-01"), names(index, HostPattern.compile("*-01").resolve(index)));
    assertEquals(List.of("bill-01", "bill-02"), names(index, Target.resolveRegex("^bill-0[1-4]$", index)));
    assertEquals("bill-0", Target.anchoredPrefix("^bill-0[1-4]$"));
    assertEquals("bil", Target.anchoredPrefix("^bill?-"));
  }

  private static List<String> names(FleetIndex index, int[] ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) out.add(index.name(id));
    return out;
  }
}
