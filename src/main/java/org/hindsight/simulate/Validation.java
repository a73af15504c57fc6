package org.hindsight.simulate;

import java.util.List;
import org.hindsight.observe.Symptom;

/**
 * How a replay compares with what was observed.
 *
 * @param reproduction 0–1: share of the observed symptoms in the scoring window after the cause
 *     (counted once per entity and kind of trouble) that the replay with the cause explains on time
 * @param counterfactual 0–1: share of the explained symptoms that vanish without exactly this cause
 * @param confidence the hypothesis's final confidence (see {@link Validator})
 * @param explained observed symptoms the replay explained
 * @param unexplained observed symptoms after the cause, of the pattern's kinds, it did not explain
 * @param persisting explained symptoms that the counterfactual still produces
 * @param summary one sentence for reports
 * @param reasons why the verdict is what it is, one sentence each (which symptoms came first,
 *     which rival explains as much, …)
 * @param scorecard the arithmetic, null when not simulated
 * @param accompanying observed symptoms after the cause that are the explained trouble of their entity
 *     seen another way (errors and a degraded event beside the explained saturation of one server):
 *     neither explained terms of the score nor unexplained
 */
public record Validation(
    Verdict verdict,
    double reproduction,
    double counterfactual,
    double confidence,
    List<Symptom> explained,
    List<Symptom> unexplained,
    List<Symptom> persisting,
    String summary,
    List<String> reasons,
    Scorecard scorecard,
    List<Symptom> accompanying) {

  public Validation {
    accompanying = List.copyOf(accompanying);
    explained = List.copyOf(explained);
    unexplained = List.copyOf(unexplained);
    persisting = List.copyOf(persisting);
    reasons = List.copyOf(reasons);
  }
}
