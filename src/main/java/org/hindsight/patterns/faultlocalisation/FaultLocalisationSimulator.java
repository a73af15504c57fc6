package org.hindsight.patterns.faultlocalisation;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.Anomaly;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.world.World;

/**
 * Replays a localised fault as dependency propagation of anomalies: the root service leaves its
 * baseline when the fault begins, and trouble reaches its dependents (callers, transitively, over
 * hard and soft dependencies alike: a slow or failing callee shows in its callers and theirs) at
 * once, within the timing scale.
 *
 * <p>Rivals: every other anomalous service as the root, at its own onset (named by its own
 * record). Counterfactual: the fault removed, the other anomalous services that it does not
 * explain still act as roots. The model names its origin, so a dependent that showed trouble
 * strictly before the root is an order violation. Parameters: the timing scale is two sampling
 * intervals of the root's series (at least a minute), read from the series' spacing, not from the
 * symptoms scored; the onset one second after the last normal sample before the first anomalous one.
 */
@AutoService(Simulator.class)
public final class FaultLocalisationSimulator implements Simulator {
  public static final String PATTERN = "fault-localisation";
  static final Duration MIN_SCALE = Duration.ofMinutes(1);

  /** No event read directly: anomalies come from the observation model. */
  @Override
  public boolean readsEventType(String type) {
    return false;
  }

  @Override
  public String pattern() {
    return PATTERN;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.ANOMALY);
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    Map<String, Anomaly> anomalies = new LinkedHashMap<>();
    for (Anomaly a : world.derived(Anomaly.class)) anomalies.putIfAbsent(a.service(), a);
    String root = h.subject();
    Anomaly cause = h.causeFact(Anomaly.class).orElse(anomalies.get(root));
    if (cause == null) return Replay.nothing(MIN_SCALE, List.of("No anomaly of " + root + " to replay."), "");
    Instant at = start(cause);
    Duration scale = cause.onset().isAfter(cause.onsetEarliest())
        ? Duration.between(cause.onsetEarliest(), cause.onset()).multipliedBy(2) : MIN_SCALE;
    if (scale.compareTo(MIN_SCALE) < 0) scale = MIN_SCALE;

    List<Symptom> with = predict(world, root, at, anomalies, budget);
    // The rule claims a root only with a witness after it; a fault that reaches none (each was shown not to be
    // its effect: trouble that began there, or fresh trouble a fall of the lead-up cannot reach) explains only
    // itself, which proves nothing.
    if (with.size() == 1 && !budget.exhausted()) {
      return Replay.nothing(scale, List.of(root + " reaches none of the services that followed it: its replay explains only its own anomaly."), "");
    }
    Set<String> explainedHere = new LinkedHashSet<>();
    for (Symptom s : with) explainedHere.add(s.entity());

    // Other roots: anomalous services this fault does not explain, each at its own onset. Only those the
    // dependency graph connects to the root: trouble on a part of the estate no call path joins to it is
    // background to this fault and to its rivals alike, and counted in the incident as logged and the
    // counterfactual alone it would move the contribution by its own fit (by its whole fit when it came
    // later, by a miss when it came earlier).
    Set<String> connected = connected(world, root, budget);
    Map<String, Anomaly> others = new LinkedHashMap<>();
    for (Anomaly a : anomalies.values()) {
      if (!a.service().equals(root) && !explainedHere.contains(entityOf(a.service(), anomalies)) && connected.contains(a.service())) {
        others.put(a.service(), a);
      }
    }
    List<Symptom> without = new ArrayList<>();
    List<Symptom> logged = new ArrayList<>(with);
    for (Anomaly o : others.values()) {
      List<Symptom> p = predict(world, o.service(), start(o), anomalies, budget);
      without.addAll(p);
      logged.addAll(p);
    }
    List<Prediction> rivals = new ArrayList<>();
    for (Anomaly a : anomalies.values()) {
      if (a.service().equals(root) || !budget.step()) continue;
      rivals.add(new Prediction("fault in " + a.service(), entityOf(a.service(), anomalies), a.origin(), start(a),
          predict(world, a.service(), start(a), anomalies, budget)));
    }
    if (budget.exhausted()) return Replay.nothing(scale, List.of(), budget.describe());

