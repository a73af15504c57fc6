package org.hindsight.simulate;

import java.time.Instant;
import java.util.List;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Symptom;

/**
 * The arithmetic behind a verdict, so a reader can redo it ({@code docs/validation.md}). Scores are
 * natural-log likelihood ratios of the observations under a model against the null model (no cause:
 * every symptom is background), so the null model scores 0.
 *
 * @param score the hypothesis (its cause acting)
 * @param counterfactualScore the incident as logged with exactly this cause removed
 * @param asLoggedScore the incident as logged, every candidate acting (equals {@code score} when
 *     the hypothesis is the only one)
 * @param contribution the best fit with this cause ({@code max(score, asLoggedScore)}) minus the
 *     best fit without it ({@code max(0, counterfactualScore, every competing named rival's score)})
 * @param rivals every rival with its score and the hypothesis's log-odds against it
 * @param margin the log-odds a confirmation needs against the null, the counterfactual and every
 *     competing rival: ln 100
 * @param from start of the scoring window (look-back for symptoms preceding the cause)
 * @param to end of the scoring window
 * @param causeAt when the hypothesis's cause acts
 * @param timingScaleSeconds τ, the scale of the timing error
 * @param terms one per predicted symptom of the hypothesis: how it fared and what it adds
 * @param orderPenalty the order term: −margin when another entity showed the first sign before the
 *     origin, else 0 (included in {@code score})
 * @param orderAgreement Kendall's τ between predicted and observed onset order of the explained
 *     symptoms (NaN when fewer than two pairs can be ordered)
 */
public record Scorecard(
    double score,
    double counterfactualScore,
    double asLoggedScore,
    double contribution,
    List<RivalScore> rivals,
    double margin,
    Instant from,
    Instant to,
    Instant causeAt,
    double timingScaleSeconds,
    List<Term> terms,
    double orderPenalty,
    double orderAgreement) {

  public Scorecard {
    rivals = List.copyOf(rivals);
    terms = List.copyOf(terms);
  }

  /** The null model predicts nothing; every score is relative to it. */
  public double nullScore() {
    return 0;
  }

  /** The competing exclusive rival (the same cause elsewhere) with the lowest log-odds, or null. */
  public RivalScore bestRival() {
    RivalScore best = null;
    for (RivalScore r : rivals) if (r.competes() && r.exclusive() && (best == null || r.logOdds() < best.logOdds())) best = r;
    return best;
  }

  /**
   * The rival that decides against a confirmation: of the competing exclusive rivals that explain
   * more observed symptoms than the hypothesis ({@code explained}), or as many with log-odds below
   * −margin (a far better fit), the one with the lowest log-odds; null when none does. Placements of the same cause that explain the same symptoms are
   * told apart by the order term (where the first sign appeared), not by the fine timing of a model
   * whose per-hop priors the incident may not share.
   */
  public RivalScore blockingRival(int explained) {
    RivalScore best = null;
    for (RivalScore r : rivals) {
      if (r.decidesAgainst(explained, margin) && (best == null || r.logOdds() < best.logOdds())) best = r;
    }
    return best;
  }

  /** The competing rival the logs name (another cause that may have acted too) with the highest score, or null. */
  public RivalScore strongestCoCause() {
    RivalScore best = null;
    for (RivalScore r : rivals) if (r.competes() && !r.exclusive() && (best == null || r.score() > best.score())) best = r;
    return best;
  }

  /**
   * One predicted symptom of the hypothesis and what it adds to the score, or a symptom of the
   * pattern's kinds already under way on a modelled entity when the cause acted ({@code predicted}
   * null).
   *
   * @param outcome {@code explained} (matched on time: positive onset term), {@code off-time}
   *     (matched, but so far from the prediction that it counts against), {@code not-observed},
   *     {@code not-measured} (unseen, but the logs measure nothing that could show it there: 0),
   *     {@code precedes-cause} (the entity was already in that state before the cause acted), or
   *     {@code under-way-before} (trouble of the pattern's kind on a modelled entity the model does
   *     not predict, already there when the cause acted: ln(1 − d) against it)
   * @param observed the observed symptom it was matched with, null when none
   * @param onsetErrorSeconds predicted onset minus the observed onset interval (0 inside it), NaN unmatched
   * @param onsetTerm the onset's contribution (see docs/validation.md)
   * @param endErrorSeconds predicted recovery minus the observed one, NaN when either is missing
   * @param endTerm the recovery's contribution (0 when no recovery is predicted)
   */
  public record Term(Symptom predicted, Symptom observed, String outcome, double onsetErrorSeconds, double onsetTerm,
      double endErrorSeconds, double endTerm) {
    public double total() {
      return onsetTerm + endTerm;
    }
  }

  /**
   * A rival's score and how the hypothesis stands against it.
   *
   * @param explained how many observed symptoms the rival explains on time
   * @param priorLogOdds 0 for a rival the logs name; ln 1000 for the same cause placed where the
   *     logs name none (the hypothesis has a record, the rival only a shape)
   * @param logOdds {@code score − rival score + priorLogOdds}
   * @param competes true when the rival predicts at least one symptom the hypothesis predicts;
   *     a rival explaining something else entirely is an independent cause, not a competitor
   * @param exclusive true for the same cause placed elsewhere (the leak from another router): only
   *     one of them happened, so the hypothesis must beat it; false for another cause the logs
   *     name (another command, component, cycle): it may have acted too, so it is weighed by the
   *     contribution test (the incident as logged, which includes it, against the incident
   *     without exactly this cause)
   */
  public record RivalScore(String label, String origin, SourceRef cause, double score, int explained,
      double priorLogOdds, double logOdds, boolean competes, boolean exclusive) {
    /**
     * Whether this rival can decide against a cause that explains {@code explained} observed
     * symptoms: a competing, exclusive rival explaining more, or as many with log-odds below
     * −margin (explaining as many, it still decides when it fits far better: by more than the margin
     * after the record's prior, more than per-hop timing priors can add up to).
     */
    public boolean decidesAgainst(int explained, double margin) {
      if (!competes || !exclusive) return false;
      return this.explained > explained || (this.explained == explained && logOdds < -margin);
    }
  }
}
