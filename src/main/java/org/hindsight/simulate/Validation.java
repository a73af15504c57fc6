package org.hindsight.simulate;

import java.util.List;

/**
 * How a replay compares with what was observed.
 *
 * @param reproduction 0–1: share of observed symptoms the replay with the cause reproduces (in time),
 *     discounted by predictions that were never observed
 * @param counterfactual 0–1: share of the reproduced symptoms that vanish without the cause
 * @param confidence the hypothesis's final confidence, blending the rule's own with the two scores
 * @param explained observed symptoms the replay reproduced
 * @param unexplained observed symptoms it did not
 * @param persisting reproduced symptoms that remain even without the cause
 * @param summary one sentence for reports
 */
public record Validation(
    Verdict verdict,
    double reproduction,
    double counterfactual,
    double confidence,
    List<Symptom> explained,
    List<Symptom> unexplained,
    List<Symptom> persisting,
    String summary) {

  public Validation {
    explained = List.copyOf(explained);
    unexplained = List.copyOf(unexplained);
    persisting = List.copyOf(persisting);
  }
}