    List<String> narrative = new ArrayList<>();
    narrative.add(root + " leaves its baseline after " + at + " (" + cause.detail() + ", robust score "
        + Math.round(cause.strength()) + ", " + cause.signals() + " series).");
    for (Symptom s : with) if (!s.entity().equals(entityOf(root, anomalies))) narrative.add(s.entity() + " (a caller, directly or through others, or a callee sent less work) follows within " + scale.toMinutes() + " min.");
    narrative.add("Counterfactual: without the fault in " + root + (others.isEmpty() ? ", nothing leaves its baseline."
        : ", the other anomalous services (" + Replay.named(others.keySet()) + ") still do."));
    // What the replay models: the root, its dependents and its dependencies. Trouble under way on an
    // unrelated branch before the fault is background, not evidence against it; so is a callee that
    // was sent less work before the root's trouble began (starvedBy: it had another cause, and a fall
    // passes nothing up to the root).
    Set<String> scope = new LinkedHashSet<>();
    scope.add(entityOf(root, anomalies));
    for (Symptom s : with) scope.add(s.entity());
    // every dependent, also one the fault does not explain: its trouble before the fault still tells against it
    java.util.ArrayDeque<String> up = new java.util.ArrayDeque<>(List.of(root));
    Set<String> dependents = new LinkedHashSet<>(List.of(root));
    while (!up.isEmpty() && budget.step()) {
      for (Dependency d : world.dependentsOf(up.poll())) if (dependents.add(d.service())) up.add(d.service());
    }
    for (String d : dependents) scope.add(entityOf(d, anomalies));
    for (Dependency d : world.dependenciesOf(root)) {
      Anomaly a = anomalies.get(d.dependsOn());
      if (a == null || !fellFirstBefore(a, at)) scope.add(entityOf(d.dependsOn(), anomalies));
    }
    return Replay.builder(scale)
        .scope(scope)
        .hypothesis(new Prediction("fault in " + root, entityOf(root, anomalies), h.cause(), at, with))
        .counterfactual(new Prediction("without the fault in " + root, "", null, at, without))
        .asLogged(new Prediction("as logged", "", null, at, logged))
        .rivals(rivals)
        .narrative(narrative)
        .calibration("Timing scale: two sampling intervals of " + cause.entity() + "'s series (at least 1 min); onset: one second after the last normal sample before its first anomalous one; the dependency graph from "
            + (world.dependencies().isEmpty() ? "parent→child spans" : "dependencies") + ". Baselines: median and MAD of each series over the first half of the logs.")
        .detail("simulator", PATTERN)
        .detail("root", root)
        .detail("at", at.toString())
        .detail("otherRoots", List.copyOf(others.keySet()))
        .build();
  }

  /** The services joined to {@code root} by dependencies either way, transitively (its part of the estate). */
  private static Set<String> connected(World world, String root, SimulationBudget budget) {
    Set<String> seen = new LinkedHashSet<>(List.of(root));
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(seen);
    while (!queue.isEmpty() && budget.step()) {
      String s = queue.poll();
      for (Dependency d : world.dependentsOf(s)) if (seen.add(d.service())) queue.add(d.service());
      for (Dependency d : world.dependenciesOf(s)) if (seen.add(d.dependsOn())) queue.add(d.dependsOn());
    }
    return seen;
  }

  /**
   * When a fault behind an anomaly began, at the earliest: just after the last normal sample (one
   * second, the resolution timestamps are trusted to). Anything already seen at that sample was
   * there before this fault.
   */
  static Instant start(Anomaly a) {
    Instant s = a.onsetEarliest().plusSeconds(1);
    return s.isAfter(a.onset()) ? a.onset() : s;
  }

  /**
   * What a fault in {@code root} at {@code at} makes the root and its dependents (callers,
   * transitively) show: an anomaly at the same moment. Its dependencies (callees, transitively)
   * whose series fell below their baselines are sent less work by a root in trouble: those falls are
   * its effect too. A callee that rose is not: a fault in a caller does not make its callees slower.
   * The rule only claims a root with other services anomalous after it, so a claim never rests on
   * the root's own anomaly alone.
   */
  private static List<Symptom> predict(World world, String root, Instant at, Map<String, Anomaly> anomalies, SimulationBudget budget) {
    Set<String> services = new LinkedHashSet<>();
    services.add(root);
    // A root whose series only fell in the lead-up (less work, calls answered faster) passes nothing up
    // to a caller whose trouble began after the lead-up: as in the rules, a fall makes no caller
    // Downstream, and trouble under way in the lead-up does not explain a fresh anomaly.
    Anomaly r = anomalies.get(root);
    boolean leadUp = r != null && r.underWay() && !r.rising();
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(root));
    while (!queue.isEmpty() && budget.step()) {
      for (Dependency d : world.dependentsOf(queue.poll())) {
        Anomaly a = anomalies.get(d.service());
        if (leadUp && a != null && !a.underWay()) continue;
        // A callee's trouble raises its callers' latency and errors, never their own resources, and shows
        // most where it acts: a dependent whose own resources rose, more strongly than the root, has
        // trouble that began there.
        // Except behind a root whose own resources rose: a dependent still normal at that root's first anomalous
        // sample queues the work and memory it cannot hand on to a saturated callee (Discord 2017-03-20: the sessions
        // nodes' event queues after presence's reconnection herd pinned it). A callee that only slowed does not
        // explain its caller's stronger rise of its own.
        if (a != null && a.rising() && a.resourceRise() && r != null && a.strength() > r.strength()
            && !(r.rising() && r.resourceRise() && !a.onsetEarliest().isBefore(r.onset()))) continue;
        if (services.add(d.service())) queue.add(d.service());
      }
    }
    Set<String> starved = new LinkedHashSet<>();
    queue.add(root);
    while (!queue.isEmpty() && budget.step()) {
      for (Dependency d : world.dependenciesOf(queue.poll())) {
        Anomaly a = anomalies.get(d.dependsOn());
        if (a != null && starvedBy(a, at) && !services.contains(d.dependsOn()) && starved.add(d.dependsOn())) queue.add(d.dependsOn());
      }
    }
    services.addAll(starved);
    List<Symptom> out = new ArrayList<>();
    for (String s : services) out.add(Symptom.predicted(SymptomKinds.ANOMALY, entityOf(s, anomalies), at));
    return out;
  }

  /**
   * Whether a callee's anomaly can be the work a root in trouble since {@code at} no longer sends it:
   * it fell before any rise of its own (starved first), and not before the root's trouble began — a
   * fall already seen then had another cause.
   */
  static boolean starvedBy(Anomaly callee, Instant at) {
    return callee.fell() && !callee.fellAt().isBefore(at);
  }

  /**
   * Whether a callee's trouble before {@code at} was only less work: it fell before the root's trouble
   * began, before any rise of its own, and no rise of it came before then.
   */
  static boolean fellFirstBefore(Anomaly callee, Instant at) {
    return callee.fell() && callee.fellAt().isBefore(at) && (!callee.rising() || !callee.onset().isBefore(at));
  }

  /** The entity a service's anomalies show on: the one whose series showed its first, else the service's name. */
  private static String entityOf(String service, Map<String, Anomaly> anomalies) {
    Anomaly a = anomalies.get(service);
    return a == null ? service : a.entity();
  }
}
