package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.report.MarkdownReport;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

class MissingExitScenarioTest {
  private static Path fixture(String name) {
    return TestAnalysis.home().resolve("rules/missing-exit/fixtures").resolve(name);
  }

  @Test
  void ktSampleBlamesTheBusanRouterLineThatLandedInIsis() throws Exception {
    Analysis a = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/kt-2021-10-25"));
    Assessment first = a.assessments().get(0);
    assertEquals("missing-exit", first.hypothesis().pattern());
    assertEquals("busan-ent-r2", first.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, first.validation().verdict());
    assertEquals(70, first.hypothesis().cause().line());
    assertTrue(first.hypothesis().cause().file().endsWith("config-commands.csv"));
    assertEquals("router isis KT-CORE", first.replay().details().get("context"));
    String md = MarkdownReport.render(a);
    // Commands in the replay's words render as code spans, not escaped backticks.
    assertTrue(md.contains("Counterfactual: with `exit` after"), "counterfactual in the report");
    assertTrue(md.contains("no bgp route enters isis: 0 of 49 routers surge"), md);
    assertTrue(md.contains("outside the approved window 2021-10-25 01:00:00 +09:00"), "window finding in KST");
    assertTrue(md.contains("domain is flat"), "flat-domain finding");
  }

  @Test
  void commitBasedDialectTakesEffectAtCommitNotWhenTyped() throws Exception {
    Analysis a = TestAnalysis.analyze(fixture("iosxr-commit"));
    Assessment x = TestAnalysis.live(a, "missing-exit").get(0);
    assertEquals(Instant.parse("2022-11-21T03:30:00Z").toString(), x.replay().details().get("effectiveAt"));
    assertEquals("iosxr", x.replay().details().get("dialect"));
  }

  @Test
  void unknownPlatformIsReplayedWithTheGenericModelAndTheReportSaysSo() throws Exception {
    Analysis a = TestAnalysis.analyze(fixture("typo-mode-line"));
    Assessment x = TestAnalysis.live(a, "missing-exit").get(0);
    assertEquals("generic", x.hypothesis().detail("dialect"));
    assertTrue(String.join(" ", x.replay().narrative()).contains("generic IOS-like model was assumed"));
  }

  @Test
  void junosExportOfAPolicyWithoutProtocolMatchLeaksEverything() throws Exception {
    Analysis a = TestAnalysis.analyze(fixture("junos-relative-edit"));
    Assessment x = TestAnalysis.live(a, "missing-exit").get(0);
    assertEquals("any", x.hypothesis().detail("injects"));
    assertEquals("protocols isis", x.hypothesis().detail("context"));
    // The session was inside its approved window: no window finding.
    assertTrue(a.findings().stream().noneMatch(f -> f.finding().summary().contains("outside the approved window")));
  }

  @Test
  void leakWithoutSurgeIsOnlyALatentFinding() throws Exception {
    Analysis a = TestAnalysis.analyze(fixture("near-miss-leak-without-surge"));
    assertTrue(a.assessments().stream().noneMatch(x -> x.hypothesis().pattern().equals("missing-exit")
        && x.validation().verdict() == Verdict.CONFIRMED));
    assertTrue(a.findings().stream().anyMatch(f -> f.finding().kind().equals("latent")));
  }
}
