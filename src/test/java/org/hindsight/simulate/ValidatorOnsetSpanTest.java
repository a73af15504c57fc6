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
 * A cause that acted at a moment the logs do not give (a session whose lines are not logged) predicts its
 * onsets as spans, [onsetEarliest, onset]: the validator averages the timing over the span. Failures inside
 * the span are explained, though less than by a prediction on time; failures well past its end are not.
 */
class ValidatorOnsetSpanTest {
  private static final Instant LOGIN = Instant.parse("2022-08-09T07:00:00Z");

  private static World world(Path dir, Duration after, int hosts) throws Exception {
    StringBuilder events = new StringBuilder("timestamp,source,type,entity\n");
    for (int k = 1; k <= hosts; k++) events.append(LOGIN.plus(after).plusSeconds(k)).append(",mon,host.down,node-").append(k).append('\n');
    Files.writeString(dir.resolve("events.csv"), events.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** Every host predicted down anywhere in [LOGIN, LOGIN + span], τ 10 min. */
  private static Validation judge(World w, Duration span, int hosts) {
    List<Symptom> with = new ArrayList<>();
    for (int k = 1; k <= hosts; k++) {
      with.add(new Symptom("service.down", "node-" + k, LOGIN.plus(span), LOGIN, null, null, Double.NaN, "", null, null));
    }
    Replay r = Replay.builder(Duration.ofMinutes(10))
        .hypothesis(new Prediction("the session's change", "", null, LOGIN, with))
        .counterfactual(Prediction.of("without it", LOGIN, List.of()))
        .build();
    return Validator.judge(Hypothesis.builder("custom-pattern", "switch-9").confidence(0.6).build(), r, w.observations(), null, LOGIN);
  }

  @Test
  void failuresWithinTheSpanAreExplained(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir, Duration.ofMinutes(20), 6), Duration.ofHours(1), 6);
    for (Scorecard.Term t : v.scorecard().terms()) {
      assertEquals("explained", t.outcome(), t.toString());
      assertEquals(0, t.onsetErrorSeconds(), 1e-9, t.toString());
    }
    assertNotEquals(Verdict.REFUTED, v.verdict(), v.reasons().toString());
  }

  /** The near miss: the span ended (the session closed) half an hour before the failures. */
  @Test
  void failuresLongPastTheSpanAreNot(@TempDir Path dir) throws Exception {
    Validation v = judge(world(dir, Duration.ofMinutes(45), 6), Duration.ofMinutes(10), 6);
    for (Scorecard.Term t : v.scorecard().terms()) assertEquals("off-time", t.outcome(), t.toString());
    assertEquals(Verdict.REFUTED, v.verdict(), v.reasons().toString());
  }

  /** A span spreads the timing thin: the same failures explain less than a prediction on their time would. */
  @Test
  void aSpanExplainsLessThanAMomentOnTime(@TempDir Path dir) throws Exception {
    World w = world(dir, Duration.ofMinutes(20), 1);
    double spanned = judge(w, Duration.ofHours(1), 1).scorecard().terms().get(0).onsetTerm();
    Symptom onTime = Symptom.predicted("service.down", "node-1", LOGIN.plus(Duration.ofMinutes(20)).plusSeconds(1));
    Replay r = Replay.builder(Duration.ofMinutes(10))
        .hypothesis(new Prediction("on time", "", null, LOGIN, List.of(onTime)))
        .counterfactual(Prediction.of("without it", LOGIN, List.of()))
        .build();
    double pointed = Validator.judge(Hypothesis.builder("custom-pattern", "switch-9").confidence(0.6).build(), r, w.observations(), null, LOGIN)
        .scorecard().terms().get(0).onsetTerm();
    assertTrue(spanned > 0 && spanned < pointed, spanned + " vs " + pointed);
  }
}
