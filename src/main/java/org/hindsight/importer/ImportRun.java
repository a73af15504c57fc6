package org.hindsight.importer;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.ingest.InputProblem;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * What one importer writes while it reads: rows per kind (each with the {@code origin} of its
 * record), problems at {@code file:line}, and per source how many records became rows, were bad or
 * were not for this format.
 */
public final class ImportRun {
  /** Beyond this many problems with the same wording in one file, the rest are counted. */
  static final int SAME_PROBLEM_LISTED = 5;

  private final ImportSettings settings;
  private final String format;
  private final Map<LogKind, Table> tables = new EnumMap<>(LogKind.class);
  private final Map<String, SourceStats> stats = new LinkedHashMap<>();
  private final List<InputProblem> problems = new ArrayList<>();
  private final Map<String, Integer> sameProblem = new HashMap<>();
  private final SystemdUnits units = new SystemdUnits();
  private final Map<Class<?>, Object> shared = new HashMap<>();
  /** The source being read (where the year and zone chosen for its syslog times are said). */
  private Source current;
  /** An earlier import's earliest dated time (see {@link #near}). */
  private Timestamps.Parsed near;
  /** The offset RFC 3164 times are read at when the other logs' offset put them outside the other logs (see {@link #fitted}). */
  private ZoneOffset fitted;
  private String fittedBecause;

  ImportRun(ImportSettings settings, String format) {
    this.settings = settings;
    this.format = format;
  }

  public ImportSettings settings() {
    return settings;
  }

  public String format() {
    return format;
  }

  /** The systemd units this run's messages named, per host (what a unit's description stands for). */
  SystemdUnits units() {
    return units;
  }

  /**
   * What an importer keeps across the sources of one run, made on first use: a request file read beside its answer
   * (CloudWatch's metric queries), whichever of the two comes first.
   */
  public <T> T shared(Class<T> type, java.util.function.Supplier<T> make) {
    return type.cast(shared.computeIfAbsent(type, k -> make.get()));
  }

  /** Per source: records that became rows, bad records, lines that were not for this format. */
  public static final class SourceStats {
    long kept;
    long bad;
    long ignored;
    boolean unreadable; // read only up to a line (a byte not in the charset): never imported, lenient or not
    String yearRead; // the year and zone chosen for RFC 3164 times (not given as options), and why; null: none

    public long kept() {
      return kept;
    }

    public long bad() {
      return bad;
    }

    public long ignored() {
      return ignored;
    }
  }

  private SourceStats stats(Source s) {
    return stats.computeIfAbsent(s.name(), k -> new SourceStats());
  }

  /** A new row of a kind, citing {@code source:line}; fill it with {@link Row#set}. */
  public Row row(LogKind kind, Source source, int line) {
    Table t = tables.computeIfAbsent(kind, Table::new);
    Row r = new Row(t, source.name() + ":" + line);
    t.rows.add(r);
    return r;
  }

  /** A source about to be read: it is summed up even when it holds nothing (an empty export says so). */
  void opened(Source source) {
    current = source;
    stats(source);
  }

  /** Marks a record as read into rows (what lenient mode weighs bad records against). */
  public void kept(Source source) {
    stats(source).kept++;
  }

  /** A line that is not for this format (another syslog message, a comment). */
  public void ignored(Source source) {
    stats(source).ignored++;
  }

  /** A record this format should read but cannot. */
  public void problem(Source source, int line, String message) {
    stats(source).bad++;
    String key = source.name() + '\u0000' + message;
    int n = sameProblem.merge(key, 1, Integer::sum);
    if (n <= SAME_PROBLEM_LISTED) problems.add(new InputProblem(source.name(), line, message));
  }

  /** A problem with the source as a whole (unreadable, wrong format). */
  public void fileProblem(Source source, String message) {
    stats(source);
    problems.add(new InputProblem(source.name(), 0, message));
  }

  /** The source cannot be read past {@code line} (a byte not valid in its charset): a file problem, at its line. */
  public void unreadableAt(Source source, int line, String message) {
    stats(source).unreadable = true;
    problems.add(new InputProblem(source.name(), line, message));
  }

