package org.hindsight.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
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
 * The earliest time the contract CSV inputs begin with, and the offset it is written in: what a syslog imported
 * beside them takes its year and zone from (RFC 3164 times have neither). A look at each file's first rows only;
 * a file that cannot be read here is left to the bundle reader, which says why.
 */
final class BundleTimes {
  /** Rows looked at per file: a file's first rows are its earliest unless it is unsorted, which a near year tolerates. */
  private static final int ROWS_LOOKED_AT = 50;

  private BundleTimes() {}

  /** @return the earliest dated time of the inputs' CSV files' first rows, read as the options say; null when none is read */
  static Timestamps.Parsed earliest(List<String> inputs, ReadOptions read) throws UsageException {
    Timestamps timestamps = new Timestamps(read.timezone, read.timeFormat(), read.year);
    Charset encoding = read.encoding();
    ColumnMap map = read.columnMap(null);
    Timestamps.Parsed earliest = null;
    for (Path f : csvFiles(inputs)) {
      Timestamps.Parsed t = firstTimes(f, timestamps, encoding, map);
      if (t != null && (earliest == null || t.instant().isBefore(earliest.instant()))) earliest = t;
    }
    return earliest;
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

  /** The earliest time of a file's first rows, read as ingest reads the file (charset, separator, the user's --map). */
  private static Timestamps.Parsed firstTimes(Path f, Timestamps timestamps, Charset encoding, ColumnMap map) {
    try (CsvReader csv = CsvReader.sniffing(Inputs.text(f, encoding), BundleReader.MAX_RECORD_CHARS)) {
      if (!csv.next()) return null;
      int column = timestampColumn(csv, LogKind.ofFileName(Inputs.withoutCompression(f.getFileName().toString())), map);
      if (column < 0) return null;
      Timestamps.Parsed earliest = null;
      for (int rows = 0; rows < ROWS_LOOKED_AT && csv.next(); rows++) {
        if (column >= csv.size()) continue;
        try {
          Timestamps.Parsed t = timestamps.parse(csv.get(column).trim());
          if (earliest == null || t.instant().isBefore(earliest.instant())) earliest = t;
        } catch (DateTimeException e) {
          // a bad time is the bundle reader's to report at its line
        }
      }
      return earliest;
    } catch (IOException | UncheckedIOException e) {
      return null;
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
