package org.hindsight.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Analyzer;
import org.hindsight.report.BriefReport;
import org.hindsight.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = AnalyzeCommand.NAME, aliases = AnalyzeCommand.ALIAS, mixinStandardHelpOptions = true,
    description = {"Analyse an incident's CSV logs: detect root-cause patterns with the DRL rules, validate each by replay, report.",
        "On a terminal, without -f or -o, prints the brief summary (what, when, cause, verdict, counterfactual, top actions); "
            + "-f md prints the full postmortem."},
    footer = ExitCode.HELP)
final class AnalyzeCommand implements Callable<Integer> {
  /** Constants, so that {@link Main} can recognise the command before picocli or any annotation is read. */
  static final String NAME = "analyze";
  static final String ALIAS = "analyse";
  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin PluginOptions plugins;

  @Option(names = "--no-simulate", description = "Do not validate by replay (every hypothesis is not-simulated).")
  boolean noSimulate;

  @Option(names = "--brief", description = "Print the brief summary (at most 40 lines) instead of the full report.")
  boolean brief;

  @Override
  public Integer call() throws Exception {
    boolean briefOnly = brief || (Progress.wanted() && !output.chosen(spec));
    if (brief && output.chosen(spec) && output.format != Reports.Format.md) {
      throw new UsageException("--brief is a text summary; it cannot be combined with -f " + output.format);
    }
    try {
      var builder = input.toOptions().simulate(!noSimulate);
      // The report writer's first use readied while the rules run (the main thread waits then).
      if (!briefOnly) builder.whileRulesRun(() -> Reports.prepare(output.format));
      var options = builder.build();
      List<String> named = new java.util.ArrayList<>(options.inputs());
      named.addAll(input.fromSources()); // a report over an imported file would replace it too
      output.refuseInputs(named, options.ruleDirs());
      Analysis analysis = new Analyzer().analyze(options);
      Progress.done();
      org.hindsight.util.Activity.phase("writing the report");
      ReadOptions.reportSkipped(analysis.input(), System.err);
      if (briefOnly) output.write(BriefReport.render(analysis));
      else output.stream(w -> Reports.write(analysis, output.format, w));
      return ExitCode.OK;
    } finally {
      input.close();
    }
  }
}
