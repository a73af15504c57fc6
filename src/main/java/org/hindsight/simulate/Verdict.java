package org.hindsight.simulate;

/** The outcome of validating a hypothesis by replay. */
public enum Verdict {
  /** The replay reproduces the observed symptoms and the counterfactual makes them vanish. */
  CONFIRMED("confirmed"),
  /** The replay explains part of what was observed, or there was little to compare. */
  PLAUSIBLE("plausible"),
  /** The replay does not reproduce what was observed, or the symptoms stay without the cause. */
  REFUTED("refuted"),
  /** No simulator serves this pattern, or the replay was stopped by its budget. */
  NOT_SIMULATED("not-simulated");

  private final String word;

  Verdict(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** Live verdicts are the ones a report presents as a possible cause. */
  public boolean live() {
    return this == CONFIRMED || this == PLAUSIBLE;
  }
}
