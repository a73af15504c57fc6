package org.hindsight.simulate;

import java.util.Set;
import org.hindsight.facts.Hypothesis;
import org.hindsight.world.World;

/**
 * Validates hypotheses of one pattern by replay: re-runs the incident from the logs' initial state
 * with the suspected cause (does it reproduce the observed symptoms?), with exactly that cause
 * removed (do they vanish?) and with each rival of the same shape (does something else explain them
 * as well?). The {@link Validator} scores every model against the one observation model
 * ({@link World#observations()}) and turns the scores into a verdict; a simulator predicts, it does
 * not choose what it is scored against.
 *
 * <p>Contract (see {@code docs/validation.md}):
 * <ul>
 *   <li>{@link #symptomKinds()} names the kinds the pattern can produce
 *       ({@link org.hindsight.observe.SymptomKinds}); every observed symptom of those kinds in the
 *       scoring window counts, and predictions use only those kinds;
 *   <li>predicted onsets never precede the model's cause time ({@link Prediction#at()});
 *   <li>the counterfactual removes exactly this cause, never every candidate at once;
 *   <li>rivals are the same shape of cause elsewhere, each alone, labelled for the report;
 *   <li>parameters are not fitted on the symptoms being scored: calibrate from inputs
 *       ({@code services.csv}, inventory attributes), from another entity or an earlier phase,
 *       or from documented priors, and say which in {@link Replay#calibration()};
 *   <li>steps are counted on the {@link SimulationBudget}; a replay that runs out says so.
 * </ul>
 *
 * <p>A simulator starts from what the rule decided: the facts it matched travel with the hypothesis
 * ({@link Hypothesis#causeFact}, {@link Hypothesis#matched(Class)}) and the derived facts with the
 * world ({@link World#derived}). Simulators are found with {@link java.util.ServiceLoader}: a new
 * pattern's simulator is a class annotated {@code @AutoService(Simulator.class)} in its pack, or a
 * line in a plugin jar's {@code META-INF/services/org.hindsight.simulate.Simulator}.
 * The same replay also regenerates a drill's symptoms from its template.
 */
public interface Simulator {
  /** The hypothesis pattern this simulator validates, e.g. {@code missing-exit}. */
  String pattern();

  /**
   * The symptom kinds this pattern's replays predict. An empty set (the default, for simulators
   * written before kinds were declared) means: the kinds its predictions happen to use.
   */
  default Set<String> symptomKinds() {
    return Set.of();
  }

  /**
   * The observed kinds that show a predicted kind: by default the kind itself. A capacity replay
   * predicting {@code service.down} of a service may declare it seen as a down or degraded event or
   * an error-ratio excursion of that service.
   */
  default Set<String> observedAs(String predictedKind) {
    return Set.of(predictedKind);
  }

  /**
   * {@link #observedAs(String)} for one hypothesis: a generic simulator may let the rule that asked for it say how
   * the failure it claims shows in the logs. By default the simulator's answer whatever the hypothesis.
   */
  default Set<String> observedAs(Hypothesis hypothesis, String predictedKind) {
    return observedAs(predictedKind);
  }

  /**
   * Whether this simulator's replays read events of this type from the world directly (beyond the
   * observation model and the facts the rules hand on): {@code reduce} keeps such events whole and
   * may count the rest. By default every type: a simulator that does not say keeps every event.
   */
  default boolean readsEventType(String type) {
    return true;
  }

  /**
   * Whether trouble on the cause's own entities (its subject, the entity the rule says failed, its
   * origins) is the impact this pattern claims, so that a replay explaining only that trouble can be
   * confirmed: a command that shut its hosts down. By default not: an entity failing is not evidence that
   * its own change, leak or placement caused trouble to others (docs/validation.md, "Trouble beyond the cause").
   */
  default boolean ownTroubleIsImpact() {
    return false;
  }

  Replay replay(World world, Hypothesis hypothesis, SimulationBudget budget);
}
