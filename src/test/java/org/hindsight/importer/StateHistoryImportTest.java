package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring systems' state histories, as the tools write them, from the raw file in a folder given to {@code analyze} to
 * the report's symptoms: a check that failed for good (Nagios's HARD state, after its retries) is a symptom of its host
 * from the moment it was believed until it recovered; the near misses — retries that passed (SOFT states only), a log
 * holding only recoveries — show nothing. Host names, times and the number of retries vary per run of the generator.
 */
class StateHistoryImportTest {
  static final Instant START = Instant.parse("2024-06-20T14:00:00Z");
  @TempDir Path tmp;

  private static String nagiosLine(Instant t, String text) {
    return "[" + t.getEpochSecond() + "] " + text + "\n";
  }

  /** A day's nagios.log: the rotation's snapshot, a check of {@code host} failing from {@code failAt} (its retries first). */
  private static String nagiosLog(String host, String other, int failAt, int retries, boolean hard, boolean recovers) {
    StringBuilder log = new StringBuilder();
    Instant day = START.minusSeconds(14 * 3600);
    log.append(nagiosLine(day, "LOG ROTATION: DAILY")).append(nagiosLine(day, "LOG VERSION: 2.0"));
    log.append(nagiosLine(day, "CURRENT SERVICE STATE: " + host + ";HTTP;OK;HARD;1;HTTP OK: HTTP/1.1 200 OK - 612 bytes"));
    log.append(nagiosLine(day, "CURRENT SERVICE STATE: " + other + ";HTTP;OK;HARD;1;HTTP OK: HTTP/1.1 200 OK - 598 bytes"));
    Instant t = START.plusSeconds(60L * failAt);
    for (int a = 1; a <= retries; a++, t = t.plusSeconds(60)) {
      log.append(nagiosLine(t, "SERVICE ALERT: " + host + ";HTTP;CRITICAL;SOFT;" + a + ";CRITICAL - Socket timeout after 10 seconds"));
    }
    if (hard) {
      log.append(nagiosLine(t, "SERVICE ALERT: " + host + ";HTTP;CRITICAL;HARD;" + (retries + 1) + ";CRITICAL - Socket timeout after 10 seconds"));
      log.append(nagiosLine(t, "SERVICE NOTIFICATION: oncall;" + host + ";HTTP;CRITICAL;notify-service-by-email;CRITICAL - Socket timeout"));
    }
    if (recovers) {
      t = t.plusSeconds(1200);
      log.append(nagiosLine(t, "SERVICE ALERT: " + host + ";HTTP;OK;" + (hard ? "HARD;" + (retries + 1) : "SOFT;" + (retries + 1))
          + ";HTTP OK: HTTP/1.1 200 OK - 612 bytes in 0.004 second response time"));
    }
    // the other host's retry that passed: never believed, never a symptom
    log.append(nagiosLine(t.plusSeconds(30), "SERVICE ALERT: " + other + ";HTTP;WARNING;SOFT;1;HTTP WARNING: 0.9 second response time"));
    log.append(nagiosLine(t.plusSeconds(90), "SERVICE ALERT: " + other + ";HTTP;OK;SOFT;2;HTTP OK: HTTP/1.1 200 OK - 598 bytes"));
    return log.toString();
  }

