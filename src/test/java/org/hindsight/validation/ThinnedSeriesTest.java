package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.Perturbations;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A coarser or irregular scrape of an incident's metrics keeps its answer ({@link ThinnedSeries#difference}: the top
 * hypothesis's pattern, subject, verdict and cause record): every 2nd and every 3rd sample kept, every sample written
 * twice, each sample stamped up to a third of its interval late. On fixtures of every pack that has metric fixtures (the
 * full table over every positive fixture, before and after, is {@code ThinnedSeries.main}: docs/validation.md).
 */
class ThinnedSeriesTest {
  /** Fixtures per pack: reconstructions whose metrics carry their story, chosen to be cheap. */
  static final List<String> FIXTURES = List.of(
      "certificate-expiry/fixtures/root-expiry-fails-old-clients-of-an-unchanged-partner",
      "change-correlation/fixtures/backbone-export-term-deactivated-draws-traffic",
      "change-correlation/fixtures/db-minor-upgrade-months-before-fails-the-election",
      "change-correlation/fixtures/near-miss-capacity-added-then-backend-deploy-before-errors",
      "change-correlation/fixtures/waf-rule-pushed-to-every-colo",
      "fault-localisation/fixtures/callee-fault-beside-one-slow-request-in-a-tail",
      "fault-localisation/fixtures/metadata-service-overloaded-after-a-network-blip",
      "missing-exit/fixtures/iosxr-commit",
      "missing-exit/fixtures/frr-vtysh-isis-left-open",
      "recursive-key-generator/fixtures/three-cycle",
      "typo-scoped-shutdown/fixtures/count-slip",
      "single-site-dependency/fixtures/facility-dark-hours-after-feed-lost");

  /** The perturbations asserted (the table also measures every 5th and a fifth dropped at random). */
  static final List<String> STEPS = List.of("every 2nd", "every 3rd", "duplicated", "jittered");

  /**
   * "step: pack/fixture" → why that perturbation rightly changes the fixture's answer (an honest limit: the data can no
   * longer tell), asserted nothing but said.
   */
  static final Map<String, String> LIMITS = Map.of(
      "every 3rd: fault-localisation/callee-fault-beside-one-slow-request-in-a-tail",
      "21 samples a series thinned to 7: four before the fault, fewer than the five a learned baseline needs (MIN_BASELINE)",
      "every 2nd: change-correlation/near-miss-capacity-added-then-backend-deploy-before-errors",
      "a front end's thread count climbing slowly through the lead-up: learned from half as many samples, its median and MAD"
          + " put two samples in a row past six robust units 4 min before the deploy, trouble begun before it (not fixed)");

  private static final Map<String, Analysis> TRUTH = new HashMap<>();

  private static synchronized Analysis truth(Path fixture) throws Exception {
    Analysis a = TRUTH.get(fixture.toString());
    if (a == null) {
      a = TestAnalysis.analyze(fixture);
      assertFalse(a.assessments().isEmpty(), fixture + ": no hypothesis");
      TRUTH.put(fixture.toString(), a);
    }
    return a;
  }

  @TestFactory
  Stream<DynamicTest> theSameAnswerFromACoarserOrIrregularScrape() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String f : FIXTURES) {
      Path fixture = TestAnalysis.home().resolve("rules").resolve(f);
      for (String step : STEPS) {
        String name = step + ": " + f.replace("/fixtures/", "/");
        tests.add(DynamicTest.dynamicTest(name, () -> {
          if (LIMITS.containsKey(name)) {
            System.out.println(name + " changes the answer, an honest limit: " + LIMITS.get(name));
            return;
          }
          Analysis truth = truth(fixture);
          CsvTable.onACopy(fixture, dir -> {
            ThinnedSeries.steps().get(step).apply(dir);
            Analysis a = TestAnalysis.analyze(dir);
            assertNull(ThinnedSeries.difference(truth.assessments().get(0), fixture, dir, a), name + "\n" + Perturbations.describe(a));
          });
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyFixtureNamedExists() {
    for (String f : FIXTURES) assertEquals(true, java.nio.file.Files.exists(TestAnalysis.home().resolve("rules").resolve(f).resolve("metrics.csv")), f);
  }
}
