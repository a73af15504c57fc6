package org.hindsight.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.analysis.IncidentTime;
import org.hindsight.analysis.Timeline;
import org.hindsight.engine.Detection;
import org.hindsight.engine.RuleInfo;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.Evidence;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.observe.Symptom;
import org.hindsight.simulate.Verdict;

/**
 * What a postmortem says, worked out once from an {@link Analysis} so the Markdown, HTML and JSON
 * reports agree: the sections of Google's SRE postmortem template (summary, impact, trigger, root
 * causes, contributing factors, detection, resolution, timeline, action items, lessons,
 * references) and the evidence appendix. Pattern-independent: everything comes from replays,
 * findings, rule metadata and well-known event types.
 */
public final class Postmortem {
  /**
   * Most moments the timeline keeps: a guard against a flood of error events, far above what any
   * incident needs; what it leaves out is counted ({@link #timelineOmitted}) and said.
   */
  static final int MAX_TIMELINE = 5000;
  /**
   * Recoveries listed one by one (the JSON's {@code resolution}; a group opens to as many in the HTML):
   * a fleet's incident has hundreds of thousands, which the bursts of {@link #resolutionRows} count.
   */
  static final int LISTED_RESOLUTION = 200;

  /**
   * One dated record: a row of the timeline, a recovery, the trigger.
   *
   * @param kind what sort of record it is, for grouping alike rows: the event type, {@code symptom
   *     <kind>}, {@code config-command}, {@code ops-command}
   */
  record Moment(Instant time, SourceRef ref, String what, String category, String entity, String kind) {}

  /** One affected entity and how long it was affected ({@code until} null: no recovery recorded). */
  record Affected(String entity, String type, String site, List<String> symptoms, Instant from, SourceRef fromRef,
      Instant until, SourceRef untilRef, boolean untilByMetric) {}

  /** The peak of one error-ratio series. */
  record Peak(String entity, String metric, double value, Instant time, SourceRef ref) {}

  record Impact(List<Affected> affected, List<String> services, List<String> sites, Instant onset, SourceRef onsetRef,
      Instant recovered, SourceRef recoveredRef, List<String> unrecovered, List<Peak> errorPeaks, IncidentTime time) {
    Duration duration() {
      return onset == null || recovered == null ? null : Duration.between(onset, recovered);
    }

    boolean isEmpty() {
      return affected.isEmpty() && errorPeaks.isEmpty();
    }
  }

  /** When trouble began, when people declared it, and the gap. */
  record Detected(Instant firstSymptom, SourceRef firstSymptomRef, String firstSymptomWhat, Moment declared, Moment detected,
      Moment resolved) {
    Duration delay() {
      return firstSymptom == null || declared == null ? null : Duration.between(firstSymptom, declared.time());
    }

    /** From the onset to the first alert or incident record. */
    Duration detectDelay() {
      return firstSymptom == null || detected == null ? null : Duration.between(firstSymptom, detected.time());
    }
  }

  /**
   * One action item.
   *
   * @param about what it is about: the claims and findings whose rules propose it ("missing-exit on r1")
   */
  record Action(String text, String priority, List<String> sources, boolean conditional, List<String> about) {}

  /**
   * One lesson, written from this incident's facts (not from the rule's story of another incident).
   *
   * @param kind {@code went-wrong}, {@code prevention}, {@code safeguard}, {@code made-worse},
   *     {@code lost}, {@code detection}, {@code recovery}, {@code ruled-out}, {@code open}
   */
  record Lesson(String kind, String text, List<SourceRef> refs) {
    String label() {
      return switch (kind) {
        case "went-wrong" -> "What went wrong";
        case "prevention" -> "What would have prevented it";
        case "safeguard" -> "Safeguard";
        case "made-worse" -> "What made it worse";
        case "lost" -> "What was lost";
        case "detection" -> "Detection";
        case "recovery" -> "Recovery";
        case "ruled-out" -> "Ruled out";
        default -> "Open question";
      };
    }
  }

  /**
   * The famous incident a rule was written from, cited as a reference, not retold as this
   * incident's lesson: the rule's short {@code @notes}, its page and its first link.
   *
   * @param page the rule's Markdown page ({@code rules/<pattern>/<id>.md}), "" when it has none
   */
  record ReferenceIncident(String ruleId, String title, String notes, String page, String url) {}

  record Reference(String url, List<String> ruleIds) {}

  /** A quoted record of the appendix and who relies on it. */
  record Cited(SourceRef ref, String text, List<String> citedBy) {}

  static final Set<String> TROUBLE_TYPES = Set.of("site.power_loss", "site.fire", "service.down", "service.degraded",
      "adjacency.down");
  static final Set<String> RECOVERY_TYPES = Set.of("site.restored", "service.up", "adjacency.up", "process.restart");
  static final String DECLARED = "incident.declared";
  static final String RESOLVED = "incident.resolved";

  final Analysis analysis;
  final Times times;
  final SourceText text;
  final List<Assessment> live;
  final List<Assessment> setAside;
  final Assessment best;
  /** Live second-period claims: changes made after the first symptom that made the incident worse, in rank order. */
  final List<Assessment> worsened;
  final Map<Assessment, Integer> numbers = new LinkedHashMap<>();
  final Impact impact;
  final Moment trigger;
  final Detected detection;
  /** The first {@link #LISTED_RESOLUTION} recoveries and mitigations after the onset; {@link #resolutionCount} counts all. */
  final List<Moment> resolution;
  final int resolutionCount;
  /** The recoveries and mitigations in bursts, every one counted ({@link #resolutionCount}). */
  private final List<Compaction.MomentGroup> resolutionRows;
  final List<Moment> timeline;
  /** Key moments left out of {@link #timeline} by {@link #MAX_TIMELINE}. */
  final int timelineOmitted;
  final List<Action> actions;
  final List<Lesson> lessons;
  final List<ReferenceIncident> referenceIncidents;
  final List<Reference> references;
  /** Every cited record with its text, by file and line. */
  final List<Cited> evidence;
  /** Every symptom the logs show (the observation model), whatever the rules found. */
  final List<Symptom> symptoms;
  private final Map<SourceRef, TimedFact> facts;
  private final Map<String, String> shortNames = new java.util.HashMap<>();

