package org.hindsight.facts;

import java.time.Instant;

/**
 * A stretch of a {@link MetricSeries} beyond its metric's threshold (see {@code MetricThresholds}):
 * CPU pinned, routes surging, errors rising. {@code end} is null when the series never came back.
 * It is an event at {@code start}, so rules can relate it to other events in time.
 *
 * <pre>
 * $x : MetricExcursion( metric == "cpu.util", peak &gt; 90, this after[0s, 10m] $deploy )
 * </pre>
 *
 * @param entity the entity measured
 * @param metric the metric name
 * @param start first sample beyond the threshold
 * @param end first sample back within it, null when it never came back (test recovered())
 * @param baseline the series' baseline
 * @param threshold the threshold crossed
 * @param peak the largest value during the excursion
 * @param peakTime when the peak was sampled
 * @param peakRef file:line of the peak sample
 * @param endRef file:line of the sample that ended it, null when none
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
public record MetricExcursion(
    String entity,
    String metric,
    Instant start,
    Instant end,
    double baseline,
    double threshold,
    double peak,
    Instant peakTime,
    SourceRef origin,
    SourceRef peakRef,
    SourceRef endRef)
    implements TimedFact {

  @Override
  public Instant time() {
    return start;
  }

  public boolean recovered() {
    return end != null;
  }

  /** Peak over baseline (infinite when the baseline is 0). */
  public double ratio() {
    return baseline == 0 ? Double.POSITIVE_INFINITY : peak / baseline;
  }

  /** Seconds from start to end, or to {@code until} when it never recovered. */
  public long durationSeconds(Instant until) {
    Instant stop = end != null ? end : until;
    return Math.max(0, stop.getEpochSecond() - start.getEpochSecond());
  }
}
