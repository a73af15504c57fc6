package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StringCodes}: one code per distinct string, whether asked with the instance it was coded from
 * (what ingest hands over) or an equal copy, as the table known by reference grows with the names.
 */
class StringCodesTest {
  @Test
  void oneCodePerDistinctStringWhateverTheInstance() {
    StringCodes codes = new StringCodes();
    Map<String, Integer> expected = new HashMap<>();
    String[] instances = new String[20_000];
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      int k = random.nextInt(instances.length);
      if (instances[k] == null) instances[k] = "c" + k;
      // half of the asks with the first instance, half with an equal copy
      String asked = random.nextBoolean() ? instances[k] : new String(instances[k].toCharArray());
      int code = codes.code(asked);
      Integer before = expected.putIfAbsent(asked, code);
      if (before != null) assertEquals(before.intValue(), code, asked);
      assertEquals(asked, codes.value(code));
    }
    assertEquals(expected.size(), codes.size());
    for (Map.Entry<String, Integer> e : expected.entrySet()) assertEquals(e.getValue().intValue(), codes.codeOf(e.getKey()));
  }
}
