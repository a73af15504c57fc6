package org.hindsight.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.RuleBase;

/**
 * Writes every sample's report in every format into a folder: {@code <sample>.md}, {@code .json},
 * {@code .html}, {@code .sarif}, {@code .csv} and the terminal summary {@code .brief}. Run as its own JVM by {@link SampleReportsTest}, twice,
 * so output that depends on a JVM's hash seeds or identity hashes shows up as differing bytes.
 * Rules are compiled once and every sample analysed once per run, which keeps the check cheap.
 */
public final class SampleReports {
  private SampleReports() {}

  /** The sample incidents, as folders relative to the repository root. */
  static List<Path> samples(Path home) throws Exception {
    try (Stream<Path> s = Files.list(home.resolve("sample-logs"))) {
      return s.filter(Files::isDirectory).map(p -> home.relativize(p)).sorted().toList();
    }
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path home = Path.of("").toAbsolutePath();
    Files.createDirectories(out);
    Analyzer analyzer = new Analyzer();
    RuleBase rules = null;
    for (Path sample : samples(home)) {
      AnalysisOptions options = AnalysisOptions.builder().rules(Path.of("rules")).input(sample.toString().replace('\\', '/')).build();
      if (rules == null) rules = analyzer.compileRules(options);
      Analysis analysis = analyzer.analyze(analyzer.read(options), rules, options);
      String name = sample.getFileName().toString();
      for (Reports.Format f : Reports.Format.values()) {
        Files.writeString(out.resolve(name + "." + extension(f)), Reports.render(analysis, f), StandardCharsets.UTF_8);
      }
      Files.writeString(out.resolve(name + ".brief"), BriefReport.render(analysis), StandardCharsets.UTF_8);
    }
  }

  static String extension(Reports.Format f) {
    return f.name();
  }
}
