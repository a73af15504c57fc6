package org.hindsight.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Analyzer;
import org.hindsight.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Analyse an incident's CSV logs: detect root-cause patterns with the DRL rules, validate each by replay, report.",
    footer = ExitCode.HELP)
final class AnalyzeCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin PluginOptions plugins;

  @Option(names = "--no-simulate", description = "Do not validate by replay (every hypothesis is not-simulated).")
  boolean noSimulate;

  @Override
  public Integer call() throws Exception {
    try {
      var options = input.toOptions().simulate(!noSimulate).build();
      List<String> named = new java.util.ArrayList<>(options.inputs());
      named.addAll(input.fromSources()); // a report over an imported file would replace it too
      output.refuseInputs(named, options.ruleDirs());
      Analysis analysis = new Analyzer().analyze(options);
      Progress.done();
      ReadOptions.reportSkipped(analysis.input(), System.err);
      output.write(Reports.render(analysis, output.format));
      return ExitCode.OK;
    } finally {
      input.close();
    }
  }
}
