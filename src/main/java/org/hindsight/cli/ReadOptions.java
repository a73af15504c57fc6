package org.hindsight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Stack;
import org.hindsight.ingest.BundleReader;
import org.hindsight.ingest.ColumnMap;
import org.hindsight.ingest.InputStats;
import org.hindsight.ingest.Timestamps;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How logs are read, the same for every command that reads them ({@code analyze}, {@code explain},
 * {@code import}, {@code whatif}): times without an offset or a year, their format, column mapping
 * and lenient mode. One class so the commands cannot drift apart (and a command that mixes in both
 * input and import options still has each option once).
 */
public final class ReadOptions {
  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of times written without an offset (e.g. Asia/Seoul: syslog, tac_plus, local exports); "
          + "analyze also shows reports in it unless --zone is given.")
  ZoneId timezone;

  @Option(names = "--year", paramLabel = "YEAR",
      description = "Year of the first time written without one (syslog's 'Oct 25 11:16:05'); later ones roll over at New Year.")
  int year;

  @Option(names = "--time-format", paramLabel = "FORMAT",
      description = "How times are written when not ISO-8601: epoch-s, epoch-ms, epoch-us, epoch-ns, a pattern such as "
          + "'dd/MM/yyyy HH:mm:ss', or strftime as in HISTTIMEFORMAT ('%%F %%T') (default: ISO-8601, epoch told apart by magnitude). "
          + "It applies where it reads: times it does not read (another tool's ISO-8601 or epoch) are read as by default.")
  String timeFormat;

  /** {@code --lenient} skips bad rows unless a file would lose most of them; {@code --lenient=all} skips regardless. */
  enum Lenience { on, all }

  @Option(names = "--lenient", arity = "0..1", paramLabel = "all", parameterConsumer = LenienceConsumer.class,
      description = "Skip bad rows or records (summed up per file on stderr) instead of failing; a file that would lose "
          + "more than half of them still fails (exit 2) unless --lenient=all.")
  Lenience lenient;

  @Option(names = "--encoding", paramLabel = "CHARSET",
      description = "Charset of the input files (default: UTF-8), e.g. ISO-8859-1 or windows-1252 for a Latin-1 export; "
          + "a byte-order mark at a file's start overrides it.")
  String encoding;

  @Option(names = "--map", paramLabel = "KIND:COL=THEIRS,…",
      description = "Read a CSV whose header differs from the contract, e.g. events:timestamp=_time,entity=host (repeatable).")
  List<String> columnMaps = new ArrayList<>();

  @Option(names = "--map-file", paramLabel = "FILE", description = "A file of --map specs, one a line (# comments).")
  Path columnMapFile;

  /**
   * Takes the optional value only when it is one ({@code all}, {@code on}), so {@code --lenient DIR}
   * still reads DIR as an input rather than as a bad value.
   */
  static final class LenienceConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      Lenience value = Lenience.on;
      if (!args.isEmpty()) {
        String next = args.peek().toLowerCase(Locale.ROOT);
        if (next.equals("all") || next.equals("on")) value = Lenience.valueOf(args.pop().toLowerCase(Locale.ROOT));
      }
      argSpec.setValue(value);
    }
  }

  boolean lenient() {
    return lenient != null;
  }

  boolean lenientAll() {
    return lenient == Lenience.all;
  }

  /** The charset {@code --encoding} names (UTF-8 when not given); an unknown name is a usage error. */
  java.nio.charset.Charset encoding() throws UsageException {
    if (encoding == null) return java.nio.charset.StandardCharsets.UTF_8;
    try {
      return java.nio.charset.Charset.forName(encoding.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--encoding: unknown charset '" + encoding + "' (e.g. UTF-8, ISO-8859-1, windows-1252)");
    }
  }

  /** The time format as {@code Timestamps} takes it: a strftime format becomes a pattern. */
  String timeFormat() throws UsageException {
    try {
      String f = timeFormat != null && timeFormat.contains("%") ? Timestamps.fromStrftime(timeFormat) : timeFormat;
      new Timestamps(timezone, f, year); // a bad pattern is a usage error, said up front
      return f;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--time-format: " + e.getMessage());
    }
  }

  /** The --map specs and --map-file lines as one mapping; {@code defaultKind} lets specs leave the kind out. */
  ColumnMap columnMap(org.hindsight.ingest.LogKind defaultKind) throws UsageException {
    List<String> specs = new ArrayList<>(columnMaps);
    if (columnMapFile != null) {
      try {
        specs.addAll(Files.readAllLines(columnMapFile));
      } catch (IOException e) {
        throw new UsageException("cannot read --map-file " + columnMapFile + ": " + e.getMessage());
      }
    }
    try {
      return ColumnMap.parse(specs, defaultKind);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A reader of contract CSVs that reads the way these options say. */
  BundleReader.Builder reader() throws UsageException {
    return BundleReader.builder().timezone(timezone).lenient(lenient()).lenientAll(lenientAll())
        .timeFormat(timeFormat()).year(year).columnMap(columnMap(null)).encoding(encoding());
  }

  /** Says on stderr, per file, how many rows lenient mode skipped: a report alone is too quiet. */
  static void reportSkipped(InputStats stats, PrintStream err) {
    for (var f : stats.files()) {
      if (f.skipped() > 0) {
        err.println("hindsight: " + f.file() + ": skipped " + f.skipped() + " of " + (f.rows() + f.skipped())
            + " rows (--lenient); the report lists them");
      }
    }
  }
}
