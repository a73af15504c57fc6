package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Change;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;

/** Which changes are one roll-out of a service (Change.rollOuts) and what makes two changes alike (their kind). */
class RollingChangeTest {
  static final Instant T0 = Instant.parse("2025-06-03T08:40:00Z");
  static final long GAP = Duration.ofMinutes(30).toMillis();
  static int line = 1;

  static InventoryItem item(String entity, String service) {
    return new InventoryItem(entity, "host", "z1", service, "", "", "", "", Attributes.NONE, new SourceRef("inventory.csv", line++));
  }

  static Change change(String entity, int minute, String kind) {
    SourceRef ref = new SourceRef("events.csv", line++);
    return new Change(T0.plusSeconds(60L * minute), "event", entity, List.of(entity), 0.1, "", kind + " " + entity, List.of(ref), ref,
        kind);
  }

  static final List<InventoryItem> FLEET = List.of(item("a-1", "queue"), item("a-2", "queue"), item("a-3", "queue"),
      item("b-1", "store"), item("b-2", "store"), item("lone", ""));

  @Test
  void sameKindOnItemsOfOneServiceInSequenceIsOneRollOutWithItsSteps() {
    Change s1 = change("a-2", 0, "agent.upgrade");
    Change s2 = change("a-1", 4, "agent.upgrade");
    Change s3 = change("a-3", 8, "agent.upgrade");
    List<Change> out = Change.rollOuts(List.of(s3, s1, s2), FLEET, GAP, 20);
    assertEquals(1, out.size());
    Change r = out.get(0);
    assertEquals("rolling", r.source());
    assertEquals("queue", r.entity());
    assertEquals(List.of(s1, s2, s3), r.steps(), "the steps in time order");
    assertEquals(s1.origin(), r.origin(), "cited from its first step");
    assertEquals(s1.time(), r.time());
    assertEquals(List.of("a-2", "a-1", "a-3"), List.copyOf(r.stepTimes().keySet()));
    assertEquals(s3.time(), r.stepTimes().get("a-3"), "each item keeps its own time");
    assertEquals(List.of(s1.origin(), s2.origin(), s3.origin()), r.records());
    assertEquals(4.0 / 20, r.scope(), 1e-9);
  }

  @Test
  void oneContentPushedToTheHostsOfSeveralServicesAtOnceIsOneRollOutButTwoDeploysAreNot() {
    // CrowdStrike 2024-07-19: the same channel file reported host by host (each with its own agent id) on two services
    Change a1 = change("a-1", 0, "ConfigStateUpdate");
    Change b1 = change("b-1", 1, "ConfigStateUpdate");
    Change a2 = change("a-2", 2, "ConfigStateUpdate");
    Change b2 = change("b-2", 3, "ConfigStateUpdate");
    java.util.Map<SourceRef, String> said = new java.util.HashMap<>();
    int id = 1;
    for (Change c : List.of(a1, b1, a2, b2)) {
      said.put(c.origin(), String.format("aid=%032x ChannelId=291 ChannelVersion=0x00000032 on %s", id++, c.entity()));
    }
    List<Change> out = Change.rollOuts(List.of(a1, b1, a2, b2), FLEET, GAP, 20, said);
    assertEquals(1, out.size(), out.toString());
    assertEquals("queue", out.get(0).entity(), "a change of the service of its first step");
    assertEquals(List.of(a1, b1, a2, b2), out.get(0).steps());
    assertEquals(List.of("queue", "store", "a-1", "b-1", "a-2", "b-2"), out.get(0).touched());
    // two services' deploys: the same event type, not the same text
    said.put(b1.origin(), "store 7.2 deployed on b-1");
    said.put(b2.origin(), "store 7.2 deployed on b-2");
    said.put(a1.origin(), "queue 3.1 deployed on a-1");
    said.put(a2.origin(), "queue 3.1 deployed on a-2");
    assertEquals(2, Change.rollOuts(List.of(a1, b1, a2, b2), FLEET, GAP, 20, said).size());
    // the same text a day apart: two roll-outs
    Change late1 = change("b-1", 60 * 24, "ConfigStateUpdate");
    Change late2 = change("b-2", 60 * 24 + 1, "ConfigStateUpdate");
    said.put(late1.origin(), "ChannelId=291 on b-1");
    said.put(late2.origin(), "ChannelId=291 on b-2");
    said.put(a1.origin(), "ChannelId=291 on a-1");
    said.put(a2.origin(), "ChannelId=291 on a-2");
    assertEquals(2, Change.rollOuts(List.of(a1, a2, late1, late2), FLEET, GAP, 20, said).size());
  }

