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
}
