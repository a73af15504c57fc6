package org.hindsight.simulate.generic;

import com.google.auto.service.AutoService;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
   * Another cause the logs name, scored as a rival: {@code entity} fails at {@code at}, or, for a
   * roll-out, each of {@code steps} at its own time.
   *
   * @param cause the record that names it (never null: a named rival has one)
   * @param steps the items a roll-out took out one by one, each at its own time (empty: {@code entity} fails)
   * @param latest for a change made at a moment the logs do not give (a session whose lines are not logged), the last
   *     moment it may have acted: it is weighed over [at, latest] as the claim of such a change is; null: at {@code at}
   */
  public record NamedRival(String label, String entity, Instant at, org.hindsight.facts.SourceRef cause, Map<String, Instant> steps,
      Instant latest) {
    public NamedRival {
      steps = steps == null ? Map.of() : Map.copyOf(steps);
    }

    public NamedRival(String label, String entity, Instant at, org.hindsight.facts.SourceRef cause, Map<String, Instant> steps) {
      this(label, entity, at, cause, steps, null);
    }

    public NamedRival(String label, String entity, Instant at, org.hindsight.facts.SourceRef cause) {
      this(label, entity, at, cause, Map.of());
    }

    Map<String, Instant> failures() {
      return steps.isEmpty() ? Map.of(entity, at) : steps;
    }
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    return replay(world, h, budget, List.of(), observedAs(h, SymptomKinds.SERVICE_DOWN));
  }

  /**
   * How the predicted outages show: as {@code service.down}, and as the kinds the rule names in the detail
   * {@code seenAs} (comma-separated symptom kinds, e.g. {@code errors,latency}): a rule whose cause shows in
   * its victims' error ratios rather than down events says so, as the change-correlation replay does for changes.
   */
  @Override
  public Set<String> observedAs(Hypothesis h, String predictedKind) {
    if (!predictedKind.equals(SymptomKinds.SERVICE_DOWN) || h.detail("seenAs").isBlank()) return observedAs(predictedKind);
    Set<String> kinds = new TreeSet<>();
    kinds.add(predictedKind);
    for (String k : h.detail("seenAs").split(",")) if (!k.isBlank()) kinds.add(k.strip());
    return kinds;
  }

  /**
   * The replay with rivals the caller names and the observed kinds that show an entity in trouble
   * ({@code seenAs}: which entities the logs report on, so a failed item they report is predicted).
   */
  public Replay replay(World world, Hypothesis h, SimulationBudget budget, List<NamedRival> named, Set<String> seenAs) {
    return replay(world, h, budget, named, seenAs, Map.of());
  }

  /**
   * The replay of a roll-out: {@code steps} are the items it took out, each at its own time, so the
   * capacity of {@code failed} (their service) falls step by step and the predicted outage follows
   * the roll-out (the first step is {@code at}). An item already failing before the roll-out reached
   * it (and before the earlier steps took its service down) failed on its own: the counterfactual
   * keeps it failing at its observed onset, so the roll-out gets no credit for it. Empty steps: the
   * single failure of {@code failed}.
   */
  public Replay replay(World world, Hypothesis h, SimulationBudget budget, List<NamedRival> named, Set<String> seenAs,
      Map<String, Instant> steps) {
    return replay(world, h, budget, named, seenAs, steps, Set.of(), "");
  }

  /**
   * {@link #replay(World, Hypothesis, SimulationBudget, List, Set, Map)} for a single failure that also took out
   * {@code alsoFailing} when it took effect: the entities whose own failing records cite it ({@code citedAs}, e.g. its
   * ticket: a maintenance that descheduled jobs in other cells than its own, each job's record citing the maintenance).
   */
  public Replay replay(World world, Hypothesis h, SimulationBudget budget, List<NamedRival> named, Set<String> seenAs,
      Map<String, Instant> steps, Set<String> alsoFailing, String citedAs) {
    List<String> notes = new ArrayList<>();
    String failed = h.detail("failed").isEmpty() ? h.subject() : h.detail("failed");
    Instant at = parseTime(h.detail("at"), notes);
    if (at == null) at = world.timeOf(h.cause());
    if (at == null) at = world.timeOf(h.trigger());
    Duration tolerance = parseDuration(h.detail("tolerance"), DEFAULT_TOLERANCE, "tolerance", notes);
    if (!h.detail("horizon").isEmpty()) {
      notes.add("Parameter horizon is no longer used: the scoring window is derived from the replay (docs/validation.md).");
    }
    if (!steps.isEmpty()) {
      Instant first = steps.values().stream().min(Instant::compareTo).orElseThrow();
      if (at == null || first.isBefore(at)) at = first;
    }
    Instant when = at != null ? at : Instant.EPOCH;
    // a change made at a moment the logs do not give (a session whose lines are not logged): it acts anywhere
    // in [at, latest], each moment as likely; its predicted onsets are spans, which the validator averages over
    Instant latest = steps.isEmpty() ? parseTime(h.detail("until"), notes) : null;
    Duration span = latest == null || at == null || !latest.isAfter(at) ? Duration.ZERO : Duration.between(at, latest);

    WhereSeen seen = WhereSeen.of(world, seenAs);
    Set<String> downBefore = downBefore(world, at);

    // a roll-out over items that stayed healthy took nothing out: the replay fails nothing, unless what
    // the service serves went wrong (its consumers flap while it progresses): then it fails them
    Map<String, Instant> failures = steps.isEmpty() ? alongWith(failed, when, alsoFailing)
        : tookNothingOut(world, steps, seenAs, notes) ? outputFailed(world, failed, steps, seenAs, notes) : steps;
    Propagation with = propagate(world, failures, when, downBefore, seen, seenAs, budget);
    // Other roots: outages observed after the failure (within four timing scales of the last
    // predicted one) that this failure does not explain. The counterfactual keeps them.
    Observations obs = world.observations();
    Instant last = failures.values().stream().max(Instant::compareTo).orElse(when);
    Instant until = last.plus(span).plus(tolerance.multipliedBy(4));
    Map<String, Instant> otherRoots = new LinkedHashMap<>(failedBeforeTheirStep(world, failed, failures, seenAs, notes, budget));
    // what the failure predicts is seen where the logs report it: the items of a service it takes down
    // are explained by it, not other roots
    List<Symptom> atTheStart = predictions(with, seen, downBefore);
    List<Symptom> withCause = spread(atTheStart, span);
    Set<String> predictedWhere = new HashSet<>();
    for (Symptom p : withCause) predictedWhere.add(p.entity());
    for (Symptom s : obs.between(List.of(SymptomKinds.SERVICE_DOWN), when, until)) {
      if (!with.downServices.contains(s.entity()) && !with.deadItems.contains(s.entity()) && !predictedWhere.contains(s.entity())
          && !s.entity().equals(failed) && !downBefore.contains(s.entity())) {
        otherRoots.putIfAbsent(s.entity(), s.onset());
      }
    }
    Propagation without = propagate(world, otherRoots, when, downBefore, seen, seenAs, budget);
    Map<String, Instant> all = new LinkedHashMap<>(otherRoots);
    failures.forEach((f, t) -> all.merge(f, t, DependencyPropagationSimulator::earlier));
    Propagation logged = otherRoots.isEmpty() ? with : propagate(world, all, when, downBefore, seen, seenAs, budget);

    // Rivals: entities observed down that could explain what this failure predicts.
    Set<String> predictedHere = new LinkedHashSet<>(with.downServices);
    Set<String> candidates = upstreamOf(world, predictedHere, budget);
    List<Prediction> rivals = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    for (Symptom s : obs.between(List.of(SymptomKinds.SERVICE_DOWN), when.minus(tolerance.multipliedBy(4)), until)) {
      String e = s.entity();
      if (e.equals(failed) || downBefore.contains(e) || !candidates.contains(e) || !tried.add(e)) continue;
      Propagation r = propagate(world, Map.of(e, s.onset()), s.onset(), downBefore, seen, seenAs, budget);
      rivals.add(new Prediction("failure of " + e, "", null, s.onset(), predictions(r, seen, downBefore)));
    }
    for (NamedRival r : named) {
      if (r.at() == null || r.cause() == null || r.cause().equals(h.cause())) continue;
      Set<String> before = downBefore(world, r.at());
      Propagation p = propagate(world, r.failures(), r.at(), before, seen, seenAs, budget);
      List<Symptom> predicted = predictions(p, seen, before);
      // a rival session with its own span is weighed as the claim of one would be: two logins alike are alike
      if (r.steps().isEmpty() && r.latest() != null && r.latest().isAfter(r.at())) predicted = spread(predicted, Duration.between(r.at(), r.latest()));
      rivals.add(new Prediction(r.label(), "", r.cause(), r.at(), predicted));
    }
    if (budget.exhausted()) return Replay.nothing(tolerance, notes, budget.describe());

    List<Symptom> withoutCause = predictions(without, seen, downBefore);
    List<String> narrative = new ArrayList<>(notes);
    if (steps.isEmpty() && !span.isZero()) {
      narrative.add(failed + " fails at a moment the logs do not give, between " + at + " and " + latest
          + (h.detail("untilWhy").isEmpty() ? "" : " (" + h.detail("untilWhy") + ")") + "; each moment is as likely, so what it"
          + " predicts is scored over that span, not at one time.");
    } else if (steps.isEmpty()) narrative.add(failed + " fails" + (at == null ? "" : " at " + at) + ".");
    else narrative.add(rollOut(failed, steps, with));
    if (steps.isEmpty() && !alsoFailing.isEmpty()) {
      narrative.add("The failing records of " + alsoFailing.size() + " other entities cite " + citedAs + "; they fail with it: "
          + String.join(", ", alsoFailing.stream().limit(5).toList()) + (alsoFailing.size() > 5 ? " … (+" + (alsoFailing.size() - 5) + " more)" : "") + ".");
    }
    if (!with.carriers.isEmpty()) {
      narrative.add(failed + " is not in the inventory or the service graph; the failing records of " + with.carriers.size()
          + " entities name it, and they fail with it: " + String.join(", ", with.carriers.stream().limit(5).toList())
          + (with.carriers.size() > 5 ? " … (+" + (with.carriers.size() - 5) + " more)" : "") + ".");
    }
    with.why.forEach((entity, why) -> {
      if (!entity.equals(failed) && !failures.containsKey(entity) && !downBefore.contains(entity) && !with.carriers.contains(entity)) {
        narrative.add(entity + " goes down: " + why + ".");
      }
    });
    if (!downBefore.isEmpty()) narrative.add("Already down before: " + String.join(", ", new TreeSet<>(downBefore)) + ".");
    String claim = steps.isEmpty() ? "the failure of " + failed : "the roll-out over " + failed;
    narrative.add("Counterfactual: without " + claim + (otherRoots.isEmpty() ? "" : " (the other outages of the window, "
        + String.join(", ", otherRoots.keySet()) + ", still happen)") + ": "
        + (withoutCause.isEmpty() ? "nothing goes down." : withoutCause.size() + " service(s) go down ("
            + String.join(", ", withoutCause.stream().map(Symptom::entity).toList()) + ")."));

    List<Symptom> observed = obs.between(List.of(SymptomKinds.SERVICE_DOWN), when, until);
    Set<String> alreadyDown = reachedAlreadyDown(world, failures, when, downBefore, seen, seenAs, budget);
    Set<String> modelled = new LinkedHashSet<>();
    if (!alreadyDown.isEmpty()) { // else the validator's default: what any model predicts for
      modelled.addAll(alreadyDown);
      for (Prediction p : rivals) p.symptoms().forEach(s -> modelled.add(s.entity()));
      for (List<Symptom> ps : List.of(withCause, withoutCause, predictions(logged, seen, downBefore))) ps.forEach(s -> modelled.add(s.entity()));
    }
    Replay.Builder replay = Replay.builder(tolerance)
        .scope(modelled)
        .hypothesis(new Prediction(steps.isEmpty() ? "failure of " + failed : "roll-out over " + failed + " (" + steps.size() + " items)", "",
            h.cause(), at, withCause))
        .counterfactual(new Prediction("without " + claim, "", null, at, withoutCause))
        .asLogged(new Prediction("as logged", "", null, at, spreadAsCaused(predictions(logged, seen, downBefore), atTheStart, span)))
        .rivals(rivals)
        .narrative(narrative)
        .calibration("No parameter is fitted: dependencies, min_hosts and parents come from the inputs; the failure time from "
            + (h.detail("at").isEmpty() ? "the cause record" : "the rule's at=" + h.detail("at"))
            + (span.isZero() ? "" : ", anywhere until " + latest + " (not fitted: every moment of the span weighs alike)") + ".")
        .chart(Charts.symptomsOverTime("Services down", "services", observed, withCause, withoutCause))
        .detail("simulator", NAME)
        .detail("failed", failed)
        .detail("at", at == null ? "" : at.toString());
    if (!span.isZero()) replay.detail("until", latest.toString()); // only a cause acting over a span has one
    return replay.detail("predictedDown", withCause.stream().map(Symptom::entity).toList())
        .detail("otherRoots", List.copyOf(otherRoots.keySet()))
        .build();
  }

  /**
   * The items of a roll-out that were already failing when it reached them: a symptom of a kind that
   * shows trouble ({@code seenAs}) began before the item's own step, had not ended by then, and came
   * before the roll-out's own steps took the service down. Those steps exclude the items found so
   * far, so it is repeated until no item is added (each round adds one at least, or ends). Each at its
   * observed onset: it failed on its own.
   */
  private static Map<String, Instant> failedBeforeTheirStep(World world, String service, Map<String, Instant> steps,
      Set<String> seenAs, List<String> notes, SimulationBudget budget) {
    Map<String, Instant> out = new LinkedHashMap<>();
    if (steps.size() < 2) return out;
    // what hangs off an item (its inventory children: the servers behind a router) fails with it, so their trouble
    // before its step was not its step's either (a router whose servers were unreachable before it was changed)
    Map<String, List<String>> children = new HashMap<>();
    for (InventoryItem i : world.inventory()) {
      if (steps.containsKey(i.parent())) children.computeIfAbsent(i.parent(), k -> new ArrayList<>()).add(i.entity());
    }
    Map<String, Symptom> earliest = new LinkedHashMap<>();
    for (var step : steps.entrySet()) {
      List<String> seenOn = new ArrayList<>();
      seenOn.add(step.getKey());
      seenOn.addAll(children.getOrDefault(step.getKey(), List.of()));
      for (String entity : seenOn) {
        for (Symptom s : world.observations().ofEntity(entity)) {
          if (!seenAs.contains(s.kind()) || !s.onset().isBefore(step.getValue())) continue;
          if (s.end() != null && !s.end().isAfter(step.getValue())) continue;
          Symptom before = earliest.get(step.getKey());
          if (before == null || s.onset().isBefore(before.onset())) earliest.put(step.getKey(), s);
          break;
        }
      }
    }
    boolean added = !earliest.isEmpty();
    while (added && budget.step()) {
      added = false;
      Map<String, Instant> own = new LinkedHashMap<>(steps);
      own.keySet().removeAll(out.keySet());
      Instant first = own.values().stream().min(Instant::compareTo).orElse(null);
      Instant serviceDown = first == null ? null : propagate(world, own, first, Set.of(), null, seenAs, budget).downAt.get(service);
      for (var e : earliest.entrySet()) {
        if (out.containsKey(e.getKey()) || (serviceDown != null && !e.getValue().onset().isBefore(serviceDown))) continue;
        out.put(e.getKey(), e.getValue().onset());
        added = true;
      }
    }
    out.forEach((item, onset) -> notes.add(item + " was already failing at " + onset + " (" + earliest.get(item).kind()
        + (earliest.get(item).entity().equals(item) ? "" : " of " + earliest.get(item).entity() + ", which hangs off it") + "), before the roll-out reached it at " + steps.get(item) + ": it failed on its own, and the counterfactual keeps it failing."));
    return out;
  }

  /**
   * Whether a roll-out completed over items that stayed healthy: the logs watch some of its items
   * after their steps (a metric sampled later) and no item shows trouble ({@code seenAs}) at or after
   * its own step. Then it took nothing out and the replay fails nothing. When the logs watch none of
   * them (hosts that only drop out of a catalog) the claim is replayed as made.
   */
  private static boolean tookNothingOut(World world, Map<String, Instant> steps, Set<String> seenAs, List<String> notes) {
    boolean watched = false;
    for (var m : world.metrics()) {
      Instant step = steps.get(m.entity());
      if (step != null && m.count() > 0 && m.lastTime().isAfter(step)) {
        watched = true;
        break;
      }
    }
    if (!watched) return false;
    for (var step : steps.entrySet()) {
      for (Symptom s : world.observations().ofEntity(step.getKey())) {
        if (seenAs.contains(s.kind()) && (s.end() == null || s.end().isAfter(step.getValue()))) return false;
      }
    }
    notes.add("The roll-out reached " + steps.size() + " items and none of them shows trouble after its own step, though the logs"
        + " watch them: it took nothing out.");
    return true;
  }

  /** How long after its last step a roll-out is still in progress for its consumers (the rules' rolling gap). */
  static final Duration ROLL_OUT_GAP = Duration.ofMinutes(30);

  /**
   * A roll-out whose items stayed healthy may still have changed what the service serves (a grant that
   * changes what a query reads, a file generated from it): its <b>consumers</b> (hard dependents over
   * {@code dependencies}, or their items), without trouble before it began, fail and recover and fail again while it
   * progresses (two episodes at least, the first before its last step plus the gap), as each consumer
   * reads from an item already changed or not yet. Then the roll-out failed them, each when it began
   * (its first step). A consumer that fails once (its own cause as likely) or had trouble before is not
   * such evidence, and the roll-out took nothing out. Empty when none.
   */
  private static Map<String, Instant> outputFailed(World world, String service, Map<String, Instant> steps,
      Set<String> seenAs, List<String> notes) {
    Instant first = steps.values().stream().min(Instant::compareTo).orElseThrow();
    Instant last = steps.values().stream().max(Instant::compareTo).orElseThrow();
    Map<String, Instant> out = new LinkedHashMap<>();
    // consumers over hard dependencies, a few steps on (a generator reads the store, the proxies load its file)
    Map<String, String> via = new LinkedHashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(service));
    via.put(service, service);
    while (!queue.isEmpty() && via.size() <= 64) {
      String up = queue.poll();
      for (Dependency d : world.dependentsOf(up)) {
        if (d.hard() && !steps.containsKey(d.service()) && via.putIfAbsent(d.service(), up) == null) queue.add(d.service());
      }
    }
    via.remove(service);
    for (String consumer : via.keySet()) {
      List<String> where = new ArrayList<>(List.of(consumer));
      for (InventoryItem i : world.itemsOfService(consumer)) where.add(i.entity());
      List<Symptom> episodes = new ArrayList<>();
      boolean before = false;
      for (String e : where) {
        for (Symptom s : world.observations().ofEntity(e)) {
          if (!seenAs.contains(s.kind())) continue;
          // trouble before the roll-out began (even over by then): it fails on its own, flapping is no evidence
          if (s.onset().isBefore(first)) before = true;
          else episodes.add(s);
        }
      }
      if (before || episodes.isEmpty()) continue;
      episodes.sort((a, b) -> a.onset().compareTo(b.onset()));
      // separate episodes: one begins after every earlier one has ended (the consumer recovered in between)
      int flaps = 0;
      Instant until = null;
      for (Symptom s : episodes) {
        if (until == null || !s.onset().isBefore(until)) flaps++;
        Instant end = s.end();
        if (end == null) break; // it never recovered: no later episode is a new one
        if (until == null || end.isAfter(until)) until = end;
      }
      if (flaps < 2 || episodes.get(0).onset().isAfter(last.plus(ROLL_OUT_GAP))) continue;
      out.put(consumer, first);
      notes.add(consumer + ", which depends on " + service + ", fails " + flaps + " times from " + episodes.get(0).onset()
          + ", recovering in between, while the roll-out progresses: what " + service + " serves changed with it, though its"
          + " items stayed up; the replay fails " + consumer + " from the roll-out's first step.");
    }
    return out;
  }

  /** One sentence: the roll-out step by step, and the step that took its service below capacity. */
  private static String rollOut(String service, Map<String, Instant> steps, Propagation with) {
    List<Map.Entry<String, Instant>> order = new ArrayList<>(steps.entrySet());
    order.sort(Map.Entry.comparingByValue());
    List<String> shown = order.stream().limit(5).map(e -> e.getKey() + " at " + e.getValue()).toList();
    Instant down = with.downAt.get(service);
    String crossing = "";
    if (down != null) {
      int k = 0;
      while (k < order.size() && !order.get(k).getValue().isAfter(down)) k++;
      crossing = " " + service + " falls below capacity at step " + k + " of " + order.size() + " (" + down + ").";
    } else {
      crossing = " " + service + " never falls below capacity.";
    }
    return "A roll-out over " + service + " takes its items out one by one, each at its own step: " + String.join(", ", shown)
        + (order.size() > 5 ? " … (+" + (order.size() - 5) + " more)" : "") + "." + crossing;
  }

  /** {@code failed} at {@code when}, and with it the entities whose failing records cite it. */
  public static Map<String, Instant> alongWith(String failed, Instant when, Set<String> alsoFailing) {
    if (alsoFailing.isEmpty()) return Map.of(failed, when);
    Map<String, Instant> out = new LinkedHashMap<>();
    out.put(failed, when);
    for (String e : alsoFailing) out.putIfAbsent(e, when);
    return out;
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
      WhereSeen seen, Set<String> seenAs, SimulationBudget budget) {
    Propagation local = propagate(world, failures, at, downBefore, Map.of(), budget);
    if (seen == null) return local;
    Map<String, Instant> domains = new LinkedHashMap<>();
    failures.forEach((f, when) -> routingDomain(world, f, budget).forEach(d -> domains.merge(d, when, DependencyPropagationSimulator::earlier)));
    domains.keySet().removeAll(failures.keySet());
    if (domains.isEmpty()) return local;
    Propagation wide = propagate(world, failures, at, downBefore, domains, budget);
    // The wider model only when the logs show something that only it predicts, after its failure
    // (a change that acted on the router alone leaves its routing domain healthy).
    Set<String> onlyWide = new LinkedHashSet<>();
    for (Symptom p : predictions(wide, seen, downBefore)) onlyWide.add(p.entity());
    for (Symptom p : predictions(local, seen, downBefore)) onlyWide.remove(p.entity());
    Instant from = failures.values().stream().min(Instant::compareTo).orElse(at);
    Instant until = from.plus(DEFAULT_TOLERANCE.multipliedBy(4));
    for (Symptom s : world.observations().between(seenAs, from, until)) {
      if (onlyWide.contains(s.entity()) && s.onset().isAfter(from)) return wide;
    }
    return local;
  }

  /**
   * The routing domain of a network device: every item it reaches over {@code links}, itself left
   * out. What a router advertises (a leaked table, a filter removed, a preference raised, an address
   * its neighbours recompute for) reaches every router of its domain through the routing protocol,
   * not through the service graph (Rogers 2022, Cloudflare 2020-07-17, Microsoft 2023-01-25). Empty
   * for an entity without links.
   */
  private static Set<String> routingDomain(World world, String device, SimulationBudget budget) {
    Set<String> out = new LinkedHashSet<>();
    if (world.linksOf(device).isEmpty() || world.item(device).isEmpty()) return out;
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(device));
    Set<String> seen = new HashSet<>(List.of(device));
    while (!queue.isEmpty() && budget.step()) {
      String node = queue.poll();
      for (org.hindsight.facts.Link l : world.linksOf(node)) {
        String other = l.a().equals(node) ? l.b() : l.a();
        if (seen.add(other)) {
          queue.add(other);
          if (world.item(other).isPresent()) out.add(other);
        }
      }
    }
    return out;
  }

  /** {@code reached}: items of the failures' routing domains, failing with them (each at its failure's time). */
  private static Propagation propagate(World world, Map<String, Instant> failures, Instant at, Set<String> downBefore,
      Map<String, Instant> reached, SimulationBudget budget) {
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
    reached.forEach((item, when) -> {
      lost.merge(item, when, (a, b) -> a.isBefore(b) ? a : b);
      p.why.putIfAbsent(item, "in the routing domain of the failure (linked)");
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
  /** Predicted onsets as spans {@code span} long from their time: the cause acted at an unknown moment of a span that long. */
  private static List<Symptom> spread(List<Symptom> predicted, Duration span) {
    if (span.isZero()) return predicted;
    List<Symptom> out = new ArrayList<>(predicted.size());
    for (Symptom p : predicted) {
      out.add(new Symptom(p.kind(), p.entity(), p.onset().plus(span), p.onset(), p.end() == null ? null : p.end().plus(span),
          p.endEarliest(), p.magnitude(), p.detail(), null, null));
    }
    return out;
  }

  /** {@link #spread} for the predictions among {@code predicted} that the cause makes ({@code caused}, at the start of its span). */
  private static List<Symptom> spreadAsCaused(List<Symptom> predicted, List<Symptom> caused, Duration span) {
    if (span.isZero()) return predicted;
    Map<String, Instant> byCause = new HashMap<>();
    for (Symptom c : caused) byCause.put(c.key(), c.onset());
    List<Symptom> out = new ArrayList<>(predicted.size());
    for (Symptom p : predicted) out.add(p.onset().equals(byCause.get(p.key())) ? spread(List.of(p), span).get(0) : p);
    return out;
  }

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

  /**
   * What the failure would take down that was already down before it: not predicted (it cannot be its
   * consequence) but modelled, so that the trouble it claims, already under way when a late record
   * says it acted, counts against it in the validator's late-cause checks (a session logged a second
   * after the first host it takes down went down is no cause of that host).
   */
  private static Set<String> reachedAlreadyDown(World world, Map<String, Instant> failures, Instant when, Set<String> downBefore,
      WhereSeen seen, Set<String> seenAs, SimulationBudget budget) {
    Set<String> out = new LinkedHashSet<>();
    if (downBefore.isEmpty()) return out;
    for (Symptom p : predictions(propagate(world, failures, when, Set.of(), seen, seenAs, budget), seen, Set.of())) {
      if (downBefore.contains(p.entity())) out.add(p.entity());
    }
    return out;
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
