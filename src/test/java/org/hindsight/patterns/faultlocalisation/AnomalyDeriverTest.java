package org.hindsight.patterns.faultlocalisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hindsight.facts.Anomaly;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Anomaly per service, rises told from falls: a fall must not stand for trouble of its own. */
class AnomalyDeriverTest {

  /** 40 one-minute samples of {@code level} (±2 %), times {@code factor} from minute {@code from} on. */
  private static void series(StringBuilder csv, String entity, String metric, double level, int from, double factor) {
    for (int m = 0; m < 40; m++) {
      double v = level * (1 + 0.02 * Math.sin(m * 1.3)) * (m >= from ? factor : 1);
      csv.append(String.format(java.util.Locale.ROOT, "2024-03-05T10:%02d:00Z,%s,%s,%.2f%n", m, entity, metric, v));
    }
  }

  private static Map<String, Anomaly> derive(Path dir, StringBuilder metrics) throws Exception {
    Files.writeString(dir.resolve("metrics.csv"), "timestamp,entity,metric,value\n" + metrics);
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    return new AnomalyDeriver().derive(w).stream().filter(Anomaly.class::isInstance).map(Anomaly.class::cast)
        .collect(Collectors.toMap(Anomaly::service, a -> a));
  }

  @Test
  void aServiceThatRoseTakesOnsetAndStrengthFromItsRisesEvenAfterAnEarlierFall(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "api", "requests_per_min", 1200, 23, 0.4); // falls first, at 10:23
    series(m, "api", "cpu_pct", 20, 25, 4.0); // then rises, at 10:25
    series(m, "db", "requests_per_min", 2400, 24, 0.3); // only falls
    Map<String, Anomaly> a = derive(dir, m);

    Anomaly api = a.get("api");
    assertTrue(api.rising());
    assertEquals(Instant.parse("2024-03-05T10:25:00Z"), api.onset(), "the rise's onset, not the earlier fall's");
    assertEquals("cpu_pct", api.detail());
    assertEquals(2, api.signals(), "both series count as signals");

