package org.hindsight.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.SourceRef;

/**
 * One CSV record while it is being turned into a fact. Accessors never throw: a bad value is
 * recorded as a problem of this row (so all of a row's problems are reported together) and a
 * neutral value is returned; the kind's mapper checks {@link #ok()} before building a fact.
 */
public final class Row {
  private final FileLayout layout;
  private final CsvReader record; // positioned on this row while it is mapped
  private int line;
  private List<String> problems = List.of(); // most rows have none: allocate on the first
  private SourceRef origin; // resolved on first use: the origin column, else this row

  Row(FileLayout layout, CsvReader record, int line) {
    this.layout = layout;
    this.record = record;
    this.line = line;
  }

  /** This row object made ready for the file's next record, at {@code line} (one per file: no allocation per record). */
  Row reset(int line) {
    this.line = line;
    this.problems = List.of();
    this.origin = null;
    return this;
  }

  /** The file facts cite: the origin column's file when an importer wrote one, else this CSV. */
  public String file() {
    return layout.hasOrigin ? ref().file() : layout.file;
  }

  /** The line facts cite (see {@link #file()}). */
  public int line() {
    return layout.hasOrigin ? ref().line() : line;
  }

  public SourceRef ref() {
    if (origin == null) origin = resolveOrigin();
    return origin;
  }

  private SourceRef resolveOrigin() {
    String o = layout.hasOrigin ? value(FileLayout.ORIGIN) : "";
    if (o.isEmpty()) return new SourceRef(layout.file, line);
    int colon = o.lastIndexOf(':');
    int at = -1;
    if (colon > 0 && colon < o.length() - 1) {
      try {
        at = Integer.parseInt(o.substring(colon + 1));
      } catch (NumberFormatException e) {
        at = -1;
      }
    }
    if (at < 1) {
      problem("origin: '" + o + "' is not file:line");
      return new SourceRef(layout.file, line);
    }
    return new SourceRef(layout.intern(o.substring(0, colon)), at);
  }

