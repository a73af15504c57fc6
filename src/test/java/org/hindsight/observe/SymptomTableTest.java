package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

/**
 * Symptoms are held column-wise ({@link SymptomTable}) and made when read: every field comes back as
 * it went in (nulls, NaN, nanoseconds, times before 1970 and beyond what a long of nanoseconds holds),
 * and {@link Observations} holds no symptom as an object.
 */
class SymptomTableTest {
  @Test
  void everyFieldComesBackAsItWentIn() {
    Instant t = Instant.parse("2024-06-20T10:15:30.123456789Z");
    List<Symptom> in = List.of(
        new Symptom("down", "r1", t, t.minusSeconds(10), t.plusSeconds(60), t.plusSeconds(50), 2.5, "service.down",
            new SourceRef("events.csv", 12), new SourceRef("events.csv", 99)),
        new Symptom("latency", "api", t, null, null, null, Double.NaN, "", new SourceRef("metrics-servers.csv", Integer.MAX_VALUE), null),
        Symptom.predicted("restart", "r2", Instant.parse("1969-12-31T23:59:59.999999999Z")),
        new Symptom("errors", "far", Instant.ofEpochSecond(32_503_680_000L), null, Instant.MAX, null, 1, "x", new SourceRef("a", 1), null),
        new Symptom("errors", "early", Instant.parse("1500-01-01T00:00:00Z"), null, null, null, -0.0, "x", new SourceRef("a", 2), null));
    SymptomTable table = SymptomTable.of(in);
    assertEquals(in, table);
    assertEquals(in, new ArrayList<>(table));
    assertEquals(List.of(in.get(2), in.get(0)), new SymptomTable.Rows(table, new int[] {2, 0}));
  }

  @Test
  void observationsHoldNoSymptomAsAnObject() {
    Instant t = Instant.parse("2024-06-20T10:00:00Z");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(new Event(t.plusSeconds(60L * i), "mon", "service.down", "svc" + (i % 5), "down", "critical", Attributes.NONE,
          new SourceRef("events.csv", 2 * i + 2)));
      events.add(new Event(t.plusSeconds(60L * i + 30), "mon", "service.up", "svc" + (i % 5), "up", "info", Attributes.NONE,
          new SourceRef("events.csv", 2 * i + 3)));
    }
    Observations obs = Observations.of(events, List.of(), name -> false);
    assertTrue(obs.all().size() >= 5, obs.all().toString());
    Symptom first = obs.all().get(0);
    assertEquals(first, obs.all().get(0));
    assertNotSame(first, obs.all().get(0), "made when read, not held");
    assertEquals(obs.all().stream().filter(s -> s.entity().equals("svc3")).toList(), obs.ofEntity("svc3"));
    assertEquals(obs.all().stream().filter(s -> s.kind().equals(first.kind())).toList(), obs.ofKind(first.kind()));
  }
}
