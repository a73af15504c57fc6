package org.hindsight.observe;

import java.time.Duration;
import org.hindsight.facts.MetricSeries;
import org.hindsight.util.Median;

/**
 * When a series that left its level began to climb: the end of its last level stretch before the excursion. A leak
 * reset by restarts never holds level between them (it climbs again at once), so the stretch found is the one before
 * the leak began, however many resets came since; a series that jumped holds level until just before its jump.
 */
public final class BuildUps {
  private BuildUps() {}

  /** How long a series must hold level to count as level: longer than a sampling round or two, shorter than a quiet night. */
  static final Duration LEVEL_HOLD = Duration.ofMinutes(30);

  /** The fewest samples a level stretch must hold: fewer say nothing about a trend. */
  static final int MIN_SAMPLES = 6;

  /** How many typical sample-to-sample steps a stretch's trend may move it and still be level (a climb moves many in half an hour). */
  static final double LEVEL_STEPS = 2;

  /**
   * The index of the first sample clearly above the level of the last stretch before {@code onsetIndex} that held
   * level for {@link #LEVEL_HOLD}, or -1 when none did (or the series is too short to say).
   */
  public static int climbStart(MetricSeries s, int onsetIndex) {
    if (onsetIndex < MIN_SAMPLES + 1) return -1;
    // the typical step from one sample to the next, over at most MAX_STEPS evenly spaced steps
    int count = Math.min(onsetIndex - 1, MAX_STEPS);
    double[] steps = new double[count];
    for (int j = 0; j < count; j++) {
      int i = (int) ((long) j * (onsetIndex - 1) / count);
      steps[j] = Math.abs(s.valueAt(i + 1) - s.valueAt(i));
    }
    double step = Median.of(steps);
    long hold = LEVEL_HOLD.toMillis();
    // a bounded number of windows, each read from a bounded number of samples: a series sampled every second
    // over weeks costs what one sampled every minute over a day does
    int stride = Math.max(1, onsetIndex / MAX_WINDOWS);
    int from = onsetIndex - 1;
    for (int end = onsetIndex - 1; end >= 0; end -= stride) {
      // the window (end - hold, end]: level when its least-squares trend moves it by no more than a few typical steps
      // (a trend, unlike medians of its parts, is not fooled now and then by the noise of a slow climb; a reset in the
      // window is a steep fall, not level: with it, a climb after it could pass for a trend of nothing)
      while (from > 0 && s.millisAt(from - 1) > s.millisAt(end) - hold) from--;
      while (from > end) from--;
      int n = end - from + 1;
      if (n < MIN_SAMPLES || s.millisAt(end) - s.millisAt(from) < hold * (n - 1) / n) continue;
      double level = Median.of(values(s, from, end + 1));
      double tolerance = Math.max(LEVEL_STEPS * step, Math.ulp(Math.abs(level)) * 4);
      if (Math.abs(trendRise(s, from, end)) > tolerance || fallsSteeply(s, from, end, RESET_STEPS * step)) continue;
      for (int k = end + 1; k <= onsetIndex; k++) if (s.valueAt(k) > level + tolerance) return k;
      return onsetIndex;
    }
    return -1;
  }

  /** A fall of more typical steps than this from one sample to the next is a reset (a restart), not noise. */
  static final double RESET_STEPS = 6;

  /** The most windows one series is read in, and the most samples a window's level and trend are taken from. */
  static final int MAX_WINDOWS = 4096;
  static final int MAX_MEDIAN_SAMPLES = 64;
  static final int MAX_STEPS = 65536;

  /** Whether some sample of {@code from}..{@code end} falls from the one before it by more than {@code drop}: a reset. */
  private static boolean fallsSteeply(MetricSeries s, int from, int end, double drop) {
    for (int k = from; k < end; k++) if (s.valueAt(k) - s.valueAt(k + 1) > drop) return true;
    return false;
  }

  /** How far the least-squares line through samples {@code from}..{@code end} (at most MAX_MEDIAN_SAMPLES of them) moves over them. */
  private static double trendRise(MetricSeries s, int from, int end) {
    int n = Math.min(end - from + 1, MAX_MEDIAN_SAMPLES);
    double t0 = s.millisAt(from);
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      int k = from + (int) ((long) i * (end - from + 1) / n);
      double x = s.millisAt(k) - t0;
      double y = s.valueAt(k);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double d = n * sxx - sx * sx;
    return d <= 0 ? 0 : (n * sxy - sx * sy) / d * (s.millisAt(end) - t0);
  }

  /** The values of samples {@code from} (inclusive) to {@code to} (exclusive), at most {@link #MAX_MEDIAN_SAMPLES} evenly spaced. */
  private static double[] values(MetricSeries s, int from, int to) {
    int n = Math.min(to - from, MAX_MEDIAN_SAMPLES);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = s.valueAt(from + (int) ((long) i * (to - from) / n));
    return v;
  }
}
