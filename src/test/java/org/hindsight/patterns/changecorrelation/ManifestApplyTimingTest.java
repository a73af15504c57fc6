package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.hindsight.analysis.Analysis;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The near miss of a balancer manifest applied after the balancers' errors began says no because of the order, not
 * because the apply names nothing: the same apply before the errors is claimed.
 */
class ManifestApplyTimingTest {
  static final Path FIXTURE = TestAnalysis.home().resolve("rules/fault-localisation/fixtures/near-miss-balancer-config-applied-after-the-errors");

  @Test
  void theBalancersManifestAppliedBeforeTheirErrorsIsClaimedAfterThemNot() throws Exception {
    Analysis after = TestAnalysis.analyze(FIXTURE);
    assertTrue(after.live().stream().noneMatch(a -> a.hypothesis().pattern().equals("change-correlation")), after.live().toString());
    CsvTable.onACopy(FIXTURE, dir -> {
      CsvTable ops = CsvTable.read(dir.resolve("ops-commands.csv"));
      for (String[] r : ops.rows()) {
        if (ops.get(r, "command").contains("internal-lb/bootstrap.yaml")) ops.setTime(r, Instant.parse("2022-03-08T18:41:30Z"));
      }
      ops.write();
      Analysis before = TestAnalysis.analyze(dir);
      assertTrue(before.live().stream().anyMatch(a -> a.hypothesis().pattern().equals("change-correlation")
          && a.hypothesis().subject().equals("internal-lb")), before.assessments().toString());
    });
  }
}
