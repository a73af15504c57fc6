package org.hindsight.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;

/**
 * Turns a replay into a verdict by scoring every model it offers — the hypothesis, the incident
 * without exactly this cause, the incident as logged, each rival of the same shape, and the null
 * model (no cause) — against the one observation model. {@code docs/validation.md} derives the
 * score and works an example; in short:
 *
 * <ul>
 *   <li>A model's score is the natural log of the likelihood ratio of the observations under the
 *       model against the null model. A predicted symptom is seen with probability
 *       {@value #DETECTION} at a time off by a Laplace error of scale τ ({@link Replay#tolerance()});
 *       without a cause an entity shows a symptom of a kind on its own at a rate λ of
 *       {@value #BACKGROUND_PER_HOUR} an hour. Each predicted symptom adds
 *       {@code ln(1 − d + d·P/(L·λ))} when seen after the cause, where P is the Laplace mass of
 *       its onset interval and L that interval's length in hours (at least a second), and
 *       {@code ln(1 − d)} when it is not seen or was already there before the cause acted. A
 *       predicted recovery adds {@code ln(1 − r + r·P·W/L)} for the observed end, W the scoring
 *       window (without a model an end is equally likely anywhere in it), r =
 *       {@value #RECOVERY_DETECTION}, and {@code ln(1 − r)} when the logs go on past it without
 *       showing it. Symptoms no model predicts add nothing to anyone.
 *   <li>Order: when a model names its origin, another entity showing the first sign strictly
 *       earlier than the origin, or the origin never showing it while others do, costs ln 100.
 *   <li><b>confirmed</b>: score ≥ ln 100 (a likelihood ratio of 100 over no cause), the cause's
 *       contribution ≥ ln 100 (the best fit with it — alone or with every other candidate as logged —
 *       minus the best fit without it — no cause, the incident without exactly it, or another
 *       cause the logs name, alone), against every competing rival log-odds
 *       ≥ ln 100 (prior log-odds 0 for a rival the logs name, ln 1000 for one of the same shape they
 *       do not) — where a rival the logs do not name (the same cause placed elsewhere) counts when
 *       it explains more observed symptoms; placements that explain the same ones are told apart by
 *       the order term — and no order violation; and not logged after its trouble began (at least
 *       half of it under way before it, or any of it begun within the span its own trouble took after it);
 *   <li><b>refuted</b>: nothing explained, score ≤ 0, or contribution ≤ 0 (unless over-determined:
 *       another named cause alone scores within ln 100 of it, then plausible);
 *   <li><b>plausible</b>: the rest; <b>not-simulated</b>: no simulator, or its budget ran out.
 * </ul>
 *
 * Confidence = 0.3 × the rule's confidence + 0.35 × reproduction + 0.35 × σ(the weakest of the
 * three log-odds above, order term included), at most 0.2 when refuted and 0.5 with an order
 * violation, half the rule's confidence when not simulated.
 */
public final class Validator {
  /** Probability that a symptom a model predicts shows in the logs. */
  public static final double DETECTION = 0.9;
  /** Probability that a predicted recovery shows in the logs: recoveries are logged less reliably than failures. */
  public static final double RECOVERY_DETECTION = 0.5;
  /**
   * λ: how often an entity shows a symptom of one kind on its own, per hour (once in 20 hours: a
   * noisy estate; the quieter the estate, the more a symptom on time would say).
   */
  public static final double BACKGROUND_PER_HOUR = 0.05;
  /** Log-odds a confirmation needs: ln 100. */
  public static final double MARGIN = Math.log(100);
  /**
   * Prior log-odds of a hypothesis whose cause the logs name (a typed line, a component's row)
   * over a rival of the same shape they do not name (the same leak from another router): ln 1000,
   * so such a rival stops a confirmation only when the observations favour it by more than a
   * factor of 10.
   */
  public static final double SHAPE_PRIOR = Math.log(1000);
  /**
   * How many timing scales from its prediction an onset can still be the cause's doing: 95 % of a
   * Laplace error lies within 3 τ. Without a bound the Laplace tail beats the background rate λ out to
   * about 4 τ (41 min at τ = 10 min), so a dozen onsets half an hour late each added a little and a
   * cause that predicted none of them on time summed to a claim.
   */
  static final double TIMING_REACH = 3;
  /** The window reaches this many timing scales past the last prediction. */
  static final int WINDOW_SCALES = 4;
  /** Timestamps are trusted to the second. */
  static final long RESOLUTION_MS = 1000;

  /** The most moments an onset predicted over a span is averaged at (see {@code onsetTerm}). */
  static final int SPAN_MOMENTS = 400;
  /** The moved-back rival tries at most this many back-times (the latest onsets of trouble under way before the cause). */
  static final int MOVED_BACK_CANDIDATES = 6;
  /** Kendall's τ is computed over at most this many explained symptoms (the earliest predicted). */
  static final int ORDER_SAMPLE = 400;

  private Validator() {}

  public static Validation notSimulated(Hypothesis h, String why) {
    return new Validation(Verdict.NOT_SIMULATED, 0, 0, round(0.5 * h.confidence()), List.of(), List.of(), List.of(), why,
        List.of(why), null, List.of());
  }

