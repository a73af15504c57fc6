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
 * NX-OS's accounting log names the mode path each line took effect in: the rows rebuild the lines as typed (mode
 * lines the path proves, never an exit) and the missing-exit replay finds the leak the device itself recorded.
 */
class NxosAccountingTest {
  static final Path LOG = Path.of("src/test/resources/import/nxos-accounting/nx-pe2.txt");
  @TempDir Path dir;

  private Analysis importAndAnalyze(Path log) throws Exception {
    Path bundle = dir.resolve("bundle");
    Import.run(List.of(new Import.Job("nxos-accounting", List.of(log.toString()))),
        ImportSettings.builder().timezone(ZoneId.of("Asia/Seoul")).build(), bundle);
    List<String> routers = List.of("nx-pe2", "pe1", "pe3", "core1", "core2");
    StringBuilder inv = new StringBuilder("entity,type,site,service,platform\n");
    for (String r : routers) inv.append(r).append(",router,busan,backbone,").append(r.equals("nx-pe2") ? "nxos" : "ios").append('\n');
    Files.writeString(bundle.resolve("inventory.csv"), inv);
    Files.writeString(bundle.resolve("links.csv"), "a,b,protocol\nnx-pe2,core1,isis\npe1,core1,isis\npe3,core2,isis\ncore1,core2,isis\n");
    // every router's IS-IS route count jumps forty-fold eighteen seconds after the line
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    Instant t0 = Instant.parse("2021-10-25T02:00:00Z");
    for (int i = 0; i < 40; i++) {
      Instant t = t0.plusSeconds(60L * i);
      for (String r : routers) m.append(t).append(',').append(r).append(",igp.routes,").append(t.isBefore(t0.plusSeconds(16 * 60 + 20)) ? 1200 : 48000).append('\n');
    }
    Files.writeString(bundle.resolve("metrics.csv"), m);
    return TestAnalysis.analyze(bundle);
  }

  @Test
  void theLineTheDeviceRecordsInsideIsisIsTheLeak() throws Exception {
    Analysis a = importAndAnalyze(LOG);
    Assessment top = a.live().get(0);
    assertEquals("missing-exit", top.hypothesis().pattern());
    assertEquals("nx-pe2", top.hypothesis().subject());
    assertEquals(new SourceRef(LOG.normalize().toString(), 7), top.hypothesis().cause());
    assertTrue(Files.readAllLines(LOG).get(6).contains("router isis CORE ; redistribute bgp 4766 route-map ALL"));
  }

  @Test
  void noExitIsEverInventedAndModeLinesTheRecordsProveAreMarked() throws Exception {
    Path out = dir.resolve("rows");
    Import.run(List.of(new Import.Job("nxos-accounting", List.of(LOG.toString()))), ImportSettings.builder().build(), out);
    List<String> rows = Files.readAllLines(out.resolve("config-commands-nxos-accounting.csv"));
    assertTrue(rows.stream().noneMatch(r -> r.contains(",exit,")), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.contains(",interface Ethernet1/7,,context,")), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.contains(",passive-interface defualt,FAILURE,,")), rows.toString());
  }

  @Test
  void whenTheDeviceRecordsTheLineInTheVrfItWasMeantForThereIsNoLeak() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(LOG));
    lines.set(6, lines.get(6).replace("router isis CORE ; redistribute bgp", "router ospf 1 ; vrf BIZNET ; redistribute bgp"));
    Path log = dir.resolve("nx-pe2.txt");
    Files.write(log, lines);
    Analysis a = importAndAnalyze(log);
    assertFalse(a.live().stream().anyMatch(x -> x.hypothesis().pattern().equals("missing-exit")), a.live().toString());
  }

  static final Path SESSION_LOG = Path.of("src/test/resources/import/nxos-accounting/nx-pe3.txt");

  /**
   * A configuration session's log with the core around it: every router's IS-IS route count jumps twenty seconds after
   * the session's commit (16:12:40 local), six minutes after its lines were typed.
   */
  private Analysis sessionIncident(Path log) throws Exception {
    Path bundle = dir.resolve("session-bundle");
    Import.run(List.of(new Import.Job("nxos-accounting", List.of(log.toString()))),
        ImportSettings.builder().timezone(ZoneId.of("America/Sao_Paulo")).build(), bundle);
    List<String> routers = List.of("nx-pe3", "pe1", "pe4", "core1", "core2");
    StringBuilder inv = new StringBuilder("entity,type,site,service,platform\n");
    for (String r : routers) inv.append(r).append(",router,manaus,backbone,").append(r.equals("nx-pe3") ? "nxos" : "ios").append('\n');
    Files.writeString(bundle.resolve("inventory.csv"), inv);
    Files.writeString(bundle.resolve("links.csv"), "a,b,protocol\nnx-pe3,core1,isis\npe1,core1,isis\npe4,core2,isis\ncore1,core2,isis\n");
    StringBuilder m = new StringBuilder("timestamp,entity,metric,value\n");
    Instant t0 = Instant.parse("2023-06-30T19:00:00Z");
    Instant surge = Instant.parse("2023-06-30T19:13:00Z");
    for (int i = 0; i < 40; i++) {
      Instant t = t0.plusSeconds(30L * i);
      for (String r : routers) m.append(t).append(',').append(r).append(",igp.routes,").append(t.isBefore(surge) ? 1200 : 48000).append('\n');
    }
    Files.writeString(bundle.resolve("metrics.csv"), m);
    return TestAnalysis.analyze(bundle);
  }

  @Test
  void aConfigurationSessionIsRebuiltAndItsStrayLineTakesEffectAtCommit() throws Exception {
    Analysis a = sessionIncident(SESSION_LOG);
    Assessment top = a.live().get(0);
    assertEquals("missing-exit", top.hypothesis().pattern());
    assertEquals("nx-pe3", top.hypothesis().subject());
    assertEquals(new SourceRef(SESSION_LOG.normalize().toString(), 6), top.hypothesis().cause());
    assertEquals("confirmed", top.validation().verdict().word());
  }

  @Test
  void anAbortedConfigurationSessionChangedNothing() throws Exception {
    Path log = dir.resolve("nx-pe3.txt");
    Files.writeString(log, Files.readString(SESSION_LOG).replace("; commit (SUCCESS)", "; abort (SUCCESS)"));
    Analysis a = sessionIncident(log);
    assertFalse(a.live().stream().anyMatch(x -> x.hypothesis().pattern().equals("missing-exit")), a.live().toString());
  }
}
