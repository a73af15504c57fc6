package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.hindsight.facts.MetricSeries;
import org.junit.jupiter.api.Test;

/**
 * When a series that left its level began to climb: a leak reset by restarts began where the series last held level,
 * however many resets came since; a jump began just before itself; a climb under way since the series began has no
 * known start.
 */
class BuildUpsTest {
  private static final long T0 = 1_572_976_800_000L; // 2019-11-05T18:00:00Z
  private static final long MINUTE = 60_000;

  private static MetricSeries series(int minutes, IntToDoubleFunction value) {
    long[] t = new long[minutes];
    double[] v = new double[minutes];
    int[] lines = new int[minutes];
    for (int i = 0; i < minutes; i++) {
      t[i] = T0 + i * MINUTE;
      v[i] = value.applyAsDouble(i);
      lines[i] = i + 2;
    }
    return new MetricSeries("shepherd-01", "process.rss_mb", t, v, new String[] {"metrics.csv"}, new int[minutes], lines);
  }

  /** Memory level at 1650 MB (noise ±60) until {@code leakFrom}, then climbing {@code perMinute}, reset to the level at each {@code resets}. */
  private static IntToDoubleFunction leak(long seed, int leakFrom, double perMinute, int... resets) {
    Random rng = new Random(seed);
    double[] noise = new double[2000];
    for (int i = 0; i < noise.length; i++) noise[i] = rng.nextDouble() * 120 - 60;
    return i -> {
      int since = leakFrom;
      for (int r : resets) if (r <= i && r > since) since = r;
      return 1650 + noise[i] + (i >= leakFrom ? perMinute * (i - since) : 0);
    };
  }

  @Test
  void aLeakResetByLaterDeploysBeganWhereTheSeriesLastHeldLevel() {
    // level for four and a half hours, a leak from minute 271, deploys restarting the process at 408 and 535
    MetricSeries s = series(900, leak(1, 271, 12.5, 408, 535));
    int onset = s.firstIndexAtLeast(4950, s.timeAt(536));
    int start = BuildUps.climbStart(s, onset);
    assertTrue(start >= 271 && start <= 285, "the climb showed first at minute " + start + ", the leak began at 271");
  }

  @Test
  void aSlowerLeakMetByManyResetsStillBeganWhereTheSeriesLastHeldLevel() {
    MetricSeries s = series(1300, leak(2, 271, 6.25, 408, 535, 700));
    int onset = s.firstIndexAtLeast(4950, s.timeAt(701));
    assertTrue(onset > 701, "the excursion after the last reset");
    int start = BuildUps.climbStart(s, onset);
    assertTrue(start >= 271 && start <= 295, "the climb showed first at minute " + start + ", the leak began at 271");
  }

  @Test
  void aJumpBeganJustBeforeItself() {
    Random rng = new Random(3);
    MetricSeries s = series(400, i -> (i >= 300 ? 6000 : 1650) + rng.nextDouble() * 120 - 60);
    assertEquals(300, BuildUps.climbStart(s, 300));
  }

  @Test
  void aClimbUnderWaySinceTheSeriesBeganHasNoKnownStart() {
    // climbing from the first sample, reset at 100 and 200: it never held level
    MetricSeries s = series(320, leak(4, 0, 25, 100, 200));
    int onset = s.firstIndexAtLeast(4950, s.timeAt(201));
    assertEquals(-1, BuildUps.climbStart(s, onset));
  }

  @Test
  void tooFewSamplesBeforeTheExcursionSayNothing() {
    MetricSeries s = series(10, i -> i < 5 ? 1650 : 6000);
    assertEquals(-1, BuildUps.climbStart(s, 5));
  }
}
