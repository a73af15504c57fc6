package org.hindsight.analysis;

import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.Hypothesis;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Validation;

/**
 * A hypothesis as the report presents it: the claim, the rule behind it, and its validation.
 *
 * @param rule null when inserted outside a rule (tests)
 * @param replay null when not simulated
 */
public record Assessment(Hypothesis hypothesis, RuleInfo rule, Validation validation, Replay replay) {
  public double confidence() {
    return validation.confidence();
  }

  /**
   * The hypothesis's hash alone, consistent with the record's equals (equal assessments hold equal
   * hypotheses): reports key maps by assessment, and the record's own hash walked every replayed
   * symptom on each lookup.
   */
  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(hypothesis);
  }
}
