package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident's times come from what the validated cause explains: noise elsewhere in the logs does
 * not move them, a lost recovery event is made good by the metrics, and without a validated cause
 * the largest burst of symptoms stands in (and says so).
 */
class IncidentTimeTest {
  static final Path KT = TestAnalysis.home().resolve("sample-logs/kt-2021-10-25");
  static final Path S3 = TestAnalysis.home().resolve("sample-logs/aws-s3-2017-02-28");

  @TempDir Path tmp;

  @Test
  void anUnrelatedFlapHoursEarlierDoesNotMoveTheOnset() throws Exception {
    IncidentTime original = IncidentTime.of(TestAnalysis.analyze(KT));
    Path copy = copy(KT, "kt-noisy");
    // An adjacency flap and a customer-service blip three hours before the leak, both over within minutes.
    insertAfterHeader(copy.resolve("events.csv"), List.of(
        "2021-10-25T08:05:00+09:00,syslog,adjacency.down,daegu-agg-r1,\"%CLNS-5-ADJCHANGE: ISIS: Adjacency to daegu-cr1 Down, interface flap\",warning",
        "2021-10-25T08:05:30+09:00,syslog,adjacency.up,daegu-agg-r1,\"%CLNS-5-ADJCHANGE: ISIS: Adjacency to daegu-cr1 Up\",info",
        "2021-10-25T08:10:00+09:00,nms,service.down,internet-jeju,customer internet unreachable,critical",
        "2021-10-25T08:14:00+09:00,nms,service.up,internet-jeju,customer services restored,info"));
    IncidentTime noisy = IncidentTime.of(TestAnalysis.analyze(copy));

    assertEquals(IncidentTime.EXPLANATION, noisy.basis());
    assertEquals(original.onset(), noisy.onset());
    assertEquals(original.recovered(), noisy.recovered());
    assertTrue(Duration.between(noisy.onset(), noisy.recovered()).minus(Duration.ofMinutes(89)).abs().toSeconds() <= 120,
        "KT lasted 89 min: " + noisy.duration());
    List<String> before = noisy.outside().stream().filter(o -> o.why().equals("before"))
        .map(o -> o.symptom().kind() + " " + o.symptom().entity()).toList();
    assertTrue(before.contains("adjacency.down daegu-agg-r1"), before.toString());
    assertTrue(before.contains("service.down internet-jeju"), before.toString());
    assertTrue(noisy.symptoms().stream().noneMatch(p -> p.symptom().onset().isBefore(noisy.onset())));
  }

  @Test
  void theCausesFirstEffectTheReplayDoesNotModelIsTheOnsetButTroubleBeforeTheCauseIsNot() throws Exception {
    IncidentTime original = IncidentTime.of(TestAnalysis.analyze(S3));
    Path copy = copy(S3, "s3-links-first");
    // The removal ran at 09:37:00 and the first failure it explains is at 09:37:38. A link of a removed
    // host down at 09:37:10 and never back is the command's own first effect; the same at 09:36:50, before
    // the command, and one after it that was over before the failures began are not the incident.
    insertAfterHeader(copy.resolve("events.csv"), List.of(
        "2017-02-28T09:36:50-08:00,syslog,adjacency.down,s3use1-meta-150,link to tor-9 down,warning",
        "2017-02-28T09:37:05-08:00,syslog,adjacency.down,s3use1-meta-151,link to tor-9 down,warning",
        "2017-02-28T09:37:08-08:00,syslog,adjacency.up,s3use1-meta-151,link to tor-9 up,info",
        "2017-02-28T09:37:10-08:00,syslog,adjacency.down,s3use1-meta-14,link to tor-1 down,warning"));
    IncidentTime time = IncidentTime.of(TestAnalysis.analyze(copy));

    assertEquals(IncidentTime.EXPLANATION, time.basis());
    assertTrue(original.onset().isAfter(Instant.parse("2017-02-28T17:37:10Z")), "the sample's onset: " + original.onset());
    assertEquals(Instant.parse("2017-02-28T17:37:10Z"), time.onset());
    assertTrue(time.symptoms().stream().anyMatch(p -> !p.explained() && p.symptom().entity().equals("s3use1-meta-14")));
    List<String> before = time.outside().stream().filter(o -> o.why().equals("before")).map(o -> o.symptom().entity()).toList();
    assertTrue(before.contains("s3use1-meta-150"), before.toString());
    assertTrue(before.contains("s3use1-meta-151"), before.toString());
    assertEquals(original.recovered(), time.recovered());
  }

