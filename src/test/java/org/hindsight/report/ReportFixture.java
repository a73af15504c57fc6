package org.hindsight.report;

import java.nio.file.Path;
import java.time.ZoneId;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.derive.Derivers;
import org.hindsight.simulate.Simulators;

/**
 * Analyses built through the real pipeline (CSV → rules → replay) from the small incident in
 * {@code src/test/resources/report/}, with a test rule file and the test simulator, so these
 * tests do not depend on the built-in patterns. Cached: compiling rules takes a second.
 */
final class ReportFixture {
  static final String INCIDENT = "src/test/resources/report/incident";
  static final String BAD_ROWS = "src/test/resources/report/extra/events-bad.csv";
  static final Path RULES = Path.of("src/test/resources/report/rules");

  private static Analysis validated;

  private ReportFixture() {}

  static Analyzer analyzer() {
    return new Analyzer(Simulators.load().register(new TestCascadeSimulator()), Derivers.all());
  }

  static AnalysisOptions.Builder options() {
    return AnalysisOptions.builder().input(INCIDENT).rules(RULES);
  }

  /** The incident analysed with the test simulator: one confirmed, one not-simulated hypothesis. */
  static synchronized Analysis validated() throws Exception {
    if (validated == null) validated = analyzer().analyze(options().build());
    return validated;
  }

  static Analysis analyze(AnalysisOptions options) throws Exception {
    return analyzer().analyze(options);
  }

  static Analysis inZone(String zone) throws Exception {
    return analyzer().analyze(options().displayZone(ZoneId.of(zone)).build());
  }
}
