package org.hindsight.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.analysis.Assessment;

/** Runs the real pipeline with the repository's built-in rules, for tests. */
public final class TestAnalysis {
  private TestAnalysis() {}

  /** The repository root (Maven sets {@code hindsight.home}; else the working directory). */
  public static Path home() {
    return Path.of(System.getProperty("hindsight.home", "."));
  }

  /** Analyses the inputs (folders, files or kind=path) with {@code rules/}. */
  public static Analysis analyze(Path... inputs) throws Exception {
    return analyze(List.of(home().resolve("rules")), inputs);
  }

  public static Analysis analyze(List<Path> ruleDirs, Path... inputs) throws Exception {
    AnalysisOptions.Builder b = AnalysisOptions.builder();
    ruleDirs.forEach(b::rules);
    Arrays.stream(inputs).forEach(p -> b.input(p.toString()));
    return new Analyzer().analyze(b.build());
  }

  /** Live (confirmed or plausible) assessments of one pattern. */
  public static List<Assessment> live(Analysis a, String pattern) {
    return a.live().stream().filter(x -> x.hypothesis().pattern().equals(pattern)).toList();
  }
}
