package org.hindsight.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.FiringLog;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleExplainerTest {
  static final String DIR = "src/test/resources/explain";
  static RuleExplainer.Explanation explanation;

  @BeforeAll
  static void explain() throws Exception {
    AnalysisOptions options = AnalysisOptions.builder().input(DIR + "/bundle").rules(Path.of(DIR, "rules")).build();
    explanation = new RuleExplainer(new Analyzer()).explain(options, null);
  }

  private static RuleExplainer.RuleExplanation rule(String id) {
    return explanation.rules().stream().filter(r -> r.rule().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void namesTheSecondConditionAsTheOneThatFailed() {
    RuleExplainer.RuleExplanation chain = rule("T-CH-001");
    assertEquals(0, chain.fired());
    assertEquals(3, chain.conditions().size());
    assertEquals(2, chain.conditions().get(0).matches(), "both a.start events match condition 1");
    RuleExplainer.Condition failed = chain.firstFailed().orElseThrow();
    assertEquals(2, failed.index());
    assertEquals(DIR + "/rules/chain.drl", failed.file());
    assertEquals(9, failed.line());
    assertEquals("$b : Event( type == \"b.follow\", entity == $x,\n              this after[0s, 5m] $a )", failed.text());
    List<SourceRef> partial = chain.conditions().get(0).samples().stream().flatMap(m -> m.records().stream()).sorted().toList();
    assertEquals(List.of(new SourceRef(DIR + "/bundle/events.csv", 2), new SourceRef(DIR + "/bundle/events.csv", 3)), partial);
  }

  @Test
  void firedRulesListTheRecordsTheyMatched() {
    RuleExplainer.RuleExplanation ends = rule("T-END-001");
    assertEquals(1, ends.fired());
    FiringLog.Match m = ends.firings().get(0);
    assertEquals(List.of(new SourceRef(DIR + "/bundle/events.csv", 5), new SourceRef(DIR + "/bundle/inventory.csv", 2)),
        m.records().stream().sorted().toList());
    assertTrue(ends.firstFailed().isEmpty());
  }

  @Test
  void probesDoNotLeakIntoTheAnalysis() {
    assertTrue(explanation.analysis().assessments().isEmpty());
    assertEquals(1, explanation.analysis().findings().size());
  }
}
