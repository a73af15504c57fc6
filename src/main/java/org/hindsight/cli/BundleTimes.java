package org.hindsight.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.ColumnMap;
import org.hindsight.ingest.CsvReader;
import org.hindsight.ingest.Inputs;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * The span of time the contract CSV inputs cover, and the offset their earliest time is written in: what a syslog
 * imported beside them takes its year and zone from (RFC 3164 times have neither), and the span its local times are
 * fitted into when that offset reads them outside it ({@code LocalClockFit}). A look at each file's first rows and,
 * for a plain file, its last rows only (exports are sorted either way); a file that cannot be read here is left to
 * the bundle reader, which says why.
 */
final class BundleTimes {
  /** Rows looked at per file: a file's first rows are its earliest unless it is unsorted, which a near year tolerates. */
  private static final int ROWS_LOOKED_AT = 50;
  /** Bytes read from a plain file's end for its last rows: a few hundred rows of a typical export. */
  private static final int TAIL_BYTES = 1 << 16;

  private BundleTimes() {}

  /**
   * @param earliest the earliest dated time, as written (with its offset)
   * @param latest the latest; never before {@code earliest}
   */
  record Span(Timestamps.Parsed earliest, Instant latest) {}

  /** @return the span of the inputs' CSV files' first and last rows, read as the options say; null when no time is read */
  static Span span(List<String> inputs, ReadOptions read) throws UsageException {
    Timestamps timestamps = new Timestamps(read.timezone, read.timeFormat(), read.year);
    Charset encoding = read.encoding();
    ColumnMap map = read.columnMap(null);
    Timestamps.Parsed earliest = null;
    Instant latest = null;
    for (Path f : csvFiles(inputs)) {
      Times t = times(f, timestamps, encoding, map);
      if (t.earliest == null) continue;
      if (earliest == null || t.earliest.instant().isBefore(earliest.instant())) earliest = t.earliest;
      if (latest == null || t.latest.isAfter(latest)) latest = t.latest;
    }
    return earliest == null ? null : new Span(earliest, latest);
  }

  /** The earliest and latest time read of one file; both null when none. */
  private static final class Times {
    Timestamps.Parsed earliest;
    Instant latest;

    void add(Timestamps.Parsed t) {
      if (earliest == null || t.instant().isBefore(earliest.instant())) earliest = t;
      if (latest == null || t.instant().isAfter(latest)) latest = t.instant();
    }
  }

  private static List<Path> csvFiles(List<String> inputs) {
    List<Path> out = new ArrayList<>();
    for (String arg : inputs) {
      if (arg.equals(Inputs.STDIN)) continue;
      int eq = arg.indexOf('=');
      Path p;
      try {
        p = Path.of(eq > 0 && !Files.exists(Path.of(arg)) ? arg.substring(eq + 1) : arg);
      } catch (java.nio.file.InvalidPathException e) {
        continue;
      }
      if (Files.isRegularFile(p)) {
        out.add(p);
      } else if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(Files::isRegularFile).filter(f -> Inputs.isCsvName(f.getFileName().toString())).sorted().forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
          // the bundle reader says why the folder cannot be listed
        }
      }
    }
    return out;
  }

  /** The times of a file's first and last rows, read as ingest reads the file (charset, separator, the user's --map). */
  private static Times times(Path f, Timestamps timestamps, Charset encoding, ColumnMap map) {
    Times times = new Times();
    boolean small = small(f);
    int column;
    char separator;
    try (CsvReader csv = CsvReader.sniffing(Inputs.text(f, encoding), BundleReader.MAX_RECORD_CHARS)) {
      if (!csv.next()) return times;
      column = timestampColumn(csv, LogKind.ofFileName(Inputs.withoutCompression(f.getFileName().toString())), map);
      if (column < 0) return times;
      separator = csv.separator();
      // a small file is read whole: its last rows are within the bytes a tail would read anyway
      readRows(csv, column, timestamps, times, small ? Integer.MAX_VALUE : ROWS_LOOKED_AT);
    } catch (IOException | UncheckedIOException e) {
      return times;
    }
    if (!small) lastRows(f, encoding, column, separator, timestamps, times);
    return times;
  }

  private static boolean small(Path f) {
    try {
      return Files.size(f) <= TAIL_BYTES;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static void readRows(CsvReader csv, int column, Timestamps timestamps, Times times, int limit) throws IOException {
    for (int rows = 0; rows < limit && csv.next(); rows++) {
      if (column >= csv.size()) continue;
      try {
        times.add(timestamps.parse(csv.get(column).trim()));
      } catch (DateTimeException e) {
        // a bad time is the bundle reader's to report at its line (or, in a file's tail, a row cut by the seek)
      }
    }
  }

  /**
   * The times of a plain file's last rows: its final bytes from the first whole line on. Skipped for a compressed
   * file (no end to seek to) and a charset whose bytes do not break lines as ASCII's (UTF-16): its first rows stand.
   */
  private static void lastRows(Path f, Charset encoding, int column, char separator, Timestamps timestamps, Times times) {
    String name = f.getFileName().toString();
    if (!Inputs.withoutCompression(name).equals(name) || !Inputs.bytesBreakLines(encoding)) return;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
      long size = ch.size();
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(TAIL_BYTES);
      ch.position(size - TAIL_BYTES);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read to the end
      }
      String tail = new String(buf.array(), 0, buf.position(), encoding);
      int firstBreak = tail.indexOf('\n');
      if (firstBreak < 0) return;
      // a header of the file's separators only, so the reader splits the tail as it split the file
      String header = String.valueOf(separator).repeat(Math.max(1, column));
      try (CsvReader csv = CsvReader.sniffing(new java.io.StringReader(header + "\n" + tail.substring(firstBreak + 1)),
          BundleReader.MAX_RECORD_CHARS)) {
        if (!csv.next()) return;
        readRows(csv, column, timestamps, times, Integer.MAX_VALUE);
      }
    } catch (IOException | UncheckedIOException e) {
      // the first rows stand
    }
  }

  /** The header's {@code timestamp} column: the one --map names for the file's kind, else the contract's, as exports spell it. */
  private static int timestampColumn(CsvReader header, Optional<LogKind> kind, ColumnMap map) {
    String mapped = kind.flatMap(k -> map.mapped(k, "timestamp")).orElse(null);
    for (int i = 0; i < header.size(); i++) {
      String cell = header.get(i).trim().replace("\uFEFF", "");
      if (mapped != null ? cell.equalsIgnoreCase(mapped) : ColumnMap.contractSpelling(cell).equals("timestamp")) return i;
    }
    return -1;
  }
}
