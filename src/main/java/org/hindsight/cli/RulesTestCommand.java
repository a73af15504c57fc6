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
import org.hindsight.ruletest.FixtureRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
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
      if (!run.compileErrors().isEmpty()) compileErrors = true;
      passed += run.passed();
      failed += run.failed();
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    if (compileErrors) return ExitCode.RULE_ERROR;
    return failed > 0 ? ExitCode.TEST_FAILED : ExitCode.OK;
  }
}
