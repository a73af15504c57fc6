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
import org.hindsight.facts.CommandScope;
import org.hindsight.facts.Event;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Observations;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Prediction;
import org.hindsight.simulate.Replay;
import org.hindsight.simulate.Series;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.simulate.Simulator;
import org.hindsight.simulate.WhereSeen;
import org.hindsight.simulate.propagation.FailurePropagation;
import org.hindsight.simulate.propagation.FailurePropagation.Outage;
import org.hindsight.world.World;

/**
 * Replays fleet capacity for {@code typo-scoped-shutdown}: a capacity-removing command takes its
 * resolved hosts out at its time; a service left below {@code services.min_hosts} fails and needs a
 * cold restart ({@code restart_minutes}, else an estimate growing with its size), started at once,
 * or once its hard dependencies are back; failures spread over hard dependencies. Predicted
 * outages (onset and recovery) are scored against down/degraded episodes and error-ratio
 * excursions of the services.
 *
 * <ul>
 *   <li>with the cause: the cause as typed and every other command as intended (its mistake as the
 *       only one; commands within their intent remove what they removed);
 *   <li>without exactly this cause: every command as typed, the cause with its intended scope;
 *   <li>as logged: every command as typed;
 *   <li>rivals: each other command that went beyond its intent, as the only mistake, when it falls
 *       in the window and touches a service the cause's outages involve or depend on.
 * </ul>
 * Safeguard what-if: the same command removing in batches and refusing to go below any minimum.
 *
 * <p>It replays what the deriver resolved ({@link CommandScope} facts: hosts taken, intended part)
 * and takes the cause and its classification from the hypothesis the rules built: it never
 * re-reads commands or re-judges intent.
 */
@AutoService(org.hindsight.simulate.Simulator.class)
public final class CapacitySimulator implements Simulator {
  /** Monitors report within minutes of a removal; the model places onsets to about this. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Override
  public String pattern() {
    return "typo-scoped-shutdown";
  }

  /** The command took its own service's hosts out: that outage is the impact a mistyped scope claims. */
  @Override
  public boolean ownTroubleIsImpact() {
    return true;
  }

  @Override
  public Set<String> symptomKinds() {
    return Set.of(SymptomKinds.SERVICE_DOWN);
  }

  /** What a failing service shows as: a down or degraded event or an error-ratio excursion of it. */
  static final Set<String> SEEN_AS = Set.of(SymptomKinds.SERVICE_DOWN, SymptomKinds.SERVICE_DEGRADED, SymptomKinds.ERRORS);

  @Override
  public Set<String> observedAs(String predictedKind) {
    return predictedKind.equals(SymptomKinds.SERVICE_DOWN) ? SEEN_AS : Set.of(predictedKind);
  }

  /**
   * The capacity-removing commands as derived, in time order, with host ids in one fleet index;
   * built once per world ({@link World#shared}) with the replays that do not depend on the
   * hypothesis: "as logged" and each command as the only mistake (a hypothesis's own replay and
   * the rivals of others), so validating H hypotheses costs H replays, not H × (3 + rivals).
   */
  private static final class Removals {
    private final FleetIndex index;
    private final List<CommandScope> commands;
    /** Each command's hosts as ids in the index, in {@link #commands} order. */
    private final int[][] hostIds;
    /** Origins are unique (one scope per command): then "every command as typed" is one replay for all causes. */
    private final boolean uniqueOrigins;
    /** Where the logs would show each predicted outage: read from every symptom of the world, so once. */
    private final WhereSeen whereSeen;
    private Map<String, Outage> asLogged;
    private final Map<org.hindsight.facts.SourceRef, Map<String, Outage>> onlyMistake = new java.util.HashMap<>();
    private final Map<org.hindsight.facts.SourceRef, List<Symptom>> onlyMistakeSymptoms = new java.util.HashMap<>();

    private Removals(World world) {
      index = new FleetIndex(world.inventory());
      commands = world.derived(CommandScope.class).stream().filter(CommandScope::removesCapacity).toList();
      hostIds = new int[commands.size()][];
      Set<org.hindsight.facts.SourceRef> origins = new HashSet<>();
      for (int k = 0; k < commands.size(); k++) {
        hostIds[k] = ids(commands.get(k).hosts());
        origins.add(commands.get(k).origin());
      }
      uniqueOrigins = origins.size() == commands.size();
      whereSeen = WhereSeen.of(world, SEEN_AS);
    }

    static Removals of(World world) {
      return world.shared(Removals.class, () -> new Removals(world));
    }