  /**
   * @param causeTime when the hypothesis's cause acts, used when the replay does not say (null: the
   *     earliest predicted onset)
   */
  public static Validation judge(Hypothesis h, Replay replay, Observations observations, Simulator simulator, Instant causeTime) {
    if (!replay.stoppedByBudget().isEmpty()) {
      return notSimulated(h, "the replay was stopped: " + replay.stoppedByBudget());
    }
    Scope scope = Scope.of(simulator, h, replay);
    long tau = Math.max(RESOLUTION_MS, replay.tolerance().toMillis());
    for (Duration d : replay.timingScales().values()) tau = Math.max(tau, d.toMillis());
    Instant at = replay.hypothesis().at() != null ? replay.hypothesis().at() : causeTime;
    if (at == null) at = earliestOnset(replay.hypothesis());
    Window w = Window.of(replay, at, tau, observations);
    if (at == null) at = w.from;
    Set<String> modelled = new HashSet<>(replay.scope());
    if (modelled.isEmpty()) {
      List<Prediction> all = new ArrayList<>(List.of(replay.hypothesis(), replay.counterfactual()));
      if (replay.asLogged() != null) all.add(replay.asLogged());
      all.addAll(replay.rivals());
      for (Prediction p : all) for (Symptom s : p.symptoms()) modelled.add(s.entity());
    }
    Scorer scorer = new Scorer(observations, scope, w, replay, modelled);
    // A second-period claim (a change made after the incident's first symptom, detail "worsens") is judged only on what
    // began after it: the entities already in trouble when it acted are the first period's, neither for nor against it in
    // any model, and never explained by it.
    Set<String> firstPeriod = h.worsens() ? scorer.inTroubleAt(at) : Set.of();
    scorer.leaveOut(firstPeriod);

    Scored hs = scorer.score(replay.hypothesis(), at);
    Scored cf = scorer.score(replay.counterfactual(), orElse(replay.counterfactual().at(), at));
    Scored logged = replay.asLogged() == null ? hs : scorer.score(replay.asLogged(), orElse(replay.asLogged().at(), at));

    List<Scorecard.RivalScore> rivals = new ArrayList<>();
    for (Prediction r : replay.rivals()) {
      Scored rs = scorer.score(r, orElse(r.at(), at));
      boolean competes = false;
      for (String k : rs.predictedKeys) {
        if (hs.predictedKeys.contains(k)) {
          competes = true;
          break;
        }
      }
      boolean exclusive = !r.recordBacked();
      double prior = exclusive ? SHAPE_PRIOR : 0;
      rivals.add(new Scorecard.RivalScore(r.label(), String.join(", ", r.origins()), r.cause(), round2(rs.total), rs.explained.size(), round2(prior),
          round2(hs.total - rs.total + prior), competes, exclusive));
    }
    // Trouble of its kinds on what it models or predicts for, already under way when the cause acted
    // (each entity and kind once, as reproduction counts them; also an earlier episode of an entity
    // whose prediction matched a later one).
    Set<String> underWayUnits = new LinkedHashSet<>();
    TreeSet<Instant> underWaySince = new TreeSet<>();
    List<Symptom> underWayTrouble = new ArrayList<>();
    List<Symptom> firstPeriodTrouble = new ArrayList<>();
    for (String pk : scope.kinds) {
      for (Symptom o : observations.between(scope.observedAs(pk), w.from, at)) {
        if (!o.onset().isBefore(at) || (o.end() != null && o.end().isBefore(at))) continue;
        if (!modelled.contains(o.entity()) && !hs.predictedKeys.contains(pk + " " + o.entity())) continue;
        if (firstPeriod.contains(o.entity())) {
          firstPeriodTrouble.add(o);
          continue;
        }
        underWayUnits.add(unit(pk, o.entity()));
        underWaySince.add(o.onsetEarliest());
        underWayTrouble.add(o);
      }
    }
    // The same cause acting earlier than its record says, before the trouble it claims: a cause logged
    // after its trouble began must beat itself moved back, or the late record proves nothing.
    // Two readings of "earlier": everything it predicts comes as much earlier (a chain of delays from the
    // cause), or only what it sets off at once (what waits on traffic or a later step keeps its time);
    // the rival is the better of the two.
    Prediction back = null;
    Scored bs = null;
    // Moved back before each of the latest few onsets of that trouble: unrelated trouble long before
    // must not stand for where the cause would have acted.
    List<Instant> backTo = new ArrayList<>(underWaySince.descendingSet());
    if (backTo.size() > MOVED_BACK_CANDIDATES) backTo = backTo.subList(0, MOVED_BACK_CANDIDATES);
    for (int i = 0; i < 2 * backTo.size(); i++) {
      Prediction b = movedBack(replay.hypothesis(), backTo.get(i / 2), at, tau, i % 2 == 0);
      if (b == null) continue;
      Scored sc = scorer.score(b, b.at());
      if (bs == null || sc.total > bs.total) {
        back = b;
        bs = sc;
      }
    }
    if (back != null) {
      rivals.add(new Scorecard.RivalScore(back.label(), String.join(", ", back.origins()), null, round2(bs.total), bs.explained.size(),
          round2(SHAPE_PRIOR), round2(hs.total - bs.total + SHAPE_PRIOR), true, true));
    }
    rivals.sort(Comparator.comparing((Scorecard.RivalScore r) -> !r.competes()).thenComparingDouble(Scorecard.RivalScore::logOdds));
    // The cause's contribution: the best explanation with it (alone, or with every other candidate as
    // logged) against the best without it (no cause, the incident as logged without exactly it, or
    // another cause the logs name, alone). A false co-cause in "as logged" cannot sink a true one.
    double bestWith = Math.max(hs.total, logged.total);
    double bestWithout = Math.max(0, cf.total);
    for (Scorecard.RivalScore r : rivals) if (r.competes() && !r.exclusive()) bestWithout = Math.max(bestWithout, r.score());
    double contribution = round2(bestWith - bestWithout);

    // Reproduction: observed trouble after the cause, once per entity and kind family.
    Map<String, Symptom> units = new LinkedHashMap<>();
    for (String pk : scope.kinds) {
      for (Symptom o : observations.between(scope.observedAs(pk), at, w.to)) {
        if (!firstPeriod.contains(o.entity())) units.putIfAbsent(unit(pk, o.entity()), o);
      }
    }
    Map<String, List<Symptom>> explainedByUnit = new HashMap<>();
    List<Symptom> explained = new ArrayList<>();
    Set<Symptom> seen = new HashSet<>();
    for (Scorecard.Term t : hs.terms) {
      if (!t.outcome().equals(EXPLAINED)) continue;
      explainedByUnit.computeIfAbsent(unit(t.predicted().kind(), t.predicted().entity()), k -> new ArrayList<>()).add(t.observed());
      if (seen.add(t.observed())) explained.add(t.observed());
    }
    int unitsExplained = 0;
    for (String u : units.keySet()) if (explainedByUnit.containsKey(u)) unitsExplained++;
    // Unexplained: every episode after the cause that is not the explained trouble of its entity
    // seen another way (a down event and an error excursion together, a degraded spell right after
    // the down one). An entity may have two episodes: errors from an unrelated fault, later from
    // the cause; explaining the second does not hide the first.
    List<Symptom> unexplained = new ArrayList<>();
    Set<Symptom> accompanying = new LinkedHashSet<>();
    Set<Symptom> listed = new HashSet<>();
    for (String pk : scope.kinds) {
      for (Symptom o : observations.between(scope.observedAs(pk), at, w.to)) {
        if (seen.contains(o) || listed.contains(o) || firstPeriod.contains(o.entity())) continue;
        boolean covered = false;
        for (Symptom e : explainedByUnit.getOrDefault(unit(pk, o.entity()), List.of())) {
          if (!o.onset().isBefore(e.onsetEarliest().minusMillis(tau)) && (e.end() == null || !o.onset().isAfter(e.end()))) covered = true;
        }
        if (!covered && listed.add(o)) unexplained.add(o);
        else if (covered) accompanying.add(o);
      }
    }
    accompanying.removeAll(listed);
    unexplained.sort(Comparator.comparing(Symptom::onset).thenComparing(Symptom::key));
    double reproduction = units.isEmpty() ? 0 : (double) unitsExplained / units.size();
    List<Symptom> persisting = explained.stream().filter(cf.explained::contains).toList();
    double counterfactual = explained.isEmpty() ? 0 : 1.0 - (double) persisting.size() / explained.size();

    Scorecard card = new Scorecard(round2(hs.total), round2(cf.total), round2(logged.total), contribution, rivals,
        round2(MARGIN), w.from, w.to, at, tau / 1000.0, hs.terms, hs.orderPenalty, hs.orderAgreement);

    Scorecard.RivalScore best = card.bestRival();
    Scorecard.RivalScore blocking = card.blockingRival(explained.size());
    double weakestRival = blocking == null ? Double.POSITIVE_INFINITY : blocking.logOdds();
    Scorecard.RivalScore alsoCause = card.strongestCoCause();
    // Over-determined: another named cause alone explains about as much (within the margin either way).
    boolean overDetermined = alsoCause != null && Math.abs(alsoCause.score() - hs.total) < MARGIN;
    List<String> reasons = new ArrayList<>();
    long precedes = hs.terms.stream().filter(t -> t.outcome().equals(PRECEDES)).count();
    long underWay = hs.terms.stream().filter(t -> t.outcome().equals(PRECURSOR)).count();
    Verdict verdict;
    if (explained.isEmpty() || hs.total <= 0) {
      verdict = Verdict.REFUTED;
    } else if (contribution <= 0) {
      verdict = overDetermined ? Verdict.PLAUSIBLE : Verdict.REFUTED;
    } else if (hs.total >= MARGIN && contribution >= MARGIN && weakestRival >= MARGIN && hs.orderPenalty == 0) {
      verdict = Verdict.CONFIRMED;
    } else {
      verdict = Verdict.PLAUSIBLE;
    }
    // At least half of the trouble it claims (its kinds, on what it predicts for or models) was already
    // under way when its record says it acted: the record cannot be what started the trouble, however
    // well the rest fits (each entity and kind once, as reproduction counts them).
    if (verdict == Verdict.CONFIRMED && !underWayUnits.isEmpty() && underWayUnits.size() >= explainedByUnit.size()) {
      verdict = Verdict.PLAUSIBLE;
      reasons.add(String.format(Locale.ROOT, "trouble of %d entities it claims was already under way before the cause acted at %s, against %d it explains after: "
          + "a cause logged after at least half of its trouble began cannot be confirmed", underWayUnits.size(), at, explainedByUnit.size()));
    }
    // The trouble it claims began before it: trouble of its kinds on what it models that was under way
    // when it acted and began less long before it than its own trouble took to unfold after it cannot be
    // told from the first steps of that trouble (a record logged late, a clock off), however little of
    // it there is. Trouble that began further back is background under way, left to the half rule.
    Symptom begunBefore = verdict == Verdict.CONFIRMED ? begunBefore(underWayTrouble, explained, at) : null;
    if (begunBefore != null) {
      verdict = Verdict.PLAUSIBLE;
      reasons.add(String.format(Locale.ROOT, "the trouble it claims began before the cause acted at %s: %s of %s since %s (%s), %d s before it, "
          + "while its own trouble took %d s to unfold after it; a cause logged after its trouble began cannot be confirmed",
          at, begunBefore.kind(), begunBefore.entity(), begunBefore.onset(), begunBefore.evidence(),
          Duration.between(begunBefore.onset(), at).toSeconds(), Duration.between(at, lastOnset(explained)).toSeconds()));
    }
    // A second-period claim whose later trouble cannot be told from the first steps of trouble on what it reaches that
    // began just before it (within the span its own took to unfold after it): one trouble, its cause logged late, not two
    // periods; trouble begun further back is the first period's, under way.
    Symptom firstSteps = verdict == Verdict.CONFIRMED && !firstPeriod.isEmpty() ? begunBefore(firstPeriodTrouble, explained, at) : null;
    if (firstSteps != null) {
      verdict = Verdict.PLAUSIBLE;
      reasons.add(String.format(Locale.ROOT, "the trouble after it cannot be told from trouble on what it reaches that began just before it: %s of %s since %s (%s), "
          + "%d s before it, while what it explains took %d s to unfold after it; one trouble whose cause was logged late, not a second period, cannot be confirmed",
          firstSteps.kind(), firstSteps.entity(), firstSteps.onset(), firstSteps.evidence(),
          Duration.between(firstSteps.onset(), at).toSeconds(), Duration.between(at, lastOnset(explained)).toSeconds()));
    }
    // A latent cause acts when its entity first failed, a time read from the symptoms themselves: the
    // replay can show that this failure explains the rest, not that the cause made it fail then.
    if (verdict == Verdict.CONFIRMED && !h.detail("latent").isEmpty()) {
      verdict = Verdict.PLAUSIBLE;
      reasons.add("latent: " + h.detail("latent") + "; the replay takes when it acted from the first symptom, so it cannot confirm it");
    }
    // What it explains is seen only as sampled requests failing (observe.RequestOutcomes), read where nothing measured
    // the entities, while predictions of what the cause itself shows were not measured (a looping process's CPU): requests
    // fail for many reasons, so the claim stands, not confirmed (a file of its own symptoms missing leaves it plausible).
    if (verdict == Verdict.CONFIRMED && !explained.isEmpty()
        && explained.stream().allMatch(s -> s.detail().equals(org.hindsight.observe.RequestOutcomes.DETAIL))
        && hs.terms.stream().anyMatch(t -> t.outcome().equals(NOT_MEASURED))) {
      verdict = Verdict.PLAUSIBLE;
      reasons.add("what it explains is seen only as sampled requests failing, and what the cause itself would show was not measured ("
          + String.join(", ", hs.terms.stream().filter(t -> t.outcome().equals(NOT_MEASURED)).map(t -> t.predicted().kind()).distinct().sorted().toList())
          + "): requests fail for many reasons, so the replay cannot confirm it");
    }
    // A replay that explains trouble only on the cause's own entities says nothing about what the cause
    // did to others: that entity failing is the claim, not evidence for it (unless the pattern says the
    // cause acting there is the impact, Simulator.ownTroubleIsImpact).
    if (verdict == Verdict.CONFIRMED && (simulator == null || !simulator.ownTroubleIsImpact())) {
      Set<String> own = ownEntities(h, replay.hypothesis());
      Set<String> explainedOn = new TreeSet<>();
      for (Scorecard.Term t : hs.terms) if (t.outcome().equals(EXPLAINED)) explainedOn.add(t.predicted().entity());
      if (own.containsAll(explainedOn)) {
        verdict = Verdict.PLAUSIBLE;
        reasons.add("explains trouble only on " + String.join(", ", explainedOn) + ", where the cause itself acts: nothing beyond it "
            + "(its dependents, its callers, the fleet it touched) was predicted and seen, so the replay cannot confirm it");
      }
    }
    if (!firstPeriod.isEmpty()) {
      List<String> named = new ArrayList<>(new TreeSet<>(firstPeriod));
      reasons.add(String.format(Locale.ROOT, "made after the incident's first symptom, it is judged only on the trouble that began after it at %s: "
          + "%d entities already in trouble then (%s) are the first period's, left out of every model", at, named.size(),
          String.join(", ", named.subList(0, Math.min(5, named.size()))) + (named.size() > 5 ? " … (+" + (named.size() - 5) + " more)" : "")));
    }
    if (precedes > 0) {
      Scorecard.Term first = hs.terms.stream().filter(t -> t.outcome().equals(PRECEDES))
          .min(Comparator.comparing(t -> t.observed().onset())).orElseThrow();
      reasons.add(String.format(Locale.ROOT, "%d of the %d symptoms it predicts were already there before the cause acted at %s: first %s of %s since %s (%s)",
          precedes, hs.terms.stream().filter(t -> t.predicted() != null).count(), at, first.observed().kind(), first.observed().entity(), first.observed().onset(),
          first.observed().evidence()));
    }
    if (underWay > 0) {
      Scorecard.Term first = hs.terms.stream().filter(t -> t.outcome().equals(PRECURSOR))
          .min(Comparator.comparing(t -> t.observed().onset())).orElseThrow();
      reasons.add(String.format(Locale.ROOT, "%d symptom(s) of this kind were already under way on the entities it models before the cause acted at %s: first %s of %s since %s (%s)",
          underWay, at, first.observed().kind(), first.observed().entity(), first.observed().onset(), first.observed().evidence()));
    }
    if (hs.orderViolation != null) reasons.add(hs.orderViolation);
    if (explained.isEmpty()) {
      Scorecard.Term late = hs.terms.stream().filter(t -> t.outcome().equals(OFF_TIME))
          .min(Comparator.comparing(t -> t.observed().onset())).orElse(null);
      reasons.add(late == null ? "nothing the replay predicts was observed after the cause"
          : String.format(Locale.ROOT, "nothing the replay predicts was observed on time: %s of %s was seen at %s (%s), %.0f s from its predicted onset, "
              + "beyond the %.0f timing scales the model's timing reaches", late.observed().kind(), late.observed().entity(), late.observed().onset(),
              late.observed().evidence(), Math.abs(late.onsetErrorSeconds()), TIMING_REACH));
    } else if (hs.total <= 0) {
      reasons.add(String.format(Locale.ROOT, "the replay with the cause fits the observations no better than no cause at all (ln LR %.1f)", hs.total));
    } else if (hs.total < MARGIN) {
      reasons.add(String.format(Locale.ROOT, "the replay with the cause fits better than no cause, but not by a factor of 100 (ln LR %.1f < %.1f)", hs.total, MARGIN));
    }
    if (!explained.isEmpty()) {
      if (contribution < MARGIN) {
        String others = alsoCause == null ? "" : String.format(Locale.ROOT, "; %s, named by the logs, alone explains %d of them (score %.1f against this cause's %.1f)",
            alsoCause.label(), alsoCause.explained(), alsoCause.score(), hs.total);
        reasons.add(contribution <= 0
            ? String.format(Locale.ROOT, "the observations are explained as well without this cause (contribution %.1f): the symptoms happen without it%s%s",
                contribution, others, overDetermined ? " (over-determined: each alone would do)" : "")
            : String.format(Locale.ROOT, "its contribution is only %.1f (< %.1f): without it, other causes explain most of what it explains%s",
                contribution, MARGIN, others));
      }
      for (Scorecard.RivalScore r : rivals) {
        if (!r.decidesAgainst(explained.size(), MARGIN) || r.logOdds() >= MARGIN) continue;
        reasons.add(String.format(Locale.ROOT, "%s explains %s of what was observed (%d observed symptoms against this cause's %d) and fits %s: log-odds %.1f < %.1f, prior of %.1f for the cause the logs name included",
            r.label(), r.explained() > explained.size() ? "more" : "as much", r.explained(), explained.size(),
            r.explained() > explained.size() ? "better" : "far better", r.logOdds(), r.explained() > explained.size() ? MARGIN : -MARGIN, r.priorLogOdds()));
      }
    }
    if (verdict == Verdict.CONFIRMED) {
      reasons.add(String.format(Locale.ROOT, "explains %d observed symptoms; ln LR %.1f over no cause; contribution %.1f (best fit with it minus best fit without it)%s%s",
          explained.size(), hs.total, contribution,
          best == null ? "" : best.logOdds() >= MARGIN
              ? String.format(Locale.ROOT, "; closest rival of the same shape: %s at log-odds %.1f", best.label(), best.logOdds())
              : String.format(Locale.ROOT, "; %s explains no more (%d symptoms) though its timing fits a little better (log-odds %.1f), "
                  + "and nothing was seen before the origin showed it, so the placement rests on the record that names it",
                  best.label(), best.explained(), best.logOdds()),
          alsoCause == null ? "" : String.format(Locale.ROOT, "; %s also acted (alone it explains %d)", alsoCause.label(), alsoCause.explained())));
    }

    double decisive = Math.min(hs.total, Math.min(contribution, weakestRival)) + hs.orderPenalty;
    double support = 1 / (1 + Math.exp(-decisive));
    double confidence = 0.3 * h.confidence() + 0.35 * reproduction + 0.35 * support;
    // Predictions of event-read kinds (outages, restarts) in logs that hold no event at all were not checked,
    // neither for nor against: the verdict stands on what was measured, the confidence on how much that was.
    long unchecked = hs.terms.stream()
        .filter(t -> t.outcome().equals(NOT_MEASURED) && !SymptomKinds.FROM_METRICS.contains(t.predicted().kind())).count();
    if (unchecked > 0 && verdict != Verdict.REFUTED) {
      confidence *= 1 - unchecked / (2.0 * hs.terms.size());
      reasons.add(String.format(Locale.ROOT, "%d of its %d predictions (outages, restarts …) could not be checked: the logs hold no events;"
          + " the confidence is lowered by half that share", unchecked, hs.terms.size()));
    }
    if (verdict == Verdict.REFUTED) confidence = Math.min(confidence, 0.2);
    if (hs.orderViolation != null) confidence = Math.min(confidence, 0.5); // the data contradict where it says the cause acted
    String summary = String.format(Locale.ROOT,
        "the replay with the cause reproduces %d of %d observed symptoms (reproduction %.2f; ln LR %.1f over no cause); without the cause %d of those %d vanish (counterfactual %.2f)%s",
        unitsExplained, units.size(), reproduction, hs.total, explained.size() - persisting.size(), explained.size(), counterfactual,
        best == null ? "" : String.format(Locale.ROOT, "; closest rival %s at log-odds %.1f", best.label(), best.logOdds()));
    return new Validation(verdict, round(reproduction), round(counterfactual), round(confidence), explained, unexplained,
        persisting, summary, reasons, card, List.copyOf(accompanying));
  }

