package org.hindsight.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.RuleProblem;
import org.hindsight.ruletest.FixtureReports;
import org.hindsight.ruletest.FixtureRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run rule fixtures: every folder below DIR with an expect.json is analysed with the rules of DIR "
        + "(compiled once) and compared with its expectations.",
        "Prints PASS/FAIL per fixture with a precise diff, then one line 'N passed, N failed'."},
    footer = ExitCode.HELP)
final class RulesTestCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..*",
      description = "Rule folders with fixtures below them (default: the built-in rules/).")
  List<Path> dirs = new ArrayList<>();

  /** How results are written: as they come (text), or at the end for CI (JUnit XML, SARIF). */
  enum Format { text, junit, sarif }

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default: PASS/FAIL as fixtures run), junit (JUnit XML for CI test reports) or sarif (SARIF 2.1.0 for "
          + "code-scanning tools).")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the junit or sarif report to FILE instead of stdout.")
  Path outFile;

  @Override
  public Integer call() throws Exception {
    if (outFile != null && format == Format.text) throw new UsageException("--out needs --format junit or sarif");
    boolean text = format == Format.text;
    // In junit/sarif mode progress lines go nowhere: stdout holds only the report.
    PrintWriter out = text ? spec.commandLine().getOut() : new PrintWriter(java.io.Writer.nullWriter());
    PrintWriter err = spec.commandLine().getErr();
    List<FixtureRunner.RootRun> runs = new ArrayList<>();
    List<Path> roots = dirs.isEmpty() ? List.of(CliPaths.shorten(AnalysisOptions.builtInRules())) : dirs;
    for (Path r : roots) {
      if (!Files.isDirectory(r)) throw new UsageException(r + ": no such rules folder");
    }
    FixtureRunner runner = new FixtureRunner(new Analyzer());
    long passed = 0;
    long failed = 0;
    boolean compileErrors = false;
    for (Path root : roots) {
      if (FixtureRunner.fixtures(root).isEmpty()) {
        err.println("hindsight: no fixtures below " + root + " (a fixture is a folder with CSV files and an expect.json)");
      }
      FixtureRunner.RootRun run = runner.runRoot(root, new FixtureRunner.Listener() {
        @Override
        public void compileFailed(List<RuleProblem> problems) {
          for (RuleProblem p : problems) out.println(p);
          out.println("hindsight: the rules below " + root + " do not compile: " + problems.size() + " problem(s)");
        }

        @Override
        public void fixtureDone(org.hindsight.ruletest.FixtureResult r) {
          out.print(r.render());
          out.flush();
        }
      });
      runs.add(run);
      if (!run.compileErrors().isEmpty()) compileErrors = true;
      passed += run.passed();
      failed += run.failed();
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    if (!text) {
      String report = format == Format.junit ? FixtureReports.junit(runs) : FixtureReports.sarif(runs);
      OutputOptions.writeTo(outFile, report);
      err.println(passed + " passed, " + failed + " failed");
      err.flush();
    }
    if (compileErrors) return ExitCode.RULE_ERROR;
    return failed > 0 ? ExitCode.TEST_FAILED : ExitCode.OK;
  }
}