    Anomaly db = a.get("db");
    assertFalse(db.rising());
    assertEquals(Instant.parse("2024-03-05T10:24:00Z"), db.onset());
    assertTrue(db.detail().endsWith("(below its baseline)"), db.detail());
  }

  @Test
  void aFallCountsAsStarvationOnlyWhenNoRiseCameBeforeIt(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "api", "requests_per_min", 1200, 23, 0.4); // starved at 10:23, then slow at 10:25
    series(m, "api", "cpu_pct", 20, 25, 4.0);
    series(m, "cache", "cpu_pct", 20, 22, 4.0); // slow at 10:22, its load falls later, at 10:26
    series(m, "cache", "requests_per_min", 3000, 26, 0.4);
    series(m, "db", "requests_per_min", 2400, 24, 0.3); // only falls
    series(m, "web", "cpu_pct", 30, 21, 3.0); // only rises
    Map<String, Anomaly> a = derive(dir, m);

    assertEquals(Instant.parse("2024-03-05T10:23:00Z"), a.get("api").fellAt(), "starved first, slow later: the fall counts");
    assertTrue(a.get("api").fell());
    assertFalse(a.get("cache").fell(), "a fall after its own rise is aftermath, not starvation");
    assertEquals(Long.MAX_VALUE, a.get("cache").fallOnsetMillis());
    assertEquals(Instant.parse("2024-03-05T10:24:00Z"), a.get("db").fellAt());
    assertFalse(a.get("web").fell());
  }

  @Test
  void aRiseOfItsOwnResourcesCountsOnlyInTheRoundOfItsFirstRise(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "web", "cpu_pct", 30, 24, 3.0); // CPU and latency in the same round
    series(m, "web", "latency_ms", 100, 24, 2.0);
    series(m, "cart", "latency_ms", 20, 24, 6.0); // slow first, its CPU rises two rounds later (aftermath)
    series(m, "cart", "cpu_pct", 40, 26, 3.0);
    series(m, "pay", "calls.p50", 5, 24, 8.0); // a percentile is a latency, not a resource
    series(m, "db", "requests_per_min", 2400, 24, 0.3); // its load fell: a fall is no rise of its own
    Map<String, Anomaly> a = derive(dir, m);

    assertTrue(a.get("web").resourceRise());
    assertFalse(a.get("cart").resourceRise(), "a resource rise after its latency rise is aftermath");
    assertTrue(a.get("cart").rising());
    assertFalse(a.get("pay").resourceRise(), "a p50 is a latency");
    assertFalse(a.get("db").resourceRise());
  }

  @Test
  void aRiseOfItsOwnResourcesASampleAfterItsFirstRiseStillCounts(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "reco", "latency_ms", 80, 24, 5.0); // slow at 10:24, its CPU a sample later (a usage rate lags)
    series(m, "reco", "cpu_pct", 30, 25, 3.0);
    series(m, "cart", "latency_ms", 20, 24, 6.0); // slow at 10:24, its CPU two samples later: aftermath
    series(m, "cart", "cpu_pct", 40, 26, 3.0);
    Map<String, Anomaly> a = derive(dir, m);

    assertTrue(a.get("reco").resourceRise(), "the next round still counts");
    assertFalse(a.get("cart").resourceRise(), "two rounds later does not");
  }

  @Test
  void anAnomalyUnderWayWhenTheBaselineWindowEndsIsTroubleOfTheLeadUp(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "api", "latency_ms", 60, 18, 4.0); // 40 minutes of logs: the window ends at 10:19:30
    series(m, "web", "latency_ms", 100, 20, 3.0); // the first sample after it: fresh
    Map<String, Anomaly> a = derive(dir, m);

    assertEquals(Instant.parse("2024-03-05T10:18:00Z"), a.get("api").onset(), "keeps the onset of its run");
    assertTrue(a.get("api").underWay());
    assertFalse(a.get("web").underWay());
  }

  @Test
  void aCallersTimingIsACallerViewNotTheCalleesOwnAnomaly(@TempDir Path dir) throws Exception {
    StringBuilder m = new StringBuilder();
    series(m, "db", "cpu_pct", 20, 40, 1); // the callee's own series: flat
    StringBuilder viewed = new StringBuilder();
    series(viewed, "db", "calls.latency_ms", 5, 25, 6); // web times db slow from 10:25
    series(viewed, "db", "calls.from_api.latency_ms", 5, 40, 1); // api times it as usual
    String rows = m + viewed.toString().lines().map(l -> l + (l.contains("from_api") ? ",api" : ",web"))
        .collect(Collectors.joining("\n", "", "\n"));
    // the callee's own rows leave the optional measured_by out
    Files.writeString(dir.resolve("metrics.csv"), "timestamp,entity,metric,value,measured_by\n" + rows);
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    List<org.hindsight.facts.Fact> facts = new AnomalyDeriver().derive(w);

    assertTrue(facts.stream().noneMatch(f -> f instanceof Anomaly a && a.service().equals("db")),
        "a rise another entity measured is not db's own: " + facts);
    Map<String, org.hindsight.facts.CallerView> views = facts.stream().filter(org.hindsight.facts.CallerView.class::isInstance)
        .map(org.hindsight.facts.CallerView.class::cast).collect(Collectors.toMap(org.hindsight.facts.CallerView::caller, v -> v));
    assertEquals(2, views.size(), views.toString());
    assertTrue(views.get("web").rising());
    assertEquals("db", views.get("web").callee());
    assertEquals(Instant.parse("2024-03-05T10:25:00Z"), views.get("web").onset());
    assertFalse(views.get("api").rising(), "a view that stayed in its baseline is a view too: a second opinion");
    // the observation model still shows the trouble on db, saying who saw it
    assertTrue(w.observations().ofKind(org.hindsight.observe.SymptomKinds.ANOMALY).stream()
        .anyMatch(s -> s.entity().equals("db") && s.detail().equals("calls.latency_ms, as measured by web")));
  }

  @Test
  void anEntityTimingAnotherOfItsOwnServiceMeasuresTheServicesOwnSeries(@TempDir Path dir) throws Exception {
    StringBuilder viewed = new StringBuilder();
    series(viewed, "db-2", "replication.lag_ms", 5, 25, 6); // db-1 times its replica: one service, no caller's view
    String rows = viewed.toString().lines().map(l -> l + ",db-1").collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(dir.resolve("metrics.csv"), "timestamp,entity,metric,value,measured_by\n" + rows);
    Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service\ndb-1,host,s1,db\ndb-2,host,s1,db\n");
    World w = new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
    List<org.hindsight.facts.Fact> facts = new AnomalyDeriver().derive(w);
    assertTrue(facts.stream().anyMatch(f -> f instanceof Anomaly a && a.service().equals("db") && a.rising()), facts.toString());
    assertTrue(facts.stream().noneMatch(org.hindsight.facts.CallerView.class::isInstance), facts.toString());
  }
}
