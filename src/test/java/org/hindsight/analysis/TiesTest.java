package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two candidates of one pattern that the evidence cannot separate (the same symptoms explained, fits
 * within the margin) are reported tied, both plausible, never one confirmed by whatever orders them.
 */
class TiesTest {
  @Test
  void twoExpiriesExplainingTheSameOutagesAreTiedNotConfirmed(@TempDir Path dir) throws Exception {
    CsvTable.copyBundle(TestAnalysis.home().resolve("sample-logs/cert-expiry-example"), dir);
    // the proxy every gateway call goes through expires at the same second: it predicts the same three
    // outages (and its own, never seen), within the margin of the gateway's expiry
    CsvTable t = CsvTable.read(dir.resolve("events.csv"));
    String[] expiry = t.where(r -> t.get(r, "type").equals("cert.expired")).get(0);
    String[] twin = expiry.clone();
    t.set(twin, "entity", "edge-proxy");
    t.rows().add(t.rows().indexOf(expiry) + 1, twin);
    t.write();
    Analysis a = TestAnalysis.analyze(dir);
    List<Assessment> expiries = a.assessments().stream().filter(y -> y.hypothesis().pattern().equals("certificate-expiry")).toList();
    assertEquals(2, expiries.size(), String.valueOf(a.assessments()));
    for (Assessment y : expiries) {
      assertEquals(Verdict.PLAUSIBLE, y.validation().verdict(), y.hypothesis() + " " + y.validation().reasons());
      assertTrue(y.validation().reasons().get(0).startsWith("tied with certificate-expiry "), y.validation().reasons().toString());
    }
  }

  @Test
  void twoChangesAtOneMomentUpstreamOfTheSameOutagesSayTheyAreTied(@TempDir Path dir) throws Exception {
    // a change on an edge router at the peer upgrade's minute: each alone explains every outage
    CsvTable.copyBundle(TestAnalysis.home().resolve("rules/change-correlation/fixtures/peer-upgrade-trips-every-pe-prefix-limit"), dir);
    Files.deleteIfExists(dir.resolve("expect.json"));
    CsvTable t = CsvTable.read(dir.resolve("changes.csv"));
    String[] peer = t.rows().get(0);
    String[] edge = peer.clone();
    t.set(edge, "ticket", "CHG-1");
    t.set(edge, "summary", "Routine software upgrade of edge router pe-syd1");
    t.set(edge, "scope", "pe-syd1");
    t.rows().add(edge);
    t.write();
    List<Assessment> live = TestAnalysis.analyze(dir).assessments().stream().filter(y -> y.validation().verdict().live()).toList();
    assertEquals(2, live.size(), String.valueOf(live));
    for (Assessment y : live) {
      assertEquals(Verdict.PLAUSIBLE, y.validation().verdict(), y.validation().reasons().toString());
      assertTrue(y.validation().reasons().get(0).startsWith("tied with change-correlation "), y.validation().reasons().toString());
    }
  }

  @Test
  void theUnperturbedSampleIsNotTied() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/cert-expiry-example"));
    assertEquals(Verdict.CONFIRMED, a.assessments().get(0).validation().verdict());
    assertTrue(Files.exists(TestAnalysis.home().resolve("sample-logs/cert-expiry-example/events.csv")));
  }

  @Test
  void twoClaimsCitingOneCommandAreNotTied() throws Exception {
    // one reboot of every node takes two control-plane services below their minimum, each enough for the
    // API's outage: which route the trouble took is open, which action acted is not
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("rules/typo-scoped-shutdown/fixtures/datacenter-reboot-without-node-list"));
    List<Assessment> claims = a.assessments().stream().filter(y -> y.hypothesis().pattern().equals("typo-scoped-shutdown")).toList();
    assertEquals(2, claims.size(), String.valueOf(a.assessments()));
    assertEquals(claims.get(0).hypothesis().cause(), claims.get(1).hypothesis().cause());
    for (Assessment y : claims) {
      assertEquals(Verdict.CONFIRMED, y.validation().verdict(), y.hypothesis() + " " + y.validation().reasons());
      assertTrue(y.validation().reasons().stream().noneMatch(r -> r.startsWith("tied with")), y.validation().reasons().toString());
    }
  }
}
