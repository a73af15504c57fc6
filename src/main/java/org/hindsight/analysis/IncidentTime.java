package org.hindsight.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hindsight.engine.Detection;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.SourceRef;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Scorecard;
import org.hindsight.simulate.Verdict;

/**
 * When the incident began and ended, worked out from the explanation rather than from the first
 * thing that went wrong anywhere in the logs (docs/reports.md, "Time").
 *
 * <ul>
 *   <li><b>The incident's symptoms.</b> Those the top live (confirmed/plausible) hypothesis explains
 *       (with, when it is confirmed, those of every other confirmed hypothesis that explains trouble on
 *       entities it does not: a second cause's trouble is the incident's too, not "before" or "unrelated"),
 *       plus every observed symptom that began while they were under way (from the first explained
 *       onset to the last explained end, or to the end of the incident's worst trouble when that is
 *       later): consequences the replay does not model, such as customer services over a routing flood. Symptoms that began earlier, began after, or that a finding
 *       names as an independent cause are listed apart ({@link #outside}).
 *   <li><b>Fallback.</b> With no live hypothesis that explains anything, the largest connected burst
 *       of symptoms (episodes that overlap in time, chained) is the incident, and {@link #basis}
 *       says so.
 *   <li><b>Onset</b> is the first onset among the incident's symptoms: the first explained one, or an
 *       earlier one that began after the cause acted and was still under way then (the burst's first
 *       onset in the fallback).
 *   <li><b>Recovery</b> is the end of the worst trouble: the last end among the incident's symptoms of
 *       the most severe tier present (outage: down; impaired: degraded, errors, latency; internal:
 *       everything else), so a backlog that drains at reduced service after every outage is over does
 *       not stretch the outage, and the report names it ({@link #allClear}). An episode whose
 *       recovery event is missing ends when the entity's metrics that were in trouble with it are all
 *       back at their baseline (the observation model's episode ends, {@link Observations}).
 * </ul>
 *
 * @param basis {@code explanation} (the top live hypothesis), {@code burst} (fallback) or {@code none}
 * @param explainedBy the hypothesis whose explanation sets the times, null unless {@code explanation}
 * @param alsoExplainedBy other confirmed hypotheses whose explained symptoms count too, because they
 *     explain trouble on entities the top one (and those before them) does not (a second cause)
 * @param separately other confirmed hypotheses whose trouble is a separate incident: it began more than
 *     {@link #SEPARATE_AFTER} after the incident's last trouble, or was over that long before its first; its
 *     symptoms are not counted in these times (two outages of one service years apart are two incidents)
 * @param symptoms the incident's symptoms, by onset
 * @param outside observed symptoms not counted, with why
 * @param recoveryTier the tier whose end is the recovery: {@code outage}, {@code impaired}, {@code internal}
 */
