package org.hindsight.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that analyses an incident shares: inputs, rules, time, budgets. */
public final class InputOptions {
  @Parameters(arity = "0..*", paramLabel = "INPUT",
      description = "A folder of CSV logs, a CSV file, or kind=path (kinds: events, metrics, config-commands, "
          + "inventory, links, services, dependencies, ops-commands, changes, requests, key-generators).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of DRL rules (repeatable).")
  List<Path> ruleDirs = new ArrayList<>();

  @Option(names = "--no-builtin-rules", description = "Use only the --rules folders, not the built-in rules/.")
  boolean noBuiltinRules;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Zone in which reports show times (default: --timezone, else the offset of the earliest timestamp).")
  ZoneId displayZone;

  @Mixin ReadOptions read;

  @Option(names = "--from", paramLabel = "FORMAT:SRC",
      description = "Import a source as it comes and analyse it with the other inputs in one step (repeatable), e.g. "
          + "tacacs:tac_plus.acct; takes the options of 'hindsight import' (see docs/importing.md).")
  List<String> from = new ArrayList<>();

  @Mixin ImportOptions importing;

  @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "PT48H",
      description = "How long events stay in the rule session after their time, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--max-firings", paramLabel = "N", defaultValue = "-1",
      description = "Rule firings allowed before the rules are stopped (default: grows with the input).")
  long maxFirings;

  @Option(names = "--max-rule-seconds", paramLabel = "S", defaultValue = "120",
      description = "Wall time the rules may take (default: ${DEFAULT-VALUE}).")
  long maxRuleSeconds;

  @Option(names = "--verbose", description = "Say on stderr how the rules were loaded when not from the build's pre-compiled copy.")
  boolean verbose;

  /** What is imported: the {@code --from} sources and the raw exports given as inputs ({@link RawInputs}). */
  private List<String> imports = List.of();

  /** Where {@code --from} sources were imported; deleted when the command is done. */
  private OneShotImport imported;

  /**
   * The analysis options; {@code --from} sources are imported first into a temporary bundle
   * (their rows cite the user's files), which {@link #close()} removes.
   */
  AnalysisOptions.Builder toOptions() throws Exception {
    if (inputs.isEmpty() && from.isEmpty()) throw new UsageException("name the logs to analyse (a folder, a CSV, kind=path) or --from FORMAT:SRC");
    RawInputs.Claimed claimed = RawInputs.claim(inputs, from);
    claimed.notes().forEach(System.err::println);
    List<String> all = new ArrayList<>(claimed.inputs());
    imports = new ArrayList<>(from);
    imports.addAll(claimed.imports());
    if (!imports.isEmpty()) {
      // syslog times have neither year nor zone: the CSV files analysed beside them say which (unless options do)
      BundleTimes.Span beside = read.year != 0 && read.timezone != null ? null : BundleTimes.span(claimed.inputs(), read);
      imported = OneShotImport.run(imports, importing, read, beside);
      // an import that gave no row (its summary said so) adds nothing; alone, there is nothing to analyse
      if (imported.wroteRows()) {
        all.add(imported.folder().toString());
      } else if (all.isEmpty()) {
        throw new UsageException("nothing to analyse: " + String.join(", ", fromSources()) + " gave no rows (see the summary above)");
      }
    }
    AnalysisOptions.Builder b = AnalysisOptions.builder().inputs(all).timezone(read.timezone).displayZone(displayZone)
        .lenient(read.lenient()).lenientAll(read.lenientAll()).timeFormat(read.timeFormat()).year(read.year).encoding(read.encoding())
        .columnMap(read.columnMap(null)).retention(retention).maxFirings(maxFirings).maxRuleTime(Duration.ofSeconds(maxRuleSeconds));
    Path builtIn = AnalysisOptions.builtInRules();
    if (!noBuiltinRules && java.nio.file.Files.isDirectory(builtIn)) {
      b.rules(CliPaths.shorten(builtIn));
    } else if (!noBuiltinRules) {
      // A jar run away from its home: analyse with --rules only.
      System.err.println("hindsight: no built-in rules at " + builtIn + "; using only --rules folders");
    }
    ruleDirs.forEach(b::rules);
    if (Progress.wanted()) b.progress(Progress::rows);
    if (verbose || Progress.wanted()) b.notices(Progress::notice);
    return b;
  }

  /** The files imported (the SRC of each FORMAT:SRC; standard input is none). */
  List<String> fromSources() {
    List<String> out = new ArrayList<>();
    for (String f : imports.isEmpty() ? from : imports) {
      int colon = f.indexOf(':');
      if (colon > 0 && !f.substring(colon + 1).equals(org.hindsight.ingest.Inputs.STDIN)) out.add(f.substring(colon + 1));
    }
    return out;
  }

  /** Removes what {@code --from} imported (the report has already quoted the cited lines). */
  void close() {
    if (imported != null) imported.delete();
  }
}
