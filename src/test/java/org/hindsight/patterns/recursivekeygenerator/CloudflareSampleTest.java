package org.hindsight.patterns.recursivekeygenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Acceptance on the Cloudflare 2024-06-20 reconstruction. */
class CloudflareSampleTest {
  static Analysis analysis;

  @BeforeAll
  static void analyse() throws Exception {
    analysis = TestAnalysis.analyze(TestAnalysis.home().resolve("sample-logs/cloudflare-2024-06-20"));
  }

  @Test
  void firstHypothesisIsTheConfirmedCycleClosedByTheSelfReferencingGenerator() {
    Assessment first = analysis.assessments().get(0);
    assertEquals("recursive-key-generator", first.hypothesis().pattern());
    assertEquals("get_cookie_key", first.hypothesis().subject());
    assertEquals(Verdict.CONFIRMED, first.validation().verdict());
    assertTrue(first.hypothesis().cause().file().endsWith("key-generators.csv"));
    assertEquals(8, first.hypothesis().cause().line());
    assertTrue(first.hypothesis().trigger().file().endsWith("requests.csv"), "trigger: the first mixed-cookie request");
  }

  @Test
  void backboneCongestionIsReportedApartFromTheKeyGenerator() {
    assertTrue(analysis.findings().stream().anyMatch(f -> f.finding().kind().equals("independent-cause")
        && f.finding().subject().equals("ord01")), "independent-cause finding for the congested data centre");
    assertTrue(analysis.unexplained().stream().anyMatch(s -> s.entity().equals("ord01") && s.kind().equals("errors")),
        "the congestion errors stay unexplained by the key-generator replay");
    Assessment first = analysis.assessments().get(0);
    assertTrue(first.validation().unexplained().stream().anyMatch(s -> s.entity().equals("ord01")));
  }

  @Test
  void reportNarrativeCarriesBothCounterfactuals() {
    var narrative = String.join("\n", analysis.assessments().get(0).replay().narrative());
    assertTrue(narrative.contains("with the cycle broken"), narrative);
    assertTrue(narrative.contains("0 process(es) would be poisoned"), narrative);
    assertTrue(narrative.contains("disabled when the incident was declared"), narrative);
    assertTrue(narrative.matches("(?s).*\\d+ of \\d+ poisoned process-minutes saved.*"), narrative);
    Object saved = analysis.assessments().get(0).replay().details().get("process_minutes_saved_by_disabling_at_declaration");
    assertTrue(((Number) saved).doubleValue() > 0, "disabling at declaration saves process-minutes");
  }

  @Test
  void noOtherLiveHypothesis() {
    assertEquals(1, analysis.live().size(), analysis.live().toString());
    assertTrue(Path.of(analysis.assessments().get(0).rule().file()).toString().endsWith("recursive-key-generator.drl"));
  }
}
