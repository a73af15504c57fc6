package org.hindsight.drill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * Generates a realistic incident bundle of one pattern, in the contract's CSV kinds, for drills and
 * for testing that rules generalise. Everything random comes from {@code random}, so a seed
 * reproduces a drill. Found with {@link java.util.ServiceLoader} ({@code @AutoService(IncidentGenerator.class)}
 * in a pack, or {@code META-INF/services/org.hindsight.drill.IncidentGenerator} in a plugin jar).
 */
public interface IncidentGenerator {
  /** The pattern it generates (as in hypotheses), e.g. {@code missing-exit}. */
  String pattern();

  /**
   * Writes the bundle's CSV files into {@code dir} (which exists and is empty) and returns the
   * answer. With {@code nearMiss}, writes a look-alike incident the analyser must stay silent on
   * and returns {@link DrillAnswer#none()}.
   */
  DrillAnswer generate(Path dir, RandomGenerator random, Difficulty difficulty, boolean nearMiss) throws IOException;

  /**
   * Changes whenever the same seed would produce a different bundle, so a sealed drill records
   * which generator made it (shown to trainers, never to trainees).
   */
  default String version() {
    return "1";
  }
}
