package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hindsight.analysis.Analysis;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady fleet with the shapes that make metric reduction hard: noise, an excursion after the
 * baseline window, one inside it, a slow recovery hovering under the threshold, a level shift only
 * the learned baselines see, a drift, a short series, a route table read at a configuration line,
 * and events that stretch the logs' time range beyond the metrics. The reduced bundle must be a few
 * per cent of the raw rows and read exactly alike: same symptoms (learned anomalies included),
 * excursions, hypotheses, and the same samples before the line.
 */
class SteadyFleetReduceTest {
  @TempDir Path tmp;

  private static final Instant T0 = Instant.parse("2024-06-20T00:00:00Z");
  private static final int SAMPLES = 2000; // one every 15 s: 8 h 20 min
  private static final int LINE_AT = 1500; // the configuration line, after the baseline window

  @Test
  void aSteadyFleetReducesToAFewPerCentAndReadsAlike() throws Exception {
    Path raw = fleet();
    Path out = tmp.resolve("reduced");
    Reducer.Result r = new Reducer(SparkTestSession.get(), Reducer.Options.defaults()).reduce(List.of(raw.toString()), out.toString());
    long rawMetrics = r.perKind().get("metrics")[0];
    long keptMetrics = r.perKind().get("metrics")[1];
    assertTrue(keptMetrics * 100 < rawMetrics * 4, "metric rows kept: " + keptMetrics + " of " + rawMetrics);
    assertEquals(rawMetrics, ReduceInputTest.rowsStoodFor(out.resolve("metrics.csv")), "every raw sample kept or counted");

    Bundle a = BundleReader.builder().build().readArgs(List.of(raw.toString()));
    Bundle b = BundleReader.builder().build().readArgs(List.of(out.toString()));
    MetricSeries steady = series(b, "h0", "cpu.util");
    assertTrue(steady.count() <= 6, "a steady noisy series keeps a handful of samples: " + steady.count());
    assertEquals(series(a, "h0", "cpu.util").baseline(), steady.baseline());
    // The IGP flood replay reads the 50 route-table samples before a configuration line.
    MetricSeries routes = series(a, "r1", "igp.routes");
    MetricSeries reducedRoutes = series(b, "r1", "igp.routes");
    long line = T0.plusSeconds(15L * LINE_AT + 7).toEpochMilli();
    assertEquals(fiftyBefore(routes, line), fiftyBefore(reducedRoutes, line));
    assertEquals(routes.valueAt(Instant.ofEpochMilli(line)), reducedRoutes.valueAt(Instant.ofEpochMilli(line)));
    assertTrue(reducedRoutes.firstIndexAtOrAfter(line) >= 50, "the 50 samples before the line are kept");
    assertTrue(reducedRoutes.count() < 120, "the route table keeps the samples before the line, not all: " + reducedRoutes.count());
    long quiet = T0.plusSeconds(15L * 400).toEpochMilli();
    assertTrue(reducedRoutes.firstIndexAtOrAfter(quiet) < 5, "nor those before a line no surge follows");

    Analysis before = TestAnalysis.analyze(raw);
    Analysis after = TestAnalysis.analyze(out);
    List<String> symptoms = ReduceEquivalenceTest.symptoms(before);
    assertFalse(before.world().observations().ofKind(SymptomKinds.ANOMALY).isEmpty(), "the fleet has learned anomalies");
    assertTrue(symptoms.stream().anyMatch(s -> s.contains("cpu.pinned")), "and threshold episodes: " + symptoms);
    assertEquals(symptoms, ReduceEquivalenceTest.symptoms(after));
    for (MetricSeries s : a.metrics()) {
      assertEquals(org.hindsight.derive.MetricExcursionDeriver.excursions(s).toString(),
          org.hindsight.derive.MetricExcursionDeriver.excursions(series(b, s.entity(), s.metric())).toString(), s.toString());
    }
    assertEquals(ReduceEquivalenceTest.claims(before), ReduceEquivalenceTest.claims(after));
  }

