package org.hindsight.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of a bundle, edited in place by tests that perturb incidents. Rows keep their file
 * lines (edits change cells; appended rows go at the end), so {@code file:line} citations of the
 * original stay valid.
 */
public final class CsvTable {
  private final Path file;
  private final List<String> header;
  private final List<String[]> rows = new ArrayList<>();

  private CsvTable(Path file, List<String> header) {
    this.file = file;
    this.header = header;
  }

  /** The file it was read from (its bundle's other files are its siblings). */
  public Path file() {
    return file;
  }

  public static CsvTable read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      CsvTable t = new CsvTable(file, new ArrayList<>(p.getHeaderNames()));
      for (CSVRecord rec : p) {
        String[] cells = new String[t.header.size()];
        for (int i = 0; i < cells.length; i++) cells[i] = i < rec.size() ? rec.get(i) : "";
        t.rows.add(cells);
      }
      return t;
    }
  }

  /** A copy of {@code source} (a bundle folder) in {@code target}. */
  public static void copyBundle(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(f, target.resolve(f.getFileName()));
    }
  }

  /** What a test does with a copy of a bundle. */
  public interface OnCopy {
    void run(Path copy) throws Exception;
  }

  /** Runs {@code use} on a fresh temporary copy of the bundle {@code source}, deleted afterwards whatever happens. */
  public static void onACopy(Path source, OnCopy use) throws Exception {
    Path dir = Files.createTempDirectory("perturbed");
    try {
      copyBundle(source, dir);
      use.run(dir);
    } finally {
      deleteCopy(dir);
    }
  }

  /** Deletes a copy made by {@link #copyBundle} (or any temporary folder of a test), whatever it holds. */
  public static void deleteCopy(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /** The column names in file order. */
  public List<String> header() {
    return java.util.Collections.unmodifiableList(header);
  }

  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) throw new IllegalArgumentException(file.getFileName() + " has no column " + name);
    return i;
  }

  public boolean hasColumn(String name) {
    return header.contains(name);
  }

  public List<String[]> rows() {
    return rows;
  }

  /** The row at a 1-based file line (the header is line 1). */
  public String[] atLine(int line) {
    return rows.get(line - 2);
  }

  public String get(String[] row, String column) {
    return row[column(column)];
  }

  public void set(String[] row, String column, String value) {
    row[column(column)] = value;
  }

  public List<String[]> where(Predicate<String[]> test) {
    return rows.stream().filter(test).toList();
  }

  /** Appends a row given as column=value pairs (missing columns empty); returns its file line. */
  public int append(String... columnValues) {
    String[] cells = new String[header.size()];
    java.util.Arrays.fill(cells, "");
    for (String cv : columnValues) {
      int eq = cv.indexOf('=');
      cells[column(cv.substring(0, eq))] = cv.substring(eq + 1);
    }
    rows.add(cells);
    return rows.size() + 1;
  }

  /** Appends a copy of {@code row}; returns its file line. */
  public int appendCopy(String[] row) {
    rows.add(row.clone());
    return rows.size() + 1;
  }

  public Instant time(String[] row) {
    return OffsetDateTime.parse(row[column("timestamp")]).toInstant();
  }

  /** Moves a row's timestamp by {@code by}, keeping its zone offset. */
  public void shift(String[] row, Duration by) {
    int c = column("timestamp");
    OffsetDateTime t = OffsetDateTime.parse(row[c]);
    row[c] = t.plus(by).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /**
   * Moves the row at {@code line} and every row agreeing with it on {@code sameIn} (e.g. a CLI
   * session: same device and session) by {@code by}, and writes the file.
   */
  public void shiftWithPeers(int line, Duration by, String... sameIn) throws IOException {
    String[] anchor = atLine(line);
    String[] want = new String[sameIn.length];
    for (int i = 0; i < sameIn.length; i++) want[i] = get(anchor, sameIn[i]);
    for (String[] r : where(r -> {
      for (int i = 0; i < sameIn.length; i++) if (!get(r, sameIn[i]).equals(want[i])) return false;
      return true;
    })) shift(r, by);
    write();
  }

  public void setTime(String[] row, Instant at) {
    int c = column("timestamp");
    OffsetDateTime t = OffsetDateTime.parse(row[c]);
    row[c] = at.atOffset(t.getOffset()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  public void write() throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
      p.printRecord(header);
      for (String[] r : rows) p.printRecord((Object[]) r);
    }
  }
}
