package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
  @Test
  void numbersCompareByValueTheRestByCharacter() {
    List<String> names = new ArrayList<>(List.of("node-10", "node-9", "node-009b", "alpha", "node-9a", "node-09"));
    Collections.shuffle(names, new java.util.Random(7));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("alpha", "node-09", "node-9", "node-9a", "node-009b", "node-10"), names);
  }
}
