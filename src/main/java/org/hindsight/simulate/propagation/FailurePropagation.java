package org.hindsight.simulate.propagation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.world.World;

/**
 * Shared replay of how lost capacity becomes outages: items (hosts, servers, components) are lost
 * at given times (see {@link #withDescendants} for the items that run on them); a service whose live items fall below what it needs ({@code services.min_hosts},
 * else at least one) goes down; every service with a hard dependency on a down service goes down
 * too, and comes back only when all its failed dependencies are back. A service that lost its own
 * capacity needs a cold restart once capacity returns ({@code services.restart_minutes}, else
 * {@link #estimatedRestart an estimate that grows with its size}).
 *
 * <p>Used by the capacity (typo-scoped shutdown) and site-loss simulators and by the generic
 * dependency-propagation simulator custom rules may ask for.
 */
public final class FailurePropagation {
  private final World world;
  private final Duration hopDelay;

  /** @param hopDelay time a failure takes to reach a dependent (0 = at once) */
  public FailurePropagation(World world, Duration hopDelay) {
    this.world = world;
    this.hopDelay = hopDelay;
  }

  /**
   * One service's predicted outage.
   *
   * @param up null when nothing in the replay brings it back
   * @param reason why it went down: "capacity 1 of 3 hosts" or "depends on X"
   * @param path the chain of hard dependencies from this service to the root cause (itself first)
   */
  public record Outage(String service, Instant down, Instant up, String reason, List<String> path) {
    public boolean rootCause() {
      return path.size() == 1;
    }
  }

  /** The input of one replay: which items are lost when, and when (if ever) they come back. */
  public static final class Scenario {
    final Map<String, Instant> lost = new LinkedHashMap<>();
    final Map<String, Instant> restored = new HashMap<>();
    final Map<String, Instant> servicesFailed = new LinkedHashMap<>();
    final Map<String, Instant> servicesRestored = new HashMap<>();

    /** An inventory item (host, server, component) is lost at {@code at}. */
    public Scenario lose(String entity, Instant at) {
      lost.merge(entity, at, (a, b) -> a.isBefore(b) ? a : b);
      return this;
    }

    public Scenario restore(String entity, Instant at) {
      restored.put(entity, at);
      return this;
    }

    /** A whole service fails at {@code at} regardless of capacity (e.g. a bad deploy). */
    public Scenario failService(String service, Instant at) {
      servicesFailed.merge(service, at, (a, b) -> a.isBefore(b) ? a : b);
      return this;
    }

    public Scenario restoreService(String service, Instant at) {
      servicesRestored.put(service, at);
      return this;
    }
  }

  /** Live items a service needs: {@code min_hosts} when given, else one. */
  public int needed(String service) {
    return world.service(service).filter(ServiceSpec::hasMinHosts).map(s -> Math.max(1, s.minHosts())).orElse(1);
  }

  /** Live items of a service (backups do not serve). */
  public List<InventoryItem> liveItems(String service) {
    return world.itemsOfService(service).stream().filter(InventoryItem::live).toList();
  }

  /** Cold restart time: the logged {@code restart_minutes}, else 5 min × log2(1 + items), at least 5 min. */
  public Duration estimatedRestart(String service) {
    var spec = world.service(service);
    if (spec.isPresent() && spec.get().hasRestartMinutes()) return Duration.ofMinutes(spec.get().restartMinutes());
    int items = Math.max(1, liveItems(service).size());
    long minutes = Math.max(5, Math.round(5 * Math.log(1 + items) / Math.log(2)));
    return Duration.ofMinutes(minutes);
  }

  /**
   * The given items with everything that runs on them: an item whose {@code parent} is among them
   * (a process on a lost server, a server in a lost data centre) is lost at the same time. Callers
   * that fail whole subtrees pass the result to {@link Scenario#lose}; the replay itself never
   * widens a scenario, so a caller can keep an item alive (e.g. a counterfactual replica).
   */
  public Map<String, Instant> withDescendants(Map<String, Instant> roots) {
    Map<String, List<String>> children = new HashMap<>();
    for (InventoryItem i : world.inventory()) {
      if (!i.parent().isEmpty()) children.computeIfAbsent(i.parent(), k -> new ArrayList<>()).add(i.entity());
    }
    Map<String, Instant> out = new LinkedHashMap<>(roots);
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(roots.keySet());
    while (!queue.isEmpty()) {
      String parent = queue.poll();
      for (String child : children.getOrDefault(parent, List.of())) {
        Instant at = out.get(parent);
        Instant prior = out.get(child);
        if (prior == null || at.isBefore(prior)) {
          out.put(child, at);
          queue.add(child);
        }
      }
    }
    return out;
  }

