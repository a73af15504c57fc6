package org.hindsight.drill;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV reader and writer of the drill kit (bundles, the attempt log, the summary): RFC 4180
 * with {@code \n} line ends, rows kept as objects so a row can be followed to the line it lands on
 * after rows are added or re-ordered.
 */
public final class DrillCsv {
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

  /** One row; its cells may be changed in place. */
  public static final class Row {
    final String[] cells;
    final int sourceLine;

    Row(String[] cells, int sourceLine) {
      this.cells = cells;
      this.sourceLine = sourceLine;
    }
  }

  private final List<String> header;
  final List<Row> rows = new ArrayList<>();

  public DrillCsv(List<String> header) {
    this.header = List.copyOf(header);
  }

  public List<String> header() {
    return header;
  }

  /** The column's index (case-insensitive), or -1. */
  public int column(String name) {
    for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase(name)) return i;
    return -1;
  }

  public Row add(String... cells) {
    Row r = new Row(Arrays.copyOf(cells, header.size()), 0);
    for (int i = 0; i < r.cells.length; i++) if (r.cells[i] == null) r.cells[i] = "";
    rows.add(r);
    return r;
  }

  public String get(Row r, String column) {
    int i = column(column);
    return i < 0 ? "" : r.cells[i];
  }

  public static DrillCsv read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().build().parse(in)) {
      DrillCsv t = null;
      long previousEnd = 0;
      for (CSVRecord rec : p) {
        int line = (int) previousEnd + 1;
        previousEnd = p.getCurrentLineNumber();
        List<String> cells = new ArrayList<>(rec.toList());
        if (t == null) {
          if (!cells.isEmpty()) cells.set(0, cells.get(0).replace("\uFEFF", ""));
          t = new DrillCsv(cells.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList());
        } else {
          while (cells.size() < t.header.size()) cells.add("");
          t.rows.add(new Row(cells.subList(0, t.header.size()).toArray(String[]::new), line));
        }
      }
      return t == null ? new DrillCsv(List.of()) : t;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The row that started on {@code line} of the file read, or null. */
  public Row atSourceLine(int line) {
    return rows.stream().filter(r -> r.sourceLine == line).findFirst().orElse(null);
  }

  /** The line {@code row} is written on (1 = header; a quoted line break moves later rows down). */
  public int lineOf(Row row) {
    int line = 2;
    for (Row r : rows) {
      if (r == row) return line;
      for (String c : r.cells) line += (int) c.chars().filter(ch -> ch == '\n').count();
      line++;
    }
    throw new IllegalArgumentException("not a row of this table");
  }

  public void write(Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    try {
      FORMAT.printRecord(b, header.toArray());
      for (Row r : rows) FORMAT.printRecord(b, (Object[]) r.cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  /**
   * A cell safe to open in a spreadsheet (OWASP CSV injection): text starting with {@code = + - @},
   * a tab or a carriage return gets a leading {@code '} so it is never run as a formula.
   */
  public static String neutralise(String cell) {
    if (cell == null || cell.isEmpty()) return "";
    return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }
}