  /**
   * The problems, per file in line order (an importer may find a record bad only after reading on),
   * problems with a file as a whole after its lines.
   */
  List<InputProblem> problems() {
    List<InputProblem> out = new ArrayList<>(problems);
    sameProblem.forEach((key, n) -> {
      if (n > SAME_PROBLEM_LISTED) {
        int sep = key.indexOf('\u0000');
        out.add(new InputProblem(key.substring(0, sep), 0,
            "… and " + (n - SAME_PROBLEM_LISTED) + " more lines with the same problem (" + key.substring(sep + 1) + ")"));
      }
    });
    List<String> files = out.stream().map(InputProblem::file).distinct().toList();
    out.sort(java.util.Comparator.comparingInt((InputProblem p) -> files.indexOf(p.file()))
        .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
    return out;
  }

  Map<String, SourceStats> sourceStats() {
    return stats;
  }

  Map<LogKind, Table> tables() {
    return tables;
  }

  /** A clock for one source: its timestamps as they come, year-less ones rolling over at New Year. */
  public Clock clock() {
    return new Clock();
  }

  /** An earlier import's earliest dated time, for RFC 3164 times when the settings name no time near. */
  void near(Timestamps.Parsed earlier) {
    if (settings.near == null) near = earlier;
  }

  /** Read RFC 3164 times at {@code offset} instead of the other logs' offset; {@code because} is said in the summary. */
  void fitted(ZoneOffset offset, String because) {
    fitted = offset;
    fittedBecause = because;
  }

  /** Every time in the rows this run has written, as instants (the contract's {@code timestamp} column). */
  List<Instant> times() {
    List<Instant> out = new ArrayList<>();
    eachWrittenTime(at -> out.add(at.toInstant()));
    return out;
  }

  /** Each time written in the contract's {@code timestamp} column so far; a value not written as the contract writes times is passed over. */
  private void eachWrittenTime(java.util.function.Consumer<OffsetDateTime> action) {
    for (Table t : tables.values()) {
      Integer column = t.columns.get("timestamp");
      if (column == null) continue;
      for (Row r : t.rows) {
        String v = r.get(column);
        if (v.isEmpty()) continue;
        OffsetDateTime at;
        try {
          at = OffsetDateTime.parse(v);
        } catch (DateTimeException e) {
          continue; // not a time as the contract writes it: nothing to date by
        }
        action.accept(at);
      }
    }
  }

  /** The offset this run's RFC 3164 times were read at; null when it read none (or the user named the zone). */
  ZoneOffset yearlessOffset() {
    return yearlessOffset;
  }

  private ZoneOffset yearlessOffset;

  /** The earliest time with its year and offset in the rows this run has written so far; null: none. */
  Timestamps.Parsed earliestDated() {
    Timestamps.Parsed[] earliest = {null};
    eachWrittenTime(at -> {
      if (earliest[0] == null || at.toInstant().isBefore(earliest[0].instant())) earliest[0] = new Timestamps.Parsed(at.toInstant(), at.getOffset());
    });
    return earliest[0];
  }

  /** Timestamps of one source, in file order. */
  public final class Clock {
    /** RFC 3164's {@code MMM d HH:mm:ss[.f]}: no year and no zone. */
    private static final java.util.regex.Pattern YEARLESS =
        java.util.regex.Pattern.compile("[A-Za-z]{3}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?");

    private final Timestamps timestamps = new Timestamps(settings.timezone, settings.timeFormat, settings.year);
    /** For RFC 3164 times: the year and zone given, or chosen at the first such time ({@link #chooseYearAndZone}). */
    private Timestamps yearless;
    private Instant last;
    private int yearsRolled;

    private Clock() {}

    /** The time as the contract writes it, or throws {@link DateTimeException} worded for the user. */
    public String iso(String text) {
      Timestamps.Parsed p = parse(text);
      return format(p.instant(), p.offset());
    }

    /** As {@link #iso}, or null for no text or a time not read: for a field that is optional, or said otherwise. */
    public String isoOrNull(String text) {
      if (text == null || text.isBlank()) return null;
      try {
        return iso(text);
      } catch (DateTimeException e) {
        return null;
      }
    }

    public Timestamps.Parsed parse(String text) {
      String t = text.trim();
      if (!YEARLESS.matcher(t).matches()) return timestamps.parse(t);
      if (yearless == null) yearless = chooseYearAndZone(t);
      Timestamps.Parsed p = yearless.parse(t);
      Instant i = p.instant().atOffset(p.offset()).plusYears(yearsRolled).toInstant();
      if (last != null && i.isBefore(last.minus(Duration.ofDays(180)))) {
        yearsRolled++; // December → January in one file
        i = p.instant().atOffset(p.offset()).plusYears(yearsRolled).toInstant();
      }
      last = i;
      return new Timestamps.Parsed(i, p.offset());
    }

    /**
     * RFC 3164 times carry neither year nor zone. Unless {@code --year} and {@code --timezone} name them: the year
     * that puts the source's first such time nearest the other logs' times (the analysis's CSV files, else the dated
     * sources imported before it), else the last year in which it is not
     * after the file's last write (a syslog file is written after its lines); the other logs' offset, else UTC.
     * Said in the source's summary, so a wrong guess is seen and the options mend it.
     */
    private Timestamps chooseYearAndZone(String first) {
      Timestamps.Parsed dated = settings.near != null ? settings.near : near != null ? near : earliestDated();
      List<String> said = new ArrayList<>();
      ZoneId zone = settings.timezone;
      if (zone == null) zone = fitted != null ? fitted : dated != null ? dated.offset() : ZoneOffset.UTC;
      if (settings.timezone == null && zone instanceof ZoneOffset o) yearlessOffset = o;
      int year = settings.year;
      if (year == 0) {
        if (dated != null) {
          year = nearestYear(first, zone, dated.instant());
          said.add("in " + year + ", nearest the other logs' times (--year names another)");
        } else {
          Instant written = current == null ? null : current.lastWritten();
          if (written == null) throw new DateTimeException("time '" + first + "' has no year; name it with --year");
          year = lastYearNotAfter(first, zone, written);
          said.add("in " + year + ", the file being last written on " + written.atOffset(ZoneOffset.UTC).toLocalDate()
              + " (--year names another)");
        }
      }
      if (settings.timezone == null) {
        said.add("at " + (fitted != null ? "offset " + fitted + ", " + fittedBecause
            : dated != null ? "the other logs' offset " + zone : "UTC") + " (--timezone names another)");
      }
      if (current != null && !said.isEmpty()) stats(current).yearRead = "times without a year or zone read " + String.join(" and ", said);
      return new Timestamps(zone, settings.timeFormat, year);
    }

    private int nearestYear(String first, ZoneId zone, Instant dated) {
      int around = dated.atOffset(ZoneOffset.UTC).getYear();
      int best = around;
      long bestGap = Long.MAX_VALUE;
      for (int y = around - 1; y <= around + 1; y++) {
        Instant at = inYear(first, zone, y);
        if (at == null) continue;
        long gap = Math.abs(Duration.between(dated, at).getSeconds());
        if (gap < bestGap) {
          bestGap = gap;
          best = y;
        }
      }
      return best;
    }

    private int lastYearNotAfter(String first, ZoneId zone, Instant written) {
      int thisYear = written.atOffset(ZoneOffset.UTC).getYear();
      for (int y = thisYear + 1; y > thisYear - 4; y--) {
        Instant at = inYear(first, zone, y);
        if (at != null && !at.isAfter(written)) return y;
      }
      return thisYear;
    }

    /** The year-less time in a year and zone; null where it does not exist (29 February). */
    private Instant inYear(String text, ZoneId zone, int y) {
      try {
        return new Timestamps(zone, settings.timeFormat, y).parse(text).instant();
      } catch (DateTimeException e) {
        return null;
      }
    }
  }

  /**
   * Epoch milliseconds (CloudWatch Logs, Datadog; Datadog writes them as {@code 1635127200000.0}) as the contract writes
   * times: in {@code --timezone}'s offset when given, else UTC; null when the text is no number of milliseconds in 1990–2100.
   */
  public String millis(String text) {
    java.math.BigDecimal ms;
    try {
      ms = new java.math.BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (ms.compareTo(java.math.BigDecimal.valueOf(631_152_000_000L)) < 0 || ms.compareTo(java.math.BigDecimal.valueOf(4_102_444_800_000L)) >= 0) {
      return null;
    }
    java.math.BigDecimal ns = ms.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN);
    java.math.BigInteger[] sn = ns.toBigInteger().divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
    Instant t = Instant.ofEpochSecond(sn[0].longValue(), sn[1].longValue());
    return inZone(t);
  }

  /**
   * Epoch microseconds (journald, Jaeger, Zipkin) as the contract writes times: in {@code --timezone}'s
   * offset when given, else UTC; null when the text is no whole number of microseconds in 1990–2100.
   */
  public String micros(String text) {
    long us;
    try {
      us = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (us < 631_152_000_000_000L || us >= 4_102_444_800_000_000L) return null;
    Instant t = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    return inZone(t);
  }

  /**
   * Epoch nanoseconds (OpenTelemetry's {@code *UnixNano}) as the contract writes times, to the nanosecond: in
   * {@code --timezone}'s offset when given, else UTC; null when the text is no whole number of nanoseconds in 1990–2100.
   */
  public String nanos(String text) {
    java.math.BigInteger ns;
    try {
      ns = new java.math.BigInteger(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (ns.bitLength() > 63) return null; // past any year a long holds
    java.math.BigInteger[] sn = ns.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
    long s = sn[0].longValue();
    if (ns.signum() < 0 || s < 631_152_000L || s >= 4_102_444_800L) return null;
    Instant t = Instant.ofEpochSecond(s, sn[1].longValue());
    return inZone(t);
  }

  /** A time as the contract writes it, in {@link #offset}. */
  private String inZone(Instant t) {
    return format(t, offset(t));
  }

  /** The offset times without one of their own are written in: {@code --timezone}'s at {@code t} when given, else UTC. */
  public ZoneOffset offset(Instant t) {
    return zone().getRules().getOffset(t);
  }

  /** The zone a source's local times are read in: {@code --timezone} when given, else UTC. */
  public java.time.ZoneId zone() {
    return settings.timezone == null ? ZoneOffset.UTC : settings.timezone;
  }

  public static String format(Instant t, ZoneOffset offset) {
    return OffsetDateTime.ofInstant(t, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The rows of one kind, and the columns they use in order (contract first, then extras, origin last). */
  static final class Table {
    final LogKind kind;
    final Map<String, Integer> columns = new LinkedHashMap<>();
    final List<Row> rows = new ArrayList<>();
    /** Columns made room for before any row set them ({@link Row#reserve}). */
    final java.util.Set<String> reserved = new java.util.HashSet<>();

    Table(LogKind kind) {
      this.kind = kind;
      kind.requiredColumns().forEach(this::column);
      kind.optionalColumns().forEach(this::column);
    }

    int column(String name) {
      return columns.computeIfAbsent(name, k -> columns.size());
    }

    /** The indexes of the columns to write: all but reserved ones no row set. */
    List<Integer> written() {
      List<Integer> out = new ArrayList<>();
      for (Map.Entry<String, Integer> c : columns.entrySet()) {
        int i = c.getValue();
        if (!reserved.contains(c.getKey()) || rows.stream().anyMatch(r -> !r.get(i).isEmpty())) out.add(i);
      }
      return out;
    }
  }

  /** One output row; values by contract column name (or any extra column). */
  public static final class Row {
    private final Table table;
    private final String origin;
    private String[] values;

    Row(Table table, String origin) {
      this.table = table;
      this.origin = origin;
      this.values = new String[table.columns.size()];
    }

    public Row set(String column, String value) {
      int i = table.column(column);
      if (i >= values.length) values = java.util.Arrays.copyOf(values, table.columns.size());
      values[i] = value;
      return this;
    }

    /**
     * Makes room for a column that may be set later, so it keeps its place among the columns; a reserved column
     * no row ever sets is not written.
     */
    Row reserve(String column) {
      if (!table.columns.containsKey(column)) table.reserved.add(column);
      table.column(column);
      return this;
    }

    String get(int i) {
      return i < values.length && values[i] != null ? values[i] : "";
    }

    String origin() {
      return origin;
    }

    /** The value of a column, "" when unset. */
    String value(String column) {
      Integer i = table.columns.get(column);
      return i == null ? "" : get(i);
    }
  }
}