  /**
   * A busy edge: 600 requests a data centre and minute, one in 150 with mixed cookies, an outage
   * minute of 503s. Plain traffic thins to the cap; every mixed-cookie request, each key's first and
   * last stay; the per-process summaries the rules read are the same, and the kept rows'
   * {@code represents} add up to every status count of every data centre and minute.
   */
  @Test
  void aBusyEdgeKeepsWhatTheRulesReadAndThinsThePlainTraffic() throws Exception {
    Path b = tmp.resolve("edge");
    Files.createDirectories(b);
    SplittableRandom rnd = new SplittableRandom(11);
    StringBuilder q = new StringBuilder("timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid\n");
    java.util.Map<String, Integer> statusCounts = new java.util.TreeMap<>();
    for (int minute = 0; minute < 30; minute++) {
      for (int k = 0; k < 600 * 3; k++) {
        int dc = k % 3;
        int server = rnd.nextInt(4);
        boolean mixed = rnd.nextInt(150) == 0;
        int status = dc == 1 && minute == 20 ? 503 : 200;
        Instant t = T0.plusSeconds(60L * minute).plusMillis(k * 30L);
        q.append(t).append(",dc").append(dc).append(",s").append(dc).append('-').append(server).append(",p").append(dc)
            .append('-').append(server).append('-').append(rnd.nextInt(2)).append(',').append(status).append(",rl")
            .append(rnd.nextInt(8)).append(',').append(mixed || rnd.nextBoolean() ? 1 : 0).append(',').append(mixed ? 1 : 0).append('\n');
        statusCounts.merge("dc" + dc + " " + t.getEpochSecond() / 60 + " " + status, 1, Integer::sum);
      }
    }
    Files.writeString(b.resolve("requests.csv"), q);
    Path out = tmp.resolve("edge-reduced");
    Reducer.Result r = new Reducer(SparkTestSession.get(), Reducer.Options.defaults()).reduce(List.of(b.toString()), out.toString());
    long raw = r.perKind().get("requests")[0];
    long kept = r.perKind().get("requests")[1];
    assertTrue(kept * 100 < raw * 10, "requests kept: " + kept + " of " + raw);

    var before = BundleReader.builder().build().readArgs(List.of(b.toString())).requests();
    var after = BundleReader.builder().build().readArgs(List.of(out.toString())).requests();
    assertEquals(summaries(before), summaries(after));
    List<String> lines = Files.readAllLines(out.resolve("requests.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    java.util.Map<String, Integer> represented = new java.util.TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      Instant t = Instant.parse(v[header.indexOf("timestamp")]);
      represented.merge(v[header.indexOf("datacenter")] + " " + t.getEpochSecond() / 60 + " " + v[header.indexOf("status")],
          Integer.parseInt(v[header.indexOf("represents")]), Integer::sum);
    }
    assertEquals(statusCounts, represented);
  }

  /**
   * A noisy application log beside the events that matter: log lines of a type nothing reads
   * (info and warning) are counted per entity, type and hour; every event a rule, replay or the
   * observation model reads, and every error log (the learned baselines count them per template,
   * and one host's error rate jumps), stays whole; the analysis reads alike.
   */
  @Test
  void aNoisyLogKeepsWhatIsReadAndCountsTheRest() throws Exception {
    Path b = tmp.resolve("noisy");
    Files.createDirectories(b);
    SplittableRandom rnd = new SplittableRandom(11);
    StringBuilder e = new StringBuilder("timestamp,source,type,entity,message,severity\n");
    java.util.Map<String, Long> noise = new java.util.TreeMap<>();
    java.util.Set<String> mustStay = new java.util.TreeSet<>();
    int line = 1;
    for (int i = 0; i < 5 * 3600 / 20; i++) { // a line every 20 s for 5 h on each of 12 hosts
      Instant t = T0.plusSeconds(20L * i);
      for (int h = 0; h < 12; h++) {
        boolean error = h == 3 ? i > 700 || i % 60 == 0 : rnd.nextInt(400) == 0;
        String type = rnd.nextInt(5) == 0 ? "user.login" : "app.log";
        String severity = error ? "error" : rnd.nextBoolean() ? "info" : "warning";
        for (int k = 0; k < (h == 3 && i > 700 ? 5 : 1); k++) { // h3's errors jump from one in 20 minutes to 15 a minute
          e.append(t).append(",app,").append(type).append(",h").append(h).append(",request ").append(rnd.nextInt(9000))
              .append(" took ").append(rnd.nextInt(90)).append(" ms,").append(severity).append('\n');
          line++;
          if (error) mustStay.add("events.csv:" + line);
          else noise.merge("h" + h + " " + type + " " + t.getEpochSecond() / 3600, 1L, Long::sum);
        }
      }
      String read = i == 500 ? "service.degraded,h5" : i == 520 ? "service.up,h5" : i == 810 ? "process.restart,h7"
          : i == 300 ? "rule.deploy,h1" : i == 400 ? "config.pushed,h2" : null;
      if (read != null) {
        e.append(t).append(",monitor,").append(read).append(",state,info\n");
        mustStay.add("events.csv:" + ++line);
      }
    }
    Files.writeString(b.resolve("events.csv"), e);
    Files.writeString(b.resolve("inventory.csv"), "entity,type,site,service\nh5,server,s1,shop\nh7,server,s1,shop\n");
    Path out = tmp.resolve("noisy-reduced");
    Reducer.Result r = new Reducer(SparkTestSession.get(), Reducer.Options.defaults()).reduce(List.of(b.toString()), out.toString());
    long raw = r.perKind().get("events")[0];
    long kept = r.perKind().get("events")[1];
    assertTrue(kept * 100 < raw * 15, "events kept: " + kept + " of " + raw);

    List<String> lines = Files.readAllLines(out.resolve("events.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    java.util.Map<String, Long> counted = new java.util.TreeMap<>();
    java.util.Set<String> stayed = new java.util.TreeSet<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] v = l.split(",", -1);
      String represents = v[header.indexOf("represents")];
      if (represents.isEmpty()) {
        String origin = v[header.indexOf("origin")];
        stayed.add(origin.substring(origin.lastIndexOf('/') + 1));
      } else {
        counted.merge(v[header.indexOf("entity")] + " " + v[header.indexOf("type")] + " "
            + Instant.parse(v[header.indexOf("timestamp")]).getEpochSecond() / 3600, Long.parseLong(represents), Long::sum);
      }
    }
    assertEquals(mustStay, stayed, "every read event and every error log kept whole, nothing else");
    assertEquals(noise, counted, "the rest add up per entity, type and hour");

    Analysis before = TestAnalysis.analyze(b);
    Analysis after = TestAnalysis.analyze(out);
    assertEquals(ReduceEquivalenceTest.claims(before), ReduceEquivalenceTest.claims(after));
    assertEquals(ReduceEquivalenceTest.symptoms(before), ReduceEquivalenceTest.symptoms(after));
    assertTrue(ReduceEquivalenceTest.symptoms(before).stream().anyMatch(x -> x.contains("kind=anomaly, entity=h3") && x.contains("error log")),
        "the error-log jump is seen: " + ReduceEquivalenceTest.symptoms(before));
  }

  /** What rules read of requests: per key its first and last time and record, and its first mixed-cookie request. */
  private static List<String> summaries(org.hindsight.ingest.RequestLog log) {
    return org.hindsight.patterns.recursivekeygenerator.RequestSummaryDeriver.summarise(log).stream()
        .map(s -> s.datacenter() + " " + s.server() + " " + s.process() + " " + s.rule() + " first=" + s.firstMillis() + " " + s.origin()
            + " last=" + s.lastMillis() + " mixed=" + s.mixed() + " firstMixed=" + s.firstMixedMillis() + " " + s.firstMixedRef())
        .sorted().toList();
  }

  private static double fiftyBefore(MetricSeries s, long t) {
    int end = s.firstIndexAtOrAfter(t);
    double[] v = new double[Math.min(50, end)];
    for (int k = 0; k < v.length; k++) v[k] = s.valueAt(end - v.length + k);
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static MetricSeries series(Bundle b, String entity, String metric) {
    return b.metrics().stream().filter(s -> s.entity().equals(entity) && s.metric().equals(metric)).findFirst().orElseThrow();
  }

  private Path fleet() throws Exception {
    Path b = tmp.resolve("fleet");
    Files.createDirectories(b);
    SplittableRandom rnd = new SplittableRandom(7);
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    for (int i = 0; i < SAMPLES; i++) {
      String t = T0.plusSeconds(15L * i).toString();
      for (int h = 0; h < 30; h++) { // steady noisy hosts
        m.append(t).append(",h").append(h).append(",cpu.util,").append(num(25 + 10 * rnd.nextDouble())).append('\n');
      }
      double pinned = i >= 1700 && i < 1710 ? 97 : 30 + 5 * rnd.nextDouble(); // an excursion after the window
      m.append(t).append(",h30,cpu.util,").append(num(pinned)).append('\n');
      double early = i >= 300 && i < 320 ? 0.3 : 0.002 + 0.001 * rnd.nextDouble(); // inside the baseline window
      m.append(t).append(",h31,http.error_ratio,").append(num(early)).append('\n');
      // a slow recovery: pinned, then hovering between half-way and the threshold before it settles
      double slow = i >= 1200 && i < 1220 ? 95 : i >= 1220 && i < 1300 ? 70 + 5 * rnd.nextDouble() : 30 + 4 * rnd.nextDouble();
      m.append(t).append(",h32,cpu.util,").append(num(slow)).append('\n');
      double shift = i >= 1600 ? 100 + rnd.nextDouble() : 500 + 5 * rnd.nextDouble(); // only learned baselines see a drop
      m.append(t).append(",h33,requests.rate,").append(num(shift)).append('\n');
      m.append(t).append(",h34,queue.depth,").append(num(100 + i * 0.05 + rnd.nextDouble())).append('\n'); // a drift
      double routes = i >= LINE_AT + 10 && i < LINE_AT + 30 ? 12_000 : 1000 + 20 * rnd.nextDouble(); // surges after the line
      m.append(t).append(",r1,igp.routes,").append(num(routes)).append('\n');
      if (i < 5) m.append(t).append(",h35,cpu.util,").append(num(40 + i)).append('\n');
    }
    Files.writeString(b.resolve("metrics.csv"), m);
    String early = T0.minusSeconds(7200).toString();
    String late = T0.plusSeconds(15L * SAMPLES + 3600).toString();
    Files.writeString(b.resolve("events.csv"), "timestamp,source,type,entity,message\n"
        + early + ",syslog,app.log,h0,boot\n"
        + T0.plusSeconds(15L * 1701).toString() + ",monitor,service.down,h30,down\n"
        + late + ",syslog,app.log,h0,end\n");
    Files.writeString(b.resolve("config-commands.csv"), "timestamp,device,session,user,command\n"
        + T0.plusSeconds(15L * 400) + ",r1,tty1,ops,router isis 1\n" // no surge follows: no replay reads the table there
        + T0.plusSeconds(15L * LINE_AT + 7) + ",r1,tty2,ops,router isis 1\n");
    Files.writeString(b.resolve("inventory.csv"), "entity,type,site\nr1,router,s1\nh30,server,s1\n");
    return b;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
