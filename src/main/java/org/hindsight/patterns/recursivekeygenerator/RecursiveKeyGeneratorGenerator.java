package org.hindsight.patterns.recursivekeygenerator;

import static org.hindsight.drill.Difficulty.EASY;
import static org.hindsight.drill.Difficulty.HARD;
import static org.hindsight.drill.Difficulty.MEDIUM;

import com.google.auto.service.AutoService;
import java.util.Map;
import org.hindsight.drill.Difficulty;
import org.hindsight.drill.IncidentGenerator;

/** Drills of recursive-key-generator from this pack's fixtures. */
@AutoService(IncidentGenerator.class)
public final class RecursiveKeyGeneratorGenerator implements IncidentGenerator {
  @Override
  public String pattern() {
    return "recursive-key-generator";
  }

  @Override
  public Map<String, Difficulty> templates() {
    return Map.of("two-cycle", EASY, "validators-disagree", MEDIUM, "three-cycle", MEDIUM, "cross-rule-types", HARD,
        "deep-chain-terminates", EASY, "guarded-self-reference", EASY, "traffic-spike", EASY,
        "unreachable-cycle", EASY, "validators-agree", EASY);
  }
}
