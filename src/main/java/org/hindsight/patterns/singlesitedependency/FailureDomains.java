package org.hindsight.patterns.singlesitedependency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.InventoryItem;
import org.hindsight.simulate.SimulationBudget;
import org.hindsight.world.World;

/**
 * The failure-domain view of a world, with the same definitions the {@code single-site-dependency}
 * rules use (so the simulator and {@code whatif} agree with the detector):
 *
 * <ul>
 *   <li>a <b>component</b> is a name in the dependency graph or the inventory's {@code service}
 *       column; its live replicas are the live inventory rows (any role but backup) whose
 *       {@code service} is that name, plus the row whose {@code entity} is that name when a
 *       dependency names an inventory entity directly;
 *   <li>a component is <b>single-site</b> when all its live replicas share one {@code site}
 *       ({@code location} is a display name: halls of one campus are one site);
 *   <li>a service's <b>hard closure</b> is everything it reaches over hard dependencies, cycles
 *       included once.
 * </ul>
 */
public final class FailureDomains {
  private final World world;
  private final Map<String, Set<String>> sitesOf = new HashMap<>();
  private final Map<String, InventoryItem> firstRow = new HashMap<>();
  private final Map<String, List<String>> singleBySite = new LinkedHashMap<>();

  public FailureDomains(World world) {
    this.world = world;
    Map<String, InventoryItem> entityRows = new HashMap<>();
    for (InventoryItem i : world.bundle().inventory()) {
      if (!i.live() || i.service().isEmpty()) continue;
      sitesOf.computeIfAbsent(i.service(), k -> new TreeSet<>()).add(i.site());
      firstRow.merge(i.service(), i, (a, b) -> a.origin().compareTo(b.origin()) <= 0 ? a : b);
    }
    for (Dependency d : world.bundle().dependencies()) {
      String name = d.dependsOn();
      InventoryItem item = world.item(name).orElse(null);
      if (item == null || !item.live() || entityRows.containsKey(name)) continue;
      entityRows.put(name, item);
      sitesOf.computeIfAbsent(name, k -> new TreeSet<>()).add(item.site());
      firstRow.putIfAbsent(name, item);
    }
    List<String> names = new ArrayList<>(sitesOf.keySet());
    Collections.sort(names);
    for (String c : names) {
      Set<String> sites = sitesOf.get(c);
      if (sites.size() == 1) singleBySite.computeIfAbsent(sites.iterator().next(), k -> new ArrayList<>()).add(c);
    }
  }

  public World world() {
    return world;
  }

  /** Sites holding live replicas of {@code component} (empty when the inventory does not place it). */
  public Set<String> liveSites(String component) {
    return sitesOf.getOrDefault(component, Set.of());
  }

  public boolean singleSite(String component) {
    return liveSites(component).size() == 1;
  }

  /** The component's first inventory row (the row reports cite as its placement). */
  public Optional<InventoryItem> row(String component) {
    return Optional.ofNullable(firstRow.get(component));
  }

  /** Components whose live replicas all sit in {@code site}, sorted by name. */
  public List<String> singleSiteComponents(String site) {
    return singleBySite.getOrDefault(site, List.of());
  }

  /** Sites as the inventory names them, in first-seen order. */
  public List<String> sites() {
    return world.sites();
  }

  /**
   * The failure domain a site event names: a site id, else the site of an inventory row whose
   * {@code location} or {@code entity} is that name (a hall, building or data-centre entity).
   */
  public Optional<String> siteNamed(String name) {
    if (name == null || name.isEmpty()) return Optional.empty();
    if (!world.itemsAtSite(name).isEmpty()) return Optional.of(name);
    Optional<InventoryItem> byEntity = world.item(name);
    if (byEntity.isPresent()) return Optional.of(byEntity.get().site());
    for (InventoryItem i : world.bundle().inventory()) {
      if (i.location().equals(name)) return Optional.of(i.site());
    }
    return Optional.empty();
  }

  /** Everything {@code service} reaches over hard dependencies (not itself unless on a cycle). */
  public Set<String> hardClosure(String service, SimulationBudget budget) {
    Set<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(service);
    while (!todo.isEmpty()) {
      String s = todo.poll();
      for (Dependency d : world.dependenciesOf(s)) {
        if (!budget.step()) return seen;
        if (d.hard() && seen.add(d.dependsOn())) todo.add(d.dependsOn());
      }
    }
    return seen;
  }

  /** Every service whose hard closure holds {@code component}. */
  public Set<String> hardDependents(String component, SimulationBudget budget) {
    Set<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(component);
    while (!todo.isEmpty()) {
      String c = todo.poll();
      for (Dependency d : world.dependentsOf(c)) {
        if (!budget.step()) return seen;
        if (d.hard() && !d.service().equals(component) && seen.add(d.service())) todo.add(d.service());
      }
    }
    return seen;
  }

  /** A shortest hard-dependency chain from {@code service} down to {@code component}, both ends included; empty if none. */
  public List<String> chain(String service, String component, SimulationBudget budget) {
    Map<String, String> parent = new HashMap<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(service);
    parent.put(service, null);
    while (!todo.isEmpty()) {
      String s = todo.poll();
      if (s.equals(component) && !s.equals(service)) break;
      for (Dependency d : world.dependenciesOf(s)) {
        if (!budget.step()) return List.of();
        if (d.hard() && !parent.containsKey(d.dependsOn())) {
          parent.put(d.dependsOn(), s);
          todo.add(d.dependsOn());
        }
      }
    }
    if (!parent.containsKey(component) || component.equals(service)) return List.of();
    List<String> path = new ArrayList<>();
    for (String at = component; at != null; at = parent.get(at)) path.add(0, at);
    return path;
  }

  /**
   * Single-site components at {@code site} that explain an outage on their own: they do not
   * themselves hard-depend on another component single-sited there (the deepest ones).
   */
  public List<String> deepestSingleSite(String site, SimulationBudget budget) {
    Set<String> single = new java.util.HashSet<>(singleSiteComponents(site));
    List<String> out = new ArrayList<>();
    for (String c : singleSiteComponents(site)) {
      boolean needsAnother = false;
      for (String below : hardClosure(c, budget)) {
        if (!below.equals(c) && single.contains(below)) {
          needsAnother = true;
          break;
        }
      }
      if (!needsAnother) out.add(c);
    }
    return out;
  }
}
