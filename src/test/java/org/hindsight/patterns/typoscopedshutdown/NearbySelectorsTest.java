package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;
import org.hindsight.simulate.SimulationBudget;
import org.junit.jupiter.api.Test;

/** The selectors a slip away: a lost pair of range brackets is put back around a bare range of digits only. */
class NearbySelectorsTest {
  @Test
  void bracketsGoBackAroundABareRangeOnly() {
    Map<String, Integer> c = NearbySelectors.candidates("bill-01-04,web-7", Set.of(), SimulationBudget.defaults());
    assertEquals(1, c.get("bill-[01-04],web-7"));
    assertEquals(1, c.get("bill-0[1-04],web-7"), "a range starting at any digit of a run");
    assertFalse(c.containsKey("bill-[01-]04,web-7"), "no range without digits after the dash");
    assertFalse(c.containsKey("bill-[01-04,web]-7"), "no range past a non-digit");
    assertFalse(c.containsKey("bill-01-04,web-7"), "never the typed selector itself");
  }
}
