package org.hindsight.facts;

import java.time.Instant;

/**
 * The first symptom of the incident (the earliest of the observation model), the anchor of look-back
 * windows; with the entities downstream of it, along dependencies, services and parents (never
 * links, which run both ways), so a rule can tell a change that came after the trouble in
 * propagation order. Absent when the logs show no symptom.
 *
 * <pre>
 * $onset : IncidentOnset( $t0 : millis )
 * </pre>
 *
 * @param time the onset of the first symptom
 * @param entity the entity it was seen on
 * @param kind its symptom kind ({@code service.down}, {@code errors}, …)
 * @param downstream the entities trouble at {@code entity} reaches along dependencies, services and parents
 * @param estate how many entities and services the inputs know (inventory, services, dependencies, links)
 * @param origin file:line of the record that shows it
 * @param partOf the service {@code entity} is an item of (empty when none): a change to it acts on its items
 */
public record IncidentOnset(Instant time, String entity, String kind, java.util.Set<String> downstream, int estate,
    SourceRef origin, java.util.Set<String> partOf)
    implements Fact {
  public IncidentOnset {
    downstream = java.util.Set.copyOf(downstream);
    partOf = java.util.Set.copyOf(partOf);
  }

  public IncidentOnset(Instant time, String entity, String kind, java.util.Set<String> downstream, int estate, SourceRef origin) {
    this(time, entity, kind, downstream, estate, origin, java.util.Set.of());
  }

  /** Whether {@code other} is what failed first: the entity of the first symptom or the service it is an item of. */
  public boolean failedFirst(String other) {
    return other.equals(entity) || partOf.contains(other);
  }

  public long millis() {
    return time.toEpochMilli();
  }

  /** Whether {@code other} lies downstream of the first symptomatic entity (never itself). */
  public boolean isDownstream(String other) {
    return !other.equals(entity) && downstream.contains(other);
  }
}
