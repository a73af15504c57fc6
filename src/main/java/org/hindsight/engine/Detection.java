package org.hindsight.engine;

import org.hindsight.facts.Finding;
import org.hindsight.facts.Hypothesis;

/** What the rules concluded: a hypothesis or finding, and the rule that inserted it. */
public final class Detection {
  private Detection() {}

  /** A hypothesis with its rule (merged claims keep the first rule). */
  public record OfHypothesis(Hypothesis hypothesis, RuleInfo rule) {}

  /** A finding with its rule. */
  public record OfFinding(Finding finding, RuleInfo rule) {}
}