  @Test
  void aMissingRecoveryEventIsMadeGoodByTheMetricBackAtBaseline() throws Exception {
    Path copy = copy(S3, "s3-no-put-recovery");
    Path events = copy.resolve("events.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(events));
    assertTrue(lines.removeIf(l -> l.contains(",service.up,s3-put-api,")), "the sample logs PUT's recovery");
    Files.write(events, lines);
    IncidentTime time = IncidentTime.of(TestAnalysis.analyze(copy));

    IncidentTime.Part putDown = time.symptoms().stream()
        .filter(p -> p.symptom().kind().equals("service.down") && p.symptom().entity().equals("s3-put-api")
            && p.symptom().detail().equals("service.down"))
        .findFirst().orElseThrow();
    assertNull(putDown.symptom().end(), "no service.up: the down episode itself never ends");
    assertTrue(putDown.endByMetric(), "its http.error_ratio back at baseline ends it");
    assertEquals(Instant.parse("2017-02-28T21:54:00Z"), putDown.end());
    assertTrue(putDown.endRef().file().endsWith("metrics.csv"), putDown.endRef().toString());
    assertTrue(!time.unrecovered().contains("s3-put-api"), time.unrecovered().toString());
    assertNotNull(time.recovered());
    assertTrue(Duration.between(Instant.parse("2017-02-28T21:54:00Z"), time.recovered()).abs().toSeconds() <= 120, time.recovered().toString());
  }

  @Test
  void aCauseThatExplainsOnlyLearnedBaselineAnomaliesStillDatesTheIncident() throws Exception {
    // adservice's requests change shape, frontend's latency leaves its baseline: no threshold symptom at all
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("rules/fault-localisation/fixtures/code-fault-new-call-shape"));
    // listed, since reports list trouble only learned baselines show, but of no threshold kind
    assertTrue(a.symptoms().stream().allMatch(s -> s.kind().equals(SymptomKinds.ANOMALY)), a.symptoms().toString());
    IncidentTime time = IncidentTime.of(a);
    assertEquals(IncidentTime.EXPLANATION, time.basis());
    assertEquals(Instant.parse("2024-03-05T10:10:20Z"), time.onset(), "the first explained anomaly: adservice's new call shape");
  }

  @Test
  void aSecondConfirmedCausesTroubleIsTheIncidentsTooNotTroubleFromBeforeIt() throws Exception {
    // billing's deploy (13:31) breaks billing at 13:33; the WAF push (13:42) breaks every colo: both confirmed
    Path fixtures = TestAnalysis.home().resolve("rules/change-correlation/fixtures");
    Analysis two = TestAnalysis.analyze(fixtures.resolve("two-causes-waf-push-after-billing-deploy"));
    IncidentTime time = IncidentTime.of(two);
    assertEquals("edge-proxy", time.explainedBy().hypothesis().subject());
    assertEquals(List.of("billing"), time.alsoExplainedBy().stream().map(a -> a.hypothesis().subject()).toList());
    assertEquals(Instant.parse("2019-07-02T13:33:00Z"), time.onset(), "billing's errors began first");
    assertTrue(time.outside().stream().noneMatch(o -> o.symptom().entity().equals("billing")), time.outside().toString());

    // the near miss: the push is logged after the edge's symptoms, so it is no candidate; billing's deploy
    // is the top cause and the edge's trouble is only localised (fault localisation, plausible: over cf-api's own
    // fault its contribution is 3.9; billing's unconnected anomalies no longer stand in the counterfactual), not
    // blamed on the push, and not counted as a second cause
    Analysis lateAnalysis = TestAnalysis.analyze(fixtures.resolve("near-miss-two-causes-push-after-edge-symptoms"));
    IncidentTime late = IncidentTime.of(lateAnalysis);
    assertEquals("billing", late.explainedBy().hypothesis().subject());
    assertTrue(late.alsoExplainedBy().isEmpty(), late.alsoExplainedBy().toString());
    assertEquals(List.of("fault-localisation"), lateAnalysis.live().stream().filter(a -> a.hypothesis().subject().equals("edge-proxy"))
        .map(a -> a.hypothesis().pattern()).toList());

    // one cause: nothing beside it (Kakao's other dependencies on the burning site are another matter)
    assertTrue(IncidentTime.of(TestAnalysis.analyze(KT)).alsoExplainedBy().isEmpty());
    assertTrue(IncidentTime.of(TestAnalysis.analyze(S3)).alsoExplainedBy().isEmpty());
  }

