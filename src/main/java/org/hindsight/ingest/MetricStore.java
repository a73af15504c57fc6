package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.MetricSeries;

/**
 * Collects metric samples column-wise per (entity, metric) while files stream in, then freezes them
 * into sorted {@link MetricSeries}. About 20 bytes a sample instead of an object per row.
 */
public final class MetricStore {
  private final Map<String, SeriesBuilder> series = new LinkedHashMap<>();
  /** entity → metric → series, so a sample costs two lookups and no string building. */
  private final Map<String, Map<String, SeriesBuilder>> byEntity = new HashMap<>();
  private final StringCodes files = new StringCodes();
  private long samples;

  void add(String entity, String metric, long millis, double value, String file, int line) {
    add(entity, metric, millis, value, "", file, line);
  }

  /**
   * Adds a sample taken by {@code measuredBy} ("" when the entity's own). One series has one measurer:
   * a row naming another is refused (the problem to report, else null), since a caller's view and the
   * entity's own would otherwise be mixed into one baseline.
   */
  String add(String entity, String metric, long millis, double value, String measuredBy, String file, int line) {
    // ingest hands over one instance per name seen lately (FileLayout.intern): a series is found by reference
    // first, in a direct-mapped table, before the two maps are asked (they were a third of a sample's cost)
    int slot = (31 * entity.hashCode() + metric.hashCode()) & (RECENT - 1);
    SeriesBuilder b = recentSeries[slot];
    if (b != null && recentEntities[slot] == entity && recentMetrics[slot] == metric) {
      if (b.measuredBy.equals(measuredBy)) {
        b.add(millis, value, files.code(file), line);
        samples++;
        return null;
      }
    }
    Map<String, SeriesBuilder> metrics = byEntity.computeIfAbsent(entity, k -> new HashMap<>(8));
    b = metrics.get(metric);
    if (b == null) {
      b = new SeriesBuilder(entity, metric, measuredBy, file, line);
      metrics.put(metric, b);
      series.put(entity + '\u0000' + metric, b);
    } else if (!b.measuredBy.equals(measuredBy)) {
      return "measured_by: '" + Numbers.shown(measuredBy) + "' differs from '" + Numbers.shown(b.measuredBy)
          + "' given for " + entity + " " + metric + " at " + b.firstFile + ":" + b.firstLine
          + " (one series has one measurer: name the other's series differently)";
    }
    recentEntities[slot] = entity;
    recentMetrics[slot] = metric;
    recentSeries[slot] = b;
    b.add(millis, value, files.code(file), line);
    samples++;
    return null;
  }

  private static final int RECENT = 1 << 12;
  private final String[] recentEntities = new String[RECENT];
  private final String[] recentMetrics = new String[RECENT];
  private final SeriesBuilder[] recentSeries = new SeriesBuilder[RECENT];

  /** The reduced bundle's summary of the series (see {@link MetricSeries.Summary}); the last given wins. */
  void summarise(String entity, String metric, MetricSeries.Summary summary) {
    Map<String, SeriesBuilder> metrics = byEntity.get(entity);
    SeriesBuilder b = metrics == null ? null : metrics.get(metric);
    if (b != null) b.summary = summary;
  }

  public long samples() {
    return samples;
  }

  /** Freezes every series, sorted by time (file order breaks ties), in a stable order. */
  List<MetricSeries> freeze() {
    String[] fileArray = files.toArray();
    List<MetricSeries> out = new ArrayList<>(series.size());
    for (SeriesBuilder b : series.values()) out.add(b.build(fileArray));
    series.clear();
    byEntity.clear();
    Arrays.fill(recentSeries, null);
    out.sort((x, y) -> {
      int c = x.entity().compareTo(y.entity());
      return c != 0 ? c : x.metric().compareTo(y.metric());
    });
    return out;
  }

  private static final class SeriesBuilder {
    final String entity;
    final String metric;
    final String measuredBy;
    final String firstFile;
    final int firstLine;
    long[] millis = new long[16];
    double[] values = new double[16];
    int[] fileIndex = new int[16];
    int[] lines = new int[16];
    int n;
    boolean sorted = true;
    MetricSeries.Summary summary;

    SeriesBuilder(String entity, String metric, String measuredBy, String firstFile, int firstLine) {
      this.entity = entity;
      this.metric = metric;
      this.measuredBy = measuredBy;
      this.firstFile = firstFile;
      this.firstLine = firstLine;
    }

    void add(long t, double v, int fid, int line) {
      if (n == millis.length) {
        int cap = n + (n >> 1) + 16;
        millis = Arrays.copyOf(millis, cap);
        values = Arrays.copyOf(values, cap);
        fileIndex = Arrays.copyOf(fileIndex, cap);
        lines = Arrays.copyOf(lines, cap);
      }
      if (n > 0 && t < millis[n - 1]) sorted = false;
      millis[n] = t;
      values[n] = v;
      fileIndex[n] = fid;
      lines[n] = line;
      n++;
    }

    MetricSeries build(String[] files) {
      // Trim one array at a time and drop the builder's copy, so freezing never doubles the heap.
      long[] m = trim(millis);
      millis = null;
      double[] v = values.length == n ? values : Arrays.copyOf(values, n);
      values = null;
      int[] f = trim(fileIndex);
      fileIndex = null;
      int[] l = trim(lines);
      lines = null;
      if (!sorted) {
        int[] order = TimeOrder.of(m);
        long[] m2 = new long[n];
        double[] v2 = new double[n];
        int[] f2 = new int[n];
        int[] l2 = new int[n];
        for (int i = 0; i < n; i++) {
          m2[i] = m[order[i]];
          v2[i] = v[order[i]];
          f2[i] = f[order[i]];
          l2[i] = l[order[i]];
        }
        m = m2;
        v = v2;
        f = f2;
        l = l2;
      }
      int kept = dropRepeats(m, v, f, l);
      if (kept < m.length) {
        m = Arrays.copyOf(m, kept);
        v = Arrays.copyOf(v, kept);
        f = Arrays.copyOf(f, kept);
        l = Arrays.copyOf(l, kept);
      }
      return new MetricSeries(entity, metric, m, v, files, f, l, summary, measuredBy);
    }

    /**
     * A sample repeating the one before it (same time, same value: two collectors of one scrape, an export appended to
     * itself) is one sample, the first cited: counted twice it would be two samples in a row, which is what makes a
     * learned-baseline episode. Compacts in place; returns how many are kept (one pass, nothing copied without a repeat).
     */
    private static int dropRepeats(long[] m, double[] v, int[] f, int[] l) {
      int k = 1;
      for (int i = 1; i < m.length; i++) {
        if (m[i] == m[k - 1] && Double.compare(v[i], v[k - 1]) == 0) continue;
        if (k != i) {
          m[k] = m[i];
          v[k] = v[i];
          f[k] = f[i];
          l[k] = l[i];
        }
        k++;
      }
      return Math.min(k, m.length);
    }

    private long[] trim(long[] a) {
      return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private int[] trim(int[] a) {
      return a.length == n ? a : Arrays.copyOf(a, n);
    }
  }
}
