package org.hindsight.patterns.missingexit;

import static org.hindsight.drill.Difficulty.EASY;
import static org.hindsight.drill.Difficulty.HARD;
import static org.hindsight.drill.Difficulty.MEDIUM;

import com.google.auto.service.AutoService;
import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/**
 * Drills of missing-exit from this pack's fixtures. Near misses are only those whose logs explain
 * every symptom: the correct-session and exit-before-router-bgp fixtures show a route surge with
 * no recorded cause, which a trainee could never rule out.
 */
@AutoService(IncidentGenerator.class)
public final class MissingExitGenerator implements IncidentGenerator {
  @Override
  public String pattern() {
    return "missing-exit";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("ospf-as-mismatch", EASY, "typo-mode-line", MEDIUM, "iosxr-commit", MEDIUM,
        "two-levels-deep", HARD, "junos-relative-edit", HARD, "frr-vtysh-isis-left-open", MEDIUM,
        "near-miss-bounded-redistribution", EASY, "near-miss-leak-without-surge", EASY,
        "near-miss-frr-redistribution-in-an-ospf-vrf", MEDIUM);
  }
}
