package org.hindsight.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hindsight.ingest.Inputs;
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
    Timestamps.Parsed earliest = null;
    for (Path f : csvFiles(inputs)) {
      Timestamps.Parsed t = firstTimes(f, timestamps);
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

  private static Timestamps.Parsed firstTimes(Path f, Timestamps timestamps) {
    try (Reader in = Inputs.text(f); CSVParser csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(f)).build().parse(in)) {
      int column = -1;
      Timestamps.Parsed earliest = null;
      int rows = 0;
      for (CSVRecord r : csv) {
        if (column < 0) {
          column = timestampColumn(r);
          if (column < 0) return null;
          continue;
        }
        if (++rows > ROWS_LOOKED_AT) break;
        if (column >= r.size()) continue;
        try {
          Timestamps.Parsed t = timestamps.parse(r.get(column).trim());
          if (earliest == null || t.instant().isBefore(earliest.instant())) earliest = t;
        } catch (DateTimeException e) {
          // a bad time is the bundle reader's to report at its line
        }
      }
      return earliest;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return null;
    }
  }

  private static char delimiter(Path f) {
    return Inputs.withoutCompression(f.getFileName().toString()).toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
  }

  /** The header's time column: the contract's {@code timestamp}, or a {@code time}/{@code date}-named one. */
  private static int timestampColumn(CSVRecord header) {
    int named = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
      if (h.equals("timestamp")) return i;
      if (named < 0 && (h.equals("time") || h.equals("_time") || h.equals("@timestamp") || h.equals("date"))) named = i;
    }
    return named;
  }
}
