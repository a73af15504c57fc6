package org.hindsight.simulate.generic;

import com.google.auto.service.AutoService;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Charts;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Symptom;
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
 *   <li>{@code tolerance}: how far observed and predicted onsets may differ, ISO-8601 duration
 *       (default PT30M); {@code horizon}: how long after {@code at} outages are attributed
 *       (default PT24H).
 * </ul>
 *
 * The replay fails the entity at {@code at} and lets the shared {@link FailurePropagation} spread
 * it: items whose {@code parent} failed fail; a service whose live items fall below its
 * {@code min_hosts} (at least one) goes down; a service with a hard dependency on a down service
 * goes down. It predicts
 * {@code service.down} of every service that went down (and of failed items the logs report on)
 * and compares with the observed {@code service.down} events. The counterfactual is the same world
 * where the entity does not fail: only services already down before {@code at} stay down.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class DependencyPropagationSimulator implements Simulator {
  public static final String NAME = "dependency-propagation";
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(30);
  static final Duration DEFAULT_HORIZON = Duration.ofHours(24);

  @Override
  public String pattern() {
    return NAME;
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    List<String> narrative = new ArrayList<>();
    String failed = h.detail("failed").isEmpty() ? h.subject() : h.detail("failed");
    Instant at = parseTime(h.detail("at"), narrative);
    if (at == null) at = timeOf(world, h.cause());
    if (at == null) at = timeOf(world, h.trigger());
    Duration tolerance = parseDuration(h.detail("tolerance"), DEFAULT_TOLERANCE, "tolerance", narrative);
    Duration horizon = parseDuration(h.detail("horizon"), DEFAULT_HORIZON, "horizon", narrative);

    Set<String> reported = new HashSet<>();
    for (Event e : world.events()) if (e.type().equals("service.down")) reported.add(e.entity());
    Set<String> downBefore = downBefore(world, at, tolerance);

    Propagation without = propagate(world, Set.of(), at, downBefore, budget);
    Propagation with = propagate(world, Set.of(failed), at, downBefore, budget);
    if (with.stopped || without.stopped) {
      return new Replay(List.of(), List.of(), List.of(), tolerance, narrative, List.of(), Map.of(), budget.describe());
    }

    List<Symptom> withCause = predictions(with, reported, at);
    List<Symptom> withoutCause = predictions(without, reported, at);
    List<Symptom> observed = observed(world, at, tolerance, horizon);

    narrative.add(failed + " fails" + (at == null ? "" : " at " + at) + ".");
    with.why.forEach((entity, why) -> {
      if (!entity.equals(failed) && !without.why.containsKey(entity)) narrative.add(entity + " goes down: " + why + ".");
    });
    if (!downBefore.isEmpty()) narrative.add("Already down before: " + String.join(", ", new TreeSet<>(downBefore)) + ".");
    narrative.add("Counterfactual: without the failure of " + failed + ": "
        + (withoutCause.isEmpty() ? "nothing goes down." : withoutCause.size() + " service(s) stay down ("
            + String.join(", ", withoutCause.stream().map(Symptom::entity).toList()) + ")."));

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("simulator", NAME);
    details.put("failed", failed);
    if (at != null) details.put("at", at.toString());
    details.put("predictedDown", withCause.stream().map(Symptom::entity).toList());
    List<Chart> charts = List.of(Charts.symptomsOverTime("Services down", "services", observed, withCause, withoutCause));
    return new Replay(observed, withCause, withoutCause, tolerance, narrative, charts, details, null);
  }

  /** Which entities are down, and why (one sentence each), once the failure has spread. */
  private static final class Propagation {
    final Map<String, String> why = new LinkedHashMap<>();
    final Set<String> deadItems = new LinkedHashSet<>();
    final Set<String> downServices = new LinkedHashSet<>();
    boolean stopped;
  }

  /**
   * Fails {@code failures} (items, sites or services) at {@code at} on top of what was already
   * down, and lets {@link FailurePropagation} spread it over parents, capacity and hard dependencies.
   */
  private static Propagation propagate(World world, Set<String> failures, Instant at, Set<String> downBefore,
      SimulationBudget budget) {
    Instant when = at != null ? at : Instant.EPOCH;
    FailurePropagation propagation = new FailurePropagation(world, Duration.ZERO);
    Map<String, Instant> lost = new LinkedHashMap<>();
    FailurePropagation.Scenario scenario = new FailurePropagation.Scenario();
    Propagation p = new Propagation();
    for (String f : failures) {
      boolean known = false;
      if (world.item(f).isPresent()) {
        lost.put(f, when);
        known = true;
      }
      if (world.sites().contains(f)) {
        for (InventoryItem i : world.itemsAtSite(f)) lost.put(i.entity(), when);
        known = true;
      }
      if (!known || !world.itemsOfService(f).isEmpty() || world.service(f).isPresent()
          || !world.dependentsOf(f).isEmpty()) {
        scenario.failService(f, when);
      }
      p.why.put(f, "the failure itself");
    }
    for (String s : downBefore) {
      scenario.failService(s, when);
      p.why.putIfAbsent(s, "already down before");
    }
    Map<String, Instant> lostWithDescendants = propagation.withDescendants(lost);
    lostWithDescendants.forEach(scenario::lose);
    p.deadItems.addAll(lostWithDescendants.keySet());
    for (FailurePropagation.Outage o : propagation.run(scenario, budget).values()) {
      p.downServices.add(o.service());
      p.why.putIfAbsent(o.service(), o.reason());
    }
    p.stopped = budget.exhausted();
    return p;
  }

  /** Down services, plus failed items the logs report availability for (they name hosts, not services). */
  private static List<Symptom> predictions(Propagation p, Set<String> reported, Instant at) {
    Set<String> down = new LinkedHashSet<>(p.downServices);
    for (String item : p.deadItems) if (reported.contains(item)) down.add(item);
    return down.stream().sorted().map(s -> Symptom.predicted("service.down", s, at)).toList();
  }

  private static List<Symptom> observed(World world, Instant at, Duration tolerance, Duration horizon) {
    Map<String, Symptom> first = new LinkedHashMap<>();
    for (Event e : world.events()) {
      if (!e.type().equals("service.down") || e.entity().isEmpty()) continue;
      if (at != null && (e.time().isBefore(at.minus(tolerance)) || e.time().isAfter(at.plus(horizon)))) continue;
      first.putIfAbsent(e.entity(), new Symptom("service.down", e.entity(), e.time(), e.origin()));
    }
    return List.copyOf(first.values());
  }

  /** Entities whose last service.down/up event before the failure (minus tolerance) says down. */
  private static Set<String> downBefore(World world, Instant at, Duration tolerance) {
    Set<String> down = new LinkedHashSet<>();
    if (at == null) return down;
    Instant cutoff = at.minus(tolerance);
    for (Event e : world.eventsInTimeOrder()) {
      if (!e.time().isBefore(cutoff)) break;
      if (e.type().equals("service.down")) down.add(e.entity());
      else if (e.type().equals("service.up")) down.remove(e.entity());
    }
    return down;
  }

  private static Instant timeOf(World world, SourceRef ref) {
    if (ref == null) return null;
    for (TimedFact f : world.timeline()) if (ref.equals(f.origin())) return f.time();
    return null;
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
