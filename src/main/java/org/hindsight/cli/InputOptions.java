package org.hindsight.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.ingest.ColumnMap;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads an incident shares: inputs, rules, time, budgets. */
public final class InputOptions {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "A folder of CSV logs, a CSV file, or kind=path (kinds: events, metrics, config-commands, "
          + "inventory, links, services, dependencies, ops-commands, changes, requests, key-generators).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of DRL rules (repeatable).")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--no-builtin-rules", description = "Use only the --rules folders, not the built-in rules/.")
  boolean noBuiltinRules;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone for timestamps written without an offset (e.g. Asia/Seoul); also the report zone unless --zone is given.")
  ZoneId timezone;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Zone in which reports show times (default: the offset of the earliest timestamp).")
  ZoneId displayZone;

  /** {@code --lenient} skips bad rows unless a file would lose most of them; {@code --lenient=all} skips regardless. */
  enum Lenience { on, all }

  @Option(names = "--lenient", arity = "0..1", paramLabel = "all", parameterConsumer = LenienceConsumer.class,
      description = "Skip bad rows (summed up per file on stderr, listed in the report) instead of failing; a file "
          + "that would lose more than half of its rows still fails (exit 2) unless --lenient=all.")
  Lenience lenient;

  /**
   * Takes the optional value only when it is one ({@code all}, {@code on}), so {@code --lenient DIR}
   * still reads DIR as an input rather than as a bad value.
   */
  static final class LenienceConsumer implements picocli.CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
        picocli.CommandLine.Model.CommandSpec commandSpec) {
      Lenience value = Lenience.on;
      if (!args.isEmpty()) {
        String next = args.peek().toLowerCase(java.util.Locale.ROOT);
        if (next.equals("all") || next.equals("on")) value = Lenience.valueOf(args.pop().toLowerCase(java.util.Locale.ROOT));
      }
      argSpec.setValue(value);
    }
  }

  @Option(names = "--time-format", paramLabel = "FORMAT",
      description = "How timestamps are written when not ISO-8601: epoch-s, epoch-ms, epoch-us, epoch-ns, or a pattern "
          + "such as 'dd/MM/yyyy HH:mm:ss' (default: ISO-8601, or epoch told apart by magnitude).")
  String timeFormat;

  @Option(names = "--year", paramLabel = "YEAR", description = "Year of timestamps written without one (syslog's 'Oct 25 11:16:05').")
  int year;

  @Option(names = "--map", paramLabel = "KIND:COL=THEIRS,…",
      description = "Read a CSV whose header differs from the contract, e.g. events:timestamp=_time,entity=host (repeatable).")
  List<String> columnMaps = new ArrayList<>();

  @Option(names = "--map-file", paramLabel = "FILE", description = "A file of --map specs, one a line (# comments).")
  Path columnMapFile;

  @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "PT48H",
      description = "How long events stay in the rule session after their time, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--max-firings", paramLabel = "N", defaultValue = "-1",
      description = "Rule firings allowed before the rules are stopped (default: grows with the input).")
  long maxFirings;

  @Option(names = "--max-rule-seconds", paramLabel = "S", defaultValue = "120",
      description = "Wall time the rules may take (default: ${DEFAULT-VALUE}).")
  long maxRuleSeconds;

  AnalysisOptions.Builder toOptions() throws UsageException {
    try {
      new org.hindsight.ingest.Timestamps(timezone, timeFormat, year); // a bad pattern is a usage error, said up front
    } catch (IllegalArgumentException e) {
      throw new UsageException("--time-format: " + e.getMessage());
    }
    AnalysisOptions.Builder b = AnalysisOptions.builder().inputs(inputs).timezone(timezone).displayZone(displayZone)
        .lenient(lenient != null).lenientAll(lenient == Lenience.all).timeFormat(timeFormat).year(year)
        .columnMap(columnMap()).retention(retention).maxFirings(maxFirings).maxRuleTime(Duration.ofSeconds(maxRuleSeconds));
    Path builtIn = AnalysisOptions.builtInRules();
    if (!noBuiltinRules && java.nio.file.Files.isDirectory(builtIn)) {
      b.rules(CliPaths.shorten(builtIn));
    } else if (!noBuiltinRules) {
      // A jar run away from its home: analyse with --rules only.
      System.err.println("hindsight: no built-in rules at " + builtIn + "; using only --rules folders");
    }
    ruleDirs.forEach(b::rules);
    if (Progress.wanted()) b.progress(Progress::rows);
    return b;
  }

  /** The --map specs and --map-file lines as one mapping. */
  ColumnMap columnMap() throws UsageException {
    List<String> specs = new ArrayList<>(columnMaps);
    if (columnMapFile != null) {
      try {
        specs.addAll(java.nio.file.Files.readAllLines(columnMapFile));
      } catch (java.io.IOException e) {
        throw new UsageException("cannot read --map-file " + columnMapFile + ": " + e.getMessage());
      }
    }
    try {
      return ColumnMap.parse(specs, null);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Says on stderr, per file, how many rows lenient mode skipped: the report alone is too quiet. */
  static void reportSkipped(org.hindsight.ingest.InputStats stats) {
    for (var f : stats.files()) {
      if (f.skipped() > 0) {
        System.err.println("hindsight: " + f.file() + ": skipped " + f.skipped() + " of " + (f.rows() + f.skipped())
            + " rows (--lenient); the report lists them");
      }
    }
  }
}
