package org.hindsight.drill;

import java.util.Map;

/**
 * A pattern pack's drills: which of its fixtures ({@code rules/<pattern>/fixtures/<case>/}) serve
 * as drill templates, and how hard each is. {@link DrillMaker} randomises a template (names,
 * zones, times, scale, noise) and regenerates its symptoms through the pack's own simulator, so a
 * generator holds no incident text and no physics of its own. Positive templates are the fixtures
 * whose {@code expect.json} names one hypothesis with a cause; near-miss templates expect nothing
 * live. Found with {@link java.util.ServiceLoader} ({@code @AutoService(IncidentGenerator.class)}
 * in a pack, or {@code META-INF/services/org.hindsight.drill.IncidentGenerator} in a plugin jar).
 */
public interface IncidentGenerator {
  /** The pattern it drills (as in hypotheses), e.g. {@code missing-exit}. */
  String pattern();

  /** Fixture case names to use as templates, each with its difficulty (near misses: any). */
  Map<String, Difficulty> templates();

  /**
   * Changes whenever the same seed would produce a different bundle, so a sealed drill records
   * which generator made it (shown to trainers, never to trainees).
   */
  default String version() {
    return "2";
  }
}
