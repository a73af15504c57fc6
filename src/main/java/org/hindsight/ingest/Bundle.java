package org.hindsight.ingest;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hindsight.facts.ChangeTicket;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Event;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.facts.MetricSeries;
import org.hindsight.facts.OpsCommand;
import org.hindsight.facts.ServiceSpec;
import org.hindsight.facts.Span;
import org.hindsight.facts.TimedFact;

/**
 * Everything read from one incident's logs, typed, in input order (file order, then line order).
 * Immutable once built; {@link org.hindsight.world.World} adds the indexes simulators need.
 */
public final class Bundle {
  private final List<Event> events;
  private final List<ConfigCommand> configCommands;
  private final List<InventoryItem> inventory;
  private final List<Link> links;
  private final List<ServiceSpec> services;
  private final List<Dependency> dependencies;
  private final List<OpsCommand> opsCommands;
  private final List<ChangeTicket> changes;
  private final List<KeyGenerator> keyGenerators;
  private final List<Span> spans;
  private final List<MetricSeries> metrics;
  private final RequestLog requests;
  private final InputStats stats;
  private final ZoneId displayZone;

  private Bundle(Builder b, ZoneId displayZone) {
    this.events = List.copyOf(b.events);
    this.configCommands = List.copyOf(b.configCommands);
    this.inventory = List.copyOf(b.inventory);
    this.links = List.copyOf(b.links);
    this.services = List.copyOf(b.services);
    this.dependencies = List.copyOf(b.dependencies);
    this.opsCommands = List.copyOf(b.opsCommands);
    this.changes = List.copyOf(b.changes);
    this.keyGenerators = List.copyOf(b.keyGenerators);
    this.spans = List.copyOf(b.spans);
    b.requests.freeze();
    this.requests = b.requests;
    this.metrics = b.metrics.freeze();
    this.stats = b.stats;
    this.displayZone = displayZone;
  }

  public List<Event> events() { return events; }
  public List<ConfigCommand> configCommands() { return configCommands; }
  public List<InventoryItem> inventory() { return inventory; }
  public List<Link> links() { return links; }
  public List<ServiceSpec> services() { return services; }
  public List<Dependency> dependencies() { return dependencies; }
  public List<OpsCommand> opsCommands() { return opsCommands; }
  public List<ChangeTicket> changes() { return changes; }
  public List<KeyGenerator> keyGenerators() { return keyGenerators; }
  /** Trace spans, in input order; not rule facts themselves (derivers summarise them). */
  public List<Span> spans() { return spans; }
  public List<MetricSeries> metrics() { return metrics; }
  public RequestLog requests() { return requests; }
  public InputStats stats() { return stats; }

  /** The zone reports use: the user's choice, else the offset of the earliest timestamp, else UTC. */
  public ZoneId displayZone() {
    return displayZone;
  }

  /** Every timed row-fact (events, commands) in time order; input order breaks ties. */
  public List<TimedFact> timeline() {
    List<TimedFact> all = new ArrayList<>(events.size() + configCommands.size() + opsCommands.size());
    all.addAll(events);
    all.addAll(configCommands);
    all.addAll(opsCommands);
    all.sort(Comparator.comparingLong(TimedFact::millis)); // stable: keeps file order on ties
    return all;
  }

  /** Facts with no time: the world's structure (inventory, links, services, …). */
  public List<org.hindsight.facts.Fact> structure() {
    List<org.hindsight.facts.Fact> all = new ArrayList<>();
    all.addAll(inventory);
    all.addAll(links);
    all.addAll(services);
    all.addAll(dependencies);
    all.addAll(changes);
    all.addAll(keyGenerators);
    all.addAll(metrics);
    return all;
  }

  /** Accumulates rows while files are read. */
  public static final class Builder {
    final List<Event> events = new ArrayList<>();
    final List<ConfigCommand> configCommands = new ArrayList<>();
    final List<InventoryItem> inventory = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final List<ServiceSpec> services = new ArrayList<>();
    final List<Dependency> dependencies = new ArrayList<>();
    final List<OpsCommand> opsCommands = new ArrayList<>();
    final List<ChangeTicket> changes = new ArrayList<>();
    final List<KeyGenerator> keyGenerators = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    final MetricStore metrics = new MetricStore();
    final RequestLog requests = new RequestLog();
    final InputStats stats = new InputStats();
    final Duplicates duplicates = new Duplicates();

    Bundle build(ZoneId displayZone) {
      return new Bundle(this, displayZone);
    }
  }
}
