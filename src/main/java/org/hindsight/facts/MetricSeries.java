package org.hindsight.facts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * All samples of one metric of one entity, in time order, kept column-wise (the {@code metrics} kind
 * is the bulk of most bundles; one object per sample would not fit 10M rows in 1 GiB). Rules join
 * on the series and ask it questions: {@code MetricSeries( metric == "igp.routes", peak() > 10 *
 * baseline() )}. Step-like excursions are also derived as {@link MetricExcursion} events.
 *
 * <pre>
 * $s : MetricSeries( metric == "igp.routes", peak() &gt; 10 * baseline() )
 * </pre>
 */
public final class MetricSeries implements Fact {
  private final String entity;
  private final String metric;
  private final long[] millis;
  private final double[] values;
  private final String[] files;
  private final int[] fileIndex;
  private final int[] lines;
  private final double baseline;
  private final double noiseCeiling;
  private final int peakIndex;
  private final Summary summary;
  private final String measuredBy;

  /**
   * What a reduced bundle ({@code hindsight reduce}) says about the samples it left out: the
   * series baseline and the learned baseline of its baseline window, computed on every raw sample.
   *
   * @param baseline {@link #baseline()} of the raw series (NaN: compute from the samples)
   * @param learnedMedian median of the raw samples before {@code learnedUntil}
   * @param learnedScale the robust scale of those samples (0: the series learns no baseline)
   * @param learnedUntil epoch millis where the baseline window ended (Long.MIN_VALUE: none given)
   */
  public record Summary(double baseline, double learnedMedian, double learnedScale, long learnedUntil) {
    public boolean hasLearned() {
      return learnedUntil != Long.MIN_VALUE;
    }
  }

  public MetricSeries(
      String entity, String metric, long[] millis, double[] values, String[] files, int[] fileIndex, int[] lines) {
    this(entity, metric, millis, values, files, fileIndex, lines, null);
  }

  public MetricSeries(String entity, String metric, long[] millis, double[] values, String[] files, int[] fileIndex,
      int[] lines, Summary summary) {
    this(entity, metric, millis, values, files, fileIndex, lines, summary, "");
  }

  public MetricSeries(String entity, String metric, long[] millis, double[] values, String[] files, int[] fileIndex,
      int[] lines, Summary summary, String measuredBy) {
    if (millis.length == 0) throw new IllegalArgumentException("a series needs at least one sample");
    this.entity = entity;
    this.metric = metric;
    this.millis = millis;
    this.values = values;
    this.files = files;
    this.fileIndex = fileIndex;
    this.lines = lines;
    this.summary = summary;
    this.measuredBy = measuredBy == null ? "" : measuredBy;
    // a reduced series' head is itself thinned (its baseline comes from the raw samples): no spread is read from it
    boolean reduced = summary != null && !Double.isNaN(summary.baseline());
    double[] head = reduced ? null : sortedHead(values);
    this.baseline = reduced ? summary.baseline() : median(head);
    this.noiseCeiling = reduced ? Double.NaN : farOutFence(head);
    int peak = 0;
    for (int i = 1; i < values.length; i++) if (values[i] > values[peak]) peak = i;
    this.peakIndex = peak;
  }

  /** The first quarter of the samples (at least one, at most 50), sorted: the level before trouble is read from it. */
  private static double[] sortedHead(double[] values) {
    double[] head = Arrays.copyOf(values, Math.max(1, Math.min(50, values.length / 4)));
    Arrays.sort(head);
    return head;
  }

