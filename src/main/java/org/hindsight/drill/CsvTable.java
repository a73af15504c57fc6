package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV file a generator writes: rows added in any order, written in time order (ties keep the
 * order they were added, so a session's lines stay in typed order), RFC 4180 quoting, and the line
 * each row ended up on, so a generator can name the line of its cause record. Untimed tables keep
 * the order rows were added.
 */
public final class CsvTable {
  /** One row; {@code time} is null for untimed tables. */
  public static final class Row {
    public final ZonedDateTime time;
    public final List<String> cells;
    public final long order;

    private Row(ZonedDateTime time, List<String> cells, long order) {
      this.time = time;
      this.cells = cells;
      this.order = order;
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final List<String> header;
  private final boolean timed;
  private final List<Row> rows = new ArrayList<>();
  private final Map<Row, Integer> lines = new IdentityHashMap<>();

  private CsvTable(List<String> header, boolean timed) {
    this.header = List.copyOf(header);
    this.timed = timed;
  }

  /** A table whose first column is {@code timestamp}; rows give the other columns. */
  public static CsvTable timed(String... otherColumns) {
    List<String> h = new ArrayList<>();
    h.add("timestamp");
    h.addAll(List.of(otherColumns));
    return new CsvTable(h, true);
  }

  public static CsvTable untimed(String... columns) {
    return new CsvTable(List.of(columns), false);
  }

  public Row add(ZonedDateTime time, String... cells) {
    if (cells.length != header.size() - 1) throw new IllegalArgumentException("expected " + (header.size() - 1) + " cells");
    List<String> all = new ArrayList<>();
    all.add(time.truncatedTo(ChronoUnit.SECONDS).format(TIME));
    all.addAll(List.of(cells));
    Row r = new Row(time.truncatedTo(ChronoUnit.SECONDS), all, rows.size());
    rows.add(r);
    return r;
  }

  public Row add(String... cells) {
    if (timed) throw new IllegalStateException("a timed table needs a time");
    if (cells.length != header.size()) throw new IllegalArgumentException("expected " + header.size() + " cells");
    Row r = new Row(null, List.of(cells), rows.size());
    rows.add(r);
    return r;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void write(Path file) throws IOException {
    List<Row> sorted = new ArrayList<>(rows);
    if (timed) sorted.sort(Comparator.comparing((Row r) -> r.time.toInstant()).thenComparingLong(r -> r.order));
    StringBuilder b = new StringBuilder();
    line(b, header);
    int n = 1;
    for (Row r : sorted) {
      line(b, r.cells);
      lines.put(r, ++n);
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  /** The line {@code row} was written on (1 = header); only after {@link #write}. */
  public int lineOf(Row row) {
    Integer n = lines.get(row);
    if (n == null) throw new IllegalStateException("row not written");
    return n;
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) b.append(',');
      b.append(Csv.quote(cells.get(i)));
    }
    b.append('\n');
  }
}
