package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.drill.testkit.RunawayJobGenerator;
import org.hindsight.drill.testkit.TestKit;
import org.hindsight.engine.RuleBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The solvability loop itself, proven on the test-only pattern (noise, renaming and all). */
class TestKitSolvabilityTest {
  @TempDir Path work;

  @Test
  void everyTestKitDrillIsSolvedAndEveryNearMissStaysSilent() throws Exception {
    Analyzer analyzer = TestKit.analyzer();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder().rules(TestKit.rules()).build());
    RunawayJobGenerator generator = new RunawayJobGenerator();
    Solvability solvability = new Solvability(analyzer, rules, new DrillMaker(List.of(generator.pattern()), List.of(TestKit.rules()), analyzer, rules), work);
    List<Solvability.Case> cases = Solvability.cases(45, 15, 1000);
    List<Solvability.Result> failed = cases.stream().map(c -> solvability.check(generator, c)).filter(r -> !r.solved()).toList();
    assertTrue(failed.isEmpty(), () -> failed.size() + " unsolvable drills, e.g. " + failed.subList(0, Math.min(5, failed.size())));
    assertEquals(60, cases.size());
  }

  @Test
  void aDrillTheRulesCannotSeeIsReportedAsUnsolved() throws Exception {
    // Same drills, but analysed without the rule: every positive case must then fail.
    Analyzer analyzer = TestKit.analyzer();
    RuleBase noRules = analyzer.compileRules(AnalysisOptions.builder().build());
    RunawayJobGenerator generator = new RunawayJobGenerator();
    RuleBase rules = analyzer.compileRules(AnalysisOptions.builder().rules(TestKit.rules()).build());
    Solvability solvability = new Solvability(analyzer, noRules,
        new DrillMaker(List.of(generator.pattern()), List.of(TestKit.rules()), analyzer, rules), work);
    Solvability.Result r = solvability.check(generator, new Solvability.Case(7, Difficulty.EASY, false));
    assertTrue(!r.solved() && r.problem().contains("no hypothesis"), r::toString);
    Solvability.Result quiet = solvability.check(generator, new Solvability.Case(8, Difficulty.EASY, true));
    assertTrue(quiet.solved(), quiet::toString);
  }
}
