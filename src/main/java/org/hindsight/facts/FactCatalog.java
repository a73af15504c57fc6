package org.hindsight.facts;

import java.util.List;

/** The built-in fact types rules can match that are not timed events (those come with the engine's event types). */
public final class FactCatalog {
  private FactCatalog() {}

  public static final List<Class<? extends Fact>> STRUCTURE_TYPES = List.of(InventoryItem.class, Link.class,
      ServiceSpec.class, Dependency.class, ChangeTicket.class, KeyGenerator.class, MetricSeries.class,
      Hypothesis.class, Finding.class);
}
