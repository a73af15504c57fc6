package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hindsight.facts.FailedRequests;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.RequestLog;
import org.junit.jupiter.api.Test;

/**
 * Sampled request outcomes as symptoms: a process that answers none of its requests for the recovery hold is in
 * trouble as its clients see it; a lone failure among successes is not; a process its metrics measure keeps them as
 * its symptoms.
 */
class RequestOutcomesTest {
  private static final long T0 = 1_709_287_200_000L; // 2024-03-01T10:00:00Z
  private static final long SECOND = 1000;

  /** Requests every 20 s to two processes of one server; {@code failingFrom..failingTo} (seconds) fail on "p-stuck". */
  private static RequestLog log(long failingFrom, long failingTo, int loneFailureAt) {
    RequestLog.Builder b = RequestLog.builder();
    for (long s = 0; s <= 1200; s += 20) {
      boolean failing = s >= failingFrom && s < failingTo;
      b.add(T0 + s * SECOND, "dc-x", "srv-x", "p-stuck", failing ? (s == failingFrom ? 504 : 502) : 200, "", 0, 0);
      b.add(T0 + s * SECOND + 5, "dc-x", "srv-x", "p-fine", s == loneFailureAt ? 500 : 200, "", 0, 0);
    }
    return b.build();
  }

  private static Observations observe(RequestLog requests, List<MetricSeries> metrics) {
    return Observations.of(List.of(), List.of(), List.of(), metrics, List.of(), RequestOutcomes.read(requests), n -> true);
  }

  @Test
  void aProcessAnsweringNothingForMinutesIsAnErrorsSpellUntilItAnswersAgain() {
    List<FailedRequests> spells = RequestOutcomes.failedSpells(log(300, 900, -1));
    assertEquals(1, spells.size(), spells.toString());
    FailedRequests f = spells.get(0);
    assertEquals("p-stuck", f.process());
    assertEquals(T0 + 300 * SECOND, f.fromMillis());
    assertEquals(T0 + 280 * SECOND, f.earliestMillis()); // began after the last success
    assertEquals(T0 + 900 * SECOND, f.endMillis());
    assertEquals(30, f.failed());

    Observations obs = observe(log(300, 900, -1), List.of());
    List<Symptom> errors = obs.of(SymptomKinds.ERRORS, "p-stuck");
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(RequestOutcomes.DETAIL, errors.get(0).detail());
    assertEquals(T0 + 900 * SECOND, errors.get(0).end().toEpochMilli());
    assertTrue(obs.measures(SymptomKinds.ERRORS, "p-fine"), "its requests could have shown trouble");
    assertTrue(obs.of(SymptomKinds.ERRORS, "p-fine").isEmpty());
  }

  @Test
  void aLoneFailureOrABurstAnsweredAgainWithinTheHoldIsNoSpell() {
    assertTrue(RequestOutcomes.failedSpells(log(300, 360, 600)).isEmpty(), "60 s of failures, one lone 500");
  }

  @Test
  void aSpellStillOpenAtTheEndOfTheLogHasNoEnd() {
    List<FailedRequests> spells = RequestOutcomes.failedSpells(log(600, 5000, -1));
    assertEquals(1, spells.size());
    assertFalse(spells.get(0).recovered());
    assertEquals(Long.MAX_VALUE, spells.get(0).endOrNever());
  }

  @Test
  void aProcessItsMetricsMeasureKeepsThemAsItsSymptomsAndItsSpellAsAFact() {
    long[] t = new long[21];
    double[] v = new double[21];
    for (int i = 0; i < t.length; i++) {
      t[i] = T0 + i * 60 * SECOND;
      v[i] = 40;
    }
    MetricSeries cpu = new MetricSeries("p-stuck", "cpu.util", t, v, new String[] {"metrics.csv"}, new int[t.length], new int[t.length]);
    Observations obs = observe(log(300, 900, -1), List.of(cpu));
    assertTrue(obs.of(SymptomKinds.ERRORS, "p-stuck").isEmpty(), "the same trouble is not read twice from two sources");
    assertFalse(obs.measures(SymptomKinds.ERRORS, "p-stuck"));
    assertEquals(1, obs.failedRequests().size());
  }
}
