package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;
import org.hindsight.report.Reports;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SRE's own KT-like logs — a tac_plus accounting file (local time, no year, NAS addresses) and a
 * gzip'd Prometheus range-query export — imported, then analysed with the sample's inventory and
 * topology: the missing-exit hypothesis comes back for the same device, citing the TACACS+ line.
 */
class RoundTripTest {
  static final Path DIR = TestAnalysis.home().resolve("src/test/resources/import/round-trip");
  static final Path KT = TestAnalysis.home().resolve("sample-logs/kt-2021-10-25");
  @TempDir Path out;

  @Test
  void importedTacacsAndPrometheusReproduceTheKtHypothesisCitingTheUsersFile() throws Exception {
    DeviceMap devices = new DeviceMap();
    devices.load(DIR.resolve("device-map.csv"));
    ImportSettings settings = ImportSettings.builder().timezone(ZoneId.of("Asia/Seoul")).year(2021).devices(devices)
        .metrics(MetricMap.parse(List.of("isis_lsdb_route_count=igp.routes"))).build();
    Import.Result r = Import.run(List.of(
        new Import.Job("tacacs", List.of(DIR.resolve("tac_plus.acct").toString())),
        new Import.Job("prometheus-json", List.of(DIR.resolve("isis-routes.json.gz").toString()))), settings, out);
    assertEquals(List.of(out.resolve("config-commands-tacacs.csv"), out.resolve("metrics-prometheus-json.csv")), r.written());
    assertEquals(List.of(), r.unmappedAddresses());

    Analysis a = TestAnalysis.analyze(out, KT.resolve("inventory.csv"), KT.resolve("links.csv"));
    Assessment top = a.live().get(0);
    assertEquals("missing-exit", top.hypothesis().pattern());
    assertEquals("busan-ent-r2", top.hypothesis().subject());
    String tacacs = DIR.resolve("tac_plus.acct").normalize().toString();
    assertEquals(new SourceRef(tacacs, 73), top.hypothesis().cause());
    assertTrue(Files.readAllLines(DIR.resolve("tac_plus.acct")).get(72).endsWith("cmd=redistribute bgp 4766 <cr>"));
    // the report shows the user's own line, and the metric evidence cites the Prometheus file
    String md = Reports.render(a, Reports.Format.md);
    assertTrue(md.contains(tacacs.replace("_", "\\_") + ":73"), md);
    assertTrue(md.contains("cmd=redistribute bgp 4766 <cr>"), md);
    assertTrue(top.hypothesis().evidence().stream().anyMatch(e -> e.ref().file().endsWith("isis-routes.json.gz")),
        top.hypothesis().evidence().toString());
  }

