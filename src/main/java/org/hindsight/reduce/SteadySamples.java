package org.hindsight.reduce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.hindsight.derive.MetricExcursionDeriver;
import org.hindsight.facts.MetricSeries;
import org.hindsight.observe.BuildUps;
import org.hindsight.observe.LearnedBaselines;
import org.hindsight.observe.MetricThresholds;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;

/**
 * Which samples of one metric series the reduced bundle keeps, and the summary that stands for the
 * rest. Derived from what reads metrics downstream:
 * <ul>
 *   <li>{@link MetricSeries#baseline()} (the median of the first min(50, n/4) samples) and the
 *       learned baseline of {@link LearnedBaselines} (median and robust scale of the samples in the
 *       first half of the logs) are computed here on every raw sample and written as the summary
 *       ({@link MetricSeries.Summary}), so no sample needs to stay for them;
 *   <li>the threshold episodes ({@link Observations#ofSeries}) and {@link MetricExcursionDeriver}:
 *       every sample at or beyond the threshold with its neighbours, every sample of each episode
 *       from the one before its onset to its end, and the {@value MetricThresholds#BASELINE_SAMPLES}
 *       normal samples before each onset its recovery level is measured against;
 *   <li>learned-baseline anomalies: every sample after the window scoring at least half the onset
 *       score, and the run inside the window of an episode under way when it ends, with its neighbours (a run of anomalous samples stays a run; each gap is flanked by
 *       kept normal samples);
 *   <li>route tables ({@code *.routes}), which the IGP flood replay reads at a configuration line:
 *       the {@value #BEFORE_LINE} samples before each config-command time and the one at it, for
 *       the lines an igp.routes surge follows within 15 minutes (the missing-exit rule's pairing;
 *       without a surge there is no hypothesis to replay);
 *   <li>where the climb behind a series' first excursion began ({@link BuildUps#climbStart}, change correlation's
 *       {@code BuildUp}): not marked sample by sample; the check below keeps the series whole when thinning moves it;
 *   <li>the first, last, lowest and highest samples, so {@code firstTime}, {@code lastTime},
 *       {@code min}, {@code peak} and {@code last} do not move.
 * </ul>
 * The choice is then checked: the kept samples with the summary must give the same episodes,
 * excursions and anomalies, citing the same samples, as the raw series; if not, the series is kept
 * whole. A steady series keeps a handful of samples.
 */
final class SteadySamples {
  /** Samples before a configuration line the IGP flood replay reads its baseline from. */
  static final int BEFORE_LINE = 50;

  private static final String[] FILES = {""};

  private SteadySamples() {}

  /** One raw series. */
  record Series(String entity, String metric, long[] millis, double[] values) {}

  /** The missing-exit rule pairs a line with an igp.routes surge starting 30 s before it to 15 min after. */
  static final long SURGE_BEFORE_LINE_MS = 30_000;
  static final long SURGE_AFTER_LINE_MS = 15 * 60_000;
  static final String IGP_ROUTES = "igp.routes";

  /** When the igp.routes excursions of these series begin (epoch millis). */
  static Iterator<Long> surgeOnsets(Iterator<Series> series) {
    List<Long> out = new ArrayList<>();
    while (series.hasNext()) {
      Series s = series.next();
      if (!s.metric().equals(IGP_ROUTES)) continue;
      int n = s.millis().length;
      MetricSeries full = new MetricSeries(s.entity(), s.metric(), s.millis(), s.values(), FILES, new int[n], new int[n]);
      for (var x : MetricExcursionDeriver.excursions(full)) out.add(x.start().toEpochMilli());
    }
    return out.iterator();
  }

  /**
   * Each series' last sample before the half-way point and first at or after it: what the baseline window's end
   * is computed from ({@link LearnedBaselines#roundCut}), the same over every raw sample as analyze's over the
   * samples kept.
   */
  static Iterator<long[]> around(long halfWay, Iterator<Series> series) {
    List<long[]> out = new ArrayList<>();
    while (series.hasNext()) {
      long[] t = series.next().millis();
      int q = 0;
      while (q < t.length && t[q] < halfWay) q++;
      out.add(new long[] {q > 0 ? t[q - 1] : Long.MIN_VALUE, q < t.length ? t[q] : Long.MAX_VALUE});
    }
    return out.iterator();
  }

  /** The line times (sorted) a surge could be paired with: the only times a replay reads route tables at. */
  static long[] linesNear(long[] lineTimes, List<Long> surgeOnsets) {
    long[] onsets = surgeOnsets.stream().mapToLong(Long::longValue).sorted().toArray();
    return Arrays.stream(lineTimes).filter(t -> {
      int i = Arrays.binarySearch(onsets, t - SURGE_BEFORE_LINE_MS);
      int at = i >= 0 ? i : -i - 1; // the first onset at or after t - 30 s
      return at < onsets.length && onsets[at] <= t + SURGE_AFTER_LINE_MS;
    }).toArray();
  }

  /** Kept samples and the summary of the series (written on its first kept row). */
  record Kept(boolean[] keep, MetricSeries.Summary summary) {}

