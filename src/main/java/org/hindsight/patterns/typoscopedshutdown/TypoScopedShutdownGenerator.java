package org.hindsight.patterns.typoscopedshutdown;

import static org.hindsight.drill.Difficulty.EASY;
import static org.hindsight.drill.Difficulty.HARD;
import static org.hindsight.drill.Difficulty.MEDIUM;

import com.google.auto.service.AutoService;
import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/**
 * Drills of typo-scoped-shutdown from this pack's fixtures. Not cumulative-removals: its cause is a
 * command that, read alone, stays within its ticket (only the sum of four runs exceeds it), which a
 * drill's answer must never be (TypoScopedShutdownDrillTest).
 */
@AutoService(IncidentGenerator.class)
public final class TypoScopedShutdownGenerator implements IncidentGenerator {
  @Override
  public String pattern() {
    return "typo-scoped-shutdown";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("count-slip", EASY, "second-role", EASY, "glob-typo", MEDIUM, "kubectl-scale", HARD,
        "near-miss-batched-decommission", EASY, "near-miss-exact-ticket", EASY,
        "near-miss-intended-below-minimum", EASY, "near-miss-mass-removal-above-minimum", EASY);
  }
}
