package org.hindsight.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hindsight.analysis.Analyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FixtureRunnerTest {
  static final Path GOOD = Path.of("src/test/resources/ruletest/good");
  static final Path BROKEN = Path.of("src/test/resources/ruletest/broken");
  static Map<String, FixtureResult> good;

  @BeforeAll
  static void runGoodRoot() throws Exception {
    List<FixtureResult> seen = new ArrayList<>();
    FixtureRunner.RootRun run = new FixtureRunner(new Analyzer()).runRoot(GOOD, seen::add);
    assertTrue(run.compileErrors().isEmpty(), run.compileErrors().toString());
    assertEquals(run.results(), seen, "the listener hears every result, in order");
    good = run.results().stream().collect(Collectors.toMap(r -> Path.of(r.fixture()).getFileName().toString(), r -> r));
  }

  @Test
  void findsEveryFolderWithAnExpectJson() {
    assertEquals(List.of("bad-expect", "bad-input", "positive", "unexpected", "wrong-subject"),
        good.keySet().stream().sorted().toList());
  }

  @Test
  void passingFixturePasses() {
    FixtureResult r = good.get("positive");
    assertTrue(r.passed(), r.render());
    assertEquals("PASS src/test/resources/ruletest/good/fixtures/positive\n", r.render());
  }

  @Test
  void missingExpectationNamesTheClosestHypothesisFieldByField() {
    FixtureResult r = good.get("wrong-subject");
    assertFalse(r.passed());
    assertEquals(List.of("missing: expect[1] {pattern=disk-full, subject=db-2, cause=events.csv:2} (expect.json:3) matched no hypothesis\n"
        + "  closest: disk-full(db-1) confirmed 0.88, cause events.csv:2, trigger events.csv:3 [T-DF-001]\n"
        + "    subject: expected \"db-2\", found \"db-1\""), r.failures());
    String text = r.render();
    assertTrue(text.contains("rules fired:\n    T-DF-001 \"disk-full: a disk filled up and its host failed\" x1 (src/test/resources/ruletest/good/disk.drl:5)"), text);
    assertTrue(text.contains("disk-warning(db-2) not-simulated 0.2, cause events.csv:6 [T-DW-001]"), text);
  }

  @Test
  void forbiddenAndNoneReportTheUnexpectedHypothesisWithItsCause() {
    FixtureResult r = good.get("unexpected");
    assertEquals(List.of(
        "unexpected: disk-full(db-1) confirmed 0.88, cause events.csv:2, trigger events.csv:3 [T-DF-001]\n"
            + "  matches forbid[1] {pattern=disk-full} (expect.json:2)",
        "unexpected: disk-full(db-1) confirmed 0.88, cause events.csv:2, trigger events.csv:3 [T-DF-001]\n"
            + "  the fixture says none: true (expect.json:3): no live hypothesis may appear"), r.failures());
  }

  @Test
  void invalidExpectJsonIsAFailureAtItsLine() {
    assertEquals(List.of("src/test/resources/ruletest/good/fixtures/bad-expect/expect.json:4: unknown key \"subjet\" in expect[1]; "
        + "known keys: pattern, subject, site, verdict, cause, trigger, rule"), good.get("bad-expect").failures());
  }

  @Test
  void badInputIsAFailureWithFileAndLineNotACrash() {
    List<String> f = good.get("bad-input").failures();
    assertEquals(1, f.size(), f.toString());
    assertTrue(f.get(0).startsWith("input: src/test/resources/ruletest/good/fixtures/bad-input/events.csv:3: timestamp: "), f.get(0));
  }

  @Test
  void brokenRuleFailsItsFixturesWithTheCompileErrorLocation() throws Exception {
    FixtureRunner.RootRun run = new FixtureRunner(new Analyzer()).runRoot(BROKEN, r -> {});
    assertEquals(1, run.compileErrors().size(), run.compileErrors().toString());
    assertTrue(run.compileErrors().get(0).toString().startsWith("src/test/resources/ruletest/broken/broken.drl:8: "),
        run.compileErrors().get(0).toString());
    assertEquals(0, run.passed());
    assertEquals(1, run.failed());
    assertTrue(run.results().get(0).failures().get(0).startsWith("not run: the rules below src/test/resources/ruletest/broken do not compile"));
  }
}