  static final String EXPLAINED = "explained";
  static final String OFF_TIME = "off-time";
  static final String NOT_OBSERVED = "not-observed";
  /** Predicted of a kind the logs do not measure on that entity (no series): no evidence either way. */
  static final String NOT_MEASURED = "not-measured";
  static final String PRECEDES = "precedes-cause";
  static final String PRECURSOR = "under-way-before";

  /**
   * The hypothesis's prediction moved back so that the cause acts just before {@code since}, the
   * onset of trouble it claims (predicted, or of its kinds on what it models) that was already under
   * way when it acted; null when there is none. {@code everything}: every predicted symptom moves back; else only those
   * predicted within τ of the cause (set off at once), the rest keep their time. Not named by the
   * logs: an exclusive rival with the shape prior.
   */
  static Prediction movedBack(Prediction p, Instant since, Instant at, long tau, boolean everything) {
    if (at == null || since == null) return null;
    Instant back = since.minusMillis(RESOLUTION_MS);
    Duration by = Duration.between(back, at);
    if (by.isNegative() || by.isZero()) return null;
    List<Symptom> moved = new ArrayList<>();
    Instant atOnce = at.plusMillis(tau);
    for (Symptom s : p.symptoms()) {
      if (!everything && s.onset() != null && s.onset().isAfter(atOnce)) {
        moved.add(s);
        continue;
      }
      moved.add(new Symptom(s.kind(), s.entity(), minus(s.onset(), by), minus(s.onsetEarliest(), by), minus(s.end(), by),
          minus(s.endEarliest(), by), s.magnitude(), s.detail(), null, null));
    }
    if (!everything && moved.equals(p.symptoms())) return null;
    return new Prediction("the same cause acting before its trouble began (at " + back + ")", p.origins(), null, back, moved);
  }