  @Test
  void otherKindsOtherServicesSingleItemsAndLongPausesAreNoRollOut() {
    List<Change> changes = new ArrayList<>();
    changes.add(change("a-1", 0, "agent.upgrade"));
    changes.add(change("a-2", 3, "package.upgrade")); // another kind
    changes.add(change("b-1", 6, "agent.upgrade")); // another service
    changes.add(change("lone", 9, "agent.upgrade")); // no service
    changes.add(change("queue", 12, "agent.upgrade")); // the service itself
    changes.add(change("a-3", 60, "agent.upgrade")); // an hour after a-1: another change
    assertTrue(Change.rollOuts(changes, FLEET, GAP, 20).isEmpty());
  }

  @Test
  void theSameItemTwiceIsNoRollOutButAPauseSplitsTwoRollOuts() {
    assertTrue(Change.rollOuts(List.of(change("a-1", 0, "deploy"), change("a-1", 5, "deploy")), FLEET, GAP, 20).isEmpty());
    List<Change> two = Change.rollOuts(List.of(change("a-1", 0, "deploy"), change("a-2", 5, "deploy"), change("a-1", 120, "deploy"),
        change("a-3", 125, "deploy")), FLEET, GAP, 20);
    assertEquals(2, two.size());
    assertEquals(Set.of("a-1", "a-2"), two.get(0).stepTimes().keySet());
    assertEquals(Set.of("a-1", "a-3"), two.get(1).stepTimes().keySet());
  }

  @Test
  void aCommandsKindTakesTheItemsItNamesOutButKeepsEverythingElse() {
    assertEquals("sudo apt-get install -y broker-runtime=3.7.1",
        ChangeDeriver.withoutNames("sudo apt-get install -y broker-runtime=3.7.1", Set.of("brk-2")));
    assertEquals("fleet restart --host * --wait 30", ChangeDeriver.withoutNames("fleet restart --host brk-2 --wait 30", Set.of("brk-2")));
    assertEquals(ChangeDeriver.withoutNames("drain brk-1,brk-2 now", Set.of("brk-1", "brk-2")),
        ChangeDeriver.withoutNames("drain brk-3,brk-4 now", Set.of("brk-3", "brk-4")));
    assertTrue(!ChangeDeriver.withoutNames("restart brk-1", Set.of("brk-1")).equals(ChangeDeriver.withoutNames("stop brk-1", Set.of("brk-1"))));
  }

  /** What splitting around the separators with a regex gave (the reading withoutNames is held to). */
  private static final java.util.regex.Pattern AROUND_SEPARATORS =
      java.util.regex.Pattern.compile("(?<=[\\s,;=\"'()\\[\\]{}/:@])|(?=[\\s,;=\"'()\\[\\]{}/:@])");

  @Test
  void aKindIsWhatSplittingAroundTheSeparatorsGives() {
    java.util.Random random = new java.util.Random(30);
    String[] pieces = {"brk-1", "brk-2", "mc-1", "a", "nodes", "k8s-cp-1", "/", ":", "@", ",", ";", "=", "\"", "'", "(", ")", "[", "]",
        "{", "}", " ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2003", "é", "\uD83D\uDE00", "-", ".", "x", "*"};
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) text.append(pieces[random.nextInt(pieces.length)]);
      Set<String> names = switch (random.nextInt(4)) {
        case 0 -> Set.of();
        case 1 -> Set.of("brk-1", "mc-1");
        case 2 -> Set.of("brk-2", ":", "k8s-cp-1"); // a name that is a separator alone is a token too
        default -> Set.of("a", "nodes", "x");
      };
      StringBuilder regexReading = new StringBuilder();
      for (String token : AROUND_SEPARATORS.split(text.toString().trim())) regexReading.append(names.contains(token) ? "*" : token);
      assertEquals(regexReading.toString(), ChangeDeriver.withoutNames(text.toString(), names), text + " " + names);
    }
  }
}