    List<CommandScope> commands() {
      return commands;
    }

    FleetIndex index() {
      return index;
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

    /** The hosts of the {@code k}-th command, resolved once. */
    int[] hosts(int k) {
      return hostIds[k];
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

    /** A replay shared between hypotheses is kept only when it ran to the end (an exhausted budget leaves it partial). */
    private static <K, V> V kept(Map<K, V> cache, K key, V value, SimulationBudget budget) {
      if (!budget.exhausted()) cache.put(key, value);
      return value;
    }
  }

  @Override
  public Replay replay(World world, Hypothesis h, SimulationBudget budget) {
    Removals ops = Removals.of(world);
    CommandScope cause = h.causeFact(CommandScope.class)
        .or(() -> ops.commands().stream().filter(c -> c.origin().equals(h.cause())).findFirst()).orElse(null);
    if (cause == null || !cause.removesCapacity()) {
      return Replay.nothing(TOLERANCE, List.of("The cause is not a command that removed capacity, so there is nothing to replay."), "");
    }
    String classification = h.detail("classification");
    Instant t0 = cause.time();
    FailurePropagation fp = new FailurePropagation(world, Duration.ZERO);
    int[] causeHosts = ops.hosts(cause);
    int[] intended = ops.ids(cause.intendedPart());
    Map<String, Outage> alone = onlyMistake(fp, ops, cause, budget);
    Map<String, Outage> without = run(fp, ops, cause, intended, budget);
    Map<String, Outage> with = asLogged(fp, ops, cause, causeHosts, budget);
    List<Prediction> rivals = rivals(world, ops, fp, cause, alone, budget);
    if (budget.exhausted()) return Replay.nothing(TOLERANCE, List.of(), budget.describe());

    WhereSeen whereSeen = ops.whereSeen;
    List<Symptom> predictedAlone = symptoms(alone, whereSeen);
    List<Symptom> predictedWith = symptoms(with, whereSeen);
    List<Symptom> predictedWithout = symptoms(without, whereSeen);

    Safeguard guard = safeguard(world, ops, cause, fp, budget);
    List<String> narrative = new ArrayList<>();
    ZoneId zone = world.displayZone();
    DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
    String typed = cause.selector();
    narrative.add("Actual scope: `" + cause.command() + "` (" + cause.origin() + ") "
        + (cause.scopeFromEffects() ? "(scope inferred from effects: the hosts that left service right after it)"
            : typed == null || typed.isBlank() ? "(scope: the host it ran on)" : "resolved `" + typed + "`")
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
    Observations obs = world.observations();
    for (Outage o : alone.values()) {
      if (!o.rootCause()) continue;
      Symptom seen = obs.firstAtOrAfter(SymptomKinds.SERVICE_DOWN, o.service(), t0);
      narrative.add("With the command as typed, " + o.service() + " falls to " + o.reason() + " at " + hm.format(o.down())
          + " and needs a cold restart: predicted back " + (o.up() == null ? "never" : hm.format(o.up()))
          + (seen == null || seen.end() == null ? "" : ", observed serving again " + hm.format(seen.end()) + " (" + seen.endEvidence() + ")")
          + ".");
    }
    List<String> dependents = alone.values().stream().filter(o -> !o.rootCause()).map(Outage::service).toList();
    if (!dependents.isEmpty()) narrative.add("Through hard dependencies, these fail too: " + String.join(", ", dependents) + ".");
    String meant = cause.intendedSelector().isEmpty() || intended.length == 0 ? "the intended scope"
        : "the intended selector `" + cause.intendedSelector() + "`";
    Set<String> spared = new TreeSet<>(with.keySet());
    spared.removeAll(without.keySet());
    narrative.add(without.isEmpty()
        ? "Counterfactual: with " + meant + " and every other command as typed, no service falls below its minimum and nothing fails."
        : "Counterfactual: with " + meant + " and every other command as typed, " + (spared.isEmpty() ? "nothing is spared" : Replay.named(spared) + " stay up")
            + "; still out: " + Replay.named(without.keySet()) + ".");
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
    alone.values().forEach(o -> outages.put(o.service(), hm.format(o.down()) + "–" + (o.up() == null ? "?" : hm.format(o.up()))));
    details.put("predictedOutages", outages);

    String label = "`" + shown(cause) + "` (" + cause.origin() + ") as the only mistake";
    return Replay.builder(TOLERANCE)
        .hypothesis(new Prediction(label, "", cause.origin(), t0, predictedAlone))
        .counterfactual(new Prediction(meant + " instead", "", null, t0, predictedWithout))
        .asLogged(new Prediction("every command as typed", "", null, t0, predictedWith))
        .rivals(rivals)
        .narrative(narrative)
        .calibration("Restart times from services.csv restart_minutes where given, else 5 min × log2(1 + hosts) (a prior); minimums "
            + "from services.csv min_hosts; hosts from the inventory. Nothing is read from the outages or recoveries being scored.")
        .charts(List.of(capacityChart(ops, cause, intended, h.subject()), downChart(world, t0, alone, without)))
        .details(details)
        .build();
  }

  /** What a command was meant to remove: its intended part when it went beyond its intent, else what it removed. */
  private static List<String> intendedOf(CommandScope c) {
    return c.withinIntent() ? c.hosts() : c.intendedPart();
  }

  /** {@code mistake} as typed and every other command as intended: this mistake as the only one. */
  private static Map<String, Outage> onlyMistake(FailurePropagation fp, Removals ops, CommandScope mistake, SimulationBudget budget) {
    Map<String, Outage> known = ops.onlyMistake.get(mistake.origin());
    if (known != null) return known;
    return Removals.kept(ops.onlyMistake, mistake.origin(), replayOnlyMistake(fp, ops, mistake, budget), budget);
  }

  /** The predicted symptoms of {@link #onlyMistake}, as a rival of other hypotheses: shared too. */
  private static List<Symptom> onlyMistakeSymptoms(FailurePropagation fp, Removals ops, CommandScope mistake, SimulationBudget budget) {
    List<Symptom> known = ops.onlyMistakeSymptoms.get(mistake.origin());
    if (known != null) return known;
    return Removals.kept(ops.onlyMistakeSymptoms, mistake.origin(), List.copyOf(symptoms(onlyMistake(fp, ops, mistake, budget), ops.whereSeen)), budget);
  }

  private static Map<String, Outage> replayOnlyMistake(FailurePropagation fp, Removals ops, CommandScope mistake, SimulationBudget budget) {
    FailurePropagation.Scenario s = new FailurePropagation.Scenario();
    for (CommandScope c : ops.commands()) {
      for (String name : same(c, mistake) ? c.hosts() : intendedOf(c)) s.lose(name, c.time()).restore(name, c.time());
    }
    return fp.restartAfterDependencies(fp.run(s, budget), budget);
  }

  /**
   * Each other command that went beyond its intent, as the only mistake, when it falls in the
   * window the cause's outages span (as far before the cause as they reach after it) and touches a
   * service those outages involve or depend on. Commands within their intent are not alternative
   * mistakes: with each of them "alone" the incident is the plan as intended, which the
   * counterfactual already covers.
   */
  private static List<Prediction> rivals(World world, Removals ops, FailurePropagation fp, CommandScope cause,
      Map<String, Outage> alone, SimulationBudget budget) {
    Instant t0 = cause.time();
    Instant last = t0;
    Set<String> involved = new HashSet<>();
    for (Outage o : alone.values()) {
      if (o.down().isAfter(last)) last = o.down();
      involved.add(o.service());
      involved.addAll(world.hardClosure(o.service()));
    }
    if (involved.isEmpty()) involved.addAll(cause.services().keySet());
    Duration span = Duration.between(t0, last).plus(TOLERANCE.multipliedBy(4));
    List<Prediction> out = new ArrayList<>();
    for (CommandScope c : ops.commands()) {
      if (same(c, cause) || c.withinIntent()) continue;
      if (c.time().isBefore(t0.minus(span)) || c.time().isAfter(t0.plus(span))) continue;
      if (java.util.Collections.disjoint(c.services().keySet(), involved)) continue;
      out.add(new Prediction("`" + shown(c) + "` (" + c.origin() + ") as the only mistake", "", c.origin(), c.time(),
          onlyMistakeSymptoms(fp, ops, c, budget)));
    }
    return out;
  }

  /**
   * Every command as typed. With one scope per command this is the same replay whatever the
   * cause (it removes its own hosts), so it is run once per world.
   */
  private static Map<String, Outage> asLogged(FailurePropagation fp, Removals ops, CommandScope cause, int[] causeHosts,
      SimulationBudget budget) {
    if (!ops.uniqueOrigins) return run(fp, ops, cause, causeHosts, budget);
    if (ops.asLogged != null) return ops.asLogged;
    Map<String, Outage> out = run(fp, ops, cause, causeHosts, budget);
    if (!budget.exhausted()) ops.asLogged = out;
    return out;
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

  /** Predicted outages with their predicted recovery (null when nothing brings the service back). */
  private static List<Symptom> symptoms(Map<String, Outage> outages, WhereSeen seen) {
    List<Symptom> out = new ArrayList<>();
    for (Outage o : outages.values()) {
      for (String where : seen.outageOf(o.service())) out.add(Symptom.predicted(SymptomKinds.SERVICE_DOWN, where, o.down(), o.up()));
    }
    return out;
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
    for (int k = 0; k < ops.commands().size(); k++) {
      if (same(ops.commands().get(k), cause)) break;
      for (int id : ops.hosts(k)) gone.set(id);
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
    // Bit sets over host ids with running counts: this runs once per hypothesis over every command.
    BitSet goneTyped = new BitSet(index.size());
    BitSet goneMeant = new BitSet(index.size());
    int typedGone = 0;
    int meantGone = 0;
    int[] fleet = index.hostsOf(service);
    BitSet fleetSet = new BitSet(index.size());
    for (int id : fleet) fleetSet.set(id);
    for (int k = 0; k < ops.commands().size(); k++) {
      CommandScope c = ops.commands().get(k);
      long t = c.time().toEpochMilli();
      typed.add(new Series.Point(t - 1, fleet.length - typedGone));
      meant.add(new Series.Point(t - 1, fleet.length - meantGone));
      int[] took = ops.hosts(k);
      for (int id : took) {
        if (fleetSet.get(id) && !goneTyped.get(id)) {
          goneTyped.set(id);
          typedGone++;
        }
      }
      for (int id : same(c, cause) ? intended : took) {
        if (fleetSet.get(id) && !goneMeant.get(id)) {
          goneMeant.set(id);
          meantGone++;
        }
      }
      typed.add(new Series.Point(t, fleet.length - typedGone));
      meant.add(new Series.Point(t, fleet.length - meantGone));
    }
    return new Chart("Live hosts of " + service, "hosts", List.of(
        new Series(service + " as typed", "with-cause", typed),
        new Series(service + " as intended", "without-cause", meant)));
  }

  /** Services down over time: observed (events), predicted with and without the cause. */
  private static Chart downChart(World world, Instant t0, Map<String, Outage> with, Map<String, Outage> without) {
    Instant end = t0;
    for (Outage o : with.values()) if (o.up() != null && o.up().isAfter(end)) end = o.up();
    end = end.plus(Duration.ofHours(1));
    List<Series.Point> obs = new ArrayList<>();
    // Only the events of the chart's window, found by binary search, and a running count of what
    // is down: this runs once per hypothesis, and hypotheses grow with the logs.
    Map<String, Boolean> down = new java.util.HashMap<>();
    long downNow = 0;
    List<Event> events = world.eventsOfTypes(UP_DOWN);
    Instant from = t0.minus(TOLERANCE);
    for (int i = firstAtOrAfter(events, from); i < events.size(); i++) {
      Event e = events.get(i);
      if (e.time().isAfter(end)) break;
      if (e.entity().isEmpty()) continue;
      boolean isDown;
      if (e.type().equals("service.down")) isDown = true;
      else if (e.type().equals("service.up")) isDown = false;
      else continue;
      boolean wasDown = Boolean.TRUE.equals(down.put(e.entity(), isDown));
      if (isDown != wasDown) downNow += isDown ? 1 : -1;
      obs.add(new Series.Point(e.time().toEpochMilli(), downNow));
    }
    return new Chart("Services down", "services", List.of(
        new Series("observed", "observed", obs),
        new Series("predicted as typed", "with-cause", curve(with, t0, end)),
        new Series("predicted as intended", "without-cause", curve(without, t0, end))));
  }

  private static final Set<String> UP_DOWN = Set.of("service.down", "service.up");

  /** Whether the capacity replay reads events of this type (what it charts, and the host state changes). */
  @Override
  public boolean readsEventType(String type) {
    return UP_DOWN.contains(type) || StateChanges.leftService(type);
  }

  /** The index of the first event at or after {@code from} in a time-ordered list. */
  private static int firstAtOrAfter(List<Event> inTimeOrder, Instant from) {
    int lo = 0;
    int hi = inTimeOrder.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (inTimeOrder.get(mid).time().isBefore(from)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

  /** The selector as typed; the whole command when the scope came from the host column or effects. */
  private static String shown(CommandScope c) {
    return c.selector() == null || c.selector().isBlank() ? c.command() : c.selector();
  }
}