  private Postmortem(Analysis analysis) {
    this.analysis = analysis;
    this.times = new Times(analysis.zone());
    this.live = analysis.live();
    this.setAside = analysis.assessments().stream().filter(a -> !a.validation().verdict().live()).toList();
    // a change that made the incident worse after its first symptom is never its root (Hypothesis.worsens)
    this.worsened = live.stream().filter(a -> a.hypothesis().worsens()).toList();
    this.best = live.stream().filter(a -> !a.hypothesis().worsens()).findFirst().orElse(null);
    this.symptoms = analysis.symptoms();
    int n = 1;
    for (Assessment a : live) numbers.put(a, n++);
    for (Assessment a : setAside) numbers.put(a, n++);

    Map<String, Long> baseNames = new TreeMap<>();
    for (var f : analysis.input().files()) baseNames.merge(baseName(f.file()), 1L, Long::sum);
    for (var f : analysis.input().files()) {
      shortNames.put(f.file(), baseNames.get(baseName(f.file())) == 1 ? baseName(f.file()) : f.file());
    }
    this.facts = timedFacts(analysis);
    this.impact = impact();
    this.trigger = trigger();
    this.detection = detection();
    Compaction.Grouper recoveries = new Compaction.Grouper(Math.max(LISTED_RESOLUTION, HtmlReport.MEMBERS));
    List<Moment> listedRecoveries = new ArrayList<>();
    this.resolutionCount = resolution(m -> {
      recoveries.add(m);
      if (listedRecoveries.size() < LISTED_RESOLUTION) listedRecoveries.add(m);
    });
    this.resolution = List.copyOf(listedRecoveries);
    this.resolutionRows = recoveries.groups();
    Kept kept = timeline();
    this.timeline = kept.moments();
    this.timelineOmitted = kept.omitted();
    this.actions = actions();
    this.referenceIncidents = referenceIncidents();
    this.references = references();

    Map<SourceRef, List<String>> citations = citations();
    Set<SourceRef> all = new LinkedHashSet<>(citations.keySet());
    timeline.forEach(m -> all.add(m.ref()));
    if (trigger != null) all.add(trigger.ref());
    impact.errorPeaks().forEach(p -> all.add(p.ref()));
    all.remove(null);
    this.text = SourceText.of(all);
    List<Cited> cited = new ArrayList<>();
    citations.forEach((ref, by) -> cited.add(new Cited(ref, text.get(ref), by)));
    this.evidence = List.copyOf(cited);
    this.lessons = lessons();
  }

  /** Categories by importance: what the timeline keeps first when it cannot keep everything. */
  private static final List<String> IMPORTANCE = List.of("cause", "trigger", "declared", "evidence", "change", "trouble",
      "recovery", "mitigation");
  private static final Map<String, Integer> RANK = new java.util.HashMap<>(); // a hash probe per comparison, not a list scan

  static {
    for (int i = 0; i < IMPORTANCE.size(); i++) RANK.put(IMPORTANCE.get(i), i);
  }

  private static int rank(String category) {
    return RANK.getOrDefault(category, IMPORTANCE.size());
  }

  /** Most important first: causes, triggers, cited records, then the rest; earlier first within a category. */
  private static final Comparator<Moment> BY_IMPORTANCE = Comparator.comparingInt((Moment m) -> rank(m.category()))
      .thenComparing(Moment::time).thenComparing(Moment::ref);

  /** The first {@code n} moments by importance (causes, triggers, cited records, then the rest), in time order. */
  static List<Moment> keep(List<Moment> moments, int n) {
    Kept kept = new Kept(n);
    moments.forEach(kept::offer);
    return kept.moments();
  }

  /**
   * The {@code n} most important moments offered, in a heap whose head is the least important kept, and
   * how many were offered: the timeline of a fleet-scale bundle is never held whole.
   */
  private static final class Kept {
    private final int n;
    private final java.util.PriorityQueue<Moment> heap;
    private int offered;

    Kept(int n) {
      this.n = n;
      this.heap = new java.util.PriorityQueue<>(Math.min(n, 1024) + 1, BY_IMPORTANCE.reversed());
    }

    /** Whether a moment of this category and time would be kept (cheap: before its text is made). */
    boolean wants(String category, Instant time, SourceRef ref) {
      if (heap.size() < n) return true;
      Moment least = heap.peek();
      int c = Integer.compare(rank(category), rank(least.category()));
      if (c == 0) c = time.compareTo(least.time());
      if (c == 0) c = ref.compareTo(least.ref());
      return c < 0;
    }

    void offer(Moment m) {
      offered++;
      if (heap.size() < n) heap.add(m);
      else if (BY_IMPORTANCE.compare(m, heap.peek()) < 0) {
        heap.poll();
        heap.add(m);
      }
    }

    /** Counts a moment not worth making (see {@link #wants}). */
    void pass() {
      offered++;
    }

    List<Moment> moments() {
      List<Moment> out = new ArrayList<>(heap);
      out.sort(Comparator.comparing(Moment::time).thenComparing(Moment::ref));
      return List.copyOf(out);
    }

    int omitted() {
      return offered - heap.size();
    }
  }

  /** Timeline rows: bursts of alike moments collapsed. */
  List<Compaction.MomentGroup> timelineRows() {
    return Compaction.moments(timeline);
  }

  /** Resolution rows: bursts of alike recoveries collapsed. */
  List<Compaction.MomentGroup> resolutionRows() {
    return resolutionRows;
  }

  /** Impact rows: alike affected entities collapsed. */
  List<Compaction.AffectedGroup> affectedRows() {
    return Compaction.affected(impact.affected());
  }

  /** The service whose member {@code entity} is (inventory), the entity itself when it names a service, else "". */
  String serviceOf(String entity) {
    var world = analysis.world();
    return world.serviceOf(entity).orElse(world.service(entity).isPresent() ? entity : "");
  }

  /** True when the logs know {@code word} as an entity (inventory, service, site, link end, event subject). */
  boolean isEntity(String word) {
    var world = analysis.world();
    return world.item(word).isPresent() || world.service(word).isPresent() || world.sites().contains(word)
        || !world.itemsOfService(word).isEmpty() || !world.linksOf(word).isEmpty() || !world.eventsOf(word).isEmpty()
        || world.generator(word).isPresent();
  }

  /** A note or citation label with its entity names taken out, so alike lines can share a row. */
  Compaction.Template template(String note) {
    return Compaction.template(note, this::isEntity);
  }

  static Postmortem of(Analysis analysis) {
    return new Postmortem(analysis);
  }

  /** Every hypothesis in report order: the live ones, then those set aside (H1, H2 … in every format). */
  java.util.Set<Assessment> numbered() {
    return java.util.Collections.unmodifiableSet(numbers.keySet());
  }

  int number(Assessment a) {
    return numbers.getOrDefault(a, 0);
  }

  /**
   * A citation as people read it: {@code events.csv:12} when that file name is unique among the
   * inputs (Appendix B lists the full paths), else the path as given.
   */
  String cite(SourceRef ref) {
    return ref == null ? "" : shortNames.getOrDefault(ref.file(), ref.file()) + ":" + ref.line();
  }

  private static String baseName(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? file : file.substring(slash + 1);
  }

  /** The timed fact behind a record, when it is one the report mentions. */
  TimedFact fact(SourceRef ref) {
    return ref == null ? null : facts.get(ref);
  }

  // ---- wording -------------------------------------------------------------------------------

  /** "missing-exit on r1" and the rule's title when there is one. */
  static String claim(Assessment a) {
    return a.hypothesis().pattern() + " on " + a.hypothesis().subject();
  }

  /**
   * The report's heading: the best live hypothesis; else, when rules raised hypotheses no
   * simulator could check, say so ("unvalidated hypotheses") rather than claim nothing was found.
   */
  String heading() {
    if (best != null) return "Postmortem: " + title(best);
    if (!worsened.isEmpty()) return "Postmortem: no validated root cause; a change made it worse";
    boolean unvalidated = analysis.assessments().stream()
        .anyMatch(a -> a.validation().verdict() == org.hindsight.simulate.Verdict.NOT_SIMULATED);
    return "Postmortem: " + (unvalidated ? "unvalidated hypotheses" : analysis.assessments().isEmpty()
        ? "no root cause found" : "no validated root cause");
  }

