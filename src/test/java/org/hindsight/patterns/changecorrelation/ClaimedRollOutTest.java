package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Verdict;
import org.hindsight.testing.Claims;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;

/**
 * A roll-out typed host by host (the same command, its {@code host} column naming each item), claimed
 * without the rules' matches (put to a perturbed copy): its steps are the commands on each item, so a
 * copy where every step comes after its item failed is not confirmed (it was: replayed as one failure
 * of the service at the first step, which its hosts' failures then followed).
 */
class ClaimedRollOutTest {
  static final Path FIXTURE = TestAnalysis.home().resolve("rules/change-correlation/fixtures/rolling-package-upgrade-typed-per-host");

  @Test
  void stepsTypedOnEachItemAfterItFailedAreNotConfirmed() throws Exception {
    Assessment truth = TestAnalysis.analyze(FIXTURE).assessments().get(0);
    assertEquals("broker", truth.hypothesis().subject());
    Path dir = Files.createTempDirectory("rollout");
    try {
      CsvTable.copyBundle(FIXTURE, dir);
      assertEquals(Verdict.CONFIRMED, judge(truth.hypothesis(), dir).validation().verdict(), "as logged, put directly: confirmed");
      CsvTable ops = CsvTable.read(dir.resolve("ops-commands.csv"));
      for (String[] r : ops.rows()) ops.shift(r, Duration.ofSeconds(61)); // each step a second after its host went down
      ops.write();
      Assessment late = judge(truth.hypothesis(), dir);
      assertNotEquals(Verdict.CONFIRMED, late.validation().verdict(), late.validation().reasons().toString());
      assertTrue(late.validation().reasons().stream().anyMatch(r -> r.contains("brk-2")), late.validation().reasons().toString());
    } finally {
      CsvTable.deleteCopy(dir);
    }
  }

  private static Assessment judge(Hypothesis h, Path dir) throws Exception {
    World world = TestAnalysis.world(dir);
    return TestAnalysis.validate(world, Claims.resolve(Claims.claim(h), world, dir));
  }
}
