package org.hindsight.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a simulator found when it replayed the incident for one hypothesis.
 *
 * @param observed the symptoms the logs show that this pattern could explain
 * @param withCause the symptoms the replay predicts with the suspected cause in place
 * @param withoutCause the symptoms predicted by the counterfactual: the cause removed
 * @param tolerance how far apart predicted and observed onsets may be and still match
 * @param narrative the replay in plain sentences (the counterfactual, safeguards, …), for reports
 * @param charts observed vs predicted curves
 * @param details machine-readable extras for the JSON report
 * @param stoppedByBudget non-empty when the replay was cut short by its step budget: the reason
 */
public record Replay(
    List<Symptom> observed,
    List<Symptom> withCause,
    List<Symptom> withoutCause,
    Duration tolerance,
    List<String> narrative,
    List<Chart> charts,
    Map<String, Object> details,
    String stoppedByBudget) {

  public Replay {
    observed = List.copyOf(observed);
    withCause = List.copyOf(withCause);
    withoutCause = List.copyOf(withoutCause);
    narrative = List.copyOf(narrative);
    charts = List.copyOf(charts);
    // Sorted, not Map.copyOf: its iteration order changes from run to run and reaches reports.
    details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    stoppedByBudget = stoppedByBudget == null ? "" : stoppedByBudget;
  }
}