  static String title(Assessment a) {
    RuleInfo r = a.rule();
    return r == null || r.title().equals(r.name()) ? claim(a) : r.title();
  }

  /** The verdict in plain words, for readers who never saw the validator. */
  static String verdictMeaning(Assessment a) {
    return switch (a.validation().verdict()) {
      case CONFIRMED -> "Confirmed by replay: re-running the incident with this cause reproduces what the logs show,"
          + " clearly better than no cause, than the incident without it and than the same cause placed elsewhere.";
      case PLAUSIBLE -> "Plausible: the replay with this cause reproduces part of what the logs show, not clearly enough"
          + " to confirm it (see why below); treat it as a candidate that needs a human look.";
      case REFUTED -> "Refuted by replay: with this cause in place the replay does not reproduce what the logs show"
          + " (or what it predicts was there before it), or the symptoms are explained as well without it.";
      case NOT_SIMULATED -> "Not validated: " + a.validation().summary() + ". The rule matched, but nothing checked"
          + " that this cause produces the observed symptoms.";
    };
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  static String confidence(double c) {
    return String.format(Locale.ROOT, "%.2f", c);
  }

  /** "1 h 05 min", "3 min 20 s", "45 s". */
  static String duration(Duration d) {
    if (d == null) return "";
    long s = Math.abs(d.toSeconds());
    String sign = d.isNegative() ? "-" : "";
    // Beyond an hour the seconds are not shown, so round to the nearest minute (88 min 54 s is "1 h 29 min").
    if (s >= 3600) s = (s + 30) / 60 * 60;
    if (s >= 86_400) return sign + s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    if (s >= 3600) return sign + s / 3600 + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    if (s >= 60) return sign + s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    if (s == 0 && d.toMillis() != 0) return sign + Math.abs(d.toMillis()) + " ms";
    return sign + s + " s";
  }

  /** Where the onset comes from, in words: "first symptom H1 explains" or the fallback. */
  String onsetBasis() {
    IncidentTime t = impact.time();
    return switch (t.basis()) {
      case IncidentTime.EXPLANATION -> onsetExplained(t)
          ? "the first symptom H" + number(onsetExplainer(t)) + " (" + claim(onsetExplainer(t)) + ") explains"
          : "the first symptom after the cause of H" + number(t.explainedBy()) + " (" + claim(t.explainedBy())
              + ") acted, still under way when the first one its replay explains began";
      case IncidentTime.BURST -> "no live hypothesis explains a symptom, so the incident is taken to be the largest connected burst of "
          + t.symptoms().size() + " symptom(s) (a fallback)";
      default -> "";
    };
  }

  /** The hypothesis that explains the onset's symptom: the top one, or a second confirmed cause that began first. */
  private static Assessment onsetExplainer(IncidentTime t) {
    for (Assessment a : t.alsoExplainedBy()) {
      for (Symptom s : a.validation().explained()) {
        if (t.onset().equals(s.onset()) && !t.explainedBy().validation().explained().contains(s)) return a;
      }
    }
    return t.explainedBy();
  }

  private static boolean onsetExplained(IncidentTime t) {
    for (IncidentTime.Part p : t.symptoms()) {
      if (p.explained() && p.symptom().onset().equals(t.onset())) return true;
    }
    // a second cause's replay may explain its first symptom as a learned-baseline anomaly, which the
    // observed list holds as another symptom of the same entity and time
    return onsetExplainer(t) != t.explainedBy();
  }

  /** What the recovery time marks, by the tier of trouble it ends. */
  String recoveryMeaning() {
    IncidentTime t = impact.time();
    String what = switch (t.recoveryTier()) {
      case "outage" -> "the last outage (down) over";
      case "impaired" -> "the last degradation, error or latency episode back to baseline";
      default -> "the last symptom back to baseline";
    };
    boolean byMetric = impact.affected().stream().anyMatch(a -> a.untilByMetric() && impact.recovered() != null
        && impact.recovered().equals(a.until()));
    return what + (byMetric ? " (its metrics back at baseline; no recovery event logged)" : "");
  }

  /** Symptoms left out of the incident's times, grouped by why, each group "N: kind entity time–time (record)…". */
  List<String> outsideLines(int perGroup) {
    List<String> out = new ArrayList<>();
    Map<String, List<IncidentTime.Outside>> byWhy = new TreeMap<>();
    for (IncidentTime.Outside o : impact.time().outside()) byWhy.computeIfAbsent(o.why(), k -> new ArrayList<>()).add(o);
    for (var e : byWhy.entrySet()) {
      String label = switch (e.getKey()) {
        case "before" -> "before the incident";
        case "after" -> "after the incident";
        default -> "independent cause (a finding names it)";
      };
      List<String> items = new ArrayList<>();
      for (IncidentTime.Outside o : e.getValue().subList(0, Math.min(perGroup, e.getValue().size()))) {
        Symptom sy = o.symptom();
        items.add(sy.kind() + " " + sy.entity() + " " + (sy.end() == null ? times.format(sy.onset()) + " (no end logged)"
            : times.span(sy.onset(), sy.end())) + " (" + cite(sy.evidence()) + ")");
      }
      int more = e.getValue().size() - items.size();
      out.add(e.getValue().size() + " " + label + ": " + String.join("; ", items) + (more > 0 ? "; +" + more + " more" : ""));
    }
    return out;
  }

  /** The replay's recovery against the record, in one sentence, or "" when they agree. */
  String recoveryGapSentence() {
    IncidentTime.RecoveryGap g = impact.time().recoveryGap();
    if (g == null) return "";
    Duration gap = g.gap();
    return "The replay predicts the last recovery at " + times.format(g.predicted()) + " (" + g.predictedEntity() + ", "
        + duration(Duration.between(g.causeAt(), g.predicted())) + " after the cause); the logs show it at "
        + times.format(g.observed()) + " (" + g.observedEntity() + ", " + cite(g.observedRef()) + "), "
        + duration(gap.abs()) + (gap.isNegative() ? " earlier" : " later") + ". "
        + "Why they differ: the replay predicts recovery from its priors, not from the recoveries it is scored against"
        + (g.priors().isEmpty() ? "" : " (" + String.join(" ", g.priors()).replaceAll("\\.$", "") + ")")
        + (g.notModelled().isEmpty() ? "; nothing in the logs names what slowed the recovery."
            : "; the logs name what it does not model: " + String.join("; ", g.notModelled()) + ".");
  }

  /** The record a hypothesis starts from: what set it off, else its cause. */
  private static SourceRef startOf(Assessment a) {
    return a.hypothesis().trigger() != null ? a.hypothesis().trigger() : a.hypothesis().cause();
  }

  /** The one-paragraph summary, in sentences (plain text, callers escape). */
  List<String> summary() {
    List<String> out = new ArrayList<>();
    if (best != null) {
      String site = best.hypothesis().site().isEmpty() ? "" : " (site " + best.hypothesis().site() + ")";
      out.add("Most likely root cause: " + title(best) + " — " + claim(best) + site + ", "
          + best.validation().verdict().word() + " by replay with confidence " + confidence(best.confidence()) + ".");
      if (trigger != null) out.add("Trigger: " + trigger.what() + " at " + times.format(trigger.time()) + ".");
      List<Assessment> alsoCauses = impact.time().alsoExplainedBy().stream().filter(a -> !a.hypothesis().worsens()).toList();
      for (Assessment a : alsoCauses) {
        Set<String> byTop = new HashSet<>();
        for (Symptom s : best.validation().explained()) byTop.add(s.entity());
        List<Symptom> own = a.validation().explained().stream().filter(s -> !byTop.contains(s.entity()) && s.onset() != null)
            .sorted(Comparator.comparing(Symptom::onset)).toList();
        List<String> entities = own.stream().map(Symptom::entity).distinct().toList();
        boolean sameStart = java.util.Objects.equals(startOf(a), startOf(best));
        out.add("Also confirmed, " + (sameStart ? "from the same " + (a.hypothesis().trigger() != null ? "trigger" : "cause")
            : "as a second cause") + ": H" + number(a) + " "
            + (a.hypothesis().pattern().equals(best.hypothesis().pattern()) ? "" : title(a) + " — ") + claim(a) + ", with confidence "
            + confidence(a.confidence()) + "; it explains trouble on " + entities.size() + " entit" + (entities.size() == 1 ? "y" : "ies")
            + " H" + number(best) + " does not (" + String.join(", ", entities.subList(0, Math.min(5, entities.size())))
            + (entities.size() > 5 ? ", …" : "") + "), from " + times.format(own.get(0).onset()) + ".");
      }
      for (Assessment a : impact.time().separately()) {
        Symptom first = a.validation().explained().stream().filter(s -> s.onset() != null).min(Comparator.comparing(Symptom::onset)).orElse(null);
        out.add("Also confirmed, a separate incident: H" + number(a) + " "
            + (a.hypothesis().pattern().equals(best.hypothesis().pattern()) ? "" : title(a) + " — ") + claim(a) + ", with confidence "
            + confidence(a.confidence()) + (first == null ? "" : ", its trouble from " + times.format(first.onset()))
            + "; more than a day apart from this incident's, it is not counted in this incident's times.");
      }
      int further = live.size() - 1 - alsoCauses.size() - impact.time().separately().size() - worsened.size();
      if (further > 0) {
        out.add(further + " further live hypothesis(es) below: the incident may have more than one cause.");
      }
    } else if (analysis.assessments().isEmpty()) {
      out.add("No rule found a root-cause pattern in these logs.");
      out.add(symptomsSentence());
    } else if (!worsened.isEmpty()) {
      int firstPeriod = analysis.assessments().size() - worsened.size();
      out.add("No root cause of the trouble that came first was validated: " + (firstPeriod == 0 ? "the rules raised no hypothesis for it"
          : "none of the " + firstPeriod + " hypothesis(es) the rules raised for it is confirmed or plausible by replay") + ".");
      out.add(symptomsSentence());
    } else {
      out.add("No root cause was validated: none of the " + analysis.assessments().size()
          + " hypothesis(es) the rules raised is confirmed or plausible by replay.");
      List<Assessment> unvalidated = setAside.stream()
          .filter(a -> a.validation().verdict() == Verdict.NOT_SIMULATED).toList();
      if (!unvalidated.isEmpty()) {
        out.add("Unvalidated (not simulated) candidates: " + String.join("; ", unvalidated.stream()
            .map(a -> claim(a) + " (" + a.validation().summary() + ")").toList()) + ".");
      }
      long refuted = setAside.stream().filter(a -> a.validation().verdict() == Verdict.REFUTED).count();
      if (refuted > 0) out.add(refuted + " hypothesis(es) were refuted by replay.");
      out.add(symptomsSentence());
    }
    for (Assessment a : worsened) out.add(worsenedSentence(a));
    if (!impact.affected().isEmpty()) {
      String s = impact.affected().size() + " affected entit" + (impact.affected().size() == 1 ? "y" : "ies");
      if (impact.duration() != null) s += " over " + duration(impact.duration());
      if (!impact.errorPeaks().isEmpty()) {
        Peak p = impact.errorPeaks().get(0);
        s += "; error ratio peaked at " + percent(p.value()) + " (" + p.entity() + ")";
      }
      out.add(s + ".");
    }
    if (!analysis.unexplained().isEmpty()) {
      out.add(analysis.unexplained().size() + " observed symptom(s) are not explained by any live hypothesis.");
    }
    return out;
  }

  /** When a second-period claim says the incident got worse (detail {@code worsens}), or null when it is none. */
  static Instant worsensFrom(Assessment a) {
    if (!a.hypothesis().worsens()) return null;
    try {
      return java.time.OffsetDateTime.parse(a.hypothesis().detail("worsens")).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** "Made it worse from T: …", one sentence on a live second-period claim. */
  String worsenedSentence(Assessment a) {
    Instant from = worsensFrom(a);
    List<String> entities = a.validation().explained().stream().filter(s -> s.onset() != null)
        .sorted(Comparator.comparing(Symptom::onset)).map(Symptom::entity).distinct().toList();
    TimedFact cause = facts.get(a.hypothesis().cause());
    return "Made it worse from " + (from == null ? a.hypothesis().detail("worsens") : times.format(from)) + ": H" + number(a) + " "
        + claim(a) + (cause == null ? "" : ", " + Timeline.describe(cause) + " at " + times.format(cause.time()))
        + ", made after the incident's first symptom, " + a.validation().verdict().word() + " by replay with confidence "
        + confidence(a.confidence()) + " for the trouble that began after it" + (entities.isEmpty() ? "" : " on " + entities.size() + " entit"
        + (entities.size() == 1 ? "y" : "ies") + " (" + String.join(", ", entities.subList(0, Math.min(5, entities.size())))
        + (entities.size() > 5 ? ", …" : "") + ")") + "; it is a second period of the incident, not the cause of what came before it.";
  }

  // ---- symptoms ------------------------------------------------------------------------------

  /** Most symptoms the human reports list one per row; past it, one row per kind (the JSON keeps each). */
  static final int MAX_SYMPTOM_ROWS = 12;

  /** What the logs show going wrong, in one sentence: how many symptoms, on how many entities, first and kinds. */
  String symptomsSentence() {
    if (symptoms.isEmpty()) {
      return "The logs show no symptom: no entity went down, degraded, restarted or lost data, and no metric left its"
          + " baseline (errors, latency, saturation, surges), nor any service's traces or error logs theirs.";
    }
    List<String> entities = symptoms.stream().map(Symptom::entity).distinct().toList();
    List<String> kinds = symptoms.stream().map(Symptom::kind).distinct().toList();
    Symptom first = symptoms.get(0);
    return symptoms.size() + " symptom(s) on " + entities.size() + (entities.size() == 1 ? " entity" : " entities")
        + " (" + String.join(", ", kinds) + "), the first " + first.kind() + " of " + first.entity() + " at "
        + times.format(first.onset()) + "; each is listed under Symptoms.";
  }

  /**
   * The rows of the Symptoms section: one per symptom while they are few; else one per kind, whose
   * members the renderers name compactly (counts and "+N more"), never cut silently.
   */
  List<Compaction.SymptomGroup> symptomRows() {
    if (symptoms.size() <= MAX_SYMPTOM_ROWS) {
      return symptoms.stream().map(s -> new Compaction.SymptomGroup(s.kind(), "", List.of(s))).toList();
    }
    return Compaction.symptoms(symptoms);
  }

  // ---- impact --------------------------------------------------------------------------------

  /** Whether the postmortem reads events of this type (declared, detected, resolved, trouble, recovery, mitigation, change). */
  public static boolean readsEventType(String type) {
    return type.equals(DECLARED) || type.equals(RESOLVED) || isAlert(type) || isTrouble(type) || isRecovery(type)
        || type.equals("site.fire") || type.equals("rule.disable") || type.equals("traffic.shift") || type.equals("rule.deploy");
  }

  static boolean isTrouble(String type) {
    return TROUBLE_TYPES.contains(type) || type.endsWith(".down") || type.endsWith(".degraded")
        || type.endsWith(".outage") || type.endsWith(".failed");
  }

  static boolean isRecovery(String type) {
    return RECOVERY_TYPES.contains(type) || type.endsWith(".up") || type.endsWith(".restored")
        || type.endsWith(".recovered") || type.endsWith(".resolved");
  }

  private Impact impact() {
    IncidentTime time = IncidentTime.of(analysis);
    // One row per entity with a symptom of the incident: from its first onset to its last end.
    Map<String, List<IncidentTime.Part>> byEntity = new TreeMap<>();
    for (IncidentTime.Part p : time.symptoms()) byEntity.computeIfAbsent(p.symptom().entity(), k -> new ArrayList<>()).add(p);
    List<Affected> affected = new ArrayList<>();
    for (var entry : byEntity.entrySet()) {
      IncidentTime.Part first = null;
      IncidentTime.Part last = null;
      boolean open = false;
      boolean byMetric = false;
      Set<String> kinds = new java.util.TreeSet<>();
      for (IncidentTime.Part p : entry.getValue()) {
        kinds.add(p.symptom().kind());
        if (first == null || p.symptom().onset().isBefore(first.symptom().onset())) first = p;
        if (IncidentTime.tier(p.symptom().kind()) == 0) continue;
        if (p.end() == null) open = true;
        else if (last == null || p.end().isAfter(last.end())) last = p;
      }
      if (!open && last != null) byMetric = last.endByMetric();
      String entity = entry.getKey();
      String kind = first.symptom().kind();
      affected.add(new Affected(entity, typeOf(entity, kind), siteOf(entity), List.copyOf(kinds), first.symptom().onset(),
          first.symptom().evidence(), open || last == null ? null : last.end(), open || last == null ? null : last.endRef(), byMetric));
    }
    affected.sort(Comparator.comparing((Affected a) -> a.from() == null ? Instant.MAX : a.from())
        .thenComparing(Affected::entity));
    List<String> unrecovered = new ArrayList<>();
    Set<String> services = new LinkedHashSet<>();
    Set<String> sites = new LinkedHashSet<>();
    for (Affected a : affected) {
      if (a.until() == null && !a.symptoms().stream().allMatch(k -> IncidentTime.tier(k) == 0)) unrecovered.add(a.entity());
      if (a.type().equals("service")) services.add(a.entity());
      analysis.world().item(a.entity()).ifPresent(i -> {
        if (!i.service().isEmpty()) services.add(i.service());
      });
      if (!a.site().isEmpty()) sites.add(a.site());
    }
    // A site the validated cause names (the lost site) is touched even when its services carry no site.
    if (time.explainedBy() != null && !time.explainedBy().hypothesis().site().isEmpty()) {
      sites.add(time.explainedBy().hypothesis().site());
    }
    List<Peak> peaks = new ArrayList<>();
    for (var series : analysis.world().seriesOf("http.error_ratio")) {
      if (series.peak() > 0) {
        peaks.add(new Peak(series.entity(), series.metric(), series.peak(), series.peakTime(), series.peakRef()));
      }
    }
    peaks.sort(Comparator.comparingDouble(Peak::value).reversed().thenComparing(Peak::entity));
    return new Impact(List.copyOf(affected), List.copyOf(services), List.copyOf(sites), time.onset(), time.onsetRef(),
        time.recovered(), time.recoveredRef(), List.copyOf(unrecovered), List.copyOf(peaks.subList(0, Math.min(10, peaks.size()))),
        time);
  }

  /** What kind of thing an entity is: its inventory type, else a service or site name, else the symptom's prefix. */
  String typeOf(String entity, String kind) {
    var world = analysis.world();
    var item = world.item(entity);
    if (item.isPresent() && !item.get().type().isEmpty()) return item.get().type();
    if (world.service(entity).isPresent() || !world.itemsOfService(entity).isEmpty()) return "service";
    if (world.sites().contains(entity)) return "site";
    int dot = kind.indexOf('.');
    return dot > 0 ? kind.substring(0, dot) : "entity";
  }

  String siteOf(String entity) {
    var world = analysis.world();
    var item = world.item(entity);
    if (item.isPresent()) return item.get().site();
    if (world.sites().contains(entity)) return entity;
    return "";
  }

  // ---- trigger, detection, resolution --------------------------------------------------------

  private Moment trigger() {
    if (best == null) return null;
    SourceRef ref = best.hypothesis().trigger() != null ? best.hypothesis().trigger() : best.hypothesis().cause();
    TimedFact f = fact(ref);
    if (f != null) return moment(f, "trigger");
    // a sampled request is held column-wise, not as a fact: the first poisoned request of a key-generator loop
    org.hindsight.ingest.RequestLog.Request r = analysis.world().requests() == null ? null : analysis.world().requests().at(ref);
    if (r == null) return null;
    return new Moment(Instant.ofEpochMilli(r.millis()), ref, describe(r), "trigger", r.process(), "request");
  }

  /** A request in a sentence: where it went, under which rule, what it carried, how it ended. */
  static String describe(org.hindsight.ingest.RequestLog.Request r) {
    return "request to " + r.process() + (r.server().isEmpty() ? "" : " on " + r.server())
        + (r.datacenter().isEmpty() ? "" : " (" + r.datacenter() + ")") + (r.rule().isEmpty() ? "" : ", rule " + r.rule())
        + (r.mixedCookies() ? ", valid and invalid cookies" : "") + ", status " + r.status();
  }

  /**
   * Detection from the incident's onset: the first alert or incident record at or after it
   * ({@code alert}, {@code *.alert}, {@code *.alarm}, {@code page}, {@code *.page}, {@code incident.*}),
   * the first {@code incident.declared} at or after it (else the first at all), and the first
   * {@code incident.resolved} after that.
   */
  private Detected detection() {
    Instant onset = impact.onset();
    Moment declared = null;
    Moment declaredBefore = null;
    Moment detected = null;
    Moment resolved = null;
    for (Event e : analysis.world().eventsWhereType(t -> t.equals(DECLARED) || isAlert(t))) {
      boolean afterOnset = onset == null || !e.time().isBefore(onset);
      if (e.type().equals(DECLARED)) {
        if (afterOnset && (declared == null || e.time().isBefore(declared.time()))) declared = moment(e, "declared");
        if (!afterOnset && declaredBefore == null) declaredBefore = moment(e, "declared");
      }
      if (afterOnset && isAlert(e.type()) && (detected == null || e.time().isBefore(detected.time()))) detected = moment(e, "declared");
    }
    if (declared == null) declared = declaredBefore;
    for (Event e : analysis.world().eventsWhereType(RESOLVED::equals)) {
      if (e.type().equals(RESOLVED) && (declared == null || !e.time().isBefore(declared.time()))
          && (resolved == null || e.time().isBefore(resolved.time()))) {
        resolved = moment(e, "recovery");
      }
    }
    String what = "";
    if (onset != null) {
      for (Affected a : impact.affected()) {
        if (onset.equals(a.from())) {
          what = String.join(", ", a.symptoms()) + " " + a.entity();
          break;
        }
      }
    }
    return new Detected(onset, impact.onsetRef(), what, declared, detected, resolved);
  }

  static boolean isAlert(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.equals("alert") || t.endsWith(".alert") || t.endsWith(".alarm") || t.equals("page") || t.endsWith(".page")
        || t.endsWith(".paged") || t.startsWith("incident.");
  }

  /** Hands every recovery and mitigation after the onset to {@code each}, in the logs' order; returns how many. */
  private int resolution(java.util.function.Consumer<Moment> each) {
    if (impact.onset() == null) return 0;
    int n = 0;
    for (Event e : analysis.world().eventsWhereType(t -> isRecovery(t) || t.equals("rule.disable") || t.equals("traffic.shift"))) {
      if (isRecovery(e.type()) || e.type().equals("rule.disable") || e.type().equals("traffic.shift")) {
        if (!e.time().isBefore(impact.onset())) {
          each.accept(moment(e, isRecovery(e.type()) ? "recovery" : "mitigation"));
          n++;
        }
      }
    }
    return n;
  }

  // ---- timeline ------------------------------------------------------------------------------

  /**
   * The key moments (key and cited records, the symptoms the logs show, the recovery the impact cites),
   * the {@link #MAX_TIMELINE} most important of them kept and the rest counted.
   */
  private Kept timeline() {
    Set<SourceRef> causes = new HashSet<>();
    Set<SourceRef> triggers = new HashSet<>();
    for (Assessment a : live) {
      causes.add(a.hypothesis().cause());
      triggers.add(a.hypothesis().trigger());
    }
    // Symptoms seen in metrics or derived facts are key moments too, though not key events: each record
    // once, as the earliest symptom (then by key) it shows, unless it is a key event itself.
    Comparator<Symptom> earliest = Comparator.comparing((Symptom s) -> s.onset() == null ? Instant.MAX : s.onset())
        .thenComparing(Symptom::key);
    Map<SourceRef, Symptom> symptomAt = new java.util.HashMap<>();
    java.util.function.Consumer<Symptom> seeSymptom = s -> {
      if (s.onset() != null && s.evidence() != null) symptomAt.merge(s.evidence(), s, (x, y) -> earliest.compare(y, x) < 0 ? y : x);
    };
    for (Assessment a : live) if (a.replay() != null) a.replay().observed().forEach(seeSymptom);
    analysis.unexplained().forEach(seeSymptom);

    Map<SourceRef, Instant> worsensAt = new java.util.HashMap<>();
    for (Assessment a : worsened) {
      Instant from = worsensFrom(a);
      if (from != null) worsensAt.putIfAbsent(a.hypothesis().cause(), from);
    }
    Kept kept = new Kept(MAX_TIMELINE);
    Set<SourceRef> seen = new HashSet<>(); // only the records that could also come as symptoms or recoveries
    Set<SourceRef> recoveryEnds = new HashSet<>(java.util.Arrays.asList(impact.recoveredRef(), impact.time().allClearRef()));
    Timeline.forEach(analysis, (f, cited) -> {
      SourceRef ref = f.origin();
      String category = causes.contains(ref) ? "cause" : triggers.contains(ref) ? "trigger" : category(f, cited);
      if (symptomAt.remove(ref) != null || recoveryEnds.contains(ref)) seen.add(ref);
      Instant worse = worsensAt.get(ref);
      String what = worse == null ? Timeline.describe(f) : "made it worse from " + times.format(worse) + ": " + Timeline.describe(f);
      if (kept.wants(category, f.time(), ref)) kept.offer(new Moment(f.time(), ref, what, category, entity(f), kind(f)));
      else kept.pass();
    });
    for (Symptom s : symptomAt.values()) {
      seen.add(s.evidence());
      kept.offer(new Moment(s.onset(), s.evidence(), "symptom " + s.kind() + " " + s.entity(), "symptom", s.entity(),
          "symptom " + s.kind()));
    }
    // The recovery and all-clear the impact cites are key moments even when a metric sample shows them.
    for (IncidentTime.Part p : impact.time().symptoms()) {
      SourceRef end = p.endRef();
      if (end == null || !(end.equals(impact.recoveredRef()) || end.equals(impact.time().allClearRef())) || !seen.add(end)) continue;
      kept.offer(new Moment(p.end(), end, p.symptom().kind() + " " + p.symptom().entity() + " over"
          + (p.symptom().detail().isEmpty() ? "" : " (" + p.symptom().detail() + " back at baseline)"), "recovery",
          p.symptom().entity(), "recovery " + p.symptom().kind()));
    }
    return kept;
  }

  private Moment moment(TimedFact f, String category) {
    return new Moment(f.time(), f.origin(), Timeline.describe(f), category, entity(f), kind(f));
  }

  static String kind(TimedFact f) {
    if (f instanceof Event e) return e.type();
    if (f instanceof ConfigCommand) return "config-command";
    if (f instanceof OpsCommand) return "ops-command";
    return "";
  }

  static String category(TimedFact f, boolean cited) {
    if (f instanceof Event e) {
      if (e.type().equals(DECLARED)) return "declared";
      if (isRecovery(e.type())) return "recovery";
      if (isTrouble(e.type()) || e.type().equals("site.fire")) return "trouble";
      if (e.type().equals("rule.disable") || e.type().equals("traffic.shift")) return "mitigation";
      if (e.type().equals("rule.deploy")) return "change";
      return cited ? "evidence" : e.severity().equals("critical") || e.severity().equals("error") ? "trouble" : "event";
    }
    if (f instanceof ConfigCommand || f instanceof OpsCommand) return "change";
    return cited ? "evidence" : "event";
  }

  static String entity(TimedFact f) {
    if (f instanceof Event e) return e.entity();
    if (f instanceof ConfigCommand c) return c.device();
    if (f instanceof OpsCommand o) return o.operator();
    return "";
  }

  /** The timed facts of the hypotheses' causes and triggers by record, in one pass over the timeline. */
  private static Map<SourceRef, TimedFact> timedFacts(Analysis analysis) {
    Set<SourceRef> wanted = new HashSet<>();
    for (Assessment a : analysis.assessments()) {
      wanted.add(a.hypothesis().cause());
      wanted.add(a.hypothesis().trigger());
    }
    Map<SourceRef, TimedFact> out = new java.util.HashMap<>();
    Timeline.forEachAt(analysis.world(), wanted, f -> out.put(f.origin(), f));
    return out;
  }

  // ---- actions, lessons, references ----------------------------------------------------------

  /** Rules whose metadata a postmortem should use: the live hypotheses' and the findings'. */
  private List<RuleInfo> actingRules() {
    List<RuleInfo> rules = new ArrayList<>();
    for (Assessment a : live) if (a.rule() != null) rules.add(a.rule());
    for (Detection.OfFinding f : analysis.findings()) if (f.rule() != null) rules.add(f.rule());
    return rules;
  }

  private List<RuleInfo> candidateRules() {
    if (!live.isEmpty()) return List.of();
    List<RuleInfo> rules = new ArrayList<>();
    for (Assessment a : setAside) {
      if (a.validation().verdict() == Verdict.NOT_SIMULATED && a.rule() != null) rules.add(a.rule());
    }
    return rules;
  }

  /** A rule's priority for action items: its {@code @priority} (P0–P3) when given, else from its severity. */
  static String priority(RuleInfo r) {
    if (r == null) return "P2";
    String p = r.priority().toUpperCase(Locale.ROOT);
    return RuleInfo.PRIORITIES.contains(p) ? p : priority(r.severity());
  }

  static String priority(String severity) {
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "critical" -> "P0";
      case "high", "major", "error" -> "P1";
      default -> "P2";
    };
  }

  private List<Action> actions() {
    Map<String, Action> byText = new LinkedHashMap<>();
    for (Assessment a : live) addAction(byText, a.rule(), false, claim(a));
    for (Detection.OfFinding f : analysis.findings()) addAction(byText, f.rule(), false, findingClaim(f));
    if (live.isEmpty()) {
      for (Assessment a : setAside) {
        if (a.validation().verdict() == Verdict.NOT_SIMULATED) addAction(byText, a.rule(), true, claim(a));
      }
    }
    List<Action> out = new ArrayList<>(byText.values());
    // Most urgent first; rules' order within a priority.
    out.sort(Comparator.comparing(Action::priority));
    return List.copyOf(out);
  }

  static String findingClaim(Detection.OfFinding f) {
    return f.finding().kind() + (f.finding().subject().isEmpty() ? "" : " on " + f.finding().subject());
  }

  private static void addAction(Map<String, Action> byText, RuleInfo r, boolean conditional, String about) {
    if (r == null || r.remediation().isBlank()) return;
    Action old = byText.get(r.remediation());
    if (old == null) {
      byText.put(r.remediation(), new Action(r.remediation(), priority(r), List.of(r.id()), conditional, List.of(about)));
      return;
    }
    List<String> sources = new ArrayList<>(old.sources());
    if (!sources.contains(r.id())) sources.add(r.id());
    List<String> abouts = new ArrayList<>(old.about());
    if (!abouts.contains(about)) abouts.add(about);
    String p = old.priority().compareTo(priority(r)) <= 0 ? old.priority() : priority(r);
    byText.put(r.remediation(), new Action(old.text(), p, List.copyOf(sources), old.conditional() && conditional,
        List.copyOf(abouts)));
  }

  /**
   * Lessons from this incident's facts: what went wrong and what the replay says would have
   * prevented it, safeguards it measured, what made it worse or was lost, how detection and
   * recovery went, what was ruled out and what stays open. The rules' stories of other incidents
   * are references ({@link #referenceIncidents}), never lessons.
   */
  private List<Lesson> lessons() {
    List<Lesson> out = new ArrayList<>();
    // Live hypotheses of one rule and site (a site-wide replay blaming several components) make one lesson.
    Map<String, List<Assessment>> byRule = new LinkedHashMap<>();
    for (Assessment a : live) {
      String rule = a.rule() == null ? a.hypothesis().pattern() : a.rule().id();
      byRule.computeIfAbsent(rule + "\u0000" + a.hypothesis().site(), k -> new ArrayList<>()).add(a);
    }
    for (List<Assessment> group : byRule.values()) {
      Assessment a = group.get(0);
      Hypothesis h = a.hypothesis();
      List<SourceRef> at = group.stream().map(x -> x.hypothesis().cause()).filter(java.util.Objects::nonNull).toList();
      TimedFact cause = fact(h.cause());
      List<String> subjects = group.stream().map(x -> x.hypothesis().subject()).toList();
      out.add(new Lesson("went-wrong", title(a) + ": " + h.pattern() + " on " + String.join(", ", subjects)
          + (h.site().isEmpty() ? "" : " (site " + h.site() + ")") + (cause == null ? "" : ", at " + times.format(cause.time()))
          + "; " + a.validation().summary() + ".", at));
      boolean prevention = false;
      Set<String> said = new HashSet<>();
      for (Assessment x : group) {
        if (x.replay() == null) continue;
        for (String line : x.replay().narrative()) {
          String lower = line.toLowerCase(Locale.ROOT);
          String kind = lower.startsWith("counterfactual") ? "prevention"
              : lower.startsWith("what-if") || lower.startsWith("safeguard") ? "safeguard" : "";
          if (kind.isEmpty() || !said.add(line)) continue;
          out.add(new Lesson(kind, afterLabel(line), at));
          prevention |= kind.equals("prevention");
        }
      }
      if (!prevention && a.validation().counterfactual() > 0) {
        out.add(new Lesson("prevention", "Without the cause the replay predicts " + percent(a.validation().counterfactual())
            + " of the observed symptoms gone.", at));
      }
    }
    for (Detection.OfFinding f : analysis.findings()) {
      String kind = switch (f.finding().kind()) {
        case "contributing-factor" -> "made-worse";
        case "data-loss" -> "lost";
        default -> "";
      };
      if (kind.isEmpty()) continue;
      out.add(new Lesson(kind, capitalise(f.finding().summary()) + (priority(f.rule()).compareTo("P1") <= 0
          ? " (" + priority(f.rule()) + ")" : "") + ".", f.finding().evidence().stream().map(Evidence::ref).toList()));
    }
    Detected d = detection;
    if (d.declared() != null && d.delay() != null && !d.delay().isNegative()) {
      out.add(new Lesson("detection", "The incident was declared " + duration(d.delay()) + " after the first symptom"
          + (d.firstSymptomWhat().isEmpty() ? "" : " (" + d.firstSymptomWhat() + ")") + ".",
          d.firstSymptomRef() == null ? List.of(d.declared().ref()) : List.of(d.firstSymptomRef(), d.declared().ref())));
    } else if (d.declared() == null && impact.onset() != null) {
      out.add(new Lesson("detection", "No incident.declared event is in the logs: when was the incident called, and by what signal?",
          List.of()));
    }
    if (!impact.unrecovered().isEmpty()) {
      out.add(new Lesson("recovery", "No recovery is recorded for " + impact.unrecovered().size() + " affected entit"
          + (impact.unrecovered().size() == 1 ? "y" : "ies") + " (" + Compaction.names(impact.unrecovered())
          + "): confirm they are back, and log their recovery next time.", List.of()));
    }
    if (impact.time().recoveryGap() != null) {
      IncidentTime.RecoveryGap g = impact.time().recoveryGap();
      out.add(new Lesson("recovery", recoveryGapSentence(), g.observedRef() == null ? List.of() : List.of(g.observedRef())));
    }
    out.addAll(ruledOut());
    if (!analysis.unexplained().isEmpty()) {
      out.add(new Lesson("open", analysis.unexplained().size() + " observed symptom(s) have no explanation here ("
          + Compaction.names(analysis.unexplained().stream().map(s -> s.kind() + " " + s.entity()).toList())
          + "): another cause may be at work.", List.of()));
    }
    return List.copyOf(out);
  }

  /** A pattern refuted on this many subjects or more is one lesson: a tool that raised 20 decoys should not read as 20 lessons. */
  static final int RULED_OUT_GROUPED = 4;

  /** What replay ruled out: one lesson per refuted hypothesis, or per pattern refuted on many subjects (each still in the hypotheses). */
  private List<Lesson> ruledOut() {
    Map<String, List<Assessment>> byPattern = new LinkedHashMap<>();
    for (Assessment a : setAside) {
      if (a.validation().verdict() == Verdict.REFUTED) byPattern.computeIfAbsent(a.hypothesis().pattern(), k -> new ArrayList<>()).add(a);
    }
    List<Lesson> out = new ArrayList<>();
    for (Map.Entry<String, List<Assessment>> e : byPattern.entrySet()) {
      List<Assessment> group = e.getValue();
      if (group.size() < RULED_OUT_GROUPED) {
        for (Assessment a : group) {
          out.add(new Lesson("ruled-out", claim(a) + " was refuted by replay: " + a.validation().summary() + ".",
              a.hypothesis().cause() == null ? List.of() : List.of(a.hypothesis().cause())));
        }
        continue;
      }
      double reproduction = group.stream().mapToDouble(a -> a.validation().reproduction()).max().orElse(0);
      double counterfactual = group.stream().mapToDouble(a -> a.validation().counterfactual()).max().orElse(0);
      out.add(new Lesson("ruled-out", e.getKey() + " was refuted by replay on " + group.size() + " subjects ("
          + Compaction.names(group.stream().map(a -> a.hypothesis().subject()).toList()) + "): no replay with one of these causes"
          + " reproduces more than " + percent(reproduction) + " of the symptoms it was checked against, and without it at most "
          + percent(counterfactual) + " vanish (each one's figures and cause record are in its hypothesis).",
          group.stream().map(a -> a.hypothesis().cause()).filter(java.util.Objects::nonNull).limit(RULED_OUT_GROUPED).toList()));
    }
    return out;
  }

  private static String afterLabel(String line) {
    int colon = line.indexOf(':');
    String rest = colon < 0 || colon > 20 ? line : line.substring(colon + 1).trim();
    return capitalise(rest);
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The incidents the rules were written from, as references with their pages and first links. */
  private List<ReferenceIncident> referenceIncidents() {
    Map<String, ReferenceIncident> byId = new LinkedHashMap<>();
    List<RuleInfo> rules = new ArrayList<>(actingRules());
    rules.addAll(candidateRules());
    for (RuleInfo r : rules) {
      String page = RulePages.pageOf(r).map(p -> p.toString().replace('\\', '/')).orElse("");
      if (r.notes().isBlank() && page.isEmpty()) continue;
      String url = r.references().stream().filter(Html::isSafeUrl).findFirst().orElse("");
      byId.putIfAbsent(r.id(), new ReferenceIncident(r.id(), r.title(), r.notes(), page, url));
    }
    return List.copyOf(byId.values());
  }

  private List<Reference> references() {
    Map<String, List<String>> byUrl = new LinkedHashMap<>();
    List<RuleInfo> rules = new ArrayList<>(actingRules());
    rules.addAll(candidateRules());
    for (RuleInfo r : rules) {
      for (String url : r.references()) {
        List<String> ids = byUrl.computeIfAbsent(url, k -> new ArrayList<>());
        if (!ids.contains(r.id())) ids.add(r.id());
      }
    }
    List<Reference> out = new ArrayList<>();
    byUrl.forEach((url, ids) -> out.add(new Reference(url, List.copyOf(ids))));
    return out;
  }

  // ---- appendix ------------------------------------------------------------------------------

  /** Every cited record, by file and line, with who cites it ("H1 cause", "F2 evidence: note"). */
  private Map<SourceRef, List<String>> citations() {
    Map<SourceRef, Set<String>> out = new TreeMap<>();
    for (Assessment a : analysis.assessments()) {
      String h = "H" + number(a);
      cite(out, a.hypothesis().cause(), h + " cause");
      cite(out, a.hypothesis().trigger(), h + " trigger");
      for (Evidence e : a.hypothesis().evidence()) cite(out, e.ref(), h + " evidence" + (e.note().isEmpty() ? "" : ": " + e.note()));
      // What a replay observed is cited for the hypotheses whose symptoms the reports list (live ones
      // and the first DETAILED): hundreds of set-aside candidates would otherwise cite every
      // symptom of their windows (thousands of records at 10M rows) that no report line shows.
      if (a.replay() != null && (a.validation().verdict().live() || number(a) <= JsonReport.DETAILED)) {
        // Past a hundred, only what the reports show: the symptoms it explains and those its
        // counterfactual keeps (listed in full), the unexplained ones the JSON lists and the first
        // and last record of each kind (the Markdown and HTML rows); the rest are counted.
        List<Symptom> observed = a.replay().observed().size() <= JsonReport.LISTED_TOP ? a.replay().observed()
            : concat(a.validation().explained(), a.validation().persisting(), quoted(a.validation().unexplained(), JsonReport.LISTED));
        for (Symptom s : observed) cite(out, s.evidence(), h + " observed " + s.kind() + " " + s.entity());
      }
    }
    int f = 1;
    for (Detection.OfFinding d : analysis.findings()) {
      String id = "F" + f++;
      for (Evidence e : d.finding().evidence()) cite(out, e.ref(), id + " " + d.finding().kind());
    }
    for (Symptom s : quoted(analysis.unexplained(), JsonReport.LISTED_TOP)) cite(out, s.evidence(), "unexplained " + s.kind() + " " + s.entity());
    Map<SourceRef, List<String>> lists = new TreeMap<>();
    out.forEach((ref, by) -> lists.put(ref, List.copyOf(by)));
    return lists;
  }

  /**
   * The symptoms of a list the reports quote: all of them when they are at most {@code listed};
   * else the first {@code listed} (as the JSON lists them) and, of each kind, those with the first
   * and the last record (the record range a Markdown or HTML row cites).
   */
  static List<Symptom> quoted(List<Symptom> symptoms, int listed) {
    if (symptoms.size() <= listed) return symptoms;
    Set<Symptom> out = new LinkedHashSet<>(symptoms.subList(0, listed));
    Comparator<Symptom> byRecord = Comparator.comparing(Symptom::evidence);
    for (Compaction.SymptomGroup g : Compaction.symptoms(symptoms)) {
      List<Symptom> recorded = g.symptoms().stream().filter(x -> x.evidence() != null).toList();
      recorded.stream().min(byRecord).ifPresent(out::add);
      recorded.stream().max(byRecord).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  @SafeVarargs
  private static List<Symptom> concat(List<Symptom>... lists) {
    List<Symptom> out = new ArrayList<>();
    for (List<Symptom> l : lists) out.addAll(l);
    return out;
  }

  /** Citers in first-cited order, each once (a set: a record can have thousands of citers). */
  private static void cite(Map<SourceRef, Set<String>> out, SourceRef ref, String by) {
    if (ref == null) return;
    out.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(by);
  }
}