  /** " (from file:line)" when the row came from an importer, so a problem also names the user's record. */
  String originNote() {
    String o = layout.hasOrigin ? value(FileLayout.ORIGIN) : "";
    return o.isEmpty() ? "" : " (from " + o + ")";
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public List<String> problems() {
    return problems;
  }

  public void problem(String message) {
    if (problems.isEmpty()) problems = new ArrayList<>(2);
    problems.add(message);
  }

  /** The trimmed value of a column, "" when the column is absent or empty; names repeat, so one copy is kept. */
  public String get(String column) {
    int i = layout.slot(column);
    if (i < 0 || i >= record.size()) return "";
    return layout.intern(record.text(), record.trimmedStart(i), record.trimmedEnd(i));
  }

  /**
   * {@link #get}'s value as its code in {@code dictionary} ({@code dictionary.code(get(column))}): a name seen
   * lately is coded from the reader's buffer, no string read or made ({@link FileLayout#code}).
   */
  int code(String column, StringCodes dictionary) {
    int i = layout.slot(column);
    if (i < 0 || i >= record.size()) return dictionary.code("");
    return layout.code(record.text(), record.trimmedStart(i), record.trimmedEnd(i), dictionary);
  }

  /** {@link #required}'s check alone, for a value to be {@link #code coded} once the row is known to be good. */
  void requirePresent(String column) {
    if (blank(column)) problem("empty " + column);
  }

  /** The trimmed value, not interned: for values parsed at once (times, numbers) that rarely repeat. */
  private String value(String column) {
    int i = layout.slot(column);
    if (i < 0 || i >= record.size()) return "";
    return record.get(i).trim();
  }

  /**
   * {@link #value} of a time column, as the same string as the file's previous time when its characters
   * are the same: rows come in time order and many share a second, so no string is made for them and
   * {@link Timestamps#parse} knows the text again by reference.
   */
  private String timeText(String column) {
    int i = layout.slot(column);
    if (i < 0 || i >= record.size()) return "";
    char[] text = record.text();
    int from = record.trimmedStart(i);
    int to = record.trimmedEnd(i);
    String last = layout.lastTimeText;
    char[] lastChars = layout.lastTimeChars; // compared as characters: String.charAt is not inlined by C1
    if (last != null && FileLayout.sameChars(lastChars, text, from, to)) return last;
    String made = new String(text, from, to - from);
    layout.lastTimeText = made;
    layout.lastTimeChars = java.util.Arrays.copyOfRange(text, from, to);
    return made;
  }

  /** The value, untrimmed apart from nothing (free text such as messages and commands). */
  public String raw(String column) {
    int i = layout.slot(column);
    return i < 0 || i >= record.size() ? "" : record.get(i);
  }

  /** A required value: empty is a problem. */
  public String required(String column) {
    String v = get(column);
    if (v.isEmpty()) problem("empty " + column);
    return v;
  }

  public Instant time(String column) {
    String v = timeText(column);
    if (v.isEmpty()) {
      problem("empty " + column);
      return null;
    }
    try {
      Timestamps.Parsed p = layout.timestamps.parse(v);
      layout.noteOffset(p);
      return p.instant();
    } catch (DateTimeException e) {
      problem(column + ": " + e.getMessage());
      return null;
    }
  }

  /** An optional timestamp: null when empty. */
  public Instant optionalTime(String column) {
    return blank(column) ? null : time(column);
  }

  public double number(String column) {
    int i = layout.slot(column);
    if (i >= 0 && i < record.size()) {
      // most numbers take the fast path straight from the reader's buffer, making no string
      double fast = Numbers.plainDecimal(record.text(), record.trimmedStart(i), record.trimmedEnd(i));
      if (!Double.isNaN(fast)) return fast;
    }
    String v = value(column);
    double d = Numbers.parseDecimal(v);
    // a file separated by semicolons or tabs comes from a locale that may write a decimal comma
    if (Double.isNaN(d) && record.separator() != ',') d = Numbers.parseDecimal(Numbers.decimalPoint(v));
    String wrong = Numbers.problemOf(column, v, d);
    if (wrong != null) problem(wrong);
    return Double.isInfinite(d) ? Double.NaN : d;
  }

  /** An optional number: NaN when empty. */
  public double optionalNumber(String column) {
    return blank(column) ? Double.NaN : number(column);
  }

  /** Whether the column is absent or empty once trimmed, asked of the reader's buffer. */
  private boolean blank(String column) {
    int i = layout.slot(column);
    return i < 0 || i >= record.size() || record.trimmedStart(i) == record.trimmedEnd(i);
  }

  /** An optional whole number ≥ 0: -1 when empty. */
  public int optionalCount(String column) {
    int i = layout.slot(column);
    if (i < 0 || i >= record.size()) return -1;
    int from = record.trimmedStart(i);
    int to = record.trimmedEnd(i);
    if (from == to) return -1;
    int fast = Numbers.plainCount(record.text(), from, to);
    if (fast >= 0) return fast; // digits only: no string made (a request has three such columns)
    String v = value(column);
    int n = Numbers.parseCount(v);
    if (n < 0) problem(column + ": '" + Numbers.shown(v) + "' is not a whole number ≥ 0");
    return n;
  }

  public boolean optionalBoolean(String column, boolean absent) {
    String v = get(column).toLowerCase(Locale.ROOT);
    switch (v) {
      case "":
        return absent;
      case "true": case "yes": case "1": case "y":
        return true;
      case "false": case "no": case "0": case "n":
        return false;
      default:
        problem(column + ": '" + Numbers.shown(v) + "' is not true/false");
        return absent;
    }
  }

  /** Columns beyond the kind's contract, as attributes. */
  public Attributes extras() {
    String[] keys = layout.extraKeys;
    if (keys.length == 0) return Attributes.NONE;
    String[] values = new String[keys.length];
    for (int i = 0; i < keys.length; i++) values[i] = get(keys[i]);
    return layout.extras(values);
  }
}