  /**
   * @param learnedUntil where the logs' baseline window ends (epoch millis), as analyze will compute it
   *     (`LearnedBaselines.windowEnd`: the half-way point, past the sampling round it cuts)
   * @param halfWay the half-way point of the logs' time range
   * @param lineTimes sorted distinct times of configuration lines
   */
  static Kept keep(String entity, String metric, long[] millis, double[] values, long learnedUntil, long halfWay,
      long[] lineTimes) {
    int n = millis.length;
    int[] index = new int[n];
    for (int i = 0; i < n; i++) index[i] = i;
    MetricSeries full = new MetricSeries(entity, metric, millis, values, FILES, new int[n], index);
    LearnedBaselines.Learned learned = LearnedBaselines.learn(millis, values, learnedUntil, false);
    MetricSeries.Summary summary = new MetricSeries.Summary(full.baseline(), learned.median(), learned.scale(), learnedUntil);
    boolean[] keep = new boolean[n];
    keep[0] = keep[n - 1] = true;
    int lo = 0;
    int hi = 0;
    for (int i = 1; i < n; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    keep[lo] = keep[hi] = true;
    double threshold = MetricThresholds.threshold(full);
    if (!Double.isNaN(threshold)) {
      for (int i = 0; i < n; i++) if (!(values[i] < threshold)) mark(keep, i - 1, i + 1);
      for (Symptom s : Observations.ofSeries(full)) {
        int onset = s.evidence().line();
        int end = s.endEvidence() == null ? n - 1 : s.endEvidence().line();
        mark(keep, onset - 1, end);
        int normal = 0;
        for (int k = onset - 1; k >= 0 && normal < MetricThresholds.BASELINE_SAMPLES; k--) {
          if (values[k] < threshold) {
            keep[k] = true;
            normal++;
          }
        }
      }
    }
    if (learned.scale() > 0) {
      int windowEnd = full.firstIndexAtOrAfter(learnedUntil);
      for (int i = windowEnd; i < n; i++) {
        if (!(LearnedBaselines.score(learned, values[i], false) < LearnedBaselines.ONSET_SCORE / 2)) mark(keep, i - 1, i + 1);
      }
      // an anomaly under way when the window ends began inside it, where its run began
      for (int i = windowEnd - 1; i >= 0 && LearnedBaselines.score(learned, values[i], false) >= LearnedBaselines.ONSET_SCORE; i--) {
        mark(keep, i - 1, i + 1);
      }
    }
    if (metric.endsWith(".routes")) {
      for (long t : lineTimes) {
        int at = full.indexAtOrBefore(t);
        if (at < 0) continue;
        mark(keep, full.firstIndexAtOrAfter(t) - BEFORE_LINE, at);
      }
    }
    // analyze reads each series' samples either side of the half-way point to see whether it cuts a sampling
    // round (LearnedBaselines.windowEnd): kept, they give it the end reduce computed over every raw sample
    int after = full.firstIndexAtOrAfter(halfWay);
    mark(keep, after - 1, after);
    if (!sameReading(full, keep, summary, learnedUntil)) Arrays.fill(keep, true);
    return new Kept(keep, summary);
  }

  private static void mark(boolean[] keep, int from, int to) {
    for (int i = Math.max(0, from); i <= Math.min(keep.length - 1, to); i++) keep[i] = true;
  }

  /** Whether the kept samples with the summary read as the raw series does (the same samples cited). */
  static boolean sameReading(MetricSeries full, boolean[] keep, MetricSeries.Summary summary, long learnedUntil) {
    int m = 0;
    for (boolean k : keep) if (k) m++;
    if (m == keep.length) return true;
    long[] t = new long[m];
    double[] v = new double[m];
    int[] index = new int[m];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (!keep[i]) continue;
      t[j] = full.millisAt(i);
      v[j] = full.valueAt(i);
      index[j++] = i;
    }
    MetricSeries reduced = new MetricSeries(full.entity(), full.metric(), t, v, FILES, new int[m], index, summary);
    if (reduced.baseline() != full.baseline() || reduced.peak() != full.peak() || !reduced.peakRef().equals(full.peakRef())
        || reduced.min() != full.min()) {
      return false;
    }
    return reading(full, learnedUntil, false).equals(reading(reduced, learnedUntil, true));
  }

  private static List<Object> reading(MetricSeries s, long learnedUntil, boolean summarised) {
    List<Symptom> episodes = Observations.ofSeries(s);
    List<Object> out = new ArrayList<>(episodes);
    // where the climb behind its first excursion began (change correlation's BuildUp, read when that excursion is the
    // incident's first symptom): the level stretch it is read from must survive the thinning, or the series stays whole
    for (Symptom e : episodes) {
      if (!e.kind().equals(SymptomKinds.EXCURSION)) continue;
      int k = BuildUps.climbStart(s, s.indexAtOrBefore(e.onset().toEpochMilli()));
      out.add(k < 0 ? "no climb" : s.ref(k));
      break;
    }
    out.addAll(MetricExcursionDeriver.excursions(s));
    // The learned baselines of a window ending at learnedUntil; a summarised series takes its summary.
    out.addAll(LearnedBaselines.of(List.of(), List.of(s), List.of(), Instant.ofEpochMilli(learnedUntil - 1),
        Instant.ofEpochMilli(learnedUntil + 1)));
    return out;
  }
}
