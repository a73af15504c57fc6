package org.hindsight.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.junit.jupiter.api.Test;

/** A citation's time is the first timed record's at it, in any order of the timeline, repeats included. */
class OriginIndexTest {
  private static Event at(long millis, SourceRef ref) {
    return new Event(Instant.ofEpochMilli(millis), "s", "t", "e", "", "info", Attributes.NONE, ref);
  }

  @Test
  void theFirstRecordAtACitationGivesItsTime() {
    Random random = new Random(24);
    for (int round = 0; round < 300; round++) {
      List<TimedFact> timeline = new ArrayList<>();
      Map<SourceRef, Instant> first = new HashMap<>();
      int files = 1 + random.nextInt(4);
      int maxLine = round % 3 == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(50); // sparse big lines, or many repeats
      for (int i = random.nextInt(400); i >= 0; i--) {
        SourceRef ref = random.nextInt(20) == 0 ? null : new SourceRef("f" + random.nextInt(files) + ".csv", random.nextInt(maxLine));
        Event e = at(random.nextInt(1_000_000), ref);
        timeline.add(e);
        if (ref != null) first.putIfAbsent(ref, e.time());
      }
      OriginIndex index = new OriginIndex(timeline);
      for (var f : first.entrySet()) assertEquals(f.getValue(), index.timeOf(f.getKey()), f.getKey().toString());
      assertEquals(null, index.timeOf(new SourceRef("f9.csv", 1)));
      assertEquals(null, index.timeOf(new SourceRef("f0.csv", -5)));
    }
  }
}
