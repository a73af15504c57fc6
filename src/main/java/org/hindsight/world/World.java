package org.hindsight.world;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.ingest.Bundle;

/**
 * The vendor-independent model of the incident's world, built once from a {@link Bundle}: the same
 * facts, indexed the way derivers and simulators look them up (by entity, site, service,
 * neighbour). Read-only and shared by every simulator.
 */
public final class World {
  private final Bundle bundle;
  private final Map<String, InventoryItem> itemByEntity = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> rowsByEntity = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> itemsBySite = new LinkedHashMap<>();
  private final Map<String, List<InventoryItem>> itemsByService = new LinkedHashMap<>();
  private final Map<String, List<Link>> linksByNode = new LinkedHashMap<>();
  private final Map<String, ServiceSpec> serviceByName = new LinkedHashMap<>();
  private final Map<String, List<Dependency>> dependenciesOf = new LinkedHashMap<>();
  private final Map<String, List<Dependency>> dependentsOf = new LinkedHashMap<>();
  private final Map<String, KeyGenerator> generatorByName = new LinkedHashMap<>();
  private final Map<String, ChangeTicket> changeByTicket = new LinkedHashMap<>();
  private final Map<String, List<ConfigCommand>> sessions = new LinkedHashMap<>();
  private final Map<String, MetricSeries> seriesByKey = new LinkedHashMap<>();
  private final List<Event> eventsInTimeOrder;
  private final Map<String, List<Event>> eventsByEntity = new LinkedHashMap<>();
  private final Map<String, List<Event>> eventsByType = new LinkedHashMap<>();

  public World(Bundle bundle) {
    this.bundle = bundle;
    for (InventoryItem i : bundle.inventory()) {
      itemByEntity.putIfAbsent(i.entity(), i);
      rowsByEntity.computeIfAbsent(i.entity(), k -> new ArrayList<>(1)).add(i);
      itemsBySite.computeIfAbsent(i.site(), k -> new ArrayList<>()).add(i);
      if (!i.service().isEmpty()) itemsByService.computeIfAbsent(i.service(), k -> new ArrayList<>()).add(i);
    }
    for (Link l : bundle.links()) {
      linksByNode.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
      linksByNode.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
    }
    for (ServiceSpec s : bundle.services()) serviceByName.putIfAbsent(s.service(), s);
    for (Dependency d : bundle.dependencies()) {
      dependenciesOf.computeIfAbsent(d.service(), k -> new ArrayList<>()).add(d);
      dependentsOf.computeIfAbsent(d.dependsOn(), k -> new ArrayList<>()).add(d);
    }
    for (KeyGenerator g : bundle.keyGenerators()) generatorByName.putIfAbsent(g.generator(), g);
    for (ChangeTicket c : bundle.changes()) changeByTicket.putIfAbsent(c.ticket(), c);
    for (ConfigCommand c : bundle.configCommands()) {
      sessions.computeIfAbsent(c.device() + '\u0000' + c.session(), k -> new ArrayList<>()).add(c);
    }
    for (MetricSeries m : bundle.metrics()) seriesByKey.put(m.entity() + '\u0000' + m.metric(), m);
    List<Event> sorted = new ArrayList<>(bundle.events());
    sorted.sort(java.util.Comparator.comparing(Event::time)); // stable: file order on ties
    eventsInTimeOrder = Collections.unmodifiableList(sorted);
    for (Event e : sorted) {
      eventsByEntity.computeIfAbsent(e.entity(), k -> new ArrayList<>()).add(e);
      eventsByType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e);
    }
  }

  public Bundle bundle() { return bundle; }
  public ZoneId displayZone() { return bundle.displayZone(); }
  public List<Event> events() { return bundle.events(); }

  /** Every event in time order (file order on ties). */
  public List<Event> eventsInTimeOrder() {
    return eventsInTimeOrder;
  }

  /** The events about one entity, in time order: simulators ask this per service, so it is indexed. */
  public List<Event> eventsOf(String entity) {
    return eventsByEntity.getOrDefault(entity, List.of());
  }

  /** The events of one type (e.g. {@code service.down}), in time order. */
  public List<Event> eventsOfType(String type) {
    return eventsByType.getOrDefault(type, List.of());
  }

  public Optional<InventoryItem> item(String entity) {
    return Optional.ofNullable(itemByEntity.get(entity));
  }

  /** Every inventory row of an entity: a host serving two services is listed once per service. */
  public List<InventoryItem> itemRows(String entity) {
    return rowsByEntity.getOrDefault(entity, List.of());
  }

  public List<InventoryItem> itemsAtSite(String site) {
    return itemsBySite.getOrDefault(site, List.of());
  }

  public List<String> sites() {
    return List.copyOf(itemsBySite.keySet());
  }

  public List<InventoryItem> itemsOfService(String service) {
    return itemsByService.getOrDefault(service, List.of());
  }

  public List<Link> linksOf(String node) {
    return linksByNode.getOrDefault(node, List.of());
  }

  public Optional<ServiceSpec> service(String name) {
    return Optional.ofNullable(serviceByName.get(name));
  }

  /** What {@code service} depends on (hard and soft). */
  public List<Dependency> dependenciesOf(String service) {
    return dependenciesOf.getOrDefault(service, List.of());
  }

  /** Who depends on {@code service}. */
  public List<Dependency> dependentsOf(String service) {
    return dependentsOf.getOrDefault(service, List.of());
  }

  public Optional<KeyGenerator> generator(String name) {
    return Optional.ofNullable(generatorByName.get(name));
  }

  public Optional<ChangeTicket> change(String ticket) {
    return Optional.ofNullable(changeByTicket.get(ticket));
  }

  /** Config-command sessions, each in typed (file) order, keyed by device and session id. */
  public Map<String, List<ConfigCommand>> configSessions() {
    return Collections.unmodifiableMap(sessions);
  }

  public Optional<MetricSeries> series(String entity, String metric) {
    return Optional.ofNullable(seriesByKey.get(entity + '\u0000' + metric));
  }

  public List<MetricSeries> seriesOf(String metric) {
    return bundle.metrics().stream().filter(m -> m.metric().equals(metric)).toList();
  }
}
