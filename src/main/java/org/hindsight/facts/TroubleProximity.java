package org.hindsight.facts;

/**
 * How close an entity is to the symptoms: the fewest steps along which trouble spreads from it to
 * an entity the logs show a symptom on (0: it shows one itself). Steps: a dependency (from what is
 * needed to the service that needs it), an inventory item to its service, a parent to the items on
 * it, a link either way. Only entities within {@code MAX_HOPS} steps get one. An entity the graph
 * does not know (an agent, a content file, a library) is one step away when the failing entities'
 * own event messages name it.
 *
 * <pre>
 * TroubleProximity( entity == $c.entity, $hops : hops )
 * </pre>
 *
 * @param entity the entity
 * @param hops steps to the nearest symptomatic entity
 * @param symptomatic that entity (itself when hops is 0)
 * @param origin file:line of the record it comes from (null: derived from the topology)
 */
public record TroubleProximity(String entity, int hops, String symptomatic, SourceRef origin) implements Fact {
  public static final int MAX_HOPS = 6;
}
