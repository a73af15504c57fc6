package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A CLI line logged twice is one change; the same text at another moment, device or session is another. */
class CommandEffectRepeatsTest {
  private static final Instant T = Instant.parse("2021-10-25T02:16:00Z");

  private static CommandEffect line(String device, String session, int seq, Instant at, int line) {
    return new CommandEffect(at, at, device, session, "ops", seq, "redistribute bgp 4766", "ios", "router isis CORE", 3, "isis", "",
        "", "bgp", true, true, true, false, false, false, false, false, true, false, new SourceRef("config-commands.csv", line));
  }

  @Test
  void theSameLineInTheSameContextAtTheSameMomentRepeats() {
    CommandEffect first = line("r1", "s1", 4, T, 10);
    assertTrue(line("r1", "s1", 5, T, 11).repeats(first));
    assertFalse(first.repeats(first), "a line does not repeat itself");
  }

  @Test
  void anotherDeviceSessionOrMomentIsAnotherChange() {
    CommandEffect first = line("r1", "s1", 4, T, 10);
    assertFalse(line("r2", "s1", 4, T, 11).repeats(first));
    assertFalse(line("r1", "s2", 4, T, 11).repeats(first));
    assertFalse(line("r1", "s1", 9, T.plusSeconds(60), 11).repeats(first));
  }
}
