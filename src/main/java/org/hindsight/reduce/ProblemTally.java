package org.hindsight.reduce;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Rows read and rows refused, per input file, gathered from the executors: the first
 * {@value #LISTED} problems of each file by line (as {@code analyze} lists them) and counts of all.
 * A retried task may add its rows again; listed problems are kept once per line, counts may then
 * overstate, which only ever makes the lenient "more than half" refusal more cautious.
 */
final class ProblemTally extends AccumulatorV2<ProblemTally.FileTally, Map<Integer, ProblemTally.FileTally>> {
  private static final long serialVersionUID = 1L;
  static final int LISTED = 1000;

  /** One file's count of good and bad rows and its first problems (line → message). */
  static final class FileTally implements Serializable {
    private static final long serialVersionUID = 1L;
    final int file;
    long good;
    long bad;
    /** Earliest and latest timestamp of the good rows (epoch millis), for the logs' time range. */
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    final TreeMap<Long, String> first = new TreeMap<>();

    FileTally(int file) {
      this.file = file;
    }

    void problem(long line, String message) {
      bad++;
      if (first.size() < LISTED || line < first.lastKey()) {
        first.put(line, message);
        if (first.size() > LISTED) first.pollLastEntry();
      }
    }

    void time(long millis) {
      if (millis == Long.MIN_VALUE) return;
      firstMillis = Math.min(firstMillis, millis);
      lastMillis = Math.max(lastMillis, millis);
    }

    void merge(FileTally o) {
      good += o.good;
      bad += o.bad;
      firstMillis = Math.min(firstMillis, o.firstMillis);
      lastMillis = Math.max(lastMillis, o.lastMillis);
      for (var e : o.first.entrySet()) {
        if (first.size() < LISTED || e.getKey() < first.lastKey()) first.put(e.getKey(), e.getValue());
        if (first.size() > LISTED) first.pollLastEntry();
      }
    }
  }

  private final TreeMap<Integer, FileTally> byFile = new TreeMap<>();

  @Override
  public boolean isZero() {
    // An executor registers the accumulator with its task while AccumulatorV2's part of it is being
    // deserialized, before this subclass's fields are read: the heartbeat thread may ask then and see null.
    return byFile == null || byFile.isEmpty();
  }

  @Override
  public ProblemTally copy() {
    ProblemTally c = new ProblemTally();
    c.merge(this);
    return c;
  }

  @Override
  public void reset() {
    byFile.clear();
  }

  @Override
  public void add(FileTally t) {
    byFile.computeIfAbsent(t.file, FileTally::new).merge(t);
  }

  @Override
  public void merge(AccumulatorV2<FileTally, Map<Integer, FileTally>> other) {
    for (FileTally t : other.value().values()) add(t);
  }

  @Override
  public Map<Integer, FileTally> value() {
    return byFile == null ? Map.of() : byFile; // null only while being deserialized (isZero)
  }
}