  /**
   * The latest-begun trouble under way at {@code at} (the nearest the cause) that began within the span its explained trouble took
   * to unfold after it (from {@code at} to the last explained onset), or null. A sampled onset is known only to lie in its
   * interval (after the last normal sample): the trouble began within the span when at least half of that interval lies
   * within it (its middle does), so a coarser scrape that moves the first bad sample, not the trouble, does not make old
   * trouble look fresh, and a cause logged a second after a bad sample still meets what began in the minute before it.
   */
  static Symptom begunBefore(List<Symptom> underWay, List<Symptom> explained, Instant at) {
    Instant last = lastOnset(explained);
    if (last == null || !last.isAfter(at)) return null;
    Instant since = at.minus(Duration.between(at, last));
    return underWay.stream().filter(o -> o.onset().isAfter(since) && !middleOfOnset(o).isBefore(since))
        .max(Comparator.comparing(Symptom::onset)).orElse(null);
  }

  /** The middle of a symptom's onset interval (its onset for a timestamped record). */
  private static Instant middleOfOnset(Symptom s) {
    Instant from = s.onsetEarliest() == null ? s.onset() : s.onsetEarliest();
    return from.plus(Duration.between(from, s.onset()).dividedBy(2));
  }

  private static Instant lastOnset(List<Symptom> symptoms) {
    return symptoms.stream().map(Symptom::onset).max(Instant::compareTo).orElse(null);
  }

