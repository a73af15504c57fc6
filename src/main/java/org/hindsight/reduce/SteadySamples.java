package org.hindsight.reduce;

import org.hindsight.facts.MetricSeries;
import org.hindsight.observe.MetricThresholds;

/**
 * Which samples of one metric series the reduced bundle keeps. What survives is derived from what
 * reads metrics downstream:
 * <ul>
 *   <li>{@link MetricSeries#baseline()} is the median of the first min(50, n/4) samples: the first
 *       {@value #HEAD} samples are kept, so a series of at least that many keeps the same baseline;
 *   <li>the observation model's episodes ({@code Observations.readSeries}) and the excursions
 *       ({@code MetricExcursionDeriver}) start at the threshold and end back at or below half-way
 *       to the baseline, and cite the samples around both edges: every sample that far from the
 *       baseline (either way) is kept, with {@value #CONTEXT} samples and {@value #CONTEXT_MINUTES}
 *       minutes either side, so onsets, ends, peaks and the "sample before" of each stay exact;
 *   <li>replays read levels just before a cause (the IGP flood's median of the 50 samples before
 *       the line): the context before each excursion holds them;
 *   <li>the first, last, lowest and highest samples stay, so {@code firstTime}, {@code lastTime},
 *       {@code min}, {@code peak} and {@code last} do not move.
 * </ul>
 * What is left is steady: samples near the baseline far from any excursion. A series with no
 * threshold (an unknown metric whose baseline is 0 or below) keeps every change of value instead.
 */
final class SteadySamples {
  static final int HEAD = 200;
  static final int CONTEXT = 64;
  static final int CONTEXT_MINUTES = 15;

  private SteadySamples() {}

  static boolean[] keep(String entity, String metric, long[] millis, double[] values) {
    int n = millis.length;
    boolean[] keep = new boolean[n];
    if (n <= HEAD + 2 * CONTEXT) {
      java.util.Arrays.fill(keep, true);
      return keep;
    }
    MetricSeries s = new MetricSeries(entity, metric, millis, values, new String[] {""}, new int[n], new int[n]);
    double threshold = MetricThresholds.threshold(s);
    double base = s.baseline();
    boolean[] interesting = new boolean[n];
    if (Double.isNaN(threshold)) {
      for (int i = 1; i < n; i++) if (values[i] != values[i - 1]) interesting[i] = interesting[i - 1] = true;
    } else {
      double recovered = base < threshold ? (base + threshold) / 2 : threshold;
      double band = recovered - base;
      for (int i = 0; i < n; i++) interesting[i] = band <= 0 || Math.abs(values[i] - base) >= band || Double.isNaN(values[i]);
    }
    long window = CONTEXT_MINUTES * 60_000L;
    int last = -1;
    for (int i = 0; i < n; i++) { // context after each interesting sample
      if (interesting[i]) last = i;
      if (last >= 0 && (i - last <= CONTEXT || millis[i] - millis[last] <= window)) keep[i] = true;
    }
    last = -1;
    for (int i = n - 1; i >= 0; i--) { // and before it
      if (interesting[i]) last = i;
      if (last >= 0 && (last - i <= CONTEXT || millis[last] - millis[i] <= window)) keep[i] = true;
    }
    for (int i = 0; i < HEAD; i++) keep[i] = true;
    int lo = 0;
    int hi = 0;
    for (int i = 1; i < n; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    keep[lo] = keep[hi] = keep[n - 1] = true;
    return keep;
  }
}
