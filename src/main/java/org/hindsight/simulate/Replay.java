package org.hindsight.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hindsight.observe.Symptom;

/**
 * What a simulator found when it replayed the incident for one hypothesis: predictions of several
 * models, all scored by the {@link Validator} against the same observations.
 *
 * @param hypothesis the suspected cause acting (alone, when the logs hold several candidates of
 *     its shape)
 * @param counterfactual the incident as logged with exactly this cause removed (the command typed
 *     as intended, the component given a replica elsewhere, the exit restored, the cycle broken)
 * @param asLogged everything as logged, every candidate acting; null when that is the hypothesis
 * @param rivals the same shape of cause elsewhere, each alone
 * @param observed the observed symptoms in the scoring window (filled in by the analysis from the
 *     observation model; a simulator leaves it empty)
 * @param tolerance the timing scale τ: how precisely the model places an onset (the scale of the
 *     timing error, see {@code docs/validation.md})
 * @param timingScales τ for kinds the model places less (or more) precisely than {@code tolerance}
 * @param scope the entities the replay models (every router of the domain, every process of the
 *     edge, every monitored service): a symptom of the pattern's kinds already under way on one of
 *     them when the cause acts counts against it; empty means the entities any model predicts for
 * @param narrative the replay in plain sentences, for reports
 * @param calibration which observations or inputs set which model parameter, for reports
 * @param charts observed vs predicted curves
 * @param details machine-readable extras for the JSON report
 * @param stoppedByBudget non-empty when the replay was cut short by its step budget: the reason
 */
public record Replay(
    Prediction hypothesis,
    Prediction counterfactual,
    Prediction asLogged,
    List<Prediction> rivals,
    List<Symptom> observed,
    Duration tolerance,
    Map<String, Duration> timingScales,
    java.util.Set<String> scope,
    List<String> narrative,
    List<String> calibration,
    List<Chart> charts,
    Map<String, Object> details,
    String stoppedByBudget) {

  public Replay {
    rivals = List.copyOf(rivals);
    observed = List.copyOf(observed);
    timingScales = Map.copyOf(timingScales);
    scope = java.util.Set.copyOf(scope);
    narrative = List.copyOf(narrative);
    calibration = List.copyOf(calibration);
    charts = List.copyOf(charts);
    // Sorted, not Map.copyOf: its iteration order changes from run to run and reaches reports.
    details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    stoppedByBudget = stoppedByBudget == null ? "" : stoppedByBudget;
  }

  /** The simple form: predictions with and without the cause, no rivals (the cause time is then looked up). */
  public Replay(List<Symptom> observed, List<Symptom> withCause, List<Symptom> withoutCause, Duration tolerance,
      List<String> narrative, List<Chart> charts, Map<String, Object> details, String stoppedByBudget) {
    this(Prediction.of("with the cause", null, withCause), Prediction.of("without the cause", null, withoutCause), null,
        List.of(), observed, tolerance, Map.of(), java.util.Set.of(), narrative, List.of(), charts, details, stoppedByBudget);
  }

  /** τ for one predicted kind. */
  public Duration timingScale(String kind) {
    return timingScales.getOrDefault(kind, tolerance);
  }

  /** The symptoms predicted with the cause. */
  public List<Symptom> withCause() {
    return hypothesis.symptoms();
  }

  /** The symptoms predicted without exactly this cause. */
  public List<Symptom> withoutCause() {
    return counterfactual.symptoms();
  }

  /** This replay with the observed symptoms the validator scored it against. */
  public Replay withObserved(List<Symptom> scored) {
    return new Replay(hypothesis, counterfactual, asLogged, rivals, scored, tolerance, timingScales, scope, narrative,
        calibration, charts, details, stoppedByBudget);
  }

  /** A replay that stopped (or could not start) before predicting anything, with the reason. */
  public static Replay nothing(Duration tolerance, List<String> narrative, String stoppedByBudget) {
    Prediction none = Prediction.of("nothing", null, List.of());
    return new Replay(none, none, null, List.of(), List.of(), tolerance, Map.of(), java.util.Set.of(), narrative, List.of(),
        List.of(), Map.of(), stoppedByBudget);
  }

  public static Builder builder(Duration tolerance) {
    return new Builder(tolerance);
  }

  /** Builds a replay; the hypothesis and counterfactual are required. */
  public static final class Builder {
    private final Duration tolerance;
    private Prediction hypothesis;
    private Prediction counterfactual;
    private Prediction asLogged;
    private final List<Prediction> rivals = new ArrayList<>();
    private final Map<String, Duration> timingScales = new LinkedHashMap<>();
    private final java.util.Set<String> scope = new java.util.LinkedHashSet<>();
    private final List<String> narrative = new ArrayList<>();
    private final List<String> calibration = new ArrayList<>();
    private final List<Chart> charts = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private String stopped = "";

    private Builder(Duration tolerance) {
      this.tolerance = tolerance;
    }

    /** A timing scale for one kind the model places less (or more) precisely than the replay's. */
    public Builder tolerance(String kind, Duration scale) {
      timingScales.put(kind, scale);
      return this;
    }

    /** The entities the replay models (see {@link Replay#scope()}). */
    public Builder scope(java.util.Collection<String> entities) {
      scope.addAll(entities);
      return this;
    }

    public Builder hypothesis(Prediction p) {
      this.hypothesis = p;
      return this;
    }

    public Builder counterfactual(Prediction p) {
      this.counterfactual = p;
      return this;
    }

    public Builder asLogged(Prediction p) {
      this.asLogged = p;
      return this;
    }

    public Builder rival(Prediction p) {
      rivals.add(p);
      return this;
    }

    public Builder rivals(List<Prediction> ps) {
      rivals.addAll(ps);
      return this;
    }

    public Builder narrative(String sentence) {
      narrative.add(sentence);
      return this;
    }

    public Builder narrative(List<String> sentences) {
      narrative.addAll(sentences);
      return this;
    }

    /** Which observations or inputs set which parameter ("leaked routes: prior 100,000, no bgp.routes series"). */
    public Builder calibration(String note) {
      calibration.add(note);
      return this;
    }

    public Builder calibration(List<String> notes) {
      calibration.addAll(notes);
      return this;
    }

    public Builder chart(Chart c) {
      charts.add(c);
      return this;
    }

    public Builder charts(List<Chart> cs) {
      charts.addAll(cs);
      return this;
    }

    public Builder details(Map<String, Object> d) {
      details.putAll(d);
      return this;
    }

    public Builder detail(String key, Object value) {
      details.put(key, value);
      return this;
    }

    public Builder stopped(String reason) {
      this.stopped = reason;
      return this;
    }

    public Replay build() {
      if (hypothesis == null || counterfactual == null) throw new IllegalStateException("a replay needs the hypothesis and its counterfactual");
      return new Replay(hypothesis, counterfactual, asLogged, rivals, List.of(), tolerance, timingScales, scope, narrative,
          calibration, charts, details, stopped);
    }
  }

  /** Names a narrative lists: up to {@link #NAMED}, then how many more (a sentence per hypothesis must not grow with the fleet; the full list belongs in a detail). */
  public static String named(java.util.Collection<String> names) {
    if (names.size() <= NAMED) return String.join(", ", names);
    return String.join(", ", names.stream().limit(NAMED).toList()) + " and " + (names.size() - NAMED) + " more";
  }

  public static final int NAMED = 20;
}