  private static Instant minus(Instant t, Duration by) {
    return t == null ? null : t.minus(by);
  }

  /**
   * Where the cause itself acts: the hypothesis's subject, the entity the rule says failed (detail
   * {@code failed}) and the model's origins. Not the items a rolling change went over: each failing at
   * its own step is the fleet it touched, predicted beyond the change's record.
   */
  static Set<String> ownEntities(Hypothesis h, Prediction p) {
    Set<String> own = new HashSet<>(p.origins());
    own.add(h.subject());
    if (!h.detail("failed").isEmpty()) own.add(h.detail("failed"));
    return own;
  }

  private static String unit(String predictedKind, String entity) {
    return predictedKind + '\u0000' + entity;
  }

  private static Instant orElse(Instant a, Instant b) {
    return a != null ? a : b;
  }

  private static Instant earliestOnset(Prediction p) {
    return p.symptoms().stream().map(Symptom::onset).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
  }

  /** Which observed kinds show each predicted kind. */
  private record Scope(Set<String> kinds, Map<String, Set<String>> observedAs) {
    static Scope of(Simulator simulator, Hypothesis h, Replay replay) {
      // Sorted, not as declared: simulators declare kinds with Set.of, whose iteration order changes
      // from one JVM to the next, and an observed symptom tied with another of a second kind (an
      // error-ratio excursion and a learned-baseline anomaly of the same onset) must be chosen the
      // same way on every run, or the report would change between two runs on the same logs.
      Set<String> kinds = new TreeSet<>(simulator == null ? Set.of() : simulator.symptomKinds());
      if (kinds.isEmpty()) {
        List<Prediction> all = new ArrayList<>(List.of(replay.hypothesis(), replay.counterfactual()));
        if (replay.asLogged() != null) all.add(replay.asLogged());
        all.addAll(replay.rivals());
        for (Prediction p : all) for (Symptom s : p.symptoms()) kinds.add(s.kind());
      }
      Map<String, Set<String>> as = new HashMap<>();
      for (String k : kinds) as.put(k, simulator == null ? Set.of(k) : predictedKindFirst(k, simulator.observedAs(h, k)));
      return new Scope(kinds, as);
    }

    /** On a tie the observed symptom of the very kind predicted is taken, then the others by name. */
    private static Set<String> predictedKindFirst(String predicted, Set<String> seenAs) {
      Set<String> ordered = new LinkedHashSet<>();
      if (seenAs.contains(predicted)) ordered.add(predicted);
      ordered.addAll(new TreeSet<>(seenAs));
      return ordered;
    }

