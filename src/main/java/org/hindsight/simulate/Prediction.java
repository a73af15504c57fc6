package org.hindsight.simulate;

import java.time.Instant;
import java.util.List;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Symptom;

/**
 * What one model of the incident predicts: the hypothesis's cause acting, the incident with exactly
 * that cause removed, or a rival of the same shape (the same leak from another router, another
 * command of the window, another single-site component alone, another cycle).
 *
 * @param label how reports name the model, e.g. "leak from edge-r7"
 * @param origins the entities where the causes of this model act (one for a single cause); when
 *     given, the first sign the model predicts at an origin must be seen there first: another
 *     entity showing it strictly earlier, or no origin showing it while others do, is an order
 *     violation (empty = no order check)
 * @param cause the record that names the cause, null for a rival the logs do not name
 * @param at when the cause acts: nothing observed before it can be explained by it (null: unknown,
 *     the validator then uses the hypothesis's cause record or the earliest predicted onset)
 * @param symptoms what the model predicts, onsets (and ends where recovery is modelled) included
 */
public record Prediction(String label, List<String> origins, SourceRef cause, Instant at, List<Symptom> symptoms) {
  public Prediction {
    label = label == null ? "" : label;
    origins = origins == null ? List.of() : List.copyOf(origins);
    symptoms = List.copyOf(symptoms);
  }

  /** A model with one origin ("" = none). */
  public Prediction(String label, String origin, SourceRef cause, Instant at, List<Symptom> symptoms) {
    this(label, origin == null || origin.isEmpty() ? List.of() : List.of(origin), cause, at, symptoms);
  }

  /** A model that names no cause and predicts {@code symptoms}. */
  public static Prediction of(String label, Instant at, List<Symptom> symptoms) {
    return new Prediction(label, List.of(), null, at, symptoms);
  }

  /**
   * A rival the logs name is another cause that may have acted too; one they do not name is this
   * cause placed elsewhere, which starts behind the hypothesis by {@link Validator#SHAPE_PRIOR}.
   */
  public boolean recordBacked() {
    return cause != null;
  }
}
