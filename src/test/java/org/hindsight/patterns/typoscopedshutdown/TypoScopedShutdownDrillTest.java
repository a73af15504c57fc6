package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.drill.AnswerMatch;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.DrillAnswer;
import org.hindsight.drill.DrillMaker;
import org.hindsight.engine.RuleBase;
import org.hindsight.facts.Hypothesis;
import org.hindsight.ingest.BundleReader;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading fault seen before packs: a sealed answer called a command that stayed within its ticket a
 * typo. Every typo-scoped-shutdown drill's sealed cause must be a command that reached beyond what
 * its intent (ticket, history or own option) allowed, as the pack's deriver reads the logs.
 */
class TypoScopedShutdownDrillTest {
  @TempDir Path tmp;

  @Test
  void everySealedCauseWentBeyondItsIntent() throws Exception {
    Path rules = TestAnalysis.home().resolve("rules");
    Analyzer analyzer = new Analyzer();
    RuleBase compiled = analyzer.compileRules(AnalysisOptions.builder().rules(rules).build());
    TypoScopedShutdownGenerator generator = new TypoScopedShutdownGenerator();
    DrillMaker maker = new DrillMaker(List.of(generator.pattern()), List.of(rules), analyzer, compiled);
    List<String> problems = new ArrayList<>();
    for (int seed = 0; seed < 15; seed++) {
      Path dir = tmp.resolve("d" + seed);
      DrillAnswer a = maker.make(generator, Difficulty.values()[seed % 3], seed, false, dir);
      Analysis analysis = analyzer.analyze(BundleReader.builder().build().readArgs(List.of(dir.toString())), compiled,
          AnalysisOptions.builder().build());
      Hypothesis h = AnswerMatch.exact(analysis, a).orElseThrow(() -> new AssertionError("unsolvable: " + a)).hypothesis();
      var d = h.details();
      int actual = Integer.parseInt(d.get("actualHosts"));
      int intended = Integer.parseInt(d.get("intendedHosts"));
      List<String> intendedServices = Arrays.asList(d.getOrDefault("intendedServices", "").replaceAll("[\\[\\] ]", "").split(","));
      boolean beyond = intended >= 0 && actual > intended
          || !d.getOrDefault("actualServices", "").replaceAll("[{}\\[\\] ]", "").isEmpty()
              && Arrays.stream(d.get("actualServices").replaceAll("[{}\\[\\] ]", "").split(","))
                  .map(s -> s.split("=")[0]).anyMatch(s -> !intendedServices.contains(s));
      if (!List.of("typo", "over-scoped").contains(d.get("classification")) || !beyond) {
        problems.add("seed " + seed + " " + a + ": " + d);
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
