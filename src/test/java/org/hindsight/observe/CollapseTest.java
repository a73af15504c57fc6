package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.hindsight.facts.MetricSeries;
import org.junit.jupiter.api.Test;

/** A series of work served that falls off a cliff is an outage seen from the traffic; a slope, a dip or a cost metric is not. */
class CollapseTest {
  private static final long T0 = 1_709_287_200_000L; // 2024-03-01T10:00:00Z
  private static final long MINUTE = 60_000;

  private static MetricSeries series(String metric, int minutes, IntToDoubleFunction value) {
    long[] t = new long[minutes];
    double[] v = new double[minutes];
    int[] lines = new int[minutes];
    for (int i = 0; i < minutes; i++) {
      t[i] = T0 + i * MINUTE;
      v[i] = value.applyAsDouble(i);
      lines[i] = i + 2;
    }
    return new MetricSeries("checkout", metric, t, v, new String[] {"metrics.csv"}, new int[minutes], lines);
  }

  private static List<Symptom> degraded(MetricSeries s) {
    return Observations.ofSeries(s).stream().filter(x -> x.kind().equals(SymptomKinds.SERVICE_DEGRADED)).toList();
  }

  @Test
  void requestsFallingOffACliffAreADegradationUntilTheyAreBackAtHalfTheirLevel() {
    MetricSeries s = series("requests.rate", 120, i -> i >= 60 && i < 100 ? 3 : 1000 + (i * 7) % 40);
    List<Symptom> found = degraded(s);
    assertEquals(1, found.size(), found.toString());
    Symptom d = found.get(0);
    assertEquals(T0 + 60 * MINUTE, d.onset().toEpochMilli());
    assertEquals(T0 + 59 * MINUTE, d.onsetEarliest().toEpochMilli(), "began after the last normal sample");
    assertEquals(T0 + 100 * MINUTE, d.end().toEpochMilli());
    assertEquals(62, d.evidence().line());
    assertEquals("requests.rate", d.detail());
    assertTrue(d.magnitude() < 0.01, "trough over level: " + d.magnitude());
  }

  @Test
  void aCollapseThatNeverRecoversHasNoEnd() {
    MetricSeries s = series("http.requests.rate", 60, i -> i >= 40 ? 0 : 500);
    List<Symptom> found = degraded(s);
    assertEquals(1, found.size());
    assertNull(found.get(0).end());
  }

  @Test
  void nearMissesAreNoDegradation() {
    // a night's slope: down to 5 % of the level, but never more than a few percent a step
    assertEquals(List.of(), degraded(series("requests.rate", 120, i -> 1000 * Math.pow(0.975, i))));
    // a fall to a third: less traffic, not an outage
    assertEquals(List.of(), degraded(series("requests.rate", 120, i -> i >= 60 ? 330 : 1000)));
    // too little history to know the level
    assertEquals(List.of(), degraded(series("requests.rate", 5, i -> i == 4 ? 0 : 1000)));
    // a cache's hit ratio going cold is a consequence, not an outage of its own; CPU and errors falling are good news
    for (String metric : List.of("cache.hit_ratio", "cpu.util", "http.error_ratio", "requests.failed", "p99_latency_ms")) {
      assertEquals(List.of(), degraded(series(metric, 120, i -> i >= 60 ? 0.001 : 0.9)), metric);
    }
  }

  @Test
  void aLivenessGaugeFallingToZeroIsAnOutage() {
    for (String metric : List.of("up", "probe_success", "node.up")) {
      List<Symptom> found = Observations.ofSeries(series(metric, 30, i -> i >= 20 && i < 25 ? 0 : 1)).stream()
          .filter(x -> x.kind().equals(SymptomKinds.SERVICE_DOWN)).toList();
      assertEquals(1, found.size(), metric);
      assertEquals(T0 + 25 * MINUTE, found.get(0).end().toEpochMilli(), metric);
    }
    // a gauge that only says whether a backup is running, or a count named "pickup", is no liveness
    assertEquals(List.of(), Observations.ofSeries(series("backup.running", 30, i -> i >= 20 ? 0 : 1)));
    assertFalse(SymptomKinds.fallIsTrouble("pickup"));
  }

  @Test
  void aCounterResetWhenItsProcessRestartsIsNoOutage() {
    // a raw Prometheus counter climbs, then restarts from zero with its process and climbs again
    assertEquals(List.of(), degraded(series("http_requests_total", 120, i -> i < 60 ? 50_000 + 900.0 * i : 900.0 * (i - 60))));
    // the same counter under a name that does not say so: its climb before the fall does
    assertEquals(List.of(), degraded(series("nginx.requests", 120, i -> i < 60 ? 50_000 + 900.0 * i : 900.0 * (i - 60))));
  }

  @Test
  void workServedIsToldFromWhatItCost() {
    for (String m : List.of("requests.rate", "nginx.requests", "qps", "checkout.orders", "success_ratio",
        "availability", "traffic.bytes_in")) {
      assertTrue(SymptomKinds.fallIsTrouble(m), m);
    }
    for (String m : List.of("cpu.util", "http.error_ratio", "requests.failed", "requests_rejected", "request_latency_p99",
        "cache.hit_ratio", "igp.routes", "disk.used", "queue.depth", "dropped_packets", "prerequests",
        // cumulative counters: their fall is a reset when the process restarts
        "http_requests_total", "requests.count", "grpc_server_handled_total", "http_request_duration_seconds_count")) {
      assertFalse(SymptomKinds.fallIsTrouble(m), m);
    }
  }
}
