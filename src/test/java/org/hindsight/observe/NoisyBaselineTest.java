package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.hindsight.analysis.Analysis;
import org.hindsight.facts.MetricSeries;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rise to three times a series' baseline is an excursion only beyond what the baseline's own noise reaches
 * ({@link MetricSeries#noiseCeiling()}): a noisy series sampled coarsely has few samples in its first quarter, whose
 * median can sit low enough that noise alone crosses three times it. The near misses: the same noisy series rising well
 * beyond its noise, and a steady series rising to three times its level, are still excursions.
 */
class NoisyBaselineTest {
  private static final Instant START = Instant.parse("2024-09-03T08:00:00Z");
  @TempDir Path dir;

  /** A lag gauge of {@code host} every five minutes: {@code head} first, then {@code rest}. */
  private Path bundle(String name, String host, double[] head, double[] rest) throws Exception {
    Path b = Files.createDirectories(dir.resolve(name));
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    Instant t = START;
    for (double[] part : new double[][] {head, rest}) {
      for (double v : part) {
        m.append(t).append(',').append(host).append(",replica.lag_s,").append(v).append('\n');
        t = t.plus(Duration.ofMinutes(5));
      }
    }
    Files.writeString(b.resolve("metrics.csv"), m);
    return b;
  }

  /** Noise uniform in [0, 2) for {@code n} samples, seeded. */
  private static double[] noise(long seed, int n) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = Math.round(r.nextDouble() * 20) / 10.0;
    return v;
  }

  private static List<Symptom> excursions(Analysis a, String host) {
    return a.symptoms().stream().filter(s -> s.entity().equals(host) && s.kind().equals(SymptomKinds.EXCURSION)).toList();
  }

  // the first quarter of a series whose noise spans [0, 2]: its median (0.35) is low, three times it (1.05) well inside the noise
  private static final double[] LOW_HEAD = {0.2, 0.4, 1.7, 0.3, 0.9, 0.1};

  @Test
  void noiseCrossingThreeTimesALowMedianIsNoExcursion() throws Exception {
    double[] rest = noise(4, 18);
    rest[7] = 1.9;
    rest[8] = 2.0; // the noise's top, twice in a row
    Analysis a = TestAnalysis.analyze(bundle("noise", "db-9", LOW_HEAD, rest));
    assertEquals(List.of(), excursions(a, "db-9"), "noise within its own spread is no excursion");
  }

  @Test
  void theSameNoisySeriesRisingWellBeyondItsNoiseIsAnExcursion() throws Exception {
    double[] rest = noise(4, 18);
    for (int i = 9; i < 14; i++) rest[i] = 8 + i % 3;
    Analysis a = TestAnalysis.analyze(bundle("rise", "db-9", LOW_HEAD, rest));
    List<Symptom> x = excursions(a, "db-9");
    assertEquals(1, x.size(), x.toString());
    assertEquals(START.plus(Duration.ofMinutes(5L * (LOW_HEAD.length + 9))), x.get(0).onset());
  }

  @Test
  void aSteadySeriesRisingToThreeTimesItsLevelIsStillAnExcursion() throws Exception {
    double[] head = {1.0, 1.0, 1.1, 1.0, 0.9, 1.0};
    double[] rest = new double[18];
    java.util.Arrays.fill(rest, 1.0);
    rest[10] = 3.2;
    rest[11] = 3.4;
    Analysis a = TestAnalysis.analyze(bundle("steady", "db-3", head, rest));
    List<Symptom> x = excursions(a, "db-3");
    assertEquals(1, x.size(), x.toString());
    assertTrue(x.get(0).magnitude() > 3, x.toString());
  }
}
