package org.hindsight.world;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.util.IndexOrder;

/**
 * When the timed record at a citation happened: the timeline's positions sorted by (file, line),
 * 12 bytes a record, looked up by binary search. A hash map from citation to instant held some 80
 * bytes a record, for every event and command of the logs.
 */
final class OriginIndex {
  private final List<TimedFact> timeline;
  private final Map<String, Integer> fileCodes = new HashMap<>();
  private final long[] keys;
  private final int[] positions;

  OriginIndex(List<TimedFact> timeline) {
    this(timeline, i -> {
      SourceRef ref = timeline.get(i).origin();
      return ref == null ? null : ref.file();
    }, i -> timeline.get(i).origin().line());
  }

  /**
   * @param file the file the fact at a position cites (null: it cites nothing), read without making the fact
   * @param line the line it cites (asked only when {@code file} is not null)
   */
  OriginIndex(List<TimedFact> timeline, java.util.function.IntFunction<String> file, java.util.function.IntUnaryOperator line) {
    this.timeline = timeline;
    long[] key = new long[timeline.size()];
    int cited = 0;
    int[] at = new int[timeline.size()];
    for (int i = 0; i < timeline.size(); i++) {
      String name = file.apply(i);
      if (name == null) continue;
      Integer code = fileCodes.get(name);
      if (code == null) fileCodes.put(name, code = fileCodes.size());
      key[cited] = key(code, line.applyAsInt(i));
      at[cited++] = i;
    }
    keys = new long[cited];
    positions = new int[cited];
    if (!sortPacked(key, at, cited)) {
      int[] order = IndexOrder.sorted(cited, (a, b) -> Long.compare(key[a], key[b])); // stable: the first record wins
      for (int k = 0; k < cited; k++) {
        keys[k] = key[order[k]];
        positions[k] = at[order[k]];
      }
    }
  }

  /**
   * Sorts by (file, line, position) as one primitive long when the three fit in 63 bits (files, lines and
   * timeline positions of any bundle a machine holds): the position last keeps the first record first, as
   * the stable sort does, at a fraction of a comparator sort's cost. False when they do not fit.
   */
  private boolean sortPacked(long[] key, int[] at, int cited) {
    int maxLine = 0;
    for (int k = 0; k < cited; k++) {
      int line = (int) key[k];
      if (line < 0) return false; // no line of a file, but the general sort takes it
      maxLine = Math.max(maxLine, line);
    }
    int fileBits = bits(fileCodes.size());
    int lineBits = bits(maxLine);
    int positionBits = bits(timeline.size());
    if (fileBits + lineBits + positionBits > 63) return false;
    long[] packed = new long[cited];
    for (int k = 0; k < cited; k++) {
      long file = key[k] >>> 32;
      long line = key[k] & 0xFFFFFFFFL;
      packed[k] = (file << lineBits | line) << positionBits | at[k];
    }
    java.util.Arrays.sort(packed);
    long positionMask = (1L << positionBits) - 1;
    long lineMask = (1L << lineBits) - 1;
    for (int k = 0; k < cited; k++) {
      long p = packed[k];
      positions[k] = (int) (p & positionMask);
      long fileAndLine = p >>> positionBits;
      keys[k] = key((int) (fileAndLine >>> lineBits), (int) (fileAndLine & lineMask));
    }
    return true;
  }

  /** Bits to hold every value from 0 to {@code max} (at least one). */
  private static int bits(int max) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
  }

  private static long key(int file, int line) {
    return (long) file << 32 | (line & 0xFFFFFFFFL);
  }

  /** The time of the first timed record at {@code ref}, or null. */
  Instant timeOf(SourceRef ref) {
    int at = positionOf(ref);
    return at < 0 ? null : timeline.get(at).time();
  }

  /** The timeline position of the first timed record at {@code ref} (the earliest in timeline order), or -1. */
  int positionOf(SourceRef ref) {
    Integer file = fileCodes.get(ref.file());
    if (file == null) return -1;
    long k = key(file, ref.line());
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo < keys.length && keys[lo] == k ? positions[lo] : -1;
  }
}
