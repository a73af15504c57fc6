package org.hindsight.ingest;

import java.time.ZoneId;
import java.util.ArrayList;
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
import org.hindsight.util.IndexOrder;
import org.hindsight.util.IndexedList;

/**
 * Everything read from one incident's logs, typed, in input order (file order, then line order).
 * Immutable once built; {@link org.hindsight.world.World} adds the indexes simulators need.
 */
public final class Bundle {
  private final EventLog eventLog;
  private final List<Event> events;
  private final ConfigLog configLog;
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
  private int[] timelineOrder;

  private Bundle(Builder b, ZoneId displayZone) {
    b.events.freeze();
    this.eventLog = b.events;
    this.events = b.events.asList();
    b.configCommands.freeze();
    this.configLog = b.configCommands;
    this.configCommands = b.configCommands.asList();
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

  /** The events, in input order, made on demand from {@link #eventLog()} (equal, not identical, between reads). */
  public List<Event> events() { return events; }
  /** The events column-wise: for indexes that need a row's time, type or entity without the row as an object. */
  public EventLog eventLog() { return eventLog; }
  /** The config commands, in input order, made on demand from {@link #configLog()}. */
  public List<ConfigCommand> configCommands() { return configCommands; }
  /** The config commands column-wise. */
  public ConfigLog configLog() { return configLog; }
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

  /**
   * Every timed row-fact (events, commands) in time order; events first, then config and ops
   * commands, then input order break ties. Made on demand from one index of 4 bytes a row.
   */
  public List<TimedFact> timeline() {
    int events = eventLog.size();
    int config = events + configCommands.size();
    return new IndexedList<>(timelineOrder(), i -> i < events ? eventLog.get(i)
        : i < config ? configCommands.get(i - events) : opsCommands.get(i - config));
  }

  /** The timeline's rows: {@code i} below the event count is event {@code i}, then config, then ops commands. */
  public synchronized int[] timelineOrder() {
    if (timelineOrder == null) {
      int events = eventLog.size();
      int config = events + configCommands.size();
      java.util.function.IntToLongFunction millis = i -> i < events ? eventLog.millis(i)
          : i < config ? configLog.millis(i - events) : opsCommands.get(i - config).millis();
      timelineOrder = IndexOrder.sorted(config + opsCommands.size(), (a, b) -> Long.compare(millis.applyAsLong(a), millis.applyAsLong(b)));
    }
    return timelineOrder;
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
    final EventLog events = new EventLog();
    final ConfigLog configCommands = new ConfigLog();
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
    final RepeatedRows repeatedRows = new RepeatedRows();

    Bundle build(ZoneId displayZone) {
      return new Bundle(this, displayZone);
    }
  }
}
