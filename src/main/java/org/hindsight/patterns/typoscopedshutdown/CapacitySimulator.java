package org.hindsight.patterns.typoscopedshutdown;

import com.google.auto.service.AutoService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hindsight.derive.MetricExcursionDeriver;
import org.hindsight.facts.CommandScope;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.MetricExcursion;
import org.hindsight.facts.MetricSeries;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.Symptom;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.world.World;

/**
 * Replays fleet capacity for {@code typo-scoped-shutdown}: every capacity-removing command takes its
 * resolved hosts out at its time; a service left below {@code services.min_hosts} fails and needs a
 * cold restart ({@code restart_minutes}, else an estimate growing with its size), started at once,
 * or once its hard dependencies are back; failures spread over hard dependencies. Predicted
 * down/up times are compared with {@code service.down}/{@code service.degraded} events and
 * {@code http.error_ratio} excursions. Counterfactual: the cause command with its intended selector.
 * Safeguard what-if: the same command removing in batches and refusing to go below any minimum.
 *
 * <p>It replays what the deriver resolved ({@link CommandScope} facts: hosts taken, intended part)
 * and takes the cause and its classification from the hypothesis the rules built: it never
 * re-reads commands or re-judges intent.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class CapacitySimulator implements Simulator {
  /** Failures observed this long after the command can still be its consequence. */
  static final Duration HORIZON = Duration.ofHours(12);
  static final Duration TOLERANCE = Duration.ofMinutes(15);

  @Override
  public String pattern() {
    return "typo-scoped-shutdown";
  }

  /** The capacity-removing commands as derived, in time order, with host ids in one fleet index. */
  private record Removals(FleetIndex index, List<CommandScope> commands) {
    static Removals of(World world) {
      return new Removals(new FleetIndex(world.inventory()),
          world.derived(CommandScope.class).stream().filter(CommandScope::removesCapacity).toList());
    }

    int[] ids(List<String> names) {
      int[] out = new int[names.size()];
      int n = 0;
      for (String name : names) {
        int id = index.id(name);
        if (id >= 0) out[n++] = id;
      }
      return Arrays.copyOf(out, n);
    }

    int[] hosts(CommandScope c) {
      return ids(c.hosts());
    }

    List<String> names(int[] ids) {
      List<String> out = new ArrayList<>(ids.length);
      for (int id : ids) out.add(index.name(id));
      return out;
    }

    /** Hosts per service (a host with two services counts for both), sorted by service. */
    Map<String, Integer> perService(int[] ids) {
      Map<String, Integer> out = new TreeMap<>();
      for (int id : ids) for (String s : index.servicesOf(id)) out.merge(s, 1, Integer::sum);
      return out;
    }
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    Removals ops = Removals.of(world);
    CommandScope cause = h.causeFact(CommandScope.class)
        .or(() -> ops.commands().stream().filter(c -> c.origin().equals(h.cause())).findFirst()).orElse(null);
    if (cause == null || !cause.removesCapacity()) {
      return new Replay(List.of(), List.of(), List.of(), TOLERANCE,
          List.of("The cause is not a command that removed capacity, so there is nothing to replay."), List.of(), Map.of(), "");
    }
    String classification = h.detail("classification");
    Instant t0 = cause.time();
    FailurePropagation fp = new FailurePropagation(world, Duration.ZERO);
    int[] causeHosts = ops.hosts(cause);
    Map<String, Outage> with = run(fp, ops, cause, causeHosts, budget);
    int[] intended = ops.ids(cause.intendedPart());
    Map<String, Outage> without = run(fp, ops, cause, intended, budget);
    if (!budget.step()) {
      return new Replay(List.of(), List.of(), List.of(), TOLERANCE, List.of(), List.of(), Map.of(), budget.describe());
    }

    List<Symptom> observed = observed(world, t0);
    List<Symptom> predictedWith = symptoms(with);
    List<Symptom> predictedWithout = symptoms(without);

    Safeguard guard = safeguard(world, ops, cause, fp, budget);
    List<String> narrative = new ArrayList<>();
    ZoneId zone = world.displayZone();
    DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
    String typed = cause.selector();
    narrative.add("Actual scope: `" + cause.command() + "` (" + cause.origin() + ") "
        + (cause.scopeFromEffects() ? "(scope inferred from effects: the hosts that left service right after it)"
            : "resolved `" + typed + "`")
        + " to " + causeHosts.length + " hosts: " + ops.perService(causeHosts) + ".");
    String intentWhere = cause.intentRef() == null ? "the command's own --service option" : cause.intentSource() + " " + cause.intentRef();
    String allowance = (cause.intendedHosts() >= 0 ? "at most " + cause.intendedHosts() + " hosts" : "hosts")
        + (cause.intendedServices().isEmpty() ? "" : " of " + String.join(", ", cause.intendedServices()));
    narrative.add("Intended scope (" + classification + ", from " + intentWhere + ": " + allowance + "): "
        + (intended.length == 0
            ? "none of the hosts it hit; every one lies outside that intent (another service's role, or an allowance"
                + " earlier commands under the same intent had already used)."
            : (cause.intendedSelector().isEmpty() ? "" : "`" + cause.intendedSelector() + "` → ")
                + intended.length + " hosts " + ops.perService(intended) + "."));
    for (Outage o : with.values()) {
      if (!o.rootCause()) continue;
      Event up = firstRecovery(world, o.service(), t0);
      narrative.add("With the command as typed, " + o.service() + " falls to " + o.reason() + " at " + hm.format(o.down())
          + " and needs a cold restart: predicted back " + (o.up() == null ? "never" : hm.format(o.up()))
          + (up == null ? "" : ", observed back " + hm.format(up.time()) + " (" + up.origin() + ")") + ".");
    }
    List<String> dependents = with.values().stream().filter(o -> !o.rootCause()).map(Outage::service).toList();
    if (!dependents.isEmpty()) narrative.add("Through hard dependencies, these fail too: " + String.join(", ", dependents) + ".");
    String meant = cause.intendedSelector().isEmpty() || intended.length == 0 ? "the intended scope"
        : "the intended selector `" + cause.intendedSelector() + "`";
    Set<String> spared = new TreeSet<>(with.keySet());
    spared.removeAll(without.keySet());
    narrative.add(without.isEmpty()
        ? "Counterfactual: with " + meant + ", no service falls below its minimum and nothing fails."
        : "Counterfactual: with " + meant + ", " + (spared.isEmpty() ? "nothing is spared" : String.join(", ", spared) + " stay up")
            + "; still out: " + String.join(", ", without.keySet()) + " (the intended removal itself takes it out).");
    narrative.add(guard.sentence);

    Map<String, Object> details = new TreeMap<>();
    details.put("actualSelector", typed);
    details.put("actualHosts", causeHosts.length);
    details.put("actualServices", ops.perService(causeHosts));
    details.put("intendedSelector", cause.intendedSelector());
    details.put("intendedHosts", intended.length);
    details.put("intendedServices", ops.perService(intended));
    details.put("classification", classification);
    details.put("intentSource", cause.intentSource());
    details.put("safeguardBatchSize", guard.batchSize);
    details.put("safeguardStopBatch", guard.stopBatch);
    details.put("safeguardHostsRemoved", guard.removed);
    details.put("safeguardProtects", guard.protects);
    Map<String, String> outages = new TreeMap<>();
    with.values().forEach(o -> outages.put(o.service(), hm.format(o.down()) + "–" + (o.up() == null ? "?" : hm.format(o.up()))));
    details.put("predictedOutages", outages);

    List<Chart> charts = List.of(capacityChart(ops, cause, intended, h.subject()), downChart(world, t0, with, without));
    return new Replay(observed, predictedWith, predictedWithout, TOLERANCE, narrative, charts, details, "");
  }

  /** Every capacity-removing command as logged, except the cause, which removes {@code causeHosts}. */
  private static Map<String, Outage> run(FailurePropagation fp, Removals ops, CommandScope cause,
      int[] causeHosts, SimulationBudget budget) {
    FailurePropagation.Scenario s = new FailurePropagation.Scenario();
    for (CommandScope c : ops.commands()) {
      List<String> hosts = same(c, cause) ? ops.names(causeHosts) : c.hosts();
      // The restart clock starts at the removal: capacity is put back and the service cold-started at once.
      for (String name : hosts) s.lose(name, c.time()).restore(name, c.time());
    }
    return fp.restartAfterDependencies(fp.run(s, budget), budget);
  }

  private static List<Symptom> symptoms(Map<String, Outage> outages) {
    List<Symptom> out = new ArrayList<>();
    for (Outage o : outages.values()) out.add(Symptom.predicted("service.down", o.service(), o.down()));
    return out;
  }

  /** First failure per entity from the command on: down/degraded events and error-ratio excursions. */
  static List<Symptom> observed(World world, Instant t0) {
    Instant from = t0.minus(TOLERANCE);
    Instant to = t0.plus(HORIZON);
    Map<String, Symptom> first = new LinkedHashMap<>();
    List<Symptom> all = new ArrayList<>();
    List<Event> failures = new ArrayList<>(world.eventsOfType("service.down"));
    failures.addAll(world.eventsOfType("service.degraded"));
    for (Event e : failures) {
      if (!e.entity().isEmpty() && !e.time().isBefore(from) && e.time().isBefore(to)) {
        all.add(new Symptom("service.down", e.entity(), e.time(), e.origin()));
      }
    }
    for (MetricSeries s : world.seriesOf("http.error_ratio")) {
      for (MetricExcursion x : MetricExcursionDeriver.excursions(s)) {
        if (!x.start().isBefore(from) && x.start().isBefore(to)) all.add(new Symptom("service.down", x.entity(), x.start(), x.origin()));
      }
    }
    all.sort(java.util.Comparator.comparing(Symptom::onset));
    for (Symptom s : all) first.putIfAbsent(s.entity(), s);
    return new ArrayList<>(first.values());
  }

  private static Event firstRecovery(World world, String service, Instant after) {
    Event best = null;
    for (Event e : world.eventsOf(service)) {
      if (e.time().isBefore(after)) continue;
      boolean recovery = e.type().equals("service.up")
          || (e.type().equals("service.degraded") && (best == null || e.time().isBefore(best.time())));
      if (recovery && (best == null || e.time().isBefore(best.time()))) {
        // A degraded event after a down marks partial recovery: serving again, not yet fully.
        if (e.type().equals("service.degraded") && !wasDownBefore(world, service, after, e.time())) continue;
        best = e;
      }
    }
    return best;
  }

  private static boolean wasDownBefore(World world, String service, Instant from, Instant t) {
    return world.eventsOf(service).stream().anyMatch(e -> e.type().equals("service.down")
        && !e.time().isBefore(from) && e.time().isBefore(t));
  }

  record Safeguard(int batchSize, int stopBatch, int removed, String protects, String sentence) {}

  /**
   * The same command, removing its hosts in batches (the intended size, else a tenth) in the order
   * it resolved them, with a check before each batch: stop if it would take any service below
   * its minimum, counting what earlier commands already removed.
   */
  static Safeguard safeguard(World world, Removals ops, CommandScope cause, FailurePropagation fp, SimulationBudget budget) {
    FleetIndex index = ops.index();
    int[] hosts = ops.hosts(cause);
    int intended = cause.intendedPart().size();
    int batch = intended > 0 ? intended : Math.max(1, (int) Math.ceil(hosts.length / 10.0));
    BitSet gone = new BitSet(index.size());
    for (CommandScope c : ops.commands()) {
      if (same(c, cause)) break;
      for (int id : ops.hosts(c)) gone.set(id);
    }
    Map<String, Integer> left = new TreeMap<>();
    for (String service : servicesOf(ops, hosts)) {
      int n = 0;
      for (int id : index.hostsOf(service)) if (!gone.get(id)) n++;
      left.put(service, n);
    }
    int removed = 0;
    int batches = (hosts.length + batch - 1) / batch;
    for (int b = 0; b < batches && budget.step(); b++) {
      Map<String, Integer> after = new TreeMap<>(left);
      for (int k = b * batch; k < Math.min(hosts.length, (b + 1) * batch); k++) {
        if (gone.get(hosts[k])) continue;
        for (String s : index.servicesOf(hosts[k])) after.merge(s, -1, Integer::sum);
      }
      for (var e : after.entrySet()) {
        int need = fp.needed(e.getKey());
        if (e.getValue() < need && world.service(e.getKey()).isPresent()) {
          String sentence = String.format(Locale.ROOT, "Safeguard what-if: removing in batches of %d and refusing to go below any "
              + "minimum, the tool would have stopped at batch %d of %d, after removing %d of %d hosts, because %s would have "
              + "dropped to %d hosts (minimum %d).", batch, b + 1, batches, removed, hosts.length, e.getKey(), e.getValue(), need);
          return new Safeguard(batch, b + 1, removed, e.getKey(), sentence);
        }
      }
      left = after;
      removed = Math.min(hosts.length, (b + 1) * batch);
    }
    return new Safeguard(batch, 0, removed, "", String.format(Locale.ROOT, "Safeguard what-if: removing in batches of %d "
        + "and refusing to go below any minimum, the command would have run to completion (%d batches): the check alone "
        + "would not have stopped it.", batch, batches));
  }

  private static boolean same(CommandScope a, CommandScope b) {
    return a.origin().equals(b.origin());
  }

  private static Set<String> servicesOf(Removals ops, int[] hosts) {
    Set<String> out = new TreeSet<>();
    for (int id : hosts) out.addAll(ops.index().servicesOf(id));
    return out;
  }

  /** Live hosts of the subject over time: as typed, as intended, and its minimum. */
  private static Chart capacityChart(Removals ops, CommandScope cause, int[] intended, String service) {
    FleetIndex index = ops.index();
    List<Series.Point> typed = new ArrayList<>();
    List<Series.Point> meant = new ArrayList<>();
    Set<Integer> goneTyped = new HashSet<>();
    Set<Integer> goneMeant = new HashSet<>();
    int[] fleet = index.hostsOf(service);
    Set<Integer> fleetSet = new HashSet<>();
    for (int id : fleet) fleetSet.add(id);
    for (CommandScope c : ops.commands()) {
      long t = c.time().toEpochMilli();
      typed.add(new Series.Point(t - 1, fleet.length - goneTyped.size()));
      meant.add(new Series.Point(t - 1, fleet.length - goneMeant.size()));
      int[] took = ops.hosts(c);
      for (int id : took) if (fleetSet.contains(id)) goneTyped.add(id);
      for (int id : same(c, cause) ? intended : took) if (fleetSet.contains(id)) goneMeant.add(id);
      typed.add(new Series.Point(t, fleet.length - goneTyped.size()));
      meant.add(new Series.Point(t, fleet.length - goneMeant.size()));
    }
    return new Chart("Live hosts of " + service, "hosts", List.of(
        new Series(service + " as typed", "with-cause", typed),
        new Series(service + " as intended", "without-cause", meant)));
  }

  /** Services down over time: observed (events), predicted with and without the cause. */
  private static Chart downChart(World world, Instant t0, Map<String, Outage> with, Map<String, Outage> without) {
    Instant end = t0.plus(HORIZON);
    List<Series.Point> obs = new ArrayList<>();
    Map<String, Boolean> down = new TreeMap<>();
    for (Event e : world.eventsInTimeOrder()) {
      if (e.time().isBefore(t0.minus(TOLERANCE)) || e.time().isAfter(end) || e.entity().isEmpty()) continue;
      if (e.type().equals("service.down")) down.put(e.entity(), true);
      else if (e.type().equals("service.up")) down.put(e.entity(), false);
      else continue;
      obs.add(new Series.Point(e.time().toEpochMilli(), down.values().stream().filter(b -> b).count()));
    }
    return new Chart("Services down", "services", List.of(
        new Series("observed", "observed", obs),
        new Series("predicted as typed", "with-cause", curve(with, t0, end)),
        new Series("predicted as intended", "without-cause", curve(without, t0, end))));
  }

  private static List<Series.Point> curve(Map<String, Outage> outages, Instant from, Instant to) {
    TreeSet<Long> times = new TreeSet<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
    for (Outage o : outages.values()) {
      times.add(o.down().toEpochMilli());
      if (o.up() != null) times.add(o.up().toEpochMilli());
    }
    List<Series.Point> out = new ArrayList<>();
    for (long t : times) {
      long n = outages.values().stream().filter(o -> o.down().toEpochMilli() <= t
          && (o.up() == null || o.up().toEpochMilli() > t)).count();
      out.add(new Series.Point(t, n));
    }
    return out;
  }

  static int[] sorted(int[] a) {
    int[] b = a.clone();
    Arrays.sort(b);
    return b;
  }
}
