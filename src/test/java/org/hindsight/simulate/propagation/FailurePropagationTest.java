package org.hindsight.simulate.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hindsight.ingest.BundleReader;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity walk: losses and restorations in time order against min_hosts. */
class FailurePropagationTest {
  static final Instant T = Instant.parse("2024-04-04T12:00:00Z");

  static Instant at(int minutes) {
    return T.plus(Duration.ofMinutes(minutes));
  }

  private static World world(Path dir) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), """
        entity,type,site,service
        w-1,host,s1,web
        w-2,host,s1,web
        w-3,host,s2,web
        w-4,host,s2,web
        """);
    Files.writeString(dir.resolve("services.csv"), "service,min_hosts,restart_minutes\nweb,3,10\n");
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n2024-04-04T12:00:00Z,mon,note,w-1\n");
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  private static Map<String, FailurePropagation.Outage> run(World w, FailurePropagation.Scenario s) {
    return new FailurePropagation(w, Duration.ZERO).run(s, SimulationBudget.defaults());
  }

  @Test
  void aHostRestoredBeforeTheNextLossServesAgain(@TempDir Path dir) throws Exception {
    World w = world(dir);
    var s = new FailurePropagation.Scenario().lose("w-1", at(0)).restore("w-1", at(5)).lose("w-2", at(10));
    assertTrue(run(w, s).isEmpty(), "one host out at a time: three of four serve throughout");
  }

  @Test
  void twoHostsOutAtOnceTakeItDownAndARestorationBringsItBack(@TempDir Path dir) throws Exception {
    World w = world(dir);
    var s = new FailurePropagation.Scenario().lose("w-1", at(0)).lose("w-2", at(10)).restore("w-1", at(20));
    FailurePropagation.Outage o = run(w, s).get("web");
    assertEquals(at(10), o.down());
    assertEquals(at(30), o.up(), "back with w-1 at 12:20, plus the ten-minute cold restart");
    assertEquals("capacity 2 of 4 live items, needs 3", o.reason());
  }

  @Test
  void aRestorationAtTheLossItselfIsAColdRestartNotCapacityForLaterLosses(@TempDir Path dir) throws Exception {
    World w = world(dir);
    // the capacity replay's way of saying "put back and restarted from cold at once": removals still add up
    var s = new FailurePropagation.Scenario().lose("w-1", at(0)).restore("w-1", at(0)).lose("w-2", at(10)).restore("w-2", at(10));
    FailurePropagation.Outage o = run(w, s).get("web");
    assertEquals(at(10), o.down());
    assertEquals(at(20), o.up());
  }

  @Test
  void withoutRestorationItStaysDown(@TempDir Path dir) throws Exception {
    World w = world(dir);
    FailurePropagation.Outage o = run(w, new FailurePropagation.Scenario().lose("w-3", at(3)).lose("w-4", at(1))).get("web");
    assertEquals(at(3), o.down());
    assertNull(o.up());
  }
}
