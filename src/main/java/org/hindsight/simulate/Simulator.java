package org.hindsight.simulate;

import org.hindsight.facts.Hypothesis;
import org.hindsight.world.World;

/**
 * Validates hypotheses of one pattern by replay: re-runs the incident from the logs' initial state
 * with the suspected cause (does it reproduce the observed symptoms?) and without it (do they
 * vanish?). The {@link Validator} turns the two replays into a verdict.
 *
 * <p>A simulator starts from what the rule decided: the facts it matched travel with the hypothesis
 * ({@link Hypothesis#causeFact}, {@link Hypothesis#matched(Class)}) and the derived facts with the
 * world ({@link World#derived}). Simulators are found with {@link java.util.ServiceLoader}: a new
 * pattern's simulator is a class annotated {@code @AutoService(Simulator.class)} in its pack, or a
 * line in a plugin jar's {@code META-INF/services/org.hindsight.simulate.Simulator}.
 */
public interface Simulator {
  /** The hypothesis pattern this simulator validates, e.g. {@code missing-exit}. */
  String pattern();

  Replay replay(World world, Hypothesis hypothesis, SimulationBudget budget);
}
