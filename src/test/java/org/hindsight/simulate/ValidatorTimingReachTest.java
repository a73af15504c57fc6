package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An onset further from its prediction than the model's timing reaches (three timing scales, or three of
 * the onset's sampling intervals when those are coarser) is not the cause's doing: it adds what a
 * prediction not seen adds, ln(1 − d), however many of them there are. Without the bound each failure 35
 * minutes after a prediction of τ 10 min added about +0.5, and a dozen of them made a healthy change a claim.
 */
class ValidatorTimingReachTest {
  private static final Instant CAUSE = Instant.parse("2024-04-04T12:00:00Z");
  private static final double MISS = Math.round(Math.log(1 - Validator.DETECTION) * 100) / 100.0;

  private static World world(Path dir, Duration after, int tasks) throws Exception {
    StringBuilder events = new StringBuilder("timestamp,source,type,entity\n");
    for (int k = 1; k <= tasks; k++) events.append(CAUSE.plus(after)).append(",mon,service.down,task-").append(k).append('\n');
    Files.writeString(dir.resolve("events.csv"), events.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** The change's own entity (stays healthy) and every task predicted down when the change took effect, τ 10 min. */
  private static Validation judge(World w, int tasks) {
    List<Symptom> with = new ArrayList<>();
    with.add(Symptom.predicted("service.down", "upstream", CAUSE));
    for (int k = 1; k <= tasks; k++) with.add(Symptom.predicted("service.down", "task-" + k, CAUSE));
    Replay r = Replay.builder(Duration.ofMinutes(10))
        .hypothesis(new Prediction("the change", "", null, CAUSE, with))
        .counterfactual(Prediction.of("without it", CAUSE, List.of()))
        .build();
    return Validator.judge(Hypothesis.builder("custom-pattern", "upstream").confidence(0.6).build(), r, w.observations(), null, CAUSE);
  }

  @Test
  void failuresLongAfterThePredictionAddNothingForTheClaim(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir, Duration.ofMinutes(35), 12), 12);
    for (Scorecard.Term t : v.scorecard().terms()) {
      if (t.observed() == null) continue;
      assertEquals("off-time", t.outcome(), t.toString());
      assertEquals(MISS, t.onsetTerm(), 1e-9, t.toString());
    }
    assertEquals(Verdict.REFUTED, v.verdict(), v.reasons().toString());
    assertTrue(v.reasons().stream().anyMatch(r -> r.contains("observed on time") && r.contains("2100 s")), v.reasons().toString());
  }

  /** The near miss: the same failures within the model's timing still explain the claim. */
  @Test
  void failuresWithinTheTimingStillCount(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir, Duration.ofMinutes(25), 12), 12);
    for (Scorecard.Term t : v.scorecard().terms()) {
      if (t.observed() != null) assertTrue(t.onsetTerm() > 0, t.toString());
    }
    assertNotEquals(Verdict.REFUTED, v.verdict(), v.reasons().toString());
  }

  /**
   * A surge seen only by samples 15 s apart, its last normal sample 37 s after a prediction of τ 10 s: the
   * onset is known no finer than its interval, so the reach is three intervals, and it still counts.
   */
  @Test
  void anOnsetKnownToACoarseSampleIsJudgedOnThatInterval(@TempDir Path dir) throws Exception {
    StringBuilder metrics = new StringBuilder("timestamp,entity,metric,value\n");
    for (int s = -600; s <= 300; s += 15) metrics.append(CAUSE.plusSeconds(s + 7)).append(",r1,igp.routes,").append(s + 7 > 37 ? 90000 : 4000).append('\n');
    Files.writeString(dir.resolve("metrics.csv"), metrics.toString());
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    Replay r = Replay.builder(Duration.ofSeconds(10))
        // r2's later prediction (never seen) only stretches the scoring window past the surge's samples.
        .hypothesis(new Prediction("the leak", "", null, CAUSE,
            List.of(Symptom.predicted("routes.surge", "r1", CAUSE), Symptom.predicted("routes.surge", "r2", CAUSE.plusSeconds(120)))))
        .counterfactual(Prediction.of("without it", CAUSE, List.of()))
        .build();
    Validation v = Validator.judge(Hypothesis.builder("custom-pattern", "r1").confidence(0.6).build(), r, w.observations(), null, CAUSE);
    Scorecard.Term t = v.scorecard().terms().get(0);
    assertEquals("explained", t.outcome(), v.scorecard().terms().toString());
    assertTrue(t.onsetTerm() > 0, t.toString());
  }
}
