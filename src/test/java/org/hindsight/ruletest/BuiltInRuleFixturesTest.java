package org.hindsight.ruletest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every fixture of every shipped rule, one dynamic test each, so {@code mvn verify} checks them all. */
class BuiltInRuleFixturesTest {
  @TestFactory
  Stream<DynamicTest> everyShippedFixturePasses() throws Exception {
    Path root = AnalysisOptions.builtInRules();
    List<Path> fixtures = FixtureRunner.fixtures(root);
    assertFalse(fixtures.isEmpty(), "no fixtures below " + root);
    Analyzer analyzer = new Analyzer();
    RuleBase rules;
    try {
      rules = analyzer.compileRules(AnalysisOptions.builder().rules(root).build());
    } catch (RuleException e) {
      return Stream.of(DynamicTest.dynamicTest("rules compile", () -> Assertions.fail(String.join("\n",
          e.problems().stream().map(Object::toString).toList()))));
    }
    FixtureRunner runner = new FixtureRunner(analyzer);
    return fixtures.stream().map(dir -> DynamicTest.dynamicTest(root.relativize(dir).toString(), () -> {
      FixtureResult r = runner.run(dir, rules);
      assertTrue(r.passed(), r.render());
    }));
  }
}
