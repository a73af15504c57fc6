package org.hindsight.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;
import org.hindsight.engine.RuleBase;

/** Runs the real pipeline with the repository's built-in rules, for tests. */
public final class TestAnalysis {
  private static final Analyzer ANALYZER = new Analyzer();
  private static RuleBase builtIn;

  private TestAnalysis() {}

  /** The repository root (Maven sets {@code hindsight.home}; else the working directory). */
  public static Path home() {
    return Path.of(System.getProperty("hindsight.home", "."));
  }

  /** Analyses the inputs (folders, files or kind=path) with {@code rules/}, compiled once per test JVM. */
  public static Analysis analyze(Path... inputs) throws Exception {
    AnalysisOptions.Builder b = AnalysisOptions.builder().rules(home().resolve("rules"));
    Arrays.stream(inputs).forEach(p -> b.input(p.toString()));
    AnalysisOptions options = b.build();
    return ANALYZER.analyze(ANALYZER.read(options), builtInRules(options), options);
  }

  private static synchronized RuleBase builtInRules(AnalysisOptions options) throws Exception {
    if (builtIn == null) builtIn = ANALYZER.compileRules(options);
    return builtIn;
  }

  /** The world of a bundle as rules and simulators see it (derived facts recorded). */
  public static org.hindsight.world.World world(Path input) throws Exception {
    AnalysisOptions options = AnalysisOptions.builder().input(input.toString()).build();
    return ANALYZER.prepare(ANALYZER.read(options), options);
  }

  /** Puts one claim to a world, as the analysis would after a rule made it. */
  public static Assessment validate(org.hindsight.world.World world, org.hindsight.facts.Hypothesis h) {
    return ANALYZER.validate(world, h, null);
  }

  public static Analysis analyze(List<Path> ruleDirs, Path... inputs) throws Exception {
    AnalysisOptions.Builder b = AnalysisOptions.builder();
    ruleDirs.forEach(b::rules);
    Arrays.stream(inputs).forEach(p -> b.input(p.toString()));
    return ANALYZER.analyze(b.build());
  }

  /** Live (confirmed or plausible) assessments of one pattern. */
  public static List<Assessment> live(Analysis a, String pattern) {
    return a.live().stream().filter(x -> x.hypothesis().pattern().equals(pattern)).toList();
  }
}
