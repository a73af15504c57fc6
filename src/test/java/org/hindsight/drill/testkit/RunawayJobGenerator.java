package org.hindsight.drill.testkit;

import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/**
 * Test-only drills of the test-only pattern {@value #PATTERN} (fixtures under
 * {@code src/test/resources/drill-testkit/rules/test-runaway-job/fixtures}): an operator starts a
 * batch job with a huge thread count on a serving host, which degrades minutes later. Hard: the
 * {@code --threads=N --host=H} spelling and an earlier, unrelated degradation. Near miss: the big
 * job starts only after the host had already degraded.
 */
public final class RunawayJobGenerator implements IncidentGenerator {
  public static final String PATTERN = "test-runaway-job";

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("easy-job", Difficulty.EASY, "hard-job", Difficulty.HARD, "near-miss-late-job", Difficulty.EASY);
  }

  @Override
  public String version() {
    return "test-2";
  }
}