  public Map<String, Outage> run(Scenario scenario, SimulationBudget budget) {
    Map<String, Outage> outages = new LinkedHashMap<>();
    // 1. Services that lose their own capacity.
    Set<String> touched = new TreeSet<>();
    for (String entity : scenario.lost.keySet()) {
      for (InventoryItem i : world.itemRows(entity)) { // a host may serve several services
        if (!i.service().isEmpty()) touched.add(i.service());
      }
    }
    for (String service : touched) {
      Outage o = capacityOutage(service, scenario);
      if (o != null) outages.put(service, o);
    }
    scenario.servicesFailed.forEach((service, at) -> {
      Instant back = scenario.servicesRestored.get(service);
      Outage o = new Outage(service, at, back == null ? null : back.plus(estimatedRestart(service)), "failed", List.of(service));
      outages.merge(service, o, (a, b) -> a.down().isBefore(b.down()) ? a : b);
    });
    Map<String, Outage> roots = new HashMap<>(outages);
    // 2. Hard dependents, to a fixed point. Only down times and paths drive it (down times only
    // move earlier, paths never revisit a service), so it ends even on cycles; recovery times
    // are computed afterwards, because on a cycle they would chase each other forever.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Outage failed : new ArrayList<>(outages.values())) {
        for (Dependency d : world.dependentsOf(failed.service())) {
          if (!budget.step()) return outages;
          if (!d.hard()) continue;
          Instant down = failed.down().plus(hopDelay);
          Instant up = failed.up() == null ? null : failed.up().plus(hopDelay);
          Outage prior = outages.get(d.service());
          List<String> path = new ArrayList<>();
          path.add(d.service());
          path.addAll(failed.path());
          if (path.subList(1, path.size()).contains(d.service())) continue; // a cycle: already counted
          Outage candidate = new Outage(d.service(), down, up, "depends on " + failed.service(), path);
          Outage merged = prior == null ? candidate : merge(prior, candidate);
          if (prior == null || !merged.down().equals(prior.down()) || !merged.path().equals(prior.path())) {
            outages.put(d.service(), merged);
            changed = true;
          }
        }
      }
    }
    return withRecovery(outages, roots, budget);
  }

  /**
   * Recovery times: a service is back when its own cause is back (a root cause: capacity
   * restored plus a cold restart) and every failed hard dependency is back, plus the hop delay.
   * Members of a hard-dependency cycle come back with the dependencies that lead into the cycle
   * (a back edge is not waited on). Iterative depth-first, so long chains cannot overflow the stack.
   */
  private Map<String, Outage> withRecovery(Map<String, Outage> outages, Map<String, Outage> roots, SimulationBudget budget) {
    final Instant never = Instant.MAX;
    Map<String, Instant> up = new HashMap<>();
    Set<String> onStack = new java.util.HashSet<>();
    for (String start : outages.keySet()) {
      if (up.containsKey(start)) continue;
      java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
      java.util.ArrayDeque<java.util.Iterator<Dependency>> deps = new java.util.ArrayDeque<>();
      stack.push(start);
      deps.push(world.dependenciesOf(start).iterator());
      onStack.add(start);
      while (!stack.isEmpty()) {
        if (!budget.step()) return outages;
        String s = stack.peek();
        java.util.Iterator<Dependency> it = deps.peek();
        boolean descended = false;
        while (it.hasNext()) {
          Dependency d = it.next();
          String next = d.dependsOn();
          if (!d.hard() || !outages.containsKey(next) || up.containsKey(next) || onStack.contains(next)) continue;
          stack.push(next);
          deps.push(world.dependenciesOf(next).iterator());
          onStack.add(next);
          descended = true;
          break;
        }
        if (descended) continue;
        stack.pop();
        deps.pop();
        onStack.remove(s);
        Instant latest = null;
        Outage root = roots.get(s);
        if (root != null) latest = root.up() == null ? never : root.up();
        for (Dependency d : world.dependenciesOf(s)) {
          Instant u = d.hard() ? up.get(d.dependsOn()) : null;
          if (u == null) continue; // not failed, or a back edge on a cycle
          Instant via = u.equals(never) ? never : u.plus(hopDelay);
          if (latest == null || via.isAfter(latest)) latest = via;
        }
        if (latest == null) latest = outages.get(s).up() == null ? never : outages.get(s).up();
        up.put(s, latest);
      }
    }
    Map<String, Outage> out = new LinkedHashMap<>();
    for (Outage o : outages.values()) {
      Instant u = up.get(o.service());
      out.put(o.service(), new Outage(o.service(), o.down(), u == null || u.equals(never) ? null : u, o.reason(), o.path()));
    }
    return out;
  }

  /**
   * Cold restarts in dependency order: a service that lost its own capacity and also depends on a
   * failed service can only start its restart once that dependency is back (S3 2017: placement began
   * recovering when index was functional). Returns the outages with {@code up} pushed accordingly.
   */
  public Map<String, Outage> restartAfterDependencies(Map<String, Outage> outages, SimulationBudget budget) {
    Map<String, Outage> out = new LinkedHashMap<>(outages);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Outage o : new ArrayList<>(out.values())) {
        if (o.up() == null) continue;
        Instant up = o.up();
        for (Dependency d : world.dependenciesOf(o.service())) {
          if (!budget.step()) return out;
          Outage dep = out.get(d.dependsOn());
          if (!d.hard() || dep == null) continue;
          if (dep.up() == null) {
            up = null;
            break;
          }
          Instant after = o.rootCause() || o.reason().startsWith("capacity") ? dep.up().plus(estimatedRestart(o.service())) : dep.up();
          if (after.isAfter(up)) up = after;
        }
        if (up == null ? o.up() != null : !up.equals(o.up())) {
          out.put(o.service(), new Outage(o.service(), o.down(), up, o.reason(), o.path()));
          changed = true;
        }
      }
    }
    return out;
  }

  /** Earliest down wins the explanation; the service is back only when every cause is back. */
  private static Outage merge(Outage a, Outage b) {
    Outage first = a.down().isAfter(b.down()) ? b : a;
    Instant up = a.up() == null || b.up() == null ? null : (a.up().isAfter(b.up()) ? a.up() : b.up());
    return new Outage(first.service(), first.down(), up, first.reason(), first.path());
  }

  /**
   * The first time the service's live items fall below what it needs, walking losses and
   * restorations in time order: an item restored before a later loss serves again (a site back
   * before another one burns). A restoration at its loss's own time (or before) puts the capacity
   * back only once the service is down: the caller's way of saying "restarted from cold at once"
   * (the capacity replay), so it neither undoes the loss in the walk nor lets later losses count less.
   */
  private Outage capacityOutage(String service, Scenario scenario) {
    List<InventoryItem> live = liveItems(service);
    int need = needed(service);
    List<Step> walk = new ArrayList<>();
    List<Instant> atOnce = new ArrayList<>();
    for (InventoryItem i : live) {
      Instant at = scenario.lost.get(i.entity());
      if (at == null) continue;
      walk.add(new Step(at, -1));
      Instant r = scenario.restored.get(i.entity());
      if (r == null) continue;
      if (r.isAfter(at)) walk.add(new Step(r, +1));
      else atOnce.add(r);
    }
    // at one instant, losses before restorations: a host swapped for another still leaves a gap
    walk.sort(java.util.Comparator.comparing(Step::at).thenComparingInt(Step::delta));
    int remaining = live.size();
    int lowest = remaining;
    Instant down = null;
    Instant back = null;
    for (Step step : walk) {
      remaining += step.delta();
      if (down == null) {
        if (remaining < need) down = step.at();
      } else if (remaining >= need) {
        back = step.at();
        break;
      }
      if (down != null) lowest = Math.min(lowest, remaining);
    }
    if (down == null) return null;
    Instant up = null;
    if (back != null) {
      up = back.plus(estimatedRestart(service));
    } else {
      // Back when enough items are put back, plus a cold restart.
      atOnce.sort(null);
      int deficit = need - remaining;
      if (atOnce.size() >= deficit) {
        Instant enough = atOnce.get(deficit - 1);
        // A cold restart can only begin once the service is down and its capacity is back.
        up = (enough.isBefore(down) ? down : enough).plus(estimatedRestart(service));
      }
    }
    String reason = "capacity " + lowest + " of " + live.size() + " live items, needs " + need;
    return new Outage(service, down, up, reason, List.of(service));
  }

  /** One change of a service's live items in the capacity walk: a loss (-1) or a restoration (+1). */
  private record Step(Instant at, int delta) {}
}
