package org.hindsight.patterns.singlesitedependency;

import static org.hindsight.drill.Difficulty.EASY;
import static org.hindsight.drill.Difficulty.HARD;
import static org.hindsight.drill.Difficulty.MEDIUM;

import com.google.auto.service.AutoService;
import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/** Drills of single-site-dependency from this pack's fixtures. */
@AutoService(IncidentGenerator.class)
public final class SingleSiteDependencyGenerator implements IncidentGenerator {
  @Override
  public String pattern() {
    return "single-site-dependency";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("key-store", EASY, "control-plane", MEDIUM, "two-hops-down", HARD, "halls-one-power-domain", HARD,
        "near-miss-everything-fails-over", EASY, "near-miss-fire-no-single-site", EASY,
        "near-miss-multi-site-degrades", EASY, "near-miss-soft-dependency", EASY);
  }
}
