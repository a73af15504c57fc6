package org.hindsight.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.lint.LintProblem;
import org.hindsight.lint.RuleLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Compile and lint rules: compile errors, missing or bad metadata (@id @title @severity @references), "
        + "duplicate ids, event patterns without a time bound, rule folders without positive and negative fixtures.",
        "Prints file:line: error|warning: message; errors fail the check, warnings do not (unless --strict)."},
    footer = ExitCode.HELP)
final class RulesCheckCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..*", description = "Rule folders or .drl files (default: the built-in rules/).")
  List<Path> dirs = new ArrayList<>();

  @Option(names = "--strict", description = "Warnings fail the check too.")
  boolean strict;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> roots = dirs.isEmpty() ? List.of(CliPaths.shorten(AnalysisOptions.builtInRules())) : dirs;
    RuleLinter.Report report = new RuleLinter(new Analyzer()).check(roots);
    for (LintProblem p : report.problems()) out.println(p);
    out.println(report.rules() + " rule(s) in " + report.files() + " file(s): " + report.errors() + " error(s), "
        + report.warnings() + " warning(s)");
    out.flush();
    boolean failed = report.errors() > 0 || (strict && report.warnings() > 0);
    return failed ? ExitCode.RULE_ERROR : ExitCode.OK;
  }
}
