package org.hindsight.observe;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.hindsight.facts.SourceRef;

/**
 * Symptoms held column-wise, each made when read (equal, not identical, between reads): a fleet-scale
 * bundle has millions (4M events on a reduced 100M-row bundle), and as objects each held its own
 * {@link Instant}s and {@link SourceRef}s (≈ 160 bytes); here a row is ≈ 60 bytes, its names and files
 * codes into one dictionary.
 */
final class SymptomTable extends AbstractList<Symptom> implements RandomAccess {
  /** A time or a record that is not there. */
  private static final long NONE = Long.MIN_VALUE;

  private final List<String> words = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();
  private final int[] kind;
  private final int[] entity;
  private final int[] detail;
  /** onset, onset earliest, end, end earliest: nanoseconds since the epoch, {@link #NONE} for null. */
  private final long[] times;
  private final double[] magnitude;
  /** evidence, end evidence: the file's code in the high 32 bits, the line in the low ones; {@link #NONE} for null. */
  private final long[] refs;
  /** Rows whose times fall outside what a long of nanoseconds holds (before 1677, after 2262): kept as they are. */
  private final Map<Integer, Symptom> outside = new HashMap<>();
  private int size;

  SymptomTable(int capacity) {
    kind = new int[capacity];
    entity = new int[capacity];
    detail = new int[capacity];
    times = new long[4 * capacity];
    magnitude = new double[capacity];
    refs = new long[2 * capacity];
  }

  static SymptomTable of(List<Symptom> symptoms) {
    SymptomTable t = new SymptomTable(symptoms.size());
    symptoms.forEach(t::append);
    return t;
  }

  private void append(Symptom s) {
    int i = size++;
    kind[i] = code(s.kind());
    entity[i] = code(s.entity());
    detail[i] = code(s.detail());
    magnitude[i] = s.magnitude();
    refs[2 * i] = ref(s.evidence());
    refs[2 * i + 1] = ref(s.endEvidence());
    Instant[] ts = {s.onset(), s.onsetEarliest(), s.end(), s.endEarliest()};
    for (int k = 0; k < 4; k++) {
      Long n = nanos(ts[k]);
      if (n == null) {
        outside.put(i, s);
        return;
      }
      times[4 * i + k] = n;
    }
  }

  @Override
  public Symptom get(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    Symptom kept = outside.isEmpty() ? null : outside.get(i);
    if (kept != null) return kept;
    return new Symptom(words.get(kind[i]), words.get(entity[i]), instant(times[4 * i]), instant(times[4 * i + 1]),
        instant(times[4 * i + 2]), instant(times[4 * i + 3]), magnitude[i], words.get(detail[i]), sourceRef(refs[2 * i]),
        sourceRef(refs[2 * i + 1]));
  }

  @Override
  public int size() {
    return size;
  }

  /** The rows' kind, entity and onset without making the symptom (indexes, binary searches). */
  String kind(int i) {
    return words.get(kind[i]);
  }

  String entity(int i) {
    return words.get(entity[i]);
  }

  private int code(String word) {
    Integer c = codes.get(word);
    if (c == null) {
      c = words.size();
      words.add(word);
      codes.put(word, c);
    }
    return c;
  }

  private long ref(SourceRef r) {
    return r == null ? NONE : ((long) code(r.file()) << 32) | (r.line() & 0xFFFFFFFFL);
  }

  private SourceRef sourceRef(long r) {
    return r == NONE ? null : new SourceRef(words.get((int) (r >>> 32)), (int) r);
  }

  /** Nanoseconds since the epoch, {@link #NONE} for null, null when a long cannot hold them. */
  private static Long nanos(Instant t) {
    if (t == null) return NONE;
    try {
      long n = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
      return n == NONE ? null : n;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Instant instant(long n) {
    return n == NONE ? null : Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  /** Rows of a table, in the order given: an index list as a list of symptoms. */
  static final class Rows extends AbstractList<Symptom> implements RandomAccess {
    private final SymptomTable table;
    private final int[] rows;

    Rows(SymptomTable table, int[] rows) {
      this.table = table;
      this.rows = rows;
    }

    @Override
    public Symptom get(int i) {
      return table.get(rows[i]);
    }

    @Override
    public int size() {
      return rows.length;
    }
  }
}
