package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTallyTest {
  @Test
  void anAccumulatorStillBeingDeserializedIsZeroNotANullPointer() throws Exception {
    // Spark registers an accumulator with its task from AccumulatorV2's readObject, before this subclass's
    // fields are read; the executor's heartbeat thread may call isZero/value in that window
    ProblemTally half = new ProblemTally();
    Field byFile = ProblemTally.class.getDeclaredField("byFile");
    byFile.setAccessible(true);
    byFile.set(half, null);
    assertTrue(half.isZero());
    assertEquals(Map.of(), half.value());
    ProblemTally whole = new ProblemTally();
    whole.merge(half);
    assertTrue(whole.isZero());
  }
}
