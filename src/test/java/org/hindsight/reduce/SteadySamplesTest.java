package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.MetricSeries;
import org.hindsight.observe.LearnedBaselines;
import org.junit.jupiter.api.Test;

/** What reduce keeps of a steady series around the window end, and where it says that window ends. */
class SteadySamplesTest {
  private static final long T0 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private static long[] times(int first, int n, int second) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) t[i] = T0 + (first + i) * MINUTE + second * 1000L;
    return t;
  }

  private static double[] steady(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = 10 + 0.1 * Math.sin(i * 1.7);
    return v;
  }

  private static int kept(SteadySamples.Kept k) {
    int n = 0;
    for (boolean b : k.keep()) if (b) n++;
    return n;
  }

  @Test
  void aSteadySeriesIsThinnedButKeepsItsSamplesEitherSideOfTheHalfWayPoint() {
    // the half-way point 10:10:19.5 cuts the 10:10 round; reduce learned up to just past it, as analyze will
    long halfWay = T0 + 10 * MINUTE + 19_500;
    long cut = T0 + 10 * MINUTE + 20_001;
    SteadySamples.Kept k = SteadySamples.keep("cart", "cpu", times(0, 20, 20), steady(20), cut, halfWay, new long[0]);
    assertTrue(kept(k) < k.keep().length, kept(k) + " of " + k.keep().length);
    assertTrue(k.keep()[9] && k.keep()[10], "the samples either side of the half-way point");
    assertFalse(k.keep()[5]);
    assertEquals(cut, k.summary().learnedUntil());
  }

  @Test
  void reduceEndsTheWindowWhereAnalyzeDoesOverTheSamplesKept() {
    // one exporter stamps each round at :19, another a second later, beginning a minute late
    long[] web = times(0, 11, 19);
    long[] cart = times(1, 10, 20);
    long halfWay = LearnedBaselines.windowEnd(Instant.ofEpochMilli(web[0]), Instant.ofEpochMilli(cart[9]));
    List<long[]> around = new ArrayList<>();
    SteadySamples.around(halfWay, List.of(new SteadySamples.Series("web", "latency", web, steady(11)),
        new SteadySamples.Series("cart", "cpu", cart, steady(10))).iterator()).forEachRemaining(around::add);
    long reduced = LearnedBaselines.roundCut(halfWay, around);
    assertEquals(T0 + 5 * MINUTE + 20_001, reduced, "the 10:05 round taken whole");
    // analyze over only the samples reduce keeps of each (the first, the last and the two either side)
    List<MetricSeries> thinned = new ArrayList<>();
    for (long[] t : List.of(web, cart)) {
      int q = 0;
      while (t[q] < halfWay) q++;
      long[] k = {t[0], t[q - 1], t[q], t[t.length - 1]};
      thinned.add(new MetricSeries("e" + thinned.size(), "m", k, new double[4], new String[] {"metrics.csv"}, new int[4], new int[4]));
    }
    assertEquals(reduced, LearnedBaselines.windowEnd(Instant.ofEpochMilli(web[0]), Instant.ofEpochMilli(cart[9]), thinned));
  }
}
