package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Beyond each fixture's expect.json (checked for every shipped rule by BuiltInRuleFixturesTest):
 * every live missing-exit replay states its counterfactual and it removes every surge.
 */
class MissingExitCounterfactualTest {
  static Stream<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("rules/missing-exit/fixtures"))) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void confirmedReplaysSayWhatTheExitWouldHaveDone(Path dir) throws Exception {
    Analysis a = TestAnalysis.analyze(dir);
    for (Assessment x : TestAnalysis.live(a, "missing-exit")) {
      String text = String.join("\n", x.replay().narrative());
      assertTrue(text.contains("Counterfactual: with `"), text);
      assertTrue(text.contains(": 0 of "), "the counterfactual removes every surge: " + text);
      assertFalse(x.replay().withCause().isEmpty());
      assertEquals(0, x.replay().withoutCause().size());
    }
  }
}
