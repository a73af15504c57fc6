package org.hindsight.simulate.generic;

import com.google.auto.service.AutoService;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Charts;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.WhereSeen;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.world.World;

/**
 * A generic simulator custom patterns can ask for: "this entity failed at this time; what goes down
 * with it?". A rule selects it with the hypothesis detail {@code simulate=dependency-propagation}
 * and parameters:
 *
 * <ul>
 *   <li>{@code failed}: the entity that failed — a service, an inventory item or a site (default:
 *       the subject);
 *   <li>{@code at}: when, ISO-8601 (default: the time of the cause record, else the trigger);
 *   <li>{@code tolerance}: the timing scale τ of the replay, ISO-8601 duration (default PT10M): the
 *       model fails everything at once, so real cascades lag it by minutes.
 * </ul>
 *
 * The replay fails the entity at {@code at} and lets the shared {@link FailurePropagation} spread
 * it: items whose {@code parent} failed fail; a service whose live items fall below its
 * {@code min_hosts} (at least one) goes down; a service with a hard dependency on a down service
 * goes down. It predicts {@code service.down} of every service that went down (and of failed items
 * the logs report on). Services already down before {@code at} are not predicted (they cannot be
 * its consequence) but still take their dependents down in every model.
 *
 * <p>The counterfactual removes exactly this failure: the other outages of the window that it does
 * not explain (other roots) still happen at their observed onsets, so a dependent they also take
 * down persists. Rivals: each other entity observed down in the window that could explain what this
 * one predicts (it is one of them or upstream of one), failing at its own first observed down; and
 * the {@link NamedRival}s a caller names (the other changes of a change-correlation window), each
 * failing its entity at its own time, scored as causes the logs name.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class DependencyPropagationSimulator implements Simulator {
  public static final String NAME = "dependency-propagation";
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(10);

  /** No event read directly: outages come from the observation model, what failing records name from World.namedInTroubleBy. */
  @Override
  public boolean readsEventType(String type) {
    return false;
  }

  @Override
  public String pattern() {
    return NAME;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.SERVICE_DOWN);
  }

  /**
   * Another cause the logs name, scored as a rival: {@code entity} fails at {@code at}.
   *
   * @param cause the record that names it (never null: a named rival has one)
   */
  public record NamedRival(String label, String entity, Instant at, org.hindsight.facts.SourceRef cause) {}

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    return replay(world, h, budget, List.of(), Set.of(SymptomKinds.SERVICE_DOWN));
  }

  /**
   * The replay with rivals the caller names and the observed kinds that show an entity in trouble
   * ({@code seenAs}: which entities the logs report on, so a failed item they report is predicted).
   */
  public Replay replay(World world, Hypothesis h, SimulationBudget budget, List<NamedRival> named, Set<String> seenAs) {
    List<String> notes = new ArrayList<>();
    String failed = h.detail("failed").isEmpty() ? h.subject() : h.detail("failed");
    Instant at = parseTime(h.detail("at"), notes);
    if (at == null) at = world.timeOf(h.cause());
    if (at == null) at = world.timeOf(h.trigger());
    Duration tolerance = parseDuration(h.detail("tolerance"), DEFAULT_TOLERANCE, "tolerance", notes);
    if (!h.detail("horizon").isEmpty()) {
      notes.add("Parameter horizon is no longer used: the scoring window is derived from the replay (docs/validation.md).");
    }
    Instant when = at != null ? at : Instant.EPOCH;

    WhereSeen seen = WhereSeen.of(world, seenAs);
    Set<String> downBefore = downBefore(world, at);

    Propagation with = propagate(world, Map.of(failed, when), when, downBefore, budget);
    // Other roots: outages observed after the failure (within four timing scales of the last
    // predicted one) that this failure does not explain. The counterfactual keeps them.
    Observations obs = world.observations();
    Instant until = when.plus(tolerance.multipliedBy(4));
    Map<String, Instant> otherRoots = new LinkedHashMap<>();
    for (Symptom s : obs.between(List.of(SymptomKinds.SERVICE_DOWN), when, until)) {
      if (!with.downServices.contains(s.entity()) && !with.deadItems.contains(s.entity()) && !s.entity().equals(failed)
          && !downBefore.contains(s.entity())) {
        otherRoots.putIfAbsent(s.entity(), s.onset());
      }
    }
    Propagation without = propagate(world, otherRoots, when, downBefore, budget);
    Map<String, Instant> all = new LinkedHashMap<>(otherRoots);
    all.put(failed, when);
    Propagation logged = otherRoots.isEmpty() ? with : propagate(world, all, when, downBefore, budget);

    // Rivals: entities observed down that could explain what this failure predicts.
    Set<String> predictedHere = new LinkedHashSet<>(with.downServices);
    Set<String> candidates = upstreamOf(world, predictedHere, budget);
    List<Prediction> rivals = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    for (Symptom s : obs.between(List.of(SymptomKinds.SERVICE_DOWN), when.minus(tolerance.multipliedBy(4)), until)) {
      String e = s.entity();
      if (e.equals(failed) || downBefore.contains(e) || !candidates.contains(e) || !tried.add(e)) continue;
      Propagation r = propagate(world, Map.of(e, s.onset()), s.onset(), downBefore, budget);
      rivals.add(new Prediction("failure of " + e, "", null, s.onset(), predictions(r, seen, downBefore)));
    }
    for (NamedRival r : named) {
      if (r.at() == null || r.cause() == null || r.cause().equals(h.cause())) continue;
      Set<String> before = downBefore(world, r.at());
      Propagation p = propagate(world, Map.of(r.entity(), r.at()), r.at(), before, budget);
      rivals.add(new Prediction(r.label(), "", r.cause(), r.at(), predictions(p, seen, before)));
    }
    if (budget.exhausted()) return Replay.nothing(tolerance, notes, budget.describe());

    List<Symptom> withCause = predictions(with, seen, downBefore);
    List<Symptom> withoutCause = predictions(without, seen, downBefore);
    List<String> narrative = new ArrayList<>(notes);
    narrative.add(failed + " fails" + (at == null ? "" : " at " + at) + ".");
    if (!with.carriers.isEmpty()) {
      narrative.add(failed + " is not in the inventory or the service graph; the failing records of " + with.carriers.size()
          + " entities name it, and they fail with it: " + String.join(", ", with.carriers.stream().limit(5).toList())
          + (with.carriers.size() > 5 ? " … (+" + (with.carriers.size() - 5) + " more)" : "") + ".");
    }
    with.why.forEach((entity, why) -> {
      if (!entity.equals(failed) && !downBefore.contains(entity) && !with.carriers.contains(entity)) {
        narrative.add(entity + " goes down: " + why + ".");
      }
    });
    if (!downBefore.isEmpty()) narrative.add("Already down before: " + String.join(", ", new TreeSet<>(downBefore)) + ".");
    narrative.add("Counterfactual: without the failure of " + failed + (otherRoots.isEmpty() ? "" : " (the other outages of the window, "
        + String.join(", ", otherRoots.keySet()) + ", still happen)") + ": "
        + (withoutCause.isEmpty() ? "nothing goes down." : withoutCause.size() + " service(s) go down ("
            + String.join(", ", withoutCause.stream().map(Symptom::entity).toList()) + ")."));

    List<Symptom> observed = obs.between(List.of(SymptomKinds.SERVICE_DOWN), when, until);
    return Replay.builder(tolerance)
        .hypothesis(new Prediction("failure of " + failed, "", h.cause(), at, withCause))
        .counterfactual(new Prediction("without the failure of " + failed, "", null, at, withoutCause))
        .asLogged(new Prediction("as logged", "", null, at, predictions(logged, seen, downBefore)))
        .rivals(rivals)
        .narrative(narrative)
        .calibration("No parameter is fitted: dependencies, min_hosts and parents come from the inputs; the failure time from "
            + (h.detail("at").isEmpty() ? "the cause record" : "the rule's at=" + h.detail("at")) + ".")
        .chart(Charts.symptomsOverTime("Services down", "services", observed, withCause, withoutCause))
        .detail("simulator", NAME)
        .detail("failed", failed)
        .detail("at", at == null ? "" : at.toString())
        .detail("predictedDown", withCause.stream().map(Symptom::entity).toList())
        .detail("otherRoots", List.copyOf(otherRoots.keySet()))
        .build();
  }

  /** Which entities are down, and why (one sentence each), once the failures have spread. */
  private static final class Propagation {
    final Map<String, String> why = new LinkedHashMap<>();
    final Map<String, Instant> downAt = new LinkedHashMap<>();
    final Set<String> deadItems = new LinkedHashSet<>();
    final Set<String> downServices = new LinkedHashSet<>();
    /** What an entity outside the graph reached: the entities whose failing records name it. */
    final Set<String> carriers = new LinkedHashSet<>();
  }

  /**
   * Fails {@code failures} (items, sites or services, each at its time) on top of what was already
   * down at {@code at}, and lets {@link FailurePropagation} spread it over parents, capacity and
   * hard dependencies.
   */
  private static Propagation propagate(World world, Map<String, Instant> failures, Instant at, Set<String> downBefore,
      SimulationBudget budget) {
    FailurePropagation propagation = new FailurePropagation(world, Duration.ZERO);
    Map<String, Instant> lost = new LinkedHashMap<>();
    FailurePropagation.Scenario scenario = new FailurePropagation.Scenario();
    Propagation p = new Propagation();
    failures.forEach((f, when) -> {
      boolean known = false;
      if (world.item(f).isPresent()) {
        lost.merge(f, when, (a, b) -> a.isBefore(b) ? a : b);
        known = true;
      }
      if (world.sites().contains(f)) {
        for (InventoryItem i : world.itemsAtSite(f)) lost.merge(i.entity(), when, (a, b) -> a.isBefore(b) ? a : b);
        known = true;
      }
      boolean service = !world.itemsOfService(f).isEmpty() || world.service(f).isPresent() || !world.dependentsOf(f).isEmpty();
      // Not in the estate's graph (an agent, a content file, a library): it reaches what the failing
      // records name it in, and through them what depends on those; it is no service of its own.
      Set<String> carriers = known || service ? Set.of() : world.namedInTroubleBy(f);
      if ((!known || service) && carriers.isEmpty()) scenario.failService(f, when);
      p.why.put(f, "the failure itself");
      if (!carriers.isEmpty()) {
        for (String carrier : carriers) {
          if (world.item(carrier).isPresent()) lost.merge(carrier, when, (a, b) -> a.isBefore(b) ? a : b);
          else scenario.failService(carrier, when);
          p.carriers.add(carrier);
        }
      }
    });
    for (String s : downBefore) {
      scenario.failService(s, at);
      p.why.putIfAbsent(s, "already down before");
    }
    Map<String, Instant> lostWithDescendants = propagation.withDescendants(lost);
    lostWithDescendants.forEach(scenario::lose);
    p.deadItems.addAll(lostWithDescendants.keySet());
    lostWithDescendants.forEach(p.downAt::put);
    for (FailurePropagation.Outage o : propagation.run(scenario, budget).values()) {
      p.downServices.add(o.service());
      p.downAt.merge(o.service(), o.down(), (a, b) -> a.isBefore(b) ? a : b);
      p.why.putIfAbsent(o.service(), o.reason());
    }
    return p;
  }

  /**
   * Down services, placed where the logs would show them ({@link WhereSeen}), and failed items the
   * logs report on, except those already down before.
   */
  private static List<Symptom> predictions(Propagation p, WhereSeen seen, Set<String> downBefore) {
    Map<String, Instant> down = new LinkedHashMap<>();
    for (String s : p.downServices) {
      for (String where : seen.outageOf(s)) down.merge(where, p.downAt.get(s), DependencyPropagationSimulator::earlier);
    }
    for (String item : p.deadItems) if (seen.reported(item)) down.merge(item, p.downAt.get(item), DependencyPropagationSimulator::earlier);
    downBefore.forEach(down::remove);
    return down.keySet().stream().sorted().map(s -> Symptom.predicted(SymptomKinds.SERVICE_DOWN, s, down.get(s))).toList();
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isBefore(b) ? a : b;
  }

  /** The entities whose failure could take down one of {@code services}: themselves and their hard dependencies, transitively. */
  private static Set<String> upstreamOf(World world, Set<String> services, SimulationBudget budget) {
    Set<String> out = new LinkedHashSet<>(services);
    ArrayDeque<String> queue = new ArrayDeque<>(services);
    while (!queue.isEmpty() && budget.step()) {
      String s = queue.poll();
      for (Dependency d : world.dependenciesOf(s)) if (d.hard() && out.add(d.dependsOn())) queue.add(d.dependsOn());
      for (InventoryItem i : world.itemsOfService(s)) {
        if (out.add(i.entity())) queue.add(i.entity());
        if (!i.parent().isEmpty() && out.add(i.parent())) queue.add(i.parent());
      }
    }
    return out;
  }

  /** Entities already down when the failure happens: a down episode began before it and had not ended. */
  private static Set<String> downBefore(World world, Instant at) {
    Set<String> down = new LinkedHashSet<>();
    if (at == null) return down;
    for (Symptom s : world.observations().ofKind(SymptomKinds.SERVICE_DOWN)) {
      if (!s.onset().isBefore(at)) break;
      if (s.end() == null || s.end().isAfter(at)) down.add(s.entity());
    }
    return down;
  }

  private static Instant parseTime(String text, List<String> narrative) {
    if (text.isEmpty()) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e2) {
        narrative.add("Parameter at='" + text + "' is not an ISO-8601 time; using the cause's time instead.");
        return null;
      }
    }
  }

  private static Duration parseDuration(String text, Duration fallback, String name, List<String> narrative) {
    if (text.isEmpty()) return fallback;
    try {
      return Duration.parse(text);
    } catch (DateTimeException e) {
      narrative.add("Parameter " + name + "='" + text + "' is not an ISO-8601 duration (e.g. PT30M); using " + fallback + ".");
      return fallback;
    }
  }
}