    Set<String> observedAs(String predictedKind) {
      Set<String> s = observedAs.get(predictedKind);
      return s != null ? s : Set.of(predictedKind);
    }
  }

  /**
   * The scoring window: from the earliest cause time of any model to WINDOW_SCALES timing scales
   * past the last predicted onset or recovery (recoveries beyond the logs do not stretch it), with
   * a look-back of the same length before the earliest cause for symptoms that precede it.
   */
  record Window(Instant from, Instant to, double millis) {
    static Window of(Replay replay, Instant at, long tau, Observations obs) {
      List<Prediction> all = new ArrayList<>(List.of(replay.hypothesis(), replay.counterfactual()));
      if (replay.asLogged() != null) all.add(replay.asLogged());
      all.addAll(replay.rivals());
      Instant t0 = at;
      Instant t1 = at;
      Instant logsEnd = obs.logsEnd();
      for (Prediction p : all) {
        if (p.at() != null && (t0 == null || p.at().isBefore(t0))) t0 = p.at();
        for (Symptom s : p.symptoms()) {
          if (s.onset() != null && (t1 == null || s.onset().isAfter(t1))) t1 = s.onset();
          Instant end = s.end();
          if (end != null && logsEnd != null && end.isAfter(logsEnd)) end = logsEnd;
          if (end != null && (t1 == null || end.isAfter(t1))) t1 = end;
        }
      }
      if (t0 == null) t0 = obs.logsStart() != null ? obs.logsStart() : Instant.EPOCH;
      if (t1 == null || t1.isBefore(t0)) t1 = t0;
      t1 = t1.plusMillis(WINDOW_SCALES * tau);
      Duration span = Duration.between(t0, t1);
      Instant from = t0.minus(span);
      return new Window(from, t1, Math.max(2.0 * WINDOW_SCALES * tau, Duration.between(from, t1).toMillis()));
    }
  }

  /** One model's score, its terms and what it explained. */
  private static final class Scored {
    double total;
    final List<Scorecard.Term> terms = new ArrayList<>();
    final Set<Symptom> explained = new HashSet<>();
    final Set<String> predictedKeys = new HashSet<>();
    double orderPenalty;
    double orderAgreement = Double.NaN;
    String orderViolation;
  }

  private static final class Scorer {
    final Observations obs;
    final Scope scope;
    final Window w;
    final Replay replay;
    final Set<String> modelled;
    final Set<String> allKinds = new LinkedHashSet<>();
    /** Entities left out of every model (a second-period claim's first period): no term, no precursor. */
    Set<String> leftOut = Set.of();

    /** The entities with trouble of the scored kinds under way at {@code at} (begun before it, not over by then). */
    Set<String> inTroubleAt(Instant at) {
      Set<String> out = new HashSet<>();
      if (at == null) return out;
      // from the logs' start: trouble begun long before the scoring window is the first period's too
      Instant since = obs.logsStart() != null && obs.logsStart().isBefore(w.from) ? obs.logsStart() : w.from;
      for (Symptom o : obs.between(allKinds, since, at)) {
        if (o.onset().isBefore(at) && (o.end() == null || !o.end().isBefore(at))) out.add(o.entity());
      }
      return out;
    }

    void leaveOut(Set<String> entities) {
      leftOut = entities;
      precursors = null;
    }

    Scorer(Observations obs, Scope scope, Window w, Replay replay, Set<String> modelled) {
      this.obs = obs;
      this.scope = scope;
      this.w = w;
      this.replay = replay;
      this.modelled = modelled;
      for (String k : scope.kinds) allKinds.addAll(scope.observedAs(k));
    }

    private List<Symptom> precursors;

    /**
     * Symptoms of the scored kinds on modelled entities in the window, by onset: the precursor
     * scan of every model (hypothesis, counterfactual, as logged, each rival) reads a prefix of
     * this one list instead of every symptom of the window again.
     */
    List<Symptom> precursorCandidates() {
      if (precursors == null) {
        precursors = new ArrayList<>();
        for (Symptom o : obs.between(allKinds, w.from, w.to)) if (modelled.contains(o.entity()) && !leftOut.contains(o.entity())) precursors.add(o);
      }
      return precursors;
    }

    /** τ of a predicted kind, in milliseconds. */
    double tau(String kind) {
      return Math.max(RESOLUTION_MS, replay.timingScale(kind).toMillis());
    }

    Scored score(Prediction m, Instant at) {
      Scored out = new Scored();
      Map<String, Symptom> predicted = new LinkedHashMap<>();
      for (Symptom p : m.symptoms()) {
        if (leftOut.contains(p.entity())) continue;
        Symptom prior = predicted.get(p.key());
        if (prior == null || (p.onset() != null && prior.onset() != null && p.onset().isBefore(prior.onset()))) predicted.put(p.key(), p);
      }
      double miss = round2(Math.log(1 - DETECTION));
      for (Symptom p : predicted.values()) {
        out.predictedKeys.add(p.key());
        Scorecard.Term term = term(p, at, miss, out);
        out.terms.add(term);
        out.total += term.total();
      }
      // Pattern trouble already under way on a modelled entity when the cause acted: the model says
      // the cause started it, the logs say it was there before.
      Set<String> counted = new HashSet<>();
      for (Scorecard.Term t : out.terms) if (t.observed() != null) counted.add(t.observed().kind() + '\u0000' + t.observed().entity());
      if (at != null) {
        Instant before = at.minusMillis(1);
        List<Symptom> candidates = before.isAfter(w.to) ? obs.between(allKinds, w.from, before) : precursorCandidates();
        for (Symptom o : candidates) {
          if (o.onset().isAfter(before)) break; // by onset: the rest began after the cause
          if (!modelled.contains(o.entity()) || leftOut.contains(o.entity()) || (o.end() != null && o.end().isBefore(at))) continue;
          if (!counted.add(o.kind() + '\u0000' + o.entity())) continue;
          Scorecard.Term term = new Scorecard.Term(null, o, PRECURSOR, Double.NaN, miss, Double.NaN, 0);
          out.terms.add(term);
          out.total += term.total();
        }
      }
      order(m, out);
      out.total = round2(out.total + out.orderPenalty);
      return out;
    }

