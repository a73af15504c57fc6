package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.generic.DependencyPropagationSimulator;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay that explains trouble only where the cause itself acts (its subject, the entity the rule says
 * failed, the model's origins) is not confirmed: that entity failing is the
 * claim, not evidence that the cause did anything beyond it. The same replay with one more entity
 * explained, or for a pattern whose impact is its own entity's outage, still is.
 */
class ValidatorOwnTroubleTest {
  private static final Instant T0 = Instant.parse("2024-04-04T12:00:00Z");
  private static final Instant CAUSE = T0.plusSeconds(30);

  /** Each entity goes down a minute after the previous one, the first a minute after T0. */
  private static World world(Path dir, String... down) throws Exception {
    StringBuilder events = new StringBuilder("timestamp,source,type,entity\n");
    for (int k = 0; k < down.length; k++) events.append(T0.plus(Duration.ofMinutes(k + 1))).append(",mon,service.down,").append(down[k]).append('\n');
    Files.writeString(dir.resolve("events.csv"), events.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** Predicts each entity down at its observed second, τ 10 s: one symptom alone scores about 8 (over the margin). */
  private static Validation judge(World w, Hypothesis h, String origin, Simulator sim, String... predicted) {
    List<Symptom> with = new ArrayList<>();
    for (int k = 0; k < predicted.length; k++) with.add(Symptom.predicted("service.down", predicted[k], T0.plus(Duration.ofMinutes(k + 1))));
    Replay r = Replay.builder(Duration.ofSeconds(10))
        .hypothesis(new Prediction("the cause", origin, null, CAUSE, with))
        .counterfactual(Prediction.of("without it", CAUSE, List.of()))
        .build();
    return Validator.judge(h, r, w.observations(), sim, CAUSE);
  }

  private static Hypothesis claim(String subject) {
    return Hypothesis.builder("custom-pattern", subject).confidence(0.6).build();
  }

  private static void assertOnlyOwn(Validation v) {
    assertEquals(Verdict.PLAUSIBLE, v.verdict(), v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(r -> r.contains("where the cause itself acts")), v.reasons().toString());
  }

  @Test
  void theSubjectAloneFailingIsNotConfirmed(@TempDir Path dir) throws Exception {
    assertOnlyOwn(judge(world(dir, "db"), claim("db"), "", null, "db"));
  }

  @Test
  void theSubjectAndADependentFailingIsConfirmed(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir, "db", "web"), claim("db"), "", null, "db", "web");
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.reasons().toString());
  }

  @Test
  void theEntityTheRuleSaysFailedAloneIsNotConfirmed(@TempDir Path dir) throws Exception {
    Hypothesis h = Hypothesis.builder("custom-pattern", "deploy-42").detail("failed", "db").confidence(0.6).build();
    assertOnlyOwn(judge(world(dir, "db"), h, "", null, "db"));
  }

  @Test
  void theItemsOfARollingChangeFailingAtTheirStepsAreTheFleetItTouched(@TempDir Path dir) throws Exception {
    Hypothesis h = Hypothesis.builder("custom-pattern", "db").detail("items", "db-1, db-2").confidence(0.6).build();
    Validation v = judge(world(dir, "db-1", "db-2"), h, "", null, "db-1", "db-2");
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.reasons().toString());
  }

  @Test
  void onlyTheOriginFailingIsNotConfirmed(@TempDir Path dir) throws Exception {
    assertOnlyOwn(judge(world(dir, "r1"), claim("line 12"), "r1", null, "r1"));
  }

  /**
   * The generic replay (change correlation, certificate expiry, a custom rule) of a leaf that fails alone: with
   * a tight tolerance its one down event clears the margin, yet nothing beyond the failed entity was predicted.
   */
  @Test
  void theGenericReplayOfALeafFailingAloneIsNotConfirmed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("dependencies.csv"), "service,depends_on,kind\nweb,api,hard\n");
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n" + CAUSE.plusSeconds(5) + ",mon,service.down,batch\n");
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    Hypothesis h = Hypothesis.builder("custom-pattern", "batch").detail("simulate", "dependency-propagation").detail("at", CAUSE.toString())
        .detail("tolerance", "PT10S").confidence(0.6).build();
    DependencyPropagationSimulator sim = new DependencyPropagationSimulator();
    assertOnlyOwn(Validator.judge(h, sim.replay(w, h, SimulationBudget.defaults()), w.observations(), sim, CAUSE));
  }

  @Test
  void aPatternWhoseImpactIsItsOwnEntityIsConfirmed(@TempDir Path dir) throws Exception {
    Simulator shutdown = new Simulator() {
      @Override
      public String pattern() {
        return "custom-pattern";
      }

      @Override
      public Set<String> symptomKinds() {
        return Set.of("service.down");
      }

      @Override
      public boolean ownTroubleIsImpact() {
        return true;
      }

      @Override
      public Replay replay(World world, Hypothesis hypothesis, SimulationBudget budget) {
        throw new UnsupportedOperationException();
      }
    };
    Validation v = judge(world(dir, "db"), claim("db"), "", shutdown, "db");
    assertEquals(Verdict.CONFIRMED, v.verdict(), v.reasons().toString());
  }
}
