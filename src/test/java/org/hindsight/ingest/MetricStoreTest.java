package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hindsight.facts.MetricSeries;
import org.junit.jupiter.api.Test;

/** Samples land in their (entity, metric) series however the names are handed over; one series, one measurer. */
class MetricStoreTest {
  @Test
  void samplesFindTheirSeriesByTheSameInstanceOrAnEqualCopy() {
    MetricStore store = new MetricStore();
    String[] entities = new String[300];
    for (int i = 0; i < entities.length; i++) entities[i] = "srv" + i;
    String[] metrics = {"cpu.util", "requests.rate", "http.error_ratio"};
    for (int t = 0; t < 20; t++) {
      for (String e : entities) {
        for (String m : metrics) {
          // every other round an equal copy of each name, as a file whose names the intern cache lost would give
          String entity = t % 2 == 0 ? e : new String(e);
          String metric = t % 2 == 0 ? m : new String(m);
          assertNull(store.add(entity, metric, 1000L * t, t, "", "metrics.csv", t + 2));
        }
      }
    }
    List<MetricSeries> series = store.freeze();
    assertEquals(entities.length * metrics.length, series.size());
    for (MetricSeries s : series) assertEquals(20, s.count(), s.entity() + " " + s.metric());
  }

  @Test
  void aSeriesSeenLatelyStillRefusesASecondMeasurer() {
    MetricStore store = new MetricStore();
    for (int t = 0; t < 5; t++) assertNull(store.add("api", "latency.p99", 1000L * t, 1, "web", "metrics.csv", t + 2));
    String problem = store.add("api", "latency.p99", 9000L, 1, "", "metrics.csv", 9);
    assertTrue(problem != null && problem.contains("one series has one measurer"), String.valueOf(problem));
    assertNull(store.add("api", "latency.p99", 10_000L, 1, "web", "metrics.csv", 10));
    assertEquals(6, store.freeze().get(0).count());
  }
}