public record IncidentTime(
    String basis,
    Assessment explainedBy,
    List<Assessment> alsoExplainedBy,
    List<Part> symptoms,
    List<Outside> outside,
    Instant onset,
    SourceRef onsetRef,
    Instant recovered,
    SourceRef recoveredRef,
    String recoveryTier,
    Instant allClear,
    SourceRef allClearRef,
    RecoveryGap recoveryGap,
    List<Assessment> separately) {

  /** How long without trouble between two confirmed causes' trouble makes them two incidents, each with its own times. */
  public static final Duration SEPARATE_AFTER = Duration.ofDays(1);

  public static final String EXPLANATION = "explanation";
  public static final String BURST = "burst";
  public static final String NONE = "none";

  /**
   * One symptom of the incident.
   *
   * @param explained true when the top hypothesis explains it, false when it began while the
   *     explained trouble was under way
   * @param end when it was over, null when the logs never show it over
   * @param endByMetric true when the end comes from the entity's metrics back at baseline because
   *     no recovery event was logged
   */
  public record Part(Symptom symptom, boolean explained, Instant end, SourceRef endRef, boolean endByMetric) {}

  /**
   * An observed symptom the incident's times do not count.
   *
   * @param why {@code before} (began before the incident), {@code after} (began after its
   *     explained trouble was over) or {@code independent} (a finding names it as a cause apart)
   */
  public record Outside(Symptom symptom, String why) {}

  /**
   * Where the replay's predicted recovery and the logs disagree by more than the model can claim.
   *
   * @param predicted the replay's last predicted recovery of an explained symptom
   * @param observed the last observed recovery of an explained symptom
   * @param observedEntity whose recovery that was
   * @param priors the replay's calibration lines on what sets its recovery (restart priors, restore times)
   * @param notModelled contributing factors the logs name, which the replay does not model (recovery
   *     tooling lost with the site, …)
   */
  public record RecoveryGap(Instant causeAt, Instant predicted, String predictedEntity, Instant observed,
      String observedEntity, SourceRef observedRef, List<String> priors, List<String> notModelled) {
    public Duration gap() {
      return Duration.between(predicted, observed);
    }
  }

  public Duration duration() {
    return onset == null || recovered == null ? null : Duration.between(onset, recovered);
  }

  /** Entities with a symptom of the incident that the logs never show over. */
  public List<String> unrecovered() {
    Set<String> out = new LinkedHashSet<>();
    for (Part p : symptoms) if (p.end() == null && tier(p.symptom().kind()) > 0) out.add(p.symptom().entity());
    return List.copyOf(out);
  }

  /** How bad a kind of symptom is for users: 3 outage, 2 impaired, 1 internal, 0 a moment (restart, data loss). */
  public static int tier(String kind) {
    return switch (kind) {
      case SymptomKinds.SERVICE_DOWN -> 3;
      case SymptomKinds.SERVICE_DEGRADED, SymptomKinds.ERRORS, SymptomKinds.LATENCY -> 2;
      case SymptomKinds.RESTART, SymptomKinds.DATA_LOSS -> 0;
      default -> 1;
    };
  }

  public static String tierName(int tier) {
    return switch (tier) {
      case 3 -> "outage";
      case 2 -> "impaired";
      case 1 -> "internal";
      default -> "";
    };
  }

  /** A replay's recovery is "off" when it misses by more than this or a quarter of its predicted duration. */
  static final Duration GAP_FLOOR = Duration.ofMinutes(30);

  private static final Comparator<Symptom> BY_ONSET = Comparator.comparing(Symptom::onset)
      .thenComparing(Symptom::kind).thenComparing(Symptom::entity)
      .thenComparing(s -> s.evidence() == null ? new SourceRef("", 0) : s.evidence());

  public static IncidentTime of(Analysis analysis) {
    Observations obs = analysis.world().observations();
    Instant logsEnd = obs.logsEnd();
    Set<SourceRef> independent = new HashSet<>();
    for (Detection.OfFinding f : analysis.findings()) {
      if (f.finding().kind().equals("independent-cause")) f.finding().evidence().forEach((Evidence e) -> independent.add(e.ref()));
    }
    // a second-period claim (a change that made the incident worse, Hypothesis.worsens) never anchors the incident's times:
    // its trouble counts beside the root's, or in the burst when no root is live
    Assessment best = analysis.live().stream().filter(a -> !a.validation().explained().isEmpty() && !a.hypothesis().worsens())
        .findFirst().orElse(null);
    List<Symptom> core = new ArrayList<>();
    List<Assessment> also = new ArrayList<>();
    List<Assessment> separately = new ArrayList<>();
    String basis;
    if (best != null) {
      basis = EXPLANATION;
      for (Symptom s : best.validation().explained()) if (s.onset() != null && s.evidence() != null) core.add(s);
      if (best.validation().verdict() == Verdict.CONFIRMED) {
        // By entity, not by symptom: two rules may explain the same trouble through different symptoms
        // of it (a threshold breach, a learned-baseline anomaly), which is one cause, not two.
        Set<String> covered = new HashSet<>();
        for (Symptom s : core) covered.add(s.entity());
        for (Assessment a : analysis.live()) {
          if (a == best || a.validation().verdict() != Verdict.CONFIRMED) continue;
          List<Symptom> dated = a.validation().explained().stream().filter(s -> s.onset() != null && s.evidence() != null).toList();
          if (dated.stream().allMatch(s -> covered.contains(s.entity()))) continue;
          if (apart(dated, core)) {
            separately.add(a);
            continue;
          }
          also.add(a);
          for (Symptom s : dated) {
            covered.add(s.entity());
            if (!core.contains(s)) core.add(s);
          }
        }
      }
    } else {
      core = largestBurst(obs.all(), logsEnd);
      basis = core.isEmpty() ? NONE : BURST;
    }
    if (core.isEmpty()) {
      List<Outside> outside = obs.all().stream().filter(s -> s.onset() != null).map(s -> new Outside(s, "before")).toList();
      return new IncidentTime(NONE, null, List.of(), List.of(), basis.equals(NONE) ? List.of() : outside, null, null, null, null, "",
          null, null, null, List.of());
    }
    core.sort(BY_ONSET);
    Set<Symptom> inCore = new HashSet<>(core);
    Instant start = core.get(0).onset();
    Instant causeAt = best == null || best.validation().scorecard() == null ? null : best.validation().scorecard().causeAt();
    Instant end = start;
    for (Symptom s : core) {
      Instant e = s.end() == null ? logsEnd : s.end();
      if (e != null && e.isAfter(end)) end = e;
    }
    List<Part> parts = new ArrayList<>();
    List<Outside> outside = new ArrayList<>();
    for (Symptom s : obs.all()) {
      if (s.onset() == null) continue;
      if (inCore.contains(s)) {
        parts.add(part(s, true, obs));
      } else if (s.evidence() != null && independent.contains(s.evidence())) {
        outside.add(new Outside(s, "independent"));
      } else if (s.onset().isBefore(start) && !followsCause(s, causeAt, start)) {
        outside.add(new Outside(s, "before"));
      } else if (s.onset().isAfter(end)) {
        outside.add(new Outside(s, "after"));
      } else {
        parts.add(part(s, false, obs));
      }
    }
    // Trouble that began after the explained symptoms were over but while the incident's worst
    // trouble was still under way (processes pinned again before the error ratio was back) is part of it.
    Instant worstEnd = null;
    int worstTier = 0;
    for (Part p : parts) worstTier = Math.max(worstTier, tier(p.symptom().kind()));
    for (Part p : parts) {
      if (tier(p.symptom().kind()) == worstTier && p.end() != null && (worstEnd == null || p.end().isAfter(worstEnd))) worstEnd = p.end();
    }
    if (worstEnd != null && worstEnd.isAfter(end)) {
      List<Outside> still = new ArrayList<>();
      for (Outside o : outside) {
        if (o.why().equals("after") && !o.symptom().onset().isAfter(worstEnd)) parts.add(part(o.symptom(), false, obs));
        else still.add(o);
      }
      outside = still;
      parts.sort(Comparator.comparing(Part::symptom, BY_ONSET));
    }
    int worst = 0;
    for (Part p : parts) worst = Math.max(worst, tier(p.symptom().kind()));
    Part recoveredBy = null;
    Part lastOfAll = null;
    boolean allOver = true;
    for (Part p : parts) {
      int t = tier(p.symptom().kind());
      if (t == 0) continue;
      if (p.end() == null) {
        allOver = false;
        continue;
      }
      if (t == worst && (recoveredBy == null || p.end().isAfter(recoveredBy.end()))) recoveredBy = p;
      if (lastOfAll == null || p.end().isAfter(lastOfAll.end())) lastOfAll = p;
    }
    // every explained symptom may be a learned-baseline anomaly, a kind all() does not list: the incident
    // then still began with the first of them
    Symptom first = parts.stream().map(Part::symptom).min(BY_ONSET).orElse(core.get(0));
    RecoveryGap gap = best == null ? null : recoveryGap(best, analysis);
    return new IncidentTime(basis, best, List.copyOf(also), List.copyOf(parts), List.copyOf(outside), first.onset(), first.evidence(),
        recoveredBy == null ? null : recoveredBy.end(), recoveredBy == null ? null : recoveredBy.endRef(), tierName(worst),
        allOver && lastOfAll != null ? lastOfAll.end() : null, allOver && lastOfAll != null ? lastOfAll.endRef() : null, gap,
        List.copyOf(separately));
  }

  /**
   * Whether trouble {@code other} is apart from trouble {@code core} by more than {@link #SEPARATE_AFTER}: it began that
   * long after the last of it (an episode with no end logged counts from its onset), or was over that long before it began.
   */
  static boolean apart(List<Symptom> other, List<Symptom> core) {
    if (other.isEmpty() || core.isEmpty()) return false;
    Instant coreFrom = core.stream().map(Symptom::onset).min(Instant::compareTo).orElseThrow();
    Instant coreTo = core.stream().map(s -> s.end() == null ? s.onset() : s.end()).max(Instant::compareTo).orElseThrow();
    Instant from = other.stream().map(Symptom::onset).min(Instant::compareTo).orElseThrow();
    Instant to = other.stream().map(s -> s.end() == null ? s.onset() : s.end()).max(Instant::compareTo).orElseThrow();
    return from.isAfter(coreTo.plus(SEPARATE_AFTER)) || to.plus(SEPARATE_AFTER).isBefore(coreFrom);
  }

  /**
   * A symptom that began after the cause acted but before the first one the replay explains, and was
   * still under way when that one began: the cause's own first effect the replay does not model (links
   * a command shut before the services behind them failed), so it is the incident's onset, not trouble
   * from before it.
   */
  private static boolean followsCause(Symptom s, Instant causeAt, Instant firstExplained) {
    return causeAt != null && !s.onset().isBefore(causeAt) && (s.end() == null || !s.end().isBefore(firstExplained));
  }

  /**
   * The symptom with its end; an open episode of an event kind (no recovery event logged) ends when
   * every metric episode of the same entity that was under way with it has ended.
   */
  private static Part part(Symptom s, boolean explained, Observations obs) {
    if (s.end() != null) return new Part(s, explained, s.end(), s.endEvidence(), false);
    if (!isEventKind(s.kind())) return new Part(s, explained, null, null, false);
    Symptom lastMetric = null;
    boolean any = false;
    for (Symptom m : obs.ofEntity(s.entity())) {
      if (isEventKind(m.kind()) || tier(m.kind()) == 0 || m.onset() == null) continue;
      // a metric episode under way with this one: it began before this one was seen over, and did not end before it began
      if (m.end() != null && m.end().isBefore(s.onset())) continue;
      any = true;
      if (m.end() == null) return new Part(s, explained, null, null, false);
      if (lastMetric == null || m.end().isAfter(lastMetric.end())) lastMetric = m;
    }
    if (!any || lastMetric == null) return new Part(s, explained, null, null, false);
    return new Part(s, explained, lastMetric.end(), lastMetric.endEvidence(), true);
  }

  private static boolean isEventKind(String kind) {
    return kind.equals(SymptomKinds.SERVICE_DOWN) || kind.equals(SymptomKinds.SERVICE_DEGRADED)
        || kind.equals(SymptomKinds.ADJACENCY_DOWN);
  }

  /**
   * The largest set of symptoms whose episodes overlap in time, chained (an open episode lasts to
   * the end of the logs); moments (restarts, data loss) join the burst they fall in.
   */
  static List<Symptom> largestBurst(List<Symptom> all, Instant logsEnd) {
    List<Symptom> byOnset = new ArrayList<>();
    for (Symptom s : all) if (s.onset() != null && s.evidence() != null) byOnset.add(s);
    byOnset.sort(BY_ONSET);
    List<Symptom> best = List.of();
    List<Symptom> current = new ArrayList<>();
    Instant reach = null;
    for (Symptom s : byOnset) {
      if (reach != null && s.onset().isAfter(reach)) {
        if (current.size() > best.size()) best = current;
        current = new ArrayList<>();
        reach = null;
      }
      current.add(s);
      Instant e = s.end() == null ? (logsEnd == null ? s.onset() : logsEnd) : s.end();
      if (reach == null || e.isAfter(reach)) reach = e;
    }
    if (current.size() > best.size()) best = current;
    return best;
  }

  /**
   * The replay's last predicted recovery against the last observed one, when they disagree by more
   * than {@link #GAP_FLOOR} and a quarter of the predicted duration; null when they agree or the
   * model predicts no recovery.
   */
  static RecoveryGap recoveryGap(Assessment best, Analysis analysis) {
    Scorecard card = best.validation().scorecard();
    if (card == null) return null;
    Scorecard.Term lastPredicted = null;
    Scorecard.Term lastObserved = null;
    for (Scorecard.Term t : card.terms()) {
      if (t.predicted() == null || t.observed() == null || !t.outcome().equals("explained")) continue;
      if (t.predicted().end() != null && (lastPredicted == null || t.predicted().end().isAfter(lastPredicted.predicted().end()))) {
        lastPredicted = t;
      }
      if (t.observed().end() != null && (lastObserved == null || t.observed().end().isAfter(lastObserved.observed().end()))) {
        lastObserved = t;
      }
    }
    if (lastPredicted == null || lastObserved == null || card.causeAt() == null) return null;
    Instant predicted = lastPredicted.predicted().end();
    Instant observed = lastObserved.observed().end();
    Duration off = Duration.between(predicted, observed).abs();
    Duration predictedLength = Duration.between(card.causeAt(), predicted);
    if (off.compareTo(GAP_FLOOR) <= 0 || off.compareTo(predictedLength.dividedBy(4)) <= 0) return null;
    List<String> priors = new ArrayList<>();
    if (best.replay() != null) {
      for (String line : best.replay().calibration()) {
        String l = line.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("restart") || l.contains("restore") || l.contains("recover")) priors.add(line);
      }
    }
    List<String> notModelled = new ArrayList<>();
    for (Detection.OfFinding f : analysis.findings()) {
      if (f.finding().kind().equals("contributing-factor")) notModelled.add(f.finding().summary());
    }
    return new RecoveryGap(card.causeAt(), predicted, lastPredicted.predicted().entity(), observed,
        lastObserved.observed().entity(), lastObserved.observed().endEvidence(), List.copyOf(priors), List.copyOf(notModelled));
  }
}
