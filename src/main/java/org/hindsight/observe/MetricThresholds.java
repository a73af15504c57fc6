package org.hindsight.observe;

import org.hindsight.facts.MetricSeries;

/**
 * When a metric counts as being in trouble. Known metrics have absolute meanings (CPU near 100 %,
 * 5xx ratio above 5 %); for any other metric a rise to three times its baseline, and beyond the noise of the samples
 * the baseline is read from ({@link MetricSeries#noiseCeiling()}), is an excursion.
 */
public final class MetricThresholds {
  private MetricThresholds() {}

  public static final double CPU_PINNED_PERCENT = 90;
  public static final double ERROR_RATIO = 0.05;
  public static final double SURGE_FACTOR = 3;

  /** A series of work served ({@code SymptomKinds.fallIsTrouble}) at or below this share of its level has collapsed. */
  public static final double COLLAPSE_SHARE = 0.1;

  /** The share of its level such a series must be back at (and the sample before a collapse at least at). */
  public static final double SERVING_SHARE = 0.5;

  /** How long a metric must stay below its threshold for its return to count as a recovery. */
  public static final java.time.Duration RECOVERY_HOLD = java.time.Duration.ofMinutes(2);

  /** Samples before an episode whose median is the level its recovery is measured against. */
  public static final int BASELINE_SAMPLES = 30;

  /** The level at or above which a sample of {@code series} is an excursion; NaN: none applies. */
  public static double threshold(MetricSeries series) {
    switch (series.metric()) {
      case "cpu.util":
        return CPU_PINNED_PERCENT;
      case "http.error_ratio":
        return ERROR_RATIO;
      default:
        double base = series.baseline();
        if (!(base > 0)) return Double.NaN;
        // three times the level, and beyond what the level's own noise reaches (a noisy series thinned: MetricSeries.noiseCeiling)
        double ceiling = series.noiseCeiling();
        return Double.isNaN(ceiling) ? base * SURGE_FACTOR : Math.max(base * SURGE_FACTOR, ceiling);
    }
  }
}
