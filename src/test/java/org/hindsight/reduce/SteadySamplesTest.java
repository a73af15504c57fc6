package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What reduce keeps of a steady series around the window end, where analyze may take a cut sampling round whole. */
class SteadySamplesTest {
  private static final long T0 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private static SteadySamples.Kept keep(int second, long learnedUntil) {
    int n = 20;
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * MINUTE + second * 1000L;
      v[i] = 10 + 0.1 * Math.sin(i * 1.7);
    }
    return SteadySamples.keep("cart", "cpu", t, v, learnedUntil, new long[0]);
  }

  private static int kept(SteadySamples.Kept k) {
    int n = 0;
    for (boolean b : k.keep()) if (b) n++;
    return n;
  }

  @Test
  void aSeriesSampledJustAfterTheHalfWayPointIsKeptWhole() {
    // its 10:10:20 sample is half a second after the half-way point: analyze may learn it (LearnedBaselines.windowEnd)
    SteadySamples.Kept k = keep(20, T0 + 10 * MINUTE + 19_500);
    assertTrue(kept(k) == k.keep().length, kept(k) + " of " + k.keep().length);
  }

  @Test
  void aSeriesSampledFarFromTheHalfWayPointIsThinnedButKeepsTheSamplesEitherSide() {
    SteadySamples.Kept k = keep(20, T0 + 10 * MINUTE + 50_000);
    assertTrue(kept(k) < k.keep().length, kept(k) + " of " + k.keep().length);
    assertTrue(k.keep()[10] && k.keep()[11], "the samples either side of the half-way point");
    assertFalse(k.keep()[5]);
  }
}
