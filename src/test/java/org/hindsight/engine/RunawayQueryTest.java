package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recursive DRL query over cyclic data runs under the rules' time budget, and the stop names the
 * query, never the rule that happened to fire most (issue 19).
 */
class RunawayQueryTest {
  static final Path RUNAWAY = Path.of("src/test/resources/rules/runaway-query");
  @TempDir Path dir;

  private RuleException analyse(String keyGenerators) throws Exception {
    Files.writeString(dir.resolve("key-generators.csv"), keyGenerators);
    AnalysisOptions options = AnalysisOptions.builder().inputs(List.of(dir.toString())).rules(RUNAWAY)
        .maxRuleTime(Duration.ofSeconds(2)).build();
    try {
      new Analyzer().analyze(options);
    } catch (RuleException e) {
      return e;
    }
    return null;
  }

  @Test
  void aRecursiveQueryOverACycleIsStoppedAndNamedAtItsLine() throws Exception {
    long t0 = System.nanoTime();
    RuleException e = analyse("generator,kind,parent\na,cookie,b\nb,cookie,a\n");
    assertNotNull(e, "a query that never returns must be stopped");
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos(), "stopped near its budget");
    RuleProblem p = e.problems().get(0);
    assertEquals(RUNAWAY.resolve("runaway.drl").toString(), p.file(), p.toString());
    assertEquals(7, p.line(), p.toString()); // the query's line, not a rule's
    assertTrue(p.message().startsWith("query evaluation "), p.message());
    assertTrue(p.message().contains("did not finish within the time budget of 2 s")
        || p.message().contains("recursed too deep"), p.message());
    assertTrue(p.message().contains("recursive queries: \"reaches\""), p.message());
  }

  @Test
  void besideThePreCompiledBuiltInRulesTheQueryIsStillNamed() throws Exception {
    Files.writeString(dir.resolve("key-generators.csv"), "generator,kind,parent\na,cookie,b\nb,cookie,a\n");
    AnalysisOptions options = AnalysisOptions.builder().inputs(List.of(dir.toString()))
        // a budget the built-in rules' own first evaluation cannot use up on a loaded machine: stopped while they
        // still ran, the stop rightly names no query ("(rules)"), and this test is about the query being named
        .rules(TestAnalysis.home().resolve("rules")).rules(RUNAWAY).maxRuleTime(Duration.ofSeconds(6)).build();
    Analyzer analyzer = new Analyzer();
    RuleBase rules = analyzer.compileRules(options);
    assertTrue(rules.origin().contains("pre-compiled at build time"), rules.origin());
    RuleException e = assertThrows(RuleException.class, () -> analyzer.analyze(analyzer.read(options), rules, options));
    RuleProblem p = e.problems().get(0);
    assertEquals(RUNAWAY.resolve("runaway.drl").toString(), p.file(), p.toString());
    assertEquals(7, p.line(), p.toString());
    assertTrue(p.message().contains("recursive queries: \"reaches\""), p.message());
  }

  @Test
  void theSameQueryOnDataWithoutCyclesFinishes() throws Exception {
    assertNull(analyse("generator,kind,parent\na,cookie,b\nb,cookie,ip\nip,ip,\n"));
  }

  @Test
  void queriesAreFoundWithTheirLineAndWhetherTheyRecurse() {
    String drl = "package p;\nquery q(String a,\n    String b)\n  Thing( a == a )\n  or q2( a; )\nend\n"
        + "query \"r s\"(String x)\n  Thing()\n  r( x; )\nend\nquery t(String x)\n  t( x; )\nend\n";
    Map<String, QueryInfo> found = new HashMap<>();
    RuleCompiler.scanQueries("x.drl", drl, found);
    assertEquals(new QueryInfo("q", new SourceRef("x.drl", 2), false), found.get("q"), "q2( is another query");
    assertEquals(new QueryInfo("r s", new SourceRef("x.drl", 7), false), found.get("r s"));
    assertEquals(new QueryInfo("t", new SourceRef("x.drl", 11), true), found.get("t"));
  }
}
