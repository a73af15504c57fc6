package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.simulate.generic.DependencyPropagationSimulator;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule asking for the generic replay may say how the outage it claims shows (detail {@code seenAs}): a failed
 * endpoint shows in its callers' error ratios, not as their down events.
 */
class GenericSeenAsTest {
  private static final Instant T0 = Instant.parse("2021-09-30T13:00:00Z");
  private static final Instant AT = Instant.parse("2021-09-30T14:01:15Z");

  private static World world(Path dir) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"),
        "entity,type,site,service\napi.partner.example,endpoint,external,partner\nw1,host,dc1,workers\nw2,host,dc1,workers\n");
    Files.writeString(dir.resolve("services.csv"), "service,min_hosts\npartner,1\nworkers,1\n");
    Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\nworkers,partner,hard\n");
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    for (int k = 0; k < 120; k++) {
      Instant t = T0.plus(Duration.ofMinutes(k));
      for (String w : List.of("w1", "w2")) {
        double v = t.isAfter(AT) ? 0.95 : 0.003 + 0.001 * ((k * 7 + w.length()) % 3);
        m.append(t).append(',').append(w).append(",http.error_ratio,").append(v).append('\n');
      }
    }
    Files.writeString(dir.resolve("metrics.csv"), m.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  private static Validation judge(World w, Hypothesis h) {
    DependencyPropagationSimulator sim = new DependencyPropagationSimulator();
    return Validator.judge(h, sim.replay(w, h, SimulationBudget.defaults()), w.observations(), sim, AT);
  }

  private static Hypothesis.Builder claim() {
    return Hypothesis.builder("custom-pattern", "partner").confidence(0.5).detail("failed", "partner").detail("at", AT.toString());
  }

  @Test
  void theKindsARuleNamesAreWhereItsOutageIsSeen(@TempDir Path dir) throws Exception {
    World w = world(dir);
    Validation seenAsErrors = judge(w, claim().detail("seenAs", "errors").build());
    assertEquals(Verdict.CONFIRMED, seenAsErrors.verdict(), seenAsErrors.reasons().toString());
    Validation downOnly = judge(w, claim().build());
    assertNotEquals(Verdict.CONFIRMED, downOnly.verdict(), downOnly.reasons().toString());
  }

  @Test
  void withoutTheDetailTheGenericReplayIsSeenAsDownEventsOnly() {
    DependencyPropagationSimulator sim = new DependencyPropagationSimulator();
    assertEquals(Set.of("service.down"), sim.observedAs(claim().build(), "service.down"));
    assertEquals(Set.of("service.down", "errors", "latency"), sim.observedAs(claim().detail("seenAs", "errors, latency").build(), "service.down"));
    assertEquals(Set.of("restart"), sim.observedAs(claim().detail("seenAs", "errors").build(), "restart"));
  }
}
