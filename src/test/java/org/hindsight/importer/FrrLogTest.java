package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FRRouting's own command records: vtysh's VTYSH_LOG keeps every line of a {@code vtysh -c} run (rejected ones too),
 * so a missing exit shows with the evidence of what the operator meant; the daemons' {@code log commands} records
 * hold one typed line once per daemon that ran it, read as one row.
 */
class FrrLogTest {
  static final Path DIR = Path.of("src/test/resources/import/frr-log");
  @TempDir Path dir;

  private Analysis importAndAnalyze(Path log, String device) throws Exception {
    Path bundle = dir.resolve("bundle");
    Import.run(List.of(new Import.Job("frr-log", List.of(log.toString()))),
        ImportSettings.builder().timezone(ZoneId.of("Europe/Paris")).build(), bundle);
    List<String> routers = List.of(device, "edge-a", "edge-b", "spine-1", "spine-2");
    StringBuilder inv = new StringBuilder("entity,type,site,service,platform\n");
    for (String r : routers) inv.append(r).append(",router,mrs,backbone,Cumulus Linux 5.4\n");
    Files.writeString(bundle.resolve("inventory.csv"), inv);
    Files.writeString(bundle.resolve("links.csv"),
        "a,b,protocol\n" + device + ",spine-1,isis\nedge-a,spine-1,isis\nedge-b,spine-2,isis\nspine-1,spine-2,isis\n");
    // every router's IS-IS route count jumps forty-fold eighteen seconds after the session (10:31:02 in Paris)
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    Instant t0 = Instant.parse("2023-03-14T09:10:00Z");
    Instant surge = Instant.parse("2023-03-14T09:31:20Z");
    for (int i = 0; i < 40; i++) {
      Instant t = t0.plusSeconds(60L * i);
      for (String r : routers) m.append(t).append(',').append(r).append(",igp.routes,").append(t.isBefore(surge) ? 1200 : 48000).append('\n');
    }
    Files.writeString(bundle.resolve("metrics.csv"), m);
    return TestAnalysis.analyze(bundle);
  }

  @Test
  void aVtyshRunThatLeftIsisOpenIsTheLeak() throws Exception {
    Path log = DIR.resolve("mrs-r1.log");
    Analysis a = importAndAnalyze(log, "mrs-r1");
    Assessment top = a.live().get(0);
    assertEquals("missing-exit", top.hypothesis().pattern());
    assertEquals("mrs-r1", top.hypothesis().subject());
    assertEquals(new SourceRef(log.normalize().toString(), 6), top.hypothesis().cause());
    assertTrue(Files.readAllLines(log).get(5).endsWith("redistribute ipv4 bgp level-2"));
  }

  @Test
  void theSameRunWithTheIsisBlockClosedLeaksNothing() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("mrs-r1.log")));
    lines.add(3, "20230314-10:31.02:netops exit");
    Path log = dir.resolve("mrs-r1.log");
    Files.write(log, lines);
    Analysis a = importAndAnalyze(log, "mrs-r1");
    assertFalse(a.live().stream().anyMatch(x -> x.hypothesis().pattern().equals("missing-exit")), a.live().toString());
  }

  @Test
  void aLineEveryDaemonLoggedIsOneRowAndKeepsItsNode() throws Exception {
    Path out = dir.resolve("rows");
    Import.run(List.of(new Import.Job("frr-log", List.of(DIR.resolve("lyon-pe3.log").toString()))), ImportSettings.builder().build(), out);
    List<String> rows = Files.readAllLines(out.resolve("config-commands-frr-log.csv"));
    assertEquals(1, rows.stream().filter(r -> r.contains(",configure terminal,")).count(), rows.toString());
    // two ends fifteen seconds apart are two lines, each logged by four daemons
    assertEquals(2, rows.stream().filter(r -> r.contains(",end,")).count(), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.contains(",redistribute ipv4 bgp level-2,,isisd,(config-router)#,")), rows.toString());
    assertEquals(11, rows.size() - 1, rows.toString());
  }

  @Test
  void aLineTypedTwiceToOneDaemonIsTwoRows() throws Exception {
    Path log = dir.resolve("r9.log");
    Files.writeString(log, """
        2023/03/14 10:02:11 ISIS: vty[27]@(config-router)# exit
        2023/03/14 10:02:11 ISIS: vty[27]@(config-router)# exit
        2023/03/14 10:02:12 ZEBRA: vty[40]@(config)# exit
        """);
    Path out = dir.resolve("rows");
    Import.run(List.of(new Import.Job("frr-log", List.of(log.toString()))), ImportSettings.builder().build(), out);
    List<String> rows = Files.readAllLines(out.resolve("config-commands-frr-log.csv"));
    // isisd's second exit is a second line; zebra's is a copy of it
    assertEquals(2, rows.stream().filter(r -> r.contains(",exit,")).count(), rows.toString());
  }
}
