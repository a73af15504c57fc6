package org.hindsight.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.derive.Derivers;
import org.hindsight.engine.RuleBase;
import org.hindsight.facts.Hypothesis;
import org.hindsight.patterns.changecorrelation.ChangeCorrelationSimulator;
import org.hindsight.report.JsonReport;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;

/**
 * Simulators declare the kinds a predicted symptom may be observed as with {@code Set.of}, whose
 * iteration order differs from one JVM to the next. On this fixture a host's error-ratio excursion
 * and its learned-baseline anomaly begin at the same sample, so the replay's match is a tie; the
 * report must not depend on the order the kinds happen to be declared in.
 */
class ObservedKindOrderTest {
  private static final Path FIXTURE = TestAnalysis.home().resolve("rules/change-correlation/fixtures/fleet-push-shows-on-hosts");

  @Test
  void theReportDoesNotDependOnTheOrderASimulatorDeclaresItsKindsIn() throws Exception {
    String forward = report(false);
    String reversed = report(true);
    assertNotEquals("", forward);
    assertEquals(forward, reversed);
  }

  private static String report(boolean reverse) throws Exception {
    Simulator real = new ChangeCorrelationSimulator();
    Simulator ordered = new Simulator() {
      @Override
      public String pattern() {
        return real.pattern();
      }

      @Override
      public Set<String> symptomKinds() {
        return inOrder(real.symptomKinds(), reverse);
      }

      @Override
      public Set<String> observedAs(String predictedKind) {
        return inOrder(real.observedAs(predictedKind), reverse);
      }

      @Override
      public boolean readsEventType(String type) {
        return real.readsEventType(type);
      }

      @Override
      public Replay replay(World world, Hypothesis hypothesis, SimulationBudget budget) {
        return real.replay(world, hypothesis, budget);
      }
    };
    Analyzer analyzer = new Analyzer(Simulators.load().register(ordered), Derivers.all());
    AnalysisOptions options = AnalysisOptions.builder().rules(TestAnalysis.home().resolve("rules")).input(FIXTURE.toString()).build();
    RuleBase rules = analyzer.compileRules(options);
    return JsonReport.render(analyzer.analyze(analyzer.read(options), rules, options));
  }

  private static Set<String> inOrder(Set<String> kinds, boolean reverse) {
    List<String> list = new ArrayList<>(kinds);
    Collections.sort(list);
    if (reverse) Collections.reverse(list);
    return new LinkedHashSet<>(list);
  }
}
