package org.hindsight.ingest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file of samples whose rows, from some row on, are its first rows again, to the end (an export
 * concatenated to itself, a collector that sent its file twice): the repeat is read once. Samples are
 * not folded row by row as {@link RepeatedRows} folds records: two requests alike in every column are
 * two requests (a busy client, a coarse clock), and a replay driven by sampled traffic counts them.
 * Only a whole-file repeat says the rows are the same samples twice.
 *
 * <p>One per file: {@link #row} takes each row's fingerprint ({@link #fingerprint}) as it
 * is read, and {@link #repeatedFrom} says at the end of the file where the repeat began, if the rest
 * of the file is whole copies of the rows before it.
 */
final class RepeatedBlock {
  /** Kinds of samples whose identical rows are kept, and whose whole-file repeats are read once. */
  static final Set<LogKind> KINDS = EnumSet.of(LogKind.REQUESTS);

  private long[] rows = new long[64];
  private int n;
  /** Where the current candidate repeat began (a row equal to the first), -1 when none. */
  private int start = -1;
  /** The kind's store size when the candidate began, to roll back to. */
  private int storedAtStart;
  private int startLine;

  /**
   * A row's 64-bit fingerprint for {@link #row}: its trimmed fields in the file's own order, the importer's
   * {@code origin} (a citation) left out, as {@link RepeatedRows#fingerprint} reads them. Rows of one file
   * share their column order, so no reordering by name and no mix per field is needed: one multiply per
   * two characters (a pair is 32 bits, a lone last character and a field's end are marked above them), which
   * at a request log's size is what the fingerprint costs.
   */
  static long fingerprint(FileLayout layout, CsvReader csv) {
    long h = 0xcbf29ce484222325L;
    char[] text = csv.text();
    int width = layout.columns.size();
    int origin = layout.hasOrigin ? layout.slot(FileLayout.ORIGIN) : -1;
    int size = csv.size();
    for (int i = 0; i < width; i++) {
      if (i == origin) continue;
      if (i < size) {
        int to = csv.trimmedEnd(i);
        int p = csv.trimmedStart(i);
        for (; p + 1 < to; p += 2) h = (h ^ (text[p] | (long) text[p + 1] << 16)) * 0x100000001b3L;
        if (p < to) h = (h ^ (text[p] | 1L << 33)) * 0x100000001b3L;
      }
      h = (h ^ 1L << 32) * 0x100000001b3L; // a field's end, no pair's value: "a","bc" is not "ab","c"
    }
    // SplitMix64's finaliser: nearby texts far apart
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** Takes the next row of the file, at {@code line}; {@code stored}: how many rows of its kind were kept before it. */
  void row(long fingerprint, int stored, int line) {
    if (start > 0 && fingerprint != rows[(n - start) % start]) start = -1;
    if (start < 0 && n > 0 && fingerprint == rows[0]) {
      start = n;
      storedAtStart = stored;
      startLine = line;
    }
    if (n == rows.length) rows = Arrays.copyOf(rows, n * 2);
    rows[n++] = fingerprint;
  }

  /**
   * Rows of the file from the repeat on (whole copies of the rows before it to the end), 0 when none.
   * A single row over and over is no block: a file of one sample repeated is that many samples.
   */
  int repeated() {
    return start > 1 && (n - start) % start == 0 ? n - start : 0;
  }

  /** The file line where the repeat began. */
  int startLine() {
    return startLine;
  }

  /** The kind's store size to roll back to when {@link #repeated} is not 0. */
  int storedAtStart() {
    return storedAtStart;
  }
}
