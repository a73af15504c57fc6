package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

/**
 * A CLI session's ticket when one matcher serves every session: what names a device is found once per
 * device, yet each session still gets the ticket nearest its own time, and no device another's.
 */
class TicketMatcherTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static ChangeTicket ticket(String id, String summary, String scope, int fromMinute, int toMinute) {
    return new ChangeTicket(id, summary, "", scope, -1, T0.plusSeconds(60L * fromMinute), T0.plusSeconds(60L * toMinute), "",
        Attributes.NONE, new SourceRef("changes.csv", id.hashCode() & 0xff));
  }

  private static CliSessions.Replayed session(String device, int minute, Attributes attributes) {
    ConfigCommand c = new ConfigCommand(T0.plusSeconds(60L * minute), device, device + "-" + minute, "ops", "configure terminal", "",
        attributes, new SourceRef("config-commands.csv", minute + 2));
    return new CliSessions.Replayed(device, c.session(), "ops", "ios", null, true, List.of(c), List.of(), new PolicyBook());
  }

  @Test
  void eachSessionGetsItsNearestTicketWhileTheDeviceIsLookedUpOnce() {
    List<ChangeTicket> tickets = List.of(
        ticket("CHG-1", "routine", "r1, r2", 0, 30),
        ticket("CHG-2", "routine", "r1", 300, 330),
        ticket("CHG-3", "reboot r10 after patching", "", 0, 600));
    CliSessions.TicketMatcher matcher = new CliSessions.TicketMatcher(tickets);
    // the same device twice, hours apart: the per-device answer must not freeze the first session's ticket
    assertEquals(new CliSessions.TicketMatch("CHG-1", "scope"), matcher.match(session("r1", 10, Attributes.NONE)));
    assertEquals(new CliSessions.TicketMatch("CHG-2", "scope"), matcher.match(session("r1", 320, Attributes.NONE)));
    assertEquals(new CliSessions.TicketMatch("CHG-1", "scope"), matcher.match(session("r1", 20, Attributes.NONE)));
    // r10 is named only in a summary, and is not r1
    assertEquals(new CliSessions.TicketMatch("CHG-3", "summary"), matcher.match(session("r10", 100, Attributes.NONE)));
    assertEquals(new CliSessions.TicketMatch("CHG-1", "scope"), matcher.match(session("r2", 500, Attributes.NONE)));
    assertEquals(CliSessions.TicketMatch.NONE, matcher.match(session("r3", 10, Attributes.NONE)));
    // a ticket column on the session's lines wins over any scope, on a device already looked up
    assertEquals(new CliSessions.TicketMatch("CHG-9", "column"),
        matcher.match(session("r1", 10, Attributes.of(java.util.Map.of("ticket", "CHG-9")))));
  }
}
