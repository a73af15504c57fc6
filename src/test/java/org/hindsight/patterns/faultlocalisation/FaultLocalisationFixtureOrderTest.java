package org.hindsight.patterns.faultlocalisation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The order of the fault-localisation candidates in fixtures whose point is the order (fixtures
 * check which hypotheses appear, not their rank): a candidate whose own resources rose in the round
 * of its first rise (or the next) ranks above a stronger same-sample rise seen only in latency; without that rise,
 * the stronger candidate leads. A rise is as strong as what it held for two samples in a row: one slow request in a
 * tail percentile does not outrank a callee's held fault. A caller that rose in the same round as its timing of a slow
 * callee is not ordered after it by that timing, and ranks below the callee every caller times slow.
 */
class FaultLocalisationFixtureOrderTest {
  static List<String> ranked(String fixture) throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("rules/fault-localisation/fixtures").resolve(fixture));
    return TestAnalysis.live(a, "fault-localisation").stream().map(x -> x.hypothesis().subject()).toList();
  }

  @Test
  void theEntryWhoseCpuRoseRanksAboveACalleeWhoseLatencyRoseMoreStrongly() throws Exception {
    assertEquals(List.of("web", "cart"), ranked("entry-resources-rise-callee-latency-same-minute"));
  }

  @Test
  void theEntryWhoseCpuRoseASampleAfterItsLatencyStillRanksAboveTheStrongerCallee() throws Exception {
    assertEquals(List.of("web", "cart"), ranked("entry-cpu-rises-a-sample-after-its-latency"));
  }

  @Test
  void nearMissACpuRiseTwoSamplesLateIsAftermathAndTheStrongerCalleeLeads() throws Exception {
    assertEquals(List.of("cart", "web"), ranked("near-miss-entry-cpu-rises-two-samples-after-its-latency"));
  }

  @Test
  void nearMissWithoutARiseOfItsOwnResourcesTheStrongerCalleeLeads() throws Exception {
    assertEquals(List.of("cart", "web"), ranked("near-miss-entry-latency-only-callee-stronger"));
  }

  @Test
  void oneSlowRequestInABystandersTailDoesNotOutrankACalleesHeldFault() throws Exception {
    assertEquals(List.of("cart", "mail"), ranked("callee-fault-beside-one-slow-request-in-a-tail"));
  }

  @Test
  void nearMissATailSlowForTwoSamplesInARowLeads() throws Exception {
    assertEquals(List.of("mail", "cart"), ranked("near-miss-tail-slow-for-two-samples-beside-callee-fault"));
  }

  @Test
  void aCallerWhoseCpuRoseLeadsItsCalleesQuietInTheLeadUpAndItsWeakerCallee() throws Exception {
    assertEquals("store", ranked("caller-cpu-fault-beside-callees-quiet-in-lead-up").get(0));
  }

  @Test
  void nearMissACalleeFarSlowerThanItsCallerLeads() throws Exception {
    assertEquals("catalog", ranked("near-miss-callee-far-slower-beside-caller-cpu").get(0));
  }

  @Test
  void aCalleeEveryCallerTimesSlowLeadsACallerThatRoseInTheSameRound() throws Exception {
    assertEquals(List.of("store", "api"), ranked("callee-slow-as-every-caller-times-it"));
  }
}
