package org.hindsight.patterns.recursivekeygenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.SourceRef;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.patterns.recursivekeygenerator.KeyChain;
import org.hindsight.patterns.recursivekeygenerator.KeyChain.Outcome;
import org.junit.jupiter.api.Test;

class KeyChainTest {
  static int line = 1;

  static KeyGenerator g(String name, String kind, String parent, String rule, String... attrs) {
    Map<String, String> a = new java.util.HashMap<>();
    for (int i = 0; i + 1 < attrs.length; i += 2) a.put(attrs[i], attrs[i + 1]);
    return new KeyGenerator(name, kind, parent, rule, Attributes.of(a), new SourceRef("kg.csv", ++line));
  }

  static Outcome eval(List<KeyGenerator> rows, String brokenAt, String rule) {
    return new KeyChain(rows, brokenAt).evaluateTrigger(rule, SimulationBudget.defaults());
  }

  @Test
  void selfLoopNeverYieldsAKeyButTheBrokenCycleDoes() {
    var rows = List.of(g("ip", "ip", "", ""), g("ck", "cookie", "ck", "r"));
    assertEquals(Outcome.LOOPS, eval(rows, null, "r"));
    assertEquals(Outcome.KEY, eval(rows, "ck", "r"));
  }

  @Test
  void threeCycleBehindATailLoops() {
    var rows = List.of(g("e", "cookie", "x", "r"), g("x", "cookie", "y", ""), g("y", "header", "z", ""),
        g("z", "jwt", "x", ""));
    assertEquals(Outcome.LOOPS, eval(rows, null, "r"));
    assertEquals(List.of("e", "x", "y", "z", "x"), new KeyChain(rows, null).walk("r"));
    assertEquals(Outcome.KEY, eval(rows, "z", "r"));
  }

  @Test
  void deepChainEndingInIpTerminates() {
    var rows = List.of(g("a", "cookie", "b", "r"), g("b", "header", "c", ""), g("c", "jwt", "d", ""),
        g("d", "cookie", "ip", ""), g("ip", "ip", "", ""));
    assertEquals(Outcome.KEY, eval(rows, null, "r"));
  }

  @Test
  void depthGuardEndsTheWalk() {
    var rows = List.of(g("ck", "cookie", "ck", "r", "max_depth", "3"));
    assertEquals(Outcome.KEY, eval(rows, null, "r"));
  }

  @Test
  void agreeingValidatorsNeverFallBackDisagreeingOnesLoop() {
    var agree = List.of(g("a", "cookie", "b", "r", "validator", "v2", "rule_validator", "v2"),
        g("b", "cookie", "a", "", "validator", "v2"));
    var disagree = List.of(g("a", "cookie", "b", "r", "validator", "strict", "rule_validator", "v2"),
        g("b", "cookie", "a", "", "validator", "legacy"));
    assertEquals(Outcome.KEY, eval(agree, null, "r"));
    assertEquals(Outcome.LOOPS, eval(disagree, null, "r"));
  }

  @Test
  void aRuleWithoutAChainHasNoKeyToEvaluate() {
    assertEquals(Outcome.NO_RULE_CHAIN, eval(List.of(g("ip", "ip", "", "")), null, "other"));
  }

  @Test
  void theLoopIsCutByTheSimulationBudget() {
    var rows = List.of(g("ck", "cookie", "ck", "r"));
    SimulationBudget tiny = new SimulationBudget(3, java.time.Duration.ofSeconds(5));
    assertEquals(Outcome.LOOPS, new KeyChain(rows, null).evaluateTrigger("r", tiny));
  }
}
