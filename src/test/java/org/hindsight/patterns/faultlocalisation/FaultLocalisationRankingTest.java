package org.hindsight.patterns.faultlocalisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hindsight.analysis.Analyzer;
import org.hindsight.engine.Budget;
import org.hindsight.engine.RuleBase;
import org.hindsight.engine.RuleCompiler;
import org.hindsight.engine.RuleSession;
import org.hindsight.engine.SessionOutcome;
import org.hindsight.facts.Anomaly;
import org.hindsight.facts.Attributes;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How HS-FL-001 ranks candidates that the onset order cannot separate (same-sample onsets): by the
 * strength of each one's rise next to the strongest of the incident. A fault shows most where it
 * acts; a victim that rose a small fraction as strongly must get a small share of the credit, and one
 * nearly as strong nearly all of it.
 */
class FaultLocalisationRankingTest {
  static final Instant T = Instant.parse("2024-03-05T10:14:00Z");
  static RuleBase rules;
  static int line = 1;

  @BeforeAll
  static void compile() throws Exception {
    rules = new RuleCompiler(new Analyzer().eventTypes(), Duration.ofHours(48))
        .compile(List.of(TestAnalysis.home().resolve("rules/fault-localisation")));
  }

  /** A rise in the round of which the service's own resources rose too (full strength credit). */
  static Anomaly rise(String service, double strength) {
    return rise(service, strength, true);
  }

  static Anomaly rise(String service, double strength, boolean resources) {
    return new Anomaly(service, service, T, T.minusSeconds(60), strength, 3, resources ? "cpu_pct" : "latency_ms",
        new SourceRef("metrics.csv", line++), true, null, resources);
  }

  static Dependency calls(String caller, String callee) {
    return new Dependency(caller, callee, "soft", Attributes.NONE, new SourceRef("dependencies.csv", line++));
  }

  /**
   * Two callees of {@code web} rise in the same sample with the given strengths; web slows a minute
   * later and witnesses both. The rule confidence of each, by subject.
   */
  static Map<String, Double> rank(double strong, double weak) throws Exception {
    return rank(rise("pay", strong), rise("cat", weak));
  }

  static Map<String, Double> rank(Anomaly pay, Anomaly cat) throws Exception {
    double strong = pay.strength();
    double weak = cat.strength();
    List<Fact> facts = new ArrayList<>();
    facts.add(calls("web", "pay"));
    facts.add(calls("web", "cat"));
    facts.add(pay);
    facts.add(cat);
    facts.add(new Anomaly("web", "web", T.plusSeconds(60), T, Math.min(strong, weak) / 2, 2, "latency_ms",
        new SourceRef("metrics.csv", line++), true));
    SessionOutcome out = new RuleSession(rules, Budget.defaults(100)).run(facts, List.of());
    return out.hypotheses().stream().map(d -> d.hypothesis())
        .collect(Collectors.toMap(Hypothesis::subject, Hypothesis::confidence));
  }

  /** The share of the strength credit (0.2–0.7) a candidate got. */
  static double share(double confidence) {
    return (confidence - 0.2) / 0.5;
  }

  @Test
  void aRiseAFractionAsStrongAsTheStrongestGetsASmallShareOfTheCredit() throws Exception {
    Map<String, Double> r = rank(1100, 30);
    assertEquals(0.7, r.get("pay"), 1e-9, r.toString());
    // a thirty-seventh of the strength: on a plain log ratio it would still get half the credit
    assertTrue(share(r.get("cat")) < 1.0 / 3, r.toString());
  }

  @Test
  void nearMissARiseNearlyAsStrongKeepsNearlyAllTheCredit() throws Exception {
    Map<String, Double> r = rank(1100, 800);
    assertTrue(share(r.get("cat")) > 0.9, r.toString());
    assertTrue(r.get("pay") > r.get("cat"), r.toString());
  }

  @Test
  void aRiseOnlyInLatencyGetsHalfTheCreditOfOneWhereItsOwnResourcesRose() throws Exception {
    Map<String, Double> r = rank(rise("pay", 1100, false), rise("cat", 800, true));
    // cat's credit, about 0.91 of the strongest rise's, is the best of the incident: it gets all of it
    assertEquals(0.7, r.get("cat"), 1e-9, r.toString());
    assertEquals(0.5 / 0.911, share(r.get("pay")), 0.01, r.toString());
  }

  @Test
  void nearMissBothOnlyInLatencyTheStrongerLeads() throws Exception {
    Map<String, Double> r = rank(rise("pay", 1100, false), rise("cat", 800, false));
    assertTrue(r.get("pay") > r.get("cat"), r.toString());
  }
}
