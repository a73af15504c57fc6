package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts that overlap on one entity, from the alerting tools' own exports to the report's symptoms (Alertmanager's webhook
 * notifications, PagerDuty's incidents CSV): an entity is down from its first alert saying so until the last such alert
 * ends, whatever lesser alerts fire, end or are notified again beside it; with only a lesser alert left it is degraded
 * until that ends. The near miss: alerts one after the other are episodes one after the other. Names and times vary per
 * run of the generator.
 */
class OverlappingAlertsImportTest {
  static final Instant START = Instant.parse("2024-03-11T09:00:00Z");
  @TempDir Path tmp;

  private static String webhook(String status, String name, String host, String severity, Instant starts, Instant ends, String fingerprint) {
    return "{\"receiver\":\"ops\",\"status\":\"" + status + "\",\"alerts\":[{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"" + name
        + "\",\"instance\":\"" + host + ":9100\",\"severity\":\"" + severity + "\"},\"annotations\":{\"summary\":\"" + name + " on " + host
        + "\"},\"startsAt\":\"" + starts + "\",\"endsAt\":\"" + (ends == null ? "0001-01-01T00:00:00Z" : ends.toString())
        + "\",\"fingerprint\":\"" + fingerprint + "\"}],\"version\":\"4\"}\n";
  }

  /** The episodes of {@code kind} of {@code entity} in the report, as [onset, end] pairs (end null while open). */
  private static List<Instant[]> episodes(JsonNode report, String entity, String kind) {
    List<Instant[]> out = new ArrayList<>();
    for (JsonNode s : report.get("symptoms")) {
      if (!s.path("entity").asText().equals(entity) || !s.path("kind").asText().equals(kind)) continue;
      out.add(new Instant[] {Instant.parse(s.path("onset").asText()), s.path("end").isMissingNode() || s.path("end").isNull()
          ? null : Instant.parse(s.path("end").asText())});
    }
    return out;
  }

  private static String describe(List<Instant[]> episodes) {
    StringBuilder b = new StringBuilder();
    for (Instant[] e : episodes) b.append('[').append(e[0]).append(" .. ").append(e[1]).append(']');
    return b.toString();
  }

  private Path webhookFolder(String name, String lines) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("alertmanager-notifications.jsonl"), lines);
    return dir.resolve("alertmanager-notifications.jsonl");
  }

  @Test
  void anAlertmanagerWarningEndingBesideADownAlertLeavesItsEntityDownUntilTheDownAlertEnds() throws Exception {
    Random random = new Random(311);
    for (int run = 0; run < 3; run++) {
      String host = "store-" + (10 + random.nextInt(80));
      Instant down = START.plusSeconds(60L * random.nextInt(10));
      Instant warn = down.plusSeconds(60L * (2 + random.nextInt(5)));
      Instant warnEnds = warn.plusSeconds(60L * (3 + random.nextInt(5)));
      Instant downEnds = warnEnds.plusSeconds(60L * (10 + random.nextInt(20)));
      // each notification as the receiver saved it: firing, then resolved, the warning notified again while it fires
      String lines = webhook("firing", "NodeDown", host, "critical", down, null, "f1")
          + webhook("firing", "SlowDiskWrites", host, "warning", warn, null, "f2")
          + webhook("firing", "SlowDiskWrites", host, "warning", warn, null, "f2")
          + webhook("resolved", "SlowDiskWrites", host, "warning", warn, warnEnds, "f2")
          + webhook("resolved", "NodeDown", host, "critical", down, downEnds, "f1");
      JsonNode r = CloudMetricsImportTest.analyze("--from", "alertmanager:" + webhookFolder("down-" + run, lines));
      List<Instant[]> d = episodes(r, host, "service.down");
      assertEquals(1, d.size(), describe(d) + " " + r.get("symptoms"));
      assertEquals(down, d.get(0)[0]);
      assertEquals(downEnds, d.get(0)[1], "down until its own alert ended, not at the warning's: " + describe(d));
      assertTrue(episodes(r, host, "service.degraded").isEmpty(), "the warning while down adds no episode: " + r.get("symptoms"));
    }
  }

  @Test
  void aDownAlertEndingBesideAWarningLeavesItsEntityDegradedUntilTheWarningEnds() throws Exception {
    Instant warn = START, down = START.plusSeconds(600), downEnds = START.plusSeconds(900), warnEnds = START.plusSeconds(2400);
    String lines = webhook("firing", "ReplicationLag", "index-2", "warning", warn, null, "b1")
        + webhook("firing", "TargetDown", "index-2", "critical", down, null, "b2")
        + webhook("resolved", "TargetDown", "index-2", "critical", down, downEnds, "b2")
        + webhook("resolved", "ReplicationLag", "index-2", "warning", warn, warnEnds, "b1");
    JsonNode r = CloudMetricsImportTest.analyze("--from", "alertmanager:" + webhookFolder("degraded", lines));
    List<Instant[]> d = episodes(r, "index-2", "service.down");
    assertEquals(1, d.size(), describe(d));
    assertEquals(downEnds, d.get(0)[1]);
    List<Instant[]> g = episodes(r, "index-2", "service.degraded");
    assertTrue(g.stream().anyMatch(e -> e[0].equals(downEnds) && warnEnds.equals(e[1])),
        "degraded again from the down alert's end until the warning's: " + describe(g));
  }

  @Test
  void alertsOneAfterTheOtherAreEpisodesOneAfterTheOther() throws Exception {
    // the near miss: nothing overlaps, each recovery ends its own episode
    Instant backlog = START, backlogEnds = START.plusSeconds(300), down = START.plusSeconds(360), downEnds = START.plusSeconds(720);
    String lines = webhook("resolved", "QueueBacklog", "queue-4", "warning", backlog, backlogEnds, "c1")
        + webhook("resolved", "InstanceDown", "queue-4", "critical", down, downEnds, "c2");
    JsonNode r = CloudMetricsImportTest.analyze("--from", "alertmanager:" + webhookFolder("apart", lines));
    List<Instant[]> g = episodes(r, "queue-4", "service.degraded");
    List<Instant[]> d = episodes(r, "queue-4", "service.down");
    assertEquals(1, g.size(), describe(g));
    assertEquals(backlogEnds, g.get(0)[1]);
    assertEquals(1, d.size(), describe(d));
    assertEquals(down, d.get(0)[0]);
    assertEquals(downEnds, d.get(0)[1]);
  }

  @Test
  void aPagerDutyIncidentResolvedWhileAnotherSaysTheServiceIsDownLeavesItDown() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("pd"));
    Path csv = dir.resolve("incidents.csv");
    // a latency incident opened and resolved inside the outage, and one of another service after the first (near miss)
    Files.writeString(csv, "incident_number,title,service.summary,created_at,resolved_at,urgency,status\n"
        + "7001,Search API is down,search,2024-03-11T09:00:00Z,2024-03-11T09:40:00Z,high,resolved\n"
        + "7002,Search p99 latency above 2 s,search,2024-03-11T09:02:00Z,2024-03-11T09:10:00Z,low,resolved\n"
        + "7003,Billing export delayed,billing,2024-03-11T09:00:00Z,2024-03-11T09:05:00Z,low,resolved\n"
        + "7004,Billing API is down,billing,2024-03-11T09:06:00Z,2024-03-11T09:16:00Z,high,resolved\n");
    JsonNode r = CloudMetricsImportTest.analyze("--from", "pagerduty:" + csv);
    List<Instant[]> d = episodes(r, "search", "service.down");
    assertEquals(1, d.size(), describe(d));
    assertEquals(Instant.parse("2024-03-11T09:40:00Z"), d.get(0)[1], "down until the outage's incident was resolved: " + describe(d));
    List<Instant[]> b = episodes(r, "billing", "service.down");
    assertEquals(1, b.size(), describe(b));
    assertEquals(Instant.parse("2024-03-11T09:16:00Z"), b.get(0)[1]);
    assertEquals(Instant.parse("2024-03-11T09:05:00Z"), episodes(r, "billing", "service.degraded").get(0)[1]);
  }
}
