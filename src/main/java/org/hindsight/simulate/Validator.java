package org.hindsight.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hindsight.facts.Hypothesis;

/**
 * Turns a replay into a verdict. The thresholds are deliberately simple and documented so that a
 * reader can check a verdict by hand:
 *
 * <ul>
 *   <li><b>confirmed</b>: reproduction ≥ 0.6 and counterfactual ≥ 0.6;
 *   <li><b>plausible</b>: reproduction ≥ 0.25 (but not confirmed);
 *   <li><b>refuted</b>: below that, including when the logs show no symptom the pattern explains;
 *   <li><b>not-simulated</b>: no simulator, or the replay ran out of budget.
 * </ul>
 *
 * Confidence = 0.3 × the rule's confidence + 0.35 × reproduction + 0.35 × counterfactual (at most
 * 0.2 when refuted; half the rule's confidence when not simulated).
 */
public final class Validator {
  public static final double CONFIRM = 0.6;
  public static final double PLAUSIBLE = 0.25;

  private Validator() {}

  public static Validation notSimulated(Hypothesis h, String why) {
    return new Validation(Verdict.NOT_SIMULATED, 0, 0, round(0.5 * h.confidence()), List.of(), List.of(), List.of(), why);
  }

  public static Validation judge(Hypothesis h, Replay replay) {
    if (!replay.stoppedByBudget().isEmpty()) {
      return notSimulated(h, "the replay was stopped: " + replay.stoppedByBudget());
    }
    List<Symptom> observed = replay.observed();
    if (observed.isEmpty()) {
      return new Validation(Verdict.REFUTED, 0, 0, round(Math.min(0.2, 0.3 * h.confidence())), List.of(), List.of(), List.of(),
          "the logs show no symptom this cause would produce, so nothing it predicts was observed");
    }
    long toleranceMs = replay.tolerance().toMillis();
    List<Symptom> explained = new ArrayList<>();
    List<Symptom> unexplained = new ArrayList<>();
    for (Symptom o : observed) {
      boolean hit = replay.withCause().stream().anyMatch(p -> p.key().equals(o.key())
          && (o.onset() == null || p.onset() == null
              || Math.abs(p.onset().toEpochMilli() - o.onset().toEpochMilli()) <= toleranceMs));
      (hit ? explained : unexplained).add(o);
    }
    Set<String> observedKeys = new HashSet<>();
    observed.forEach(o -> observedKeys.add(o.key()));
    long predictedSeen = replay.withCause().stream().filter(p -> observedKeys.contains(p.key())).count();
    double precision = replay.withCause().isEmpty() ? 0 : (double) predictedSeen / replay.withCause().size();
    double recall = (double) explained.size() / observed.size();
    double reproduction = recall * (0.5 + 0.5 * precision);

    Set<String> without = new HashSet<>();
    replay.withoutCause().forEach(p -> without.add(p.key()));
    List<Symptom> persisting = explained.stream().filter(s -> without.contains(s.key())).toList();
    double counterfactual = explained.isEmpty() ? 0 : 1.0 - (double) persisting.size() / explained.size();

    Verdict verdict = reproduction >= CONFIRM && counterfactual >= CONFIRM ? Verdict.CONFIRMED
        : reproduction >= PLAUSIBLE ? Verdict.PLAUSIBLE : Verdict.REFUTED;
    double confidence = 0.3 * h.confidence() + 0.35 * reproduction + 0.35 * counterfactual;
    if (verdict == Verdict.REFUTED) confidence = Math.min(confidence, 0.2);
    String summary = String.format(java.util.Locale.ROOT,
        "the replay with the cause reproduces %d of %d observed symptoms (reproduction %.2f); without the cause %d of those %d vanish (counterfactual %.2f)",
        explained.size(), observed.size(), reproduction, explained.size() - persisting.size(), explained.size(), counterfactual);
    return new Validation(verdict, round(reproduction), round(counterfactual), round(confidence), explained, unexplained, persisting, summary);
  }

  static double round(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
  }
}
