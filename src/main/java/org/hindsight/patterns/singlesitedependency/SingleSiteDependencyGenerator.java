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

  /** 3: the easy template's service renamed (it bore a sample's name), so a seed draws other names than under 2. */
  @Override
  public String version() {
    return "3";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("kms-pair-in-one-site", EASY, "control-plane", MEDIUM, "two-hops-down", HARD, "halls-one-power-domain", HARD,
        "near-miss-everything-fails-over", EASY, "near-miss-fire-no-single-site", EASY,
        "near-miss-multi-site-degrades", EASY, "near-miss-soft-dependency", EASY);
  }
}
