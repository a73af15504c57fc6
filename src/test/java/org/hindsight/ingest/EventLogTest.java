package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

/** Events and config commands kept column-wise come back equal to the facts they were read as. */
class EventLogTest {
  @Test
  void eventsComeBackEqual() {
    List<Event> expected = new ArrayList<>();
    expected.add(new Event(Instant.parse("2024-01-01T00:00:00Z"), "mon", "service.down", "svc1", "down, 3 pods", "error",
        Attributes.of(Map.of("host", "h1")), new SourceRef("events.csv", 2)));
    // below the millisecond, before 1970, empty strings, non-ASCII text, another file
    expected.add(new Event(Instant.parse("2024-01-01T00:00:00.000123456Z"), "mon", "app.log", "", "é → 日本", "",
        Attributes.NONE, new SourceRef("events.csv", 3)));
    expected.add(new Event(Instant.parse("1969-12-31T23:59:59.999999999Z"), "x", "t", "e", "", "info",
        Attributes.NONE, new SourceRef("other.csv", 70_000)));
    expected.add(new Event(Instant.parse("2024-01-01T00:00:01Z"), "mon", "service.up", "svc1", "up", "info",
        Attributes.of(Map.of("host", "h2", "represents", "7")), new SourceRef("events.csv", 4)));
    EventLog log = new EventLog();
    for (Event e : expected) log.add(e.time(), e.source(), e.type(), e.entity(), e.message(), e.severity(), e.attributes(), e.origin());
    log.freeze();
    assertEquals(expected, log.asList());
    assertEquals(7, log.get(3).represents());
    assertNotSame(log.get(0), log.get(0)); // made on demand: equal, not identical
    assertEquals("service.down", log.type(0));
    assertEquals("", log.entity(1));
    assertEquals(log.typeCode(0) == log.typeCode(3), false);
    assertEquals(log.entityCode(0), log.entityCode(3));
    assertEquals(true, log.compareTime(2, 0) < 0);
    assertEquals(true, log.compareTime(0, 1) < 0); // same millisecond, later nanos
  }

  @Test
  void configCommandsComeBackEqual() {
    List<ConfigCommand> expected = List.of(
        new ConfigCommand(Instant.parse("2024-01-01T00:00:00Z"), "r1", "tty1", "op", "router isis 1", "ok", Attributes.NONE,
            new SourceRef("cli.csv", 2)),
        new ConfigCommand(Instant.parse("2024-01-01T00:00:02Z"), "r1", "tty1", "op", "no router isis 1", "% Invalid input",
            Attributes.NONE, new SourceRef("cli.csv", 3)));
    ConfigLog log = new ConfigLog();
    for (ConfigCommand c : expected) log.add(c.time(), c.device(), c.session(), c.user(), c.command(), c.result(), c.attributes(), c.origin());
    log.freeze();
    assertEquals(expected, log.asList());
    assertEquals(log.deviceCode(0), log.deviceCode(1));
    assertEquals(true, log.get(1).rejected());
  }
}
