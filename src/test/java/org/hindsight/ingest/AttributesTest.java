package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hindsight.facts.Attributes;
import org.junit.jupiter.api.Test;

class AttributesTest {
  @Test
  void valuesAreFoundCaseInsensitivelyAndAbsentOnesAreEmpty() {
    Attributes a = Attributes.of(Map.of("Host", "combo-7", "rack", "r3"));
    assertEquals("combo-7", a.get("host"));
    assertEquals("r3", a.get("RACK"));
    assertEquals("", a.get("zone"));
    assertTrue(a.has("HOST"));
    assertFalse(a.has("zone"));
    assertEquals(Map.of("host", "combo-7", "rack", "r3"), a.asMap());
  }

  @Test
  void bothFactoriesGiveEqualAttributes() {
    Attributes fromMap = Attributes.of(Map.of("rack", "r3", "host", "h1"));
    Attributes fromArrays = Attributes.ofSorted(new String[] {"host", "rack"}, new String[] {"h1", "r3"});
    assertEquals(fromMap, fromArrays);
    assertEquals(fromMap.hashCode(), fromArrays.hashCode());
    assertEquals("{host=h1, rack=r3}", fromArrays.toString());
    assertNotEquals(fromMap, Attributes.ofSorted(new String[] {"host", "rack"}, new String[] {"h1", "r4"}));
    assertEquals(Attributes.NONE, Attributes.of(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Attributes.ofSorted(new String[] {"a"}, new String[0]));
  }
}
