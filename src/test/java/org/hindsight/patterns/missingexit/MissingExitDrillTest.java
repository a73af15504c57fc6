package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillMaker;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.BundleReader;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading fault seen before packs: a near miss whose logs offered no other explanation for a surge
 * of 850k routes, so a trainee could never rule the pattern out. No missing-exit near miss may show
 * a route surge (three times a router's first sample) at all.
 */
class MissingExitDrillTest {
  @TempDir Path tmp;

  @Test
  void nearMissesShowNoUnexplainedRouteSurge() throws Exception {
    Path rules = TestAnalysis.home().resolve("rules");
    Analyzer analyzer = new Analyzer();
    MissingExitGenerator generator = new MissingExitGenerator();
    DrillMaker maker = new DrillMaker(List.of(generator.pattern()), List.of(rules), analyzer,
        analyzer.compileRules(AnalysisOptions.builder().rules(rules).build()));
    List<String> surges = new ArrayList<>();
    int routers = 0;
    for (int seed = 0; seed < 10; seed++) {
      Path dir = tmp.resolve("n" + seed);
      maker.make(generator, Difficulty.values()[seed % 3], seed, true, dir);
      for (MetricSeries m : BundleReader.builder().build().readArgs(List.of(dir.toString())).metrics()) {
        if (!m.metric().equals("igp.routes")) continue;
        routers++;
        if (m.peak() >= 3 * m.valueAt(0)) surges.add("seed " + seed + " " + m.entity() + ": " + m.valueAt(0) + " → " + m.peak());
      }
    }
    assertTrue(routers > 30, "near misses carry route curves to judge: " + routers);
    assertTrue(surges.isEmpty(), () -> String.join("\n", surges));
  }
}
