package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predicted symptom of a kind read from metrics, on an entity the logs hold no series of that kind for, is
 * unseen for want of data: no evidence either way (not-measured, 0). Where the entity's series is there and
 * stays flat, the same prediction unseen counts against the claim (not-observed, ln(1 − d)).
 */
class ValidatorUnmeasuredTest {
  private static final Instant T0 = Instant.parse("2024-04-04T12:00:00Z");
  private static final Instant CAUSE = T0.plusSeconds(30);

  /** db goes down a minute after T0; web's latency is logged flat when {@code webLatencyLogged}. */
  private static World world(Path dir, boolean webLatencyLogged) throws Exception {
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n" + T0.plusSeconds(60) + ",mon,service.down,db\n"
        + T0.plusSeconds(120) + ",mon,service.down,api\n");
    StringBuilder metrics = new StringBuilder("timestamp,entity,metric,value\n");
    for (int k = 0; k < 20; k++) {
      metrics.append(T0.plusSeconds(15L * k)).append(",db,cpu.util,20\n");
      if (webLatencyLogged) metrics.append(T0.plusSeconds(15L * k)).append(",web,http.latency_ms,120\n");
    }
    Files.writeString(dir.resolve("metrics.csv"), metrics.toString());
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  private static Scorecard.Term webTerm(World w) {
    List<Symptom> with = List.of(Symptom.predicted("service.down", "db", T0.plusSeconds(60)),
        Symptom.predicted("service.down", "api", T0.plusSeconds(120)), Symptom.predicted("latency", "web", T0.plusSeconds(150)));
    Replay r = Replay.builder(Duration.ofSeconds(10))
        .hypothesis(new Prediction("the cause", "", null, CAUSE, with))
        .counterfactual(Prediction.of("without it", CAUSE, List.of()))
        .build();
    Validation v = Validator.judge(Hypothesis.builder("custom-pattern", "db").confidence(0.6).build(), r, w.observations(), null, CAUSE);
    return v.scorecard().terms().stream().filter(t -> t.predicted() != null && t.predicted().entity().equals("web")).findFirst().orElseThrow();
  }

  @Test
  void aPredictionNothingMeasuresIsNoEvidenceAgainst(@TempDir Path dir) throws Exception {
    Scorecard.Term t = webTerm(world(dir, false));
    assertEquals("not-measured", t.outcome());
    assertEquals(0.0, t.total(), 1e-9);
  }

  @Test
  void aPredictionItsMeasuredSeriesDoesNotShowCountsAgainst(@TempDir Path dir) throws Exception {
    Scorecard.Term t = webTerm(world(dir, true));
    assertEquals("not-observed", t.outcome());
    assertEquals(Math.log(1 - Validator.DETECTION), t.total(), 0.01);
  }
}
