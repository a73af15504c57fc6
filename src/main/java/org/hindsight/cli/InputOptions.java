package org.hindsight.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
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

  @Option(names = "--lenient", description = "Skip bad rows (they are counted and listed in the report) instead of failing.")
  boolean lenient;

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

  AnalysisOptions.Builder toOptions() {
    AnalysisOptions.Builder b = AnalysisOptions.builder().inputs(inputs).timezone(timezone).displayZone(displayZone)
        .lenient(lenient).retention(retention).maxFirings(maxFirings).maxRuleTime(Duration.ofSeconds(maxRuleSeconds));
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
}