  private Path folder(String name, String file, String text) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve(file), text);
    return dir;
  }

  @Test
  void aNagiosCheckThatFailedForGoodIsItsHostDownUntilItRecovered() throws Exception {
    Random random = new Random(20240620L);
    for (int run = 0; run < 3; run++) {
      String host = "web-" + (10 + random.nextInt(80));
      String other = "app-" + (10 + random.nextInt(80));
      int failAt = 5 + random.nextInt(30);
      int retries = 1 + random.nextInt(3);
      JsonNode r = CloudMetricsImportTest.analyze(folder("nagios-" + run, "nagios.log", nagiosLog(host, other, failAt, retries, true, true)).toString());
      JsonNode down = CloudMetricsImportTest.symptom(r, host, "service.down");
      assertNotNull(down, r.get("symptoms").toString());
      // believed at the HARD state, after the retries; over at the recovery
      Instant hardAt = START.plusSeconds(60L * (failAt + retries));
      assertEquals(hardAt, Instant.parse(down.path("onset").asText()), down.toString());
      assertEquals(hardAt.plusSeconds(1200), Instant.parse(down.path("end").asText()), down.toString());
      assertNull(CloudMetricsImportTest.symptom(r, other, "service.degraded"), r.get("symptoms").toString());
      assertEquals(1, r.path("symptomCount").asInt(), r.get("symptoms").toString());
    }
  }

  @Test
  void aHostsDownEndsWhenItsFailingCheckRecoversWhileAWarningGoesOn() throws Exception {
    Instant warn = START.plusSeconds(120), crit = START.plusSeconds(600), critOk = START.plusSeconds(1500), warnOk = START.plusSeconds(2400);
    String log = nagiosLine(warn, "SERVICE ALERT: db-4;Disk /var;WARNING;HARD;3;DISK WARNING - free space: /var 2811 MB (9%)")
        + nagiosLine(crit, "SERVICE ALERT: db-4;PostgreSQL;CRITICAL;HARD;3;connection refused")
        + nagiosLine(critOk, "SERVICE ALERT: db-4;PostgreSQL;OK;HARD;3;OK - database postgres (0 sec.)")
        + nagiosLine(warnOk, "SERVICE ALERT: db-4;Disk /var;OK;HARD;3;DISK OK - free space: /var 5120 MB (17%)");
    JsonNode r = CloudMetricsImportTest.analyze(folder("two-checks", "nagios.log", log).toString());
    JsonNode down = CloudMetricsImportTest.symptom(r, "db-4", "service.down");
    assertNotNull(down, r.get("symptoms").toString());
    assertEquals(critOk, Instant.parse(down.path("end").asText()), down.toString()); // not when the disk recovered
    boolean degradedToTheEnd = false;
    for (JsonNode s : r.get("symptoms")) {
      degradedToTheEnd |= s.path("entity").asText().equals("db-4") && s.path("kind").asText().equals("service.degraded")
          && Instant.parse(s.path("onset").asText()).equals(critOk) && Instant.parse(s.path("end").asText()).equals(warnOk);
    }
    assertTrue(degradedToTheEnd, "the disk warning goes on after the database recovered: " + r.get("symptoms"));
  }

  /**
   * A recovery written as two rows (down over, the warning left re-opened as degraded) is still one record of the log:
   * the count lenient mode weighs bad records against is of lines read, not of rows written. Near miss: the same
   * recovery while another check still says down is one row, and counted once too.
   */
  @Test
  void aRecoveryWrittenAsTwoRowsIsOneRecordImported() throws Exception {
    Instant warn = START.plusSeconds(120), crit = START.plusSeconds(600), critOk = START.plusSeconds(1500), warnOk = START.plusSeconds(2400);
    for (String left : new String[] {"Disk /var;WARNING", "Replication;CRITICAL"}) {
      String log = nagiosLine(warn, "SERVICE ALERT: db-4;" + left + ";HARD;3;check output")
          + nagiosLine(crit, "SERVICE ALERT: db-4;PostgreSQL;CRITICAL;HARD;3;connection refused")
          + nagiosLine(critOk, "SERVICE ALERT: db-4;PostgreSQL;OK;HARD;3;OK - database postgres (0 sec.)")
          + nagiosLine(warnOk, "SERVICE ALERT: db-4;" + left.substring(0, left.indexOf(';')) + ";OK;HARD;3;check output");
      Path file = folder("count-" + left.hashCode(), "nagios.log", log).resolve("nagios.log");
      PrometheusLiveTest.Result r = PrometheusLiveTest.cli("import", "nagios-log", file.toString(), "--out", tmp.resolve("out-" + left.hashCode()).toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("(nagios-log): 4 record(s) imported"), left + ": " + r.err());
    }
  }

  @Test
  void nagiosRetriesThatPassedAndRecoveriesAloneShowNothing() throws Exception {
    // only SOFT states: the check failed once or twice and passed on retry
    JsonNode soft = CloudMetricsImportTest.analyze(folder("soft", "nagios.log", nagiosLog("db-7", "db-8", 12, 2, false, true)).toString());
    assertEquals(0, soft.path("symptomCount").asInt(), soft.get("symptoms").toString());
    assertEquals(0, soft.get("hypotheses").size(), soft.get("hypotheses").toString());
    // only recoveries (the problems were in an earlier file not given): nothing to end, nothing begun
    StringBuilder recoveries = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      recoveries.append(nagiosLine(START.plusSeconds(300L * i), "SERVICE ALERT: db-" + i + ";PostgreSQL;OK;HARD;3;OK - database postgres (0 sec.)"));
      recoveries.append(nagiosLine(START.plusSeconds(300L * i + 20), "HOST ALERT: db-" + i + ";UP;HARD;1;PING OK - Packet loss = 0%"));
    }
    JsonNode ok = CloudMetricsImportTest.analyze(folder("recoveries", "icinga.log", recoveries.toString()).toString());
    assertEquals(0, ok.path("symptomCount").asInt(), ok.get("symptoms").toString());
    assertEquals(0, ok.get("hypotheses").size(), ok.get("hypotheses").toString());
  }

  @Test
  void anIcinga2EventStreamOfAHardStateChangeIsTheHostDown() throws Exception {
    String host = "cache-" + (1 + new Random(7).nextInt(9));
    Instant soft = START.plusSeconds(421), hard = START.plusSeconds(541), ok = START.plusSeconds(1900);
    String stream = "{\"type\":\"CheckResult\",\"timestamp\":" + (soft.getEpochSecond() - 60) + ".1,\"host\":\"" + host
        + "\",\"service\":\"redis\",\"check_result\":{\"exit_status\":0,\"output\":\"OK\"}}\n"
        + change(soft, host, 2, 0) + change(hard, host, 2, 1) + change(ok, host, 0, 1);
    JsonNode r = CloudMetricsImportTest.analyze(folder("icinga2", "events.json", stream).toString());
    JsonNode down = CloudMetricsImportTest.symptom(r, host, "service.down");
    assertNotNull(down, r.get("symptoms").toString());
    assertEquals(hard, Instant.parse(down.path("onset").asText()));
    assertEquals(ok, Instant.parse(down.path("end").asText()));
    // near miss: the same stream with the problem never HARD
    JsonNode near = CloudMetricsImportTest.analyze(folder("icinga2-soft", "events.json", change(soft, host, 2, 0) + change(ok, host, 0, 0)).toString());
    assertEquals(0, near.path("symptomCount").asInt(), near.get("symptoms").toString());
    assertTrue(near.get("hypotheses").isEmpty(), near.get("hypotheses").toString());
  }

  private static String change(Instant t, String host, int state, int stateType) {
    return "{\"type\":\"StateChange\",\"timestamp\":" + t.getEpochSecond() + ".0,\"host\":\"" + host + "\",\"service\":\"redis\",\"state\":"
        + state + ".0,\"state_type\":" + stateType + ".0,\"check_result\":{\"output\":\"redis " + state + "\"},\"downtime_depth\":0.0,"
        + "\"acknowledgement\":false}\n";
  }

  /** An event.get answer, pretty-printed as {@code jq .} leaves it: each problem of a host, its recovery event when it ended. */
  private static String eventGet(String host, String[][] problems) throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode answer = CloudMetricsImportTest.JSON.createObjectNode().put("jsonrpc", "2.0");
    com.fasterxml.jackson.databind.node.ArrayNode result = answer.putArray("result");
    int id = 9000;
    for (String[] p : problems) { // name, severity, problem clock, recovery clock or ""
      com.fasterxml.jackson.databind.node.ObjectNode e = result.addObject().put("eventid", String.valueOf(++id)).put("source", "0")
          .put("object", "0").put("clock", p[2]).put("value", "1").put("ns", "0").put("name", p[0]).put("severity", p[1])
          .put("r_eventid", p[3].isEmpty() ? "0" : String.valueOf(id + 500));
      e.putArray("hosts").addObject().put("hostid", "10084").put("host", host).put("name", host.toUpperCase());
      if (!p[3].isEmpty()) {
        com.fasterxml.jackson.databind.node.ObjectNode r = result.addObject().put("eventid", String.valueOf(id + 500)).put("source", "0")
            .put("object", "0").put("clock", p[3]).put("value", "0").put("ns", "0").put("name", p[0]).put("severity", "0");
        r.putArray("hosts").addObject().put("hostid", "10084").put("host", host).put("name", host.toUpperCase());
      }
    }
    return CloudMetricsImportTest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n";
  }

  @Test
  void aZabbixProblemSayingTheServiceIsDownIsItsHostDownUntilItsRecoveryEvent() throws Exception {
    Random random = new Random(61);
    for (int run = 0; run < 2; run++) {
      String host = "db-" + (10 + random.nextInt(80));
      long at = START.getEpochSecond() + 60L * (3 + random.nextInt(40));
      String json = eventGet(host, new String[][] {
          {"MySQL: Service is down", "4", String.valueOf(at), String.valueOf(at + 1500)},
          {"Nginx: Version has changed (new version: 1.25.3)", "1", String.valueOf(at - 600), ""}});
      JsonNode r = CloudMetricsImportTest.analyze(folder("zabbix-" + run, "events.json", json).toString());
      JsonNode down = CloudMetricsImportTest.symptom(r, host, "service.down");
      assertNotNull(down, r.get("symptoms").toString());
      assertEquals(Instant.ofEpochSecond(at), Instant.parse(down.path("onset").asText()));
      assertEquals(Instant.ofEpochSecond(at + 1500), Instant.parse(down.path("end").asText()));
      assertEquals(1, r.path("symptomCount").asInt(), r.get("symptoms").toString()); // the information-level problem is none
    }
    // near miss: only information-level problems and recoveries of problems raised before the export's range
    long at = START.getEpochSecond() + 600;
    String quiet = eventGet("db-3", new String[][] {{"Nginx: Version has changed", "1", String.valueOf(at), ""},
        {"/etc/passwd has been changed", "1", String.valueOf(at + 60), ""}});
    JsonNode r = CloudMetricsImportTest.analyze(folder("zabbix-quiet", "events.json", quiet).toString());
    assertEquals(0, r.path("symptomCount").asInt(), r.get("symptoms").toString());
    assertEquals(0, r.get("hypotheses").size(), r.get("hypotheses").toString());
  }

  @Test
  void theZabbixFrontendsProblemsCsvIsReadInTheZoneItsUserSaw() throws Exception {
    String csv = "\"Severity\",\"Time\",\"Recovery time\",\"Status\",\"Host\",\"Problem\",\"Duration\",\"Ack\",\"Actions\",\"Tags\"\n"
        + "\"High\",\"2024-06-20 17:05:10\",\"2024-06-20 17:31:40\",\"RESOLVED\",\"lb-2\",\"Unavailable by ICMP ping\",\"26m 30s\",\"No\",\"\",\"\"\n"
        + "\"Warning\",\"2024-06-20 17:20:00\",\"\",\"PROBLEM\",\"lb-3\",\"Linux: High memory utilization (>90% for 5m)\",\"1h\",\"No\",\"\",\"\"\n";
    JsonNode r = CloudMetricsImportTest.analyze(folder("zabbix-csv", "zbx_problems_export.csv", csv).toString(), "--timezone", "Europe/Riga");
    JsonNode down = CloudMetricsImportTest.symptom(r, "lb-2", "service.down");
    assertNotNull(down, r.get("symptoms").toString());
    assertEquals(Instant.parse("2024-06-20T14:05:10Z"), Instant.parse(down.path("onset").asText())); // Riga is UTC+3 in June
    assertEquals(Instant.parse("2024-06-20T14:31:40Z"), Instant.parse(down.path("end").asText()));
    assertNotNull(CloudMetricsImportTest.symptom(r, "lb-3", "service.degraded"), r.get("symptoms").toString());
    assertNull(CloudMetricsImportTest.symptom(r, "lb-3", "service.down"), r.get("symptoms").toString());
  }

  /** The Zabbix server's real-time export of history ({@code history-history-syncer-N.ndjson}): its CPU item's values. */
  private static String zabbixHistory(String[] hosts, double[][] cpu) {
    StringBuilder out = new StringBuilder();
    for (int m = 0; m < 60; m++) {
      for (int k = 0; k < hosts.length; k++) {
        out.append("{\"host\":{\"host\":\"").append(hosts[k]).append("\",\"name\":\"").append(hosts[k])
            .append("\"},\"groups\":[\"Linux servers\"],\"itemid\":").append(45000 + k).append(",\"name\":\"CPU utilization\",\"clock\":")
            .append(START.getEpochSecond() + 60L * m).append(",\"ns\":").append(17 * m).append(",\"value\":").append(cpu[k][m])
            .append(",\"type\":0}\n");
      }
    }
    return out.toString();
  }

  @Test
  void zabbixHistoryOfAHostWhoseCpuPinnedIsItsCpuPinned() throws Exception {
    String[] hosts = {"app-" + (1 + new Random(3).nextInt(9)), "app-x"};
    int breakAt = 37;
    JsonNode r = CloudMetricsImportTest.analyze(folder("zbx-pinned", "history-history-syncer-1.ndjson",
        zabbixHistory(hosts, CloudMetricsImportTest.cpu(11, breakAt, 99.5))).toString());
    JsonNode pinned = CloudMetricsImportTest.symptom(r, hosts[0], "cpu.pinned");
    assertNotNull(pinned, r.get("symptoms").toString());
    assertEquals(START.plusSeconds(60L * breakAt), Instant.parse(pinned.path("onset").asText()).minusNanos(
        Instant.parse(pinned.path("onset").asText()).getNano()));
    assertNull(CloudMetricsImportTest.symptom(r, hosts[1], "cpu.pinned"), r.get("symptoms").toString());
    // near miss: busy (80s) but never pinned
    JsonNode busy = CloudMetricsImportTest.analyze(folder("zbx-busy", "history-history-syncer-1.ndjson",
        zabbixHistory(hosts, CloudMetricsImportTest.cpu(11, breakAt, 86))).toString());
    assertEquals(0, busy.path("symptomCount").asInt(), busy.get("symptoms").toString());
  }

  private static final String WIN_HEADER = "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n"
      + "\"Message\",\"Id\",\"Level\",\"RecordId\",\"ProviderName\",\"LogName\",\"MachineName\",\"TimeCreated\",\"LevelDisplayName\"\n";

  private static String winRow(String message, int id, int level, String provider, String machine, String usTime, String levelName) {
    return "\"" + message.replace("\"", "\"\"") + "\",\"" + id + "\",\"" + level + "\",\"" + (80000 + id) + "\",\"" + provider
        + "\",\"System\",\"" + machine + "\",\"" + usTime + "\",\"" + levelName + "\"\n";
  }

  @Test
  void aWindowsServiceThatCrashedIsARestartOfItsMachineAtTheLocalTimeTheExportWrote() throws Exception {
    Random random = new Random(41);
    String machine = "WEB-" + (10 + random.nextInt(80));
    int minute = 10 + random.nextInt(40);
    String csv = WIN_HEADER
        + winRow("The Windows Update service entered the running state.", 7036, 4, "Service Control Manager", machine, "6/20/2024 9:58:00 AM", "Information")
        + winRow("The World Wide Web Publishing Service service terminated unexpectedly.  It has done this 1 time(s).", 7034, 2,
            "Service Control Manager", machine, "6/20/2024 10:" + minute + ":30 AM", "Error")
        + winRow("The Print Spooler service entered the stopped state.", 7036, 4, "Service Control Manager", "APP-1", "6/20/2024 10:20:00 AM", "Information");
    JsonNode r = CloudMetricsImportTest.analyze(folder("win-crash", "System.csv", csv).toString(), "--timezone", "America/Chicago");
    String host = machine.toLowerCase(java.util.Locale.ROOT);
    JsonNode restart = CloudMetricsImportTest.symptom(r, host, "restart");
    assertNotNull(restart, r.get("symptoms").toString());
    assertEquals(Instant.parse("2024-06-20T15:" + minute + ":30Z"), Instant.parse(restart.path("onset").asText())); // CDT is UTC-5
    assertEquals(1, r.path("symptomCount").asInt(), r.get("symptoms").toString());
    // near miss: services stopped and started as asked, a restart a user requested: nothing failed
    String quiet = WIN_HEADER
        + winRow("The Windows Update service entered the stopped state.", 7036, 4, "Service Control Manager", machine, "6/20/2024 9:58:00 AM", "Information")
        + winRow("The process C:\\Windows\\system32\\shutdown.exe (" + machine + ") has initiated the restart of computer " + machine
            + " on behalf of user CORP\\ops for the following reason: Application: Maintenance (Planned)", 1074, 4, "User32", machine,
            "6/20/2024 10:00:00 AM", "Information")
        + winRow("The Windows Update service entered the running state.", 7036, 4, "Service Control Manager", machine, "6/20/2024 10:01:00 AM", "Information");
    JsonNode near = CloudMetricsImportTest.analyze(folder("win-quiet", "System.csv", quiet).toString(), "--timezone", "America/Chicago");
    assertEquals(0, near.path("symptomCount").asInt(), near.get("symptoms").toString());
    assertEquals(0, near.get("hypotheses").size(), near.get("hypotheses").toString());
  }

  @Test
  void wevtutilXmlOfAMachineThatShutDownAndCameBackIsItDownMeanwhile() throws Exception {
    String host = "db-" + (1 + new Random(5).nextInt(9));
    Instant down = START.plusSeconds(780), up = START.plusSeconds(1020);
    String xml = winXml("EventLog", 6006, 4, down, host) + winXml("EventLog", 6005, 4, up, host)
        + winXml("Service Control Manager", 7036, 4, up.plusSeconds(30), host);
    JsonNode r = CloudMetricsImportTest.analyze(folder("wevtutil", "system.xml", xml).toString());
    JsonNode d = CloudMetricsImportTest.symptom(r, host, "service.down");
    assertNotNull(d, r.get("symptoms").toString());
    assertEquals(down, Instant.parse(d.path("onset").asText()));
    assertEquals(up, Instant.parse(d.path("end").asText()));
    // near miss: the event log starting with no stop before it (the export begins at boot) says nothing failed
    JsonNode near = CloudMetricsImportTest.analyze(folder("wevtutil-boot", "system.xml", winXml("EventLog", 6005, 4, up, host)).toString());
    assertEquals(0, near.path("symptomCount").asInt(), near.get("symptoms").toString());
  }

  private static String winXml(String provider, int id, int level, Instant at, String computer) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='" + provider + "'/><EventID Qualifiers='32768'>"
        + id + "</EventID><Version>0</Version><Level>" + level + "</Level><TimeCreated SystemTime='" + at.toString().replace("Z", ".0000000Z")
        + "'/><EventRecordID>" + (90000 + id) + "</EventRecordID><Channel>System</Channel><Computer>" + computer
        + "</Computer><Security/></System><EventData><Data>" + id + "</Data></EventData></Event>\n";
  }
}