  @Test
  void withoutTheLeakingLineTheHypothesisIsGone() throws Exception {
    // a near miss: the same session with the IS-IS block closed by an exit before the OSPF header
    Path acct = out.resolve("near-miss.acct");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(DIR.resolve("tac_plus.acct")));
    String leak = lines.get(72);
    lines.set(72, leak.replace("cmd=redistribute bgp 4766 <cr>", "cmd=exit <cr>"));
    Files.write(acct, lines);
    DeviceMap devices = new DeviceMap();
    devices.load(DIR.resolve("device-map.csv"));
    ImportSettings settings = ImportSettings.builder().timezone(ZoneId.of("Asia/Seoul")).year(2021).devices(devices)
        .metrics(MetricMap.parse(List.of("isis_lsdb_route_count=igp.routes"))).build();
    Path bundle = out.resolve("bundle");
    Import.run(List.of(new Import.Job("tacacs", List.of(acct.toString())),
        new Import.Job("prometheus-json", List.of(DIR.resolve("isis-routes.json.gz").toString()))), settings, bundle);
    Analysis a = TestAnalysis.analyze(bundle, KT.resolve("inventory.csv"), KT.resolve("links.csv"));
    assertTrue(a.live().stream().noneMatch(x -> x.hypothesis().pattern().equals("missing-exit")
        && x.hypothesis().cause().file().endsWith("near-miss.acct")), a.live().toString());
  }

  @Test
  void analyzeFromImportsAndAnalysesInOneCommandWithTheSameOptions() throws Exception {
    // --timezone, --year and --lenient are the analysis's and the import's at once: one set of options
    Path tmp = out.resolve("tmp");
    System.setProperty("hindsight.import.tmpdir", tmp.toString());
    PrometheusLiveTest.Result r;
    try {
      r = PrometheusLiveTest.cli("analyze", "--from", "tacacs:" + DIR.resolve("tac_plus.acct"),
        "--from", "prometheus-json:" + DIR.resolve("isis-routes.json.gz"), "--device-map", DIR.resolve("device-map.csv").toString(),
        "--metric-map", "isis_lsdb_route_count=igp.routes", "--year", "2021", "--timezone", "Asia/Seoul", "--lenient",
        KT.resolve("inventory.csv").toString(), KT.resolve("links.csv").toString(), "-f", "json");
    } finally {
      System.clearProperty("hindsight.import.tmpdir");
    }
    assertEquals(0, r.code(), r.err());
    var top = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).path("hypotheses").get(0);
    assertEquals("missing-exit", top.path("pattern").asText());
    assertEquals("busan-ent-r2", top.path("subject").asText());
    assertEquals(DIR.resolve("tac_plus.acct").normalize().toString(), top.path("cause").path("file").asText());
    assertEquals(73, top.path("cause").path("line").asInt());
    assertTrue(r.err().contains("tac_plus.acct (tacacs): "), r.err());
    // the temporary bundle is gone once the report is out
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "temporary import left behind");
    }
  }

  @Test
  void analyzeFromReportsTheSourcesProblemsAtTheirLinesAndAnalysesNothing() {
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli("analyze", "--from", "tacacs:src/test/resources/import/tacacs/bad.acct",
        "--year", "2021", "--timezone", "UTC", KT.resolve("inventory.csv").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("src/test/resources/import/tacacs/bad.acct:3: record type 'abort' is not start, stop or update"), r.err());
    assertEquals("", r.out());
    PrometheusLiveTest.Result unknown = PrometheusLiveTest.cli("analyze", "--from", "nosuch:x.log", KT.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("'nosuch:x.log' is not FORMAT:SRC (formats: "), unknown.err());
  }

  @Test
  void theReadmesTwoCommandsTakeSplunkPrometheusAndTacacsToTheReport() throws Exception {
    // README: hindsight import --out incident/ tacacs:… splunk-csv:… prometheus-json:… ; hindsight analyze incident/ inventory links
    Path incident = out.resolve("incident");
    PrometheusLiveTest.Result imported = PrometheusLiveTest.cli("import", "--out", incident.toString(),
        "tacacs:" + DIR.resolve("tac_plus.acct"), "splunk-csv:" + DIR.resolve("../splunk-csv/splunk-export.csv").normalize(),
        "prometheus-json:" + DIR.resolve("isis-routes.json.gz"), "--year", "2021", "--timezone", "Asia/Seoul",
        "--device-map", DIR.resolve("device-map.csv").toString(), "--metric-map", "isis_lsdb_route_count=igp.routes");
    assertEquals(0, imported.code(), imported.err());
    assertEquals(3, imported.out().lines().count(), imported.out());
    PrometheusLiveTest.Result report = PrometheusLiveTest.cli("analyze", incident.toString(), KT.resolve("inventory.csv").toString(),
        KT.resolve("links.csv").toString(), "-f", "md");
    assertEquals(0, report.code(), report.err());
    assertTrue(report.out().contains("missing-exit"), report.out());
    assertTrue(report.out().contains("tac\\_plus.acct:73"), report.out());
    assertTrue(report.out().contains("cmd=redistribute bgp 4766 <cr>"), report.out());
  }

  /**
   * The same sessions as Arista EOS writes them to its own syslog (aaa accounting … logging), one line for one
   * tac_plus record, so line numbers carry over: the hypothesis comes back citing the EOS line.
   */
  private static List<String> asEosSyslog(List<String> tacacs) {
    List<String> out = new java.util.ArrayList<>();
    for (String record : tacacs) {
      String[] f = record.split("\t", -1);
      String kind = record.contains("cmd=") ? "6-CMD" : "5-EXEC";
      String pairs = String.join(" ", java.util.Arrays.copyOfRange(f, 6, f.length));
      out.add(f[0] + " " + f[1] + " Aaa: %ACCOUNTING-" + kind + ": " + f[2] + " " + f[3] + " " + f[4] + " " + f[5] + " " + pairs);
    }
    return out;
  }

  private Analysis importEosAndAnalyze(List<String> eosLines, String name) throws Exception {
    Path log = out.resolve(name);
    Files.write(log, eosLines);
    DeviceMap devices = new DeviceMap();
    devices.load(DIR.resolve("device-map.csv"));
    ImportSettings settings = ImportSettings.builder().timezone(ZoneId.of("Asia/Seoul")).year(2021).devices(devices)
        .metrics(MetricMap.parse(List.of("isis_lsdb_route_count=igp.routes"))).build();
    Path bundle = out.resolve(name + "-bundle");
    Import.Result r = Import.run(List.of(new Import.Job("eos-syslog", List.of(log.toString())),
        new Import.Job("prometheus-json", List.of(DIR.resolve("isis-routes.json.gz").toString()))), settings, bundle);
    assertEquals(List.of(), r.unmappedAddresses());
    return TestAnalysis.analyze(bundle, KT.resolve("inventory.csv"), KT.resolve("links.csv"));
  }

  @Test
  void eosCommandAccountingInSyslogReproducesTheHypothesisAtTheSameLine() throws Exception {
    List<String> eos = asEosSyslog(Files.readAllLines(DIR.resolve("tac_plus.acct")));
    assertTrue(eos.get(72).contains("%ACCOUNTING-6-CMD: partner-crew07 vty0 10.200.5.22 stop task_id=4238"), eos.get(72));
    Analysis a = importEosAndAnalyze(eos, "switches.log");
    Assessment top = a.live().get(0);
    assertEquals("missing-exit", top.hypothesis().pattern());
    assertEquals("busan-ent-r2", top.hypothesis().subject());
    assertEquals(new SourceRef(out.resolve("switches.log").toString(), 73), top.hypothesis().cause());
  }

  @Test
  void eosSessionWithTheIsisBlockClosedRaisesNoMissingExit() throws Exception {
    List<String> eos = asEosSyslog(Files.readAllLines(DIR.resolve("tac_plus.acct")));
    eos.set(72, eos.get(72).replace("cmd=redistribute bgp 4766 <cr>", "cmd=exit <cr>"));
    Analysis a = importEosAndAnalyze(eos, "near-miss.log");
    assertTrue(a.live().stream().noneMatch(x -> x.hypothesis().pattern().equals("missing-exit")), a.live().toString());
  }
}