    /**
     * The term of one predicted symptom (an explained observation is added to {@code out}). A method of its
     * own, not the loop's body: a short run's JIT compiles it by its calls, where the loop in {@link #score},
     * called a few times per hypothesis, would run interpreted (docs/benchmarks.md, "Cold start, sixth pass").
     */
    private Scorecard.Term term(Symptom p, Instant at, double miss, Scored out) {
      Instant onset = p.onset() != null ? p.onset() : at;
      // a predicted onset interval: the cause acted at a moment the logs do not give, somewhere in a span
      Instant onsetFrom = p.onset() != null && p.onsetEarliest() != null ? p.onsetEarliest() : onset;
      Symptom best = null;
      double bestTerm = Double.NEGATIVE_INFINITY;
      Symptom before = null;
      for (String k : scope.observedAs(p.kind())) {
        for (Symptom o : obs.of(k, p.entity(), w.from, w.to)) {
          if (o.onset().isBefore(at)) {
            // Already in that state when the cause acted: the cause cannot have produced it.
            if ((o.end() == null || !o.end().isBefore(at)) && (before == null || o.onset().isBefore(before.onset()))) before = o;
            continue;
          }
          double t = onsetTerm(onsetFrom, onset, o, tau(p.kind()));
          if (t > bestTerm) {
            bestTerm = t;
            best = o;
          }
        }
      }
      Scorecard.Term term;
      if (best != null) {
        double endErr = Double.NaN;
        double endTerm = 0;
        if (p.end() != null) {
          double tauEnd = Math.max(tau(p.kind()), Duration.between(onset, p.end()).toMillis() / 4.0);
          if (best.end() != null) {
            endTerm = endTerm(p.end().toEpochMilli(), best.endEarliest().toEpochMilli(), best.end().toEpochMilli(), tauEnd);
            endErr = error(p.end().toEpochMilli(), best.endEarliest().toEpochMilli(), best.end().toEpochMilli());
          } else if (obs.logsEnd() != null && !p.end().isAfter(obs.logsEnd())) {
            endTerm = round2(Math.log(1 - RECOVERY_DETECTION)); // recovery predicted within the logs, never seen
          }
        }
        String outcome = bestTerm > 0 ? EXPLAINED : OFF_TIME;
        if (outcome.equals(EXPLAINED)) out.explained.add(best);
        term = new Scorecard.Term(p, best, outcome,
            error(onsetFrom.toEpochMilli(), onset.toEpochMilli(), best.onsetEarliest().toEpochMilli(), best.onset().toEpochMilli()), round2(bestTerm),
            endErr, round2(endTerm));
      } else {
        String entity = p.entity();
        boolean unmeasured = before == null && scope.observedAs(p.kind()).stream().noneMatch(k -> obs.measures(k, entity));
        term = unmeasured ? new Scorecard.Term(p, null, NOT_MEASURED, Double.NaN, 0, Double.NaN, 0)
            : new Scorecard.Term(p, before, before != null ? PRECEDES : NOT_OBSERVED, Double.NaN, miss, Double.NaN, 0);
      }
      return term;
    }

    /**
     * ln(1 − d + d·P/(L·λ)) for an onset interval of L hours with Laplace mass P around the prediction,
     * P counted only within {@value #TIMING_REACH} timing scales of it: an onset further off is not the
     * model's timing but background to both models, so it adds ln(1 − d), as a prediction not seen.
     * The onset may be predicted anywhere in [from, to] (one moment when they are equal), each moment as
     * likely (a change made at an unlogged moment of a session): P is the mass averaged over the span, so a wide
     * span spreads it thin and explains less than a prediction on time. Averaged per symptom, not once for all:
     * the symptoms of one cause share its moment, so this is stricter than fitting that moment once.
     */
    double onsetTerm(Instant from, Instant to, Symptom o, double tau) {
      long hi = o.onset().toEpochMilli();
      long lo = Math.min(o.onsetEarliest().toEpochMilli(), hi - RESOLUTION_MS);
      // An onset known only to a sampling interval coarser than τ is judged on that interval's scale.
      double reach = TIMING_REACH * Math.max(tau, hi - lo);
      long start = from.toEpochMilli();
      long span = Math.max(0, to.toEpochMilli() - start);
      // moments a quarter of τ apart resolve the Laplace peak; bounded, so a day-long span costs no more than 400
      int moments = span == 0 ? 1 : (int) Math.min(SPAN_MOMENTS, Math.max(2, 4 * span / Math.max(1.0, tau)));
      double mass = 0;
      for (int i = 0; i < moments; i++) {
        double p = moments == 1 ? start : start + span * (i + 0.5) / moments;
        mass += laplaceCdf(Math.max(-reach, Math.min(reach, hi - p)), tau) - laplaceCdf(Math.max(-reach, Math.min(reach, lo - p)), tau);
      }
      mass /= moments;
      double hours = (hi - lo) / 3_600_000.0;
      return Math.log(1 - DETECTION + DETECTION * mass / (hours * BACKGROUND_PER_HOUR));
    }

    /** ln(1 − r + r·P·W/L) for an observed end interval of length L, W the window, r the recovery detection. */
    double endTerm(long p, long lo, long hi, double scale) {
      lo = Math.min(lo, hi - RESOLUTION_MS);
      double mass = laplaceCdf(hi - p, scale) - laplaceCdf(lo - p, scale);
      return Math.log(1 - RECOVERY_DETECTION + RECOVERY_DETECTION * mass * w.millis / (hi - lo));
    }

    /**
     * The first sign the model predicts at its origin must not be seen on another entity strictly
     * before the origin (before the origin's whole onset interval).
     */
    void order(Prediction m, Scored out) {
      List<Scorecard.Term> explained = out.terms.stream().filter(t -> t.outcome().equals(EXPLAINED)).toList();
      out.orderAgreement = kendall(explained);
      if (m.origins().isEmpty()) return;
      Set<String> origins = new HashSet<>(m.origins());
      Symptom firstSign = null;
      for (Symptom p : m.symptoms()) {
        if (origins.contains(p.entity()) && p.onset() != null && (firstSign == null || p.onset().isBefore(firstSign.onset()))) firstSign = p;
      }
      if (firstSign == null) return;
      String kind = firstSign.kind();
      Scorecard.Term origin = null;
      for (Scorecard.Term t : explained) {
        if (t.predicted().kind().equals(kind) && origins.contains(t.predicted().entity())
            && (origin == null || t.observed().onset().isBefore(origin.observed().onset()))) origin = t;
      }
      String where = String.join(", ", m.origins());
      if (origin == null) {
        // The cause acts at its origin first: others showing the first sign while no origin does contradicts it.
        Scorecard.Term other = explained.stream().filter(t -> t.predicted().kind().equals(kind))
            .min(Comparator.comparing(t -> t.observed().onset())).orElse(null);
        if (other != null) {
          out.orderPenalty = -round2(MARGIN);
          out.orderViolation = String.format(Locale.ROOT, "the origin %s never showed %s after the cause, while %s did at %s (%s): the first to show it should be where the cause acts",
              where, kind, other.observed().entity(), other.observed().onset(), other.observed().evidence());
        }
        return;
      }
      Symptom at = origin.observed();
      Scorecard.Term offender = null;
      for (Scorecard.Term t : explained) {
        if (!t.predicted().kind().equals(kind) || origins.contains(t.predicted().entity())) continue;
        Symptom o = t.observed();
        if (strictlyBefore(o, at) && (offender == null || o.onset().isBefore(offender.observed().onset()))) offender = t;
      }
      if (offender != null) {
        out.orderPenalty = -round2(MARGIN);
        out.orderViolation = String.format(Locale.ROOT, "%s showed %s at %s (%s), before the origin %s did (%s, %s): the first to show it should be where the cause acts",
            offender.observed().entity(), kind, offender.observed().onset(), offender.observed().evidence(), where,
            at.onset(), at.evidence());
      }
    }
  }