  /** The baseline: the head's median. */
  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Tukey's far-out fence of the same head (third quartile + 3 × the interquartile range; at least four samples, else
   * NaN): the highest value the level's own noise reaches. A median says nothing of spread, so a noisy series sampled
   * coarsely can have a median low enough that its noise alone crosses three times it.
   */
  private static double farOutFence(double[] sorted) {
    if (sorted.length < 4) return Double.NaN;
    double q1 = quantile(sorted, 0.25);
    double q3 = quantile(sorted, 0.75);
    return q3 + 3 * (q3 - q1);
  }

  /** Linear interpolation between the closest ranks of sorted values. */
  private static double quantile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The highest value the noise of the level before trouble reaches (Tukey's far-out fence of the baseline's samples), NaN
   * when too few samples or a reduced series: a rise to a multiple of the baseline is trouble only beyond it.
   */
  public double noiseCeiling() {
    return noiseCeiling;
  }

  /** The reduced bundle's summary of left-out samples, null for a raw series. */
  public Summary summary() {
    return summary;
  }

  /**
   * Who took the samples when not the entity itself, "" otherwise: a caller timing its calls to the
   * entity ({@code measured_by}). Such a series is the caller's view of the entity: it shows the
   * entity's trouble, and also the caller's own (a caller starved of CPU times its calls slow).
   */
  public String measuredBy() {
    return measuredBy;
  }

  /** Whether another entity took the samples ({@link #measuredBy()} names one other than the entity). */
  public boolean viewed() {
    return !measuredBy.isEmpty() && !measuredBy.equals(entity);
  }

  /** The entity measured. */
  public String entity() {
    return entity;
  }

  /** The metric name, e.g. igp.routes, cpu.util, http.error_ratio. */
  public String metric() {
    return metric;
  }

  /** Number of samples. */
  public int count() {
    return millis.length;
  }

  /** Time of the first sample. */
  public Instant firstTime() {
    return Instant.ofEpochMilli(millis[0]);
  }

  /** Time of the last sample. */
  public Instant lastTime() {
    return Instant.ofEpochMilli(millis[millis.length - 1]);
  }

  /**
   * Median of the first quarter of the samples (at most 50): the level before trouble (a reduced
   * series gives the raw series' value).
   */
  public double baseline() {
    return baseline;
  }

  /** The largest value. */
  public double peak() {
    return values[peakIndex];
  }

  /** When the largest value was sampled. */
  public Instant peakTime() {
    return Instant.ofEpochMilli(millis[peakIndex]);
  }

  /** File:line of the peak sample. */
  public SourceRef peakRef() {
    return ref(peakIndex);
  }

  /** The smallest value. */
  public double min() {
    double m = values[0];
    for (double v : values) m = Math.min(m, v);
    return m;
  }

  /** The last value. */
  public double last() {
    return values[values.length - 1];
  }

  public Instant timeAt(int i) {
    return Instant.ofEpochMilli(millis[i]);
  }

  public long millisAt(int i) {
    return millis[i];
  }

  public double valueAt(int i) {
    return values[i];
  }

  public SourceRef ref(int i) {
    return new SourceRef(files[fileIndex[i]], lines[i]);
  }

  /** The last sample at or before {@code t}, or NaN before the first sample. */
  public double valueAt(Instant t) {
    int i = indexAtOrBefore(t.toEpochMilli());
    return i < 0 ? Double.NaN : values[i];
  }

  /** Largest value with a timestamp in [from, to], NaN when none. */
  public double maxBetween(Instant from, Instant to) {
    double m = Double.NaN;
    for (int i = firstIndexAtOrAfter(from.toEpochMilli()); i < millis.length && millis[i] <= to.toEpochMilli(); i++) {
      m = Double.isNaN(m) ? values[i] : Math.max(m, values[i]);
    }
    return m;
  }

  /** Index of the first sample at or after {@code from} whose value is at least {@code threshold}; -1 if none. */
  public int firstIndexAtLeast(double threshold, Instant from) {
    for (int i = firstIndexAtOrAfter(from.toEpochMilli()); i < millis.length; i++) {
      if (values[i] >= threshold) return i;
    }
    return -1;
  }

  /** When the series first reaches {@code threshold}, or null. */
  public Instant firstTimeAtLeast(double threshold) {
    int i = firstIndexAtLeast(threshold, Instant.ofEpochMilli(Long.MIN_VALUE));
    return i < 0 ? null : timeAt(i);
  }

  public int indexAtOrBefore(long t) {
    int i = Arrays.binarySearch(millis, t);
    if (i >= 0) {
      while (i + 1 < millis.length && millis[i + 1] == t) i++;
      return i;
    }
    return -i - 2;
  }

  public int firstIndexAtOrAfter(long t) {
    int i = Arrays.binarySearch(millis, t);
    if (i < 0) return -i - 1;
    while (i > 0 && millis[i - 1] == t) i--;
    return i;
  }

  /** The first sample's record. */
  @Override
  public SourceRef origin() {
    return ref(0);
  }

  /** The files its samples come from. */
  public List<String> files() {
    return List.of(files);
  }

  @Override
  public String toString() {
    return "MetricSeries(" + entity + " " + metric + " n=" + count() + ")";
  }
}