  @Test
  void withoutAValidatedCauseTheLargestBurstStandsInAndSaysSo() throws Exception {
    Path noRules = Files.createDirectories(tmp.resolve("no-rules"));
    Analysis a = TestAnalysis.analyze(List.of(noRules), KT);
    assertTrue(a.live().isEmpty());
    IncidentTime time = IncidentTime.of(a);
    assertEquals(IncidentTime.BURST, time.basis());
    assertNull(time.explainedBy());
    assertTrue(!time.onset().isBefore(Instant.parse("2021-10-25T02:16:00Z"))
        && time.onset().isBefore(Instant.parse("2021-10-25T02:17:00Z")), "the burst begins with the surge at 11:16: " + time.onset());
    assertTrue(time.outside().stream().anyMatch(o -> o.why().equals("before") && o.symptom().entity().equals("mokpo-agg-r1")),
        "the 10:48 flap is its own burst, before the incident");
    assertEquals(Instant.parse("2021-10-25T03:45:00Z"), time.recovered(), "customer services back at 12:45");
  }

  @Test
  void whereTheReplaysRecoveryIsDaysFromTheRecordTheGapAndItsReasonsAreGiven() throws Exception {
    IncidentTime kakao = IncidentTime.of(TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/kakao-2022-10-15")));
    IncidentTime.RecoveryGap gap = kakao.recoveryGap();
    assertNotNull(gap, "the replay brings the last service back the night of the fire; the logs, five days later");
    assertEquals(Instant.parse("2022-10-20T13:52:00Z"), gap.observed());
    assertTrue(gap.gap().toDays() >= 4, gap.gap().toString());
    assertTrue(gap.priors().stream().anyMatch(p -> p.contains("restart")), "the restart priors set the replay's recovery: " + gap.priors());
    assertTrue(gap.notModelled().stream().anyMatch(f -> f.contains("ops-console") && f.contains("recovery tooling")),
        "the recovery tooling lost in the same site is what the replay does not model: " + gap.notModelled());

    IncidentTime kt = IncidentTime.of(TestAnalysis.analyze(KT));
    assertNull(kt.recoveryGap(), "KT's replay withdraws the routes within minutes of the record");
  }

  @Test
  void aBacklogAfterTheLastOutageIsTheAllClearNotTheRecovery() throws Exception {
    IncidentTime s3 = IncidentTime.of(TestAnalysis.analyze(S3));
    assertEquals("outage", s3.recoveryTier());
    assertEquals(Instant.parse("2017-02-28T21:54:20Z"), s3.recovered(), "PUT back: the last service down came up");
    assertEquals(Instant.parse("2017-02-28T22:50:00Z"), s3.allClear(), "Lambda's invocation backlog (degraded) cleared last");
    assertTrue(s3.outside().stream().anyMatch(o -> o.why().equals("before") && o.symptom().entity().equals("cdn-edge-ord")),
        "the 07:10 CDN blip is before the incident");
  }

  private Path copy(Path sample, String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> s = Files.list(sample)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
    }
    return dir;
  }

  private static void insertAfterHeader(Path csv, List<String> rows) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.addAll(1, rows);
    Files.write(csv, lines);
  }
}
