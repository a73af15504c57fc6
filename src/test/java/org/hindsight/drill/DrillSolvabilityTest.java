package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.RuleBase;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every drill is solvable: for every generator registered in META-INF/services, over 200 seeds
 * (spread over the difficulties) the analyser with the built-in rules finds the sealed answer, and
 * 50 near misses leave no live hypothesis. Rules are compiled once. Seeds per pattern can be raised
 * with {@code -Dhindsight.drill.seeds=N}; the benchmark {@code DrillSolvabilityBench} runs more.
 */
class DrillSolvabilityTest {
  @TempDir Path work;

  @Test
  void everyRegisteredGeneratorMakesSolvableDrills() throws Exception {
    Generators generators = DrillEnvironment.standard().generators();
    assumeTrue(!generators.isEmpty(), "no IncidentGenerator is registered in META-INF/services yet: nothing to check "
        + "(the framework itself is proven by TestKitSolvabilityTest)");
    Path rulesDir = TestAnalysis.home().resolve("rules");
    assumeTrue(Files.isDirectory(rulesDir), "no built-in rules/ folder");
    int seeds = Integer.getInteger("hindsight.drill.seeds", 200);
    Analyzer analyzer = new Analyzer();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder().rules(rulesDir).build());
    List<String> failures = new ArrayList<>();
    for (IncidentGenerator g : generators.all()) {
      // As `drill new` does: the maker replays with the pack's own rules; the check uses them all.
      RuleBase pack = analyzer.compileRules(AnalysisOptions.builder().rules(rulesDir.resolve(g.pattern())).build());
      Solvability solvability = new Solvability(analyzer, rules,
          new DrillMaker(generators.patterns(), List.of(rulesDir), analyzer, pack), work);
      List<Solvability.Result> failed = Solvability.cases(seeds, seeds / 4, 1).stream()
          .map(c -> solvability.check(g, c)).filter(r -> !r.solved()).toList();
      if (!failed.isEmpty()) {
        failures.add(g.pattern() + ": " + failed.size() + " of " + (seeds + seeds / 4) + " unsolvable, e.g. "
            + failed.subList(0, Math.min(3, failed.size())));
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }
}
