package org.hindsight.facts;

import java.util.List;

/**
 * The incident's structure as one fact: failure domains and the hard-dependency graph. Rules and
 * simulators ask these questions here, so a pattern's detector and its replay share one definition.
 * There is one {@code Topology} in every session.
 *
 * <pre>
 * $t : Topology()
 * Event( type == "service.down", $t.needsHard(entity, $component) )
 * $site : String() from $t.siteOf($e.entity)
 * </pre>
 */
public interface Topology extends Fact {
  /** The site a name designates: a site id, or the site of the inventory entity, or of the location (hall, building) so named; "" when none. */
  String siteOf(String name);

  /**
   * Every site a name designates: the one {@link #siteOf} gives, or, for a location (a building) that holds items of
   * several sites, each of them (a cloud region's zones in one building: Google Cloud europe-west9, 2023-04-26); empty
   * when none.
   */
  default List<String> sitesOf(String name) {
    String s = siteOf(name);
    return s.isEmpty() ? List.of() : List.of(s);
  }

  /** Where {@code component}'s replicas and backups live. */
  Placement placement(String component);

  /** Every component's placement, by name. */
  List<Placement> placements();

  /** Everything {@code service} reaches over hard dependencies (itself only when on a cycle), nearest first. */
  List<String> hardClosure(String service);

  /** Every service whose hard closure holds {@code component}, nearest first (never the component itself). */
  List<String> hardDependents(String component);

  /** {@code service} needs {@code component} over one or more hard dependencies. */
  boolean needsHard(String service, String component);

  /** A shortest chain of hard dependency rows from {@code service} down to {@code component}; empty when none. */
  List<Dependency> hardChain(String service, String component);

  /** Null: it cites no single record. */
  @Override
  default SourceRef origin() {
    return null;
  }
}
