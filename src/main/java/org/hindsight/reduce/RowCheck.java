package org.hindsight.reduce;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.Numbers;
import org.hindsight.ingest.RecordWidth;
import org.hindsight.ingest.Timestamps;

/**
 * Validates one record of a bulk kind the way {@code analyze} does (the same checks in the same
 * order, the same words), so a problem found at scale reads exactly as it would on one machine;
 * and normalises its timestamps to ISO-8601 with the offset they were written in, so the reduced
 * bundle needs no {@code --timezone} or {@code --time-format}.
 */
final class RowCheck {
  static final String NOT_UTF8 = "not valid UTF-8 (save the file as UTF-8)";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final InputLayout layout;
  private final Timestamps timestamps;
  private String[] values;
  private List<String> problems;
  long millis;
  double number;

  RowCheck(InputLayout layout, Timestamps timestamps) {
    this.layout = layout;
    this.timestamps = timestamps;
  }

  /** Checks a record; returns null when it is good (its values, timestamps normalised, stay in {@link #values()}). */
  String check(String[] record) {
    values = record;
    problems = null;
    millis = Long.MIN_VALUE;
    number = Double.NaN;
    int longField = -1;
    for (int i = 0; i < record.length && longField < 0; i++) if (record[i].length() > BundleReader.MAX_FIELD_CHARS) longField = i;
    if (longField >= 0) {
      problem("field " + (longField + 1) + " is " + String.format(java.util.Locale.ROOT, "%,d", record[longField].length())
          + " characters long; the limit is " + String.format(java.util.Locale.ROOT, "%,d", BundleReader.MAX_FIELD_CHARS));
    } else if (undecodable(record)) {
      problem(NOT_UTF8);
    } else if (record.length == layout.columns.length && nulField(record) >= 0) {
      problem(BundleReader.nulInField(nulField(record), layout.columns[nulField(record)]));
    } else if (record.length != layout.columns.length && widthProblem(record) != null) {
      problem(widthProblem(record));
    } else {
      // trailing fields left out (optional ones) or trailing separators: the record at the header's width
      if (record.length != layout.columns.length) values = fitted(record, layout.columns.length);
      if (layout.hasOrigin) checkOrigin();
      if (problems == null) checkKind();
    }
    if (problems == null) return null;
    String o = layout.hasOrigin && values.length == layout.columns.length ? value(InputLayout.ORIGIN) : "";
    return String.join("; ", problems) + (o.isEmpty() ? "" : " (from " + o + ")");
  }

  /** What {@link RecordWidth} says of a record not as wide as the header (a split line cannot tell a cut-off). */
  private String widthProblem(String[] record) {
    boolean surplusBlank = true;
    for (int i = layout.columns.length; i < record.length; i++) surplusBlank &= record[i].isBlank();
    var kind = org.hindsight.ingest.LogKind.named(layout.kind);
    return kind.isEmpty() ? "expected " + layout.columns.length + " fields as in the header, found " + record.length
        : RecordWidth.problem(kind.get(), java.util.Arrays.asList(layout.columns), record.length, surplusBlank, false);
  }

  private static String[] fitted(String[] record, int width) {
    String[] v = java.util.Arrays.copyOf(record, width);
    for (int i = record.length; i < width; i++) v[i] = "";
    return v;
  }

  String[] values() {
    return values;
  }

  private void checkKind() {
    switch (layout.kind) {
      case "events" -> {
        time("timestamp");
        required("source");
        required("type");
      }
      case "metrics" -> {
        time("timestamp");
        required("entity");
        required("metric");
        number = number("value");
      }
      case "requests" -> {
        time("timestamp");
        required("datacenter");
        required("server");
        required("process");
        int status = optionalCount("status");
        if (status < 0) problem("status: must be an HTTP status");
        optionalCount("cookies_valid");
        optionalCount("cookies_invalid");
        if (!value("duration_ms").isEmpty()) number("duration_ms");
      }
      case "spans" -> {
        time("timestamp");
        required("trace_id");
        required("span_id");
        required("service");
        number("duration_ms");
      }
      default -> normaliseTimes(); // kept whole; analyze checks them
    }
  }

  /** Whole kinds: timestamps normalised where they read, left as written (for analyze to report) where not. */
  private void normaliseTimes() {
    for (String c : new String[] {"timestamp", "window_start", "window_end"}) {
      Integer i = layout.index.get(c);
      if (i == null || values[i].trim().isEmpty()) continue;
      try {
        Timestamps.Parsed p = timestamps.parse(values[i].trim());
        if (c.equals("timestamp")) millis = p.instant().toEpochMilli();
        setValue(i, format(p));
      } catch (DateTimeException e) {
        // analyze says what is wrong with it, at its origin
      }
    }
  }

  private void checkOrigin() {
    String o = value(InputLayout.ORIGIN);
    if (o.isEmpty()) return;
    int colon = o.lastIndexOf(':');
    int at = -1;
    if (colon > 0 && colon < o.length() - 1) {
      try {
        at = Integer.parseInt(o.substring(colon + 1));
      } catch (NumberFormatException e) {
        at = -1;
      }
    }
    if (at < 1) problem("origin: '" + o + "' is not file:line");
  }

  String value(String column) {
    Integer i = layout.index.get(column);
    return i == null || i >= values.length ? "" : values[i].trim();
  }

  private void required(String column) {
    if (value(column).isEmpty()) problem("empty " + column);
  }

  private void time(String column) {
    String v = value(column);
    if (v.isEmpty()) {
      problem("empty " + column);
      return;
    }
    try {
      Timestamps.Parsed p = timestamps.parse(v);
      millis = p.instant().toEpochMilli();
      setValue(layout.index.get(column), format(p));
    } catch (DateTimeException e) {
      problem(column + ": " + e.getMessage());
    }
  }

  static String format(Timestamps.Parsed p) {
    return ISO.format(OffsetDateTime.ofInstant(p.instant(), p.offset()));
  }

  private double number(String column) {
    String v = value(column);
    double d = Numbers.parseDecimal(v);
    String wrong = Numbers.problemOf(column, v, d);
    if (wrong != null) problem(wrong);
    return Double.isInfinite(d) ? Double.NaN : d;
  }

  private int optionalCount(String column) {
    String v = value(column);
    if (v.isEmpty()) return -1;
    int n = Numbers.parseCount(v);
    if (n < 0) problem(column + ": '" + Numbers.shown(v) + "' is not a whole number ≥ 0");
    return n;
  }

  private void setValue(int i, String v) {
    if (values[i].equals(v)) return;
    values = values.clone();
    values[i] = v;
  }

  private void problem(String message) {
    if (problems == null) problems = new ArrayList<>(2);
    problems.add(message);
  }

  private static int nulField(String[] record) {
    for (int i = 0; i < record.length; i++) if (record[i].indexOf('\0') >= 0) return i;
    return -1;
  }

  private static boolean undecodable(String[] record) {
    for (String f : record) if (f.indexOf('\uFFFD') >= 0) return true;
    return false;
  }
}
