package org.hindsight.ingest;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rows that repeat an earlier row of their kind word for word: two collectors forwarding one
 * syslog line, both TACACS servers logging one accounting record, a CSV concatenated twice. Such
 * a row is the same record, not a second change or a second symptom (two identical commands at one
 * moment would each be the other's rival, and neither would add anything), so it is read once; the
 * first is the one cited. A row differing in any column (another host, another second, another
 * collector) is kept.
 *
 * <p>Rows are compared by a 64-bit fingerprint of their values by column name (so two files with
 * their columns in another order agree; the importer's {@code origin} column, a citation, is left
 * out): a long a row in a table kept at most half full, not the row's text.
 */
final class RepeatedRows {
  /**
   * Kinds whose repeated rows are one record. Not metrics (a repeated sample changes no series, and
   * they are the bulk kind), not spans (they carry their own ids), not config-commands: a pasted
   * block repeats lines such as {@code }} or {@code exit} within one second of one session, and each
   * closes a level (a line logged twice is told apart later, {@code CommandEffect.repeats}), not
   * requests: samples alike in every column are two samples; only a whole file repeated is read once
   * ({@link RepeatedBlock}).
   */
  static final Set<LogKind> KINDS = EnumSet.complementOf(EnumSet.of(LogKind.METRICS, LogKind.SPANS, LogKind.CONFIG_COMMANDS, LogKind.REQUESTS));

  private long[] slots = new long[1 << 10];
  private int size;

  /** Whether the record {@code csv} (laid out by {@code layout}) repeats one seen before; remembers it. */
  boolean seen(FileLayout layout, CsvReader csv) {
    if (!KINDS.contains(layout.kind)) return false;
    return !add(fingerprint(layout, csv));
  }

  static long fingerprint(FileLayout layout, CsvReader csv) {
    long h = mix(0x6a09e667f3bcc908L + layout.kind.ordinal());
    char[] text = csv.text();
    for (int i : layout.columnsByName()) {
      h = mix(h ^ layout.columns.get(i).hashCode());
      if (i < csv.size()) {
        int to = csv.trimmedEnd(i);
        // one multiply a character (FNV-1a), a full mix a field: ingest reads every row through here
        for (int p = csv.trimmedStart(i); p < to; p++) h = (h ^ text[p]) * 0x100000001b3L;
      }
      h = mix(h ^ 0x1FL); // field separator: "a","bc" is not "ab","c"
    }
    return h == 0 ? 1 : h;
  }

  /** A full avalanche step (the finaliser of SplitMix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Adds to the open-addressing set; false when it was there. */
  private boolean add(long key) {
    if (2 * (size + 1) > slots.length) grow();
    int mask = slots.length - 1;
    for (int i = (int) key & mask; ; i = (i + 1) & mask) {
      if (slots[i] == key) return false;
      if (slots[i] == 0) {
        slots[i] = key;
        size++;
        return true;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long k : old) if (k != 0) add(k);
  }

  int size() {
    return size;
  }
}