  /** Kendall's τ between predicted and observed onsets over pairs both order strictly. */
  static double kendall(List<Scorecard.Term> terms) {
    List<Scorecard.Term> sample = new ArrayList<>(terms);
    sample.removeIf(t -> t.predicted().onset() == null);
    sample.sort(Comparator.comparing(t -> t.predicted().onset()));
    if (sample.size() > ORDER_SAMPLE) sample = sample.subList(0, ORDER_SAMPLE);
    // Up to 80,000 pairs per hypothesis, each hypothesis of a short run: counted in n log n, not pair by
    // pair. The instants become ranks among the sample's observed onsets and earliest onsets, and "a seen
    // before b could have begun" (a's onset before b's onset and not after b's earliest) becomes one
    // comparison: rank(a.onset) < min(rank(b.onset), rank(b.earliest) + 1). The sample is sorted by
    // predicted onset, so a pair of different predicted onsets is concordant when the earlier-predicted
    // one was seen first and discordant when the later one was (never both); equal predictions count
    // neither. Two Fenwick trees of the terms already passed answer each term's two counts.
    int size = sample.size();
    Instant[] seen = new Instant[2 * size];
    for (int i = 0; i < size; i++) {
      Symptom o = sample.get(i).observed();
      seen[2 * i] = o.onset();
      seen[2 * i + 1] = o.onsetEarliest();
    }
    Arrays.sort(seen);
    int distinct = 0;
    for (int i = 0; i < seen.length; i++) {
      if (i == 0 || !seen[i].equals(seen[distinct - 1])) seen[distinct++] = seen[i];
    }
    int[] onset = new int[size]; // rank of the observed onset
    int[] bound = new int[size]; // seen before this term could have begun: an onset ranked below this
    for (int i = 0; i < size; i++) {
      Symptom o = sample.get(i).observed();
      onset[i] = Arrays.binarySearch(seen, 0, distinct, o.onset());
      bound[i] = Math.min(onset[i], Arrays.binarySearch(seen, 0, distinct, o.onsetEarliest()) + 1);
    }
    int[] onsetsPassed = new int[distinct + 2]; // Fenwick trees over ranks 0..distinct, stored from 1
    int[] boundsPassed = new int[distinct + 2];
    long concordant = 0;
    long discordant = 0;
    int passed = 0;
    for (int group = 0; group < size; ) {
      int end = group + 1;
      while (end < size && sample.get(end).predicted().onset().equals(sample.get(group).predicted().onset())) end++;
      for (int j = group; j < end; j++) {
        concordant += countBelow(onsetsPassed, bound[j]);
        discordant += passed - countBelow(boundsPassed, onset[j] + 1);
      }
      for (int j = group; j < end; j++) {
        add(onsetsPassed, onset[j]);
        add(boundsPassed, bound[j]);
      }
      passed += end - group;
      group = end;
    }
    long n = concordant + discordant;
    return n == 0 ? Double.NaN : round2((double) (concordant - discordant) / n);
  }

  /** Fenwick tree: one more value of rank {@code rank}. */
  private static void add(int[] tree, int rank) {
    for (int i = rank + 1; i < tree.length; i += i & -i) tree[i]++;
  }

  /** Fenwick tree: how many values ranked below {@code rank}. */
  private static int countBelow(int[] tree, int rank) {
    int n = 0;
    for (int i = Math.min(rank, tree.length - 1); i > 0; i -= i & -i) n += tree[i];
    return n;
  }

  /**
   * The sign of the order of two instants given as epoch seconds and nanoseconds (-1, 0, 1). Not
   * {@link Instant#compareTo}'s value: within a second that is the difference of the nanoseconds, and
   * compared with an order's sign it made every sub-second pair discordant.
   */
  private static int compare(long s1, int n1, long s2, int n2) {
    return s1 != s2 ? Long.compare(s1, s2) : Integer.compare(n1, n2);
  }

  /** a was seen before b could have begun: before b's whole onset interval. */
  static boolean strictlyBefore(Symptom a, Symptom b) {
    return strictlyBefore(a.onset().getEpochSecond(), a.onset().getNano(), b.onset().getEpochSecond(), b.onset().getNano(),
        b.onsetEarliest().getEpochSecond(), b.onsetEarliest().getNano());
  }

  /** The same with the instants as epoch seconds and nanoseconds: a's onset, b's onset, b's earliest onset. */
  private static boolean strictlyBefore(long aS, int aN, long bS, int bN, long bEarliestS, int bEarliestN) {
    return compare(aS, aN, bS, bN) < 0 && compare(aS, aN, bEarliestS, bEarliestN) <= 0;
  }

  static double laplaceCdf(double x, double scale) {
    return x < 0 ? 0.5 * Math.exp(x / scale) : 1 - 0.5 * Math.exp(-x / scale);
  }

  /** Seconds from the interval [lo, hi] to p: negative before it, positive after, 0 inside. */
  /** The error of an onset predicted in [pFrom, pTo]: none when the spans meet, else the distance between them. */
  static double error(long pFrom, long pTo, long lo, long hi) {
    if (pTo < lo) return (pTo - lo) / 1000.0;
    if (pFrom > hi) return (pFrom - hi) / 1000.0;
    return 0;
  }

  static double error(long p, long lo, long hi) {
    if (p < lo) return (p - lo) / 1000.0;
    if (p > hi) return (p - hi) / 1000.0;
    return 0;
  }

  static double round(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
  }

  static double round2(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return v;
    return Math.round(v * 100) / 100.0;
  }
}
