package org.hindsight.facts;

import java.util.List;

/**
 * Where one component's copies live: the failure domains ({@code site}s) of its live replicas and
 * of its backups. A pattern-neutral fact, derived from {@code inventory} and {@code dependencies}
 * by the core; rules decide what a placement means.
 *
 * <p>A <b>component</b> is a name in the inventory's {@code service} column, a name a dependency
 * points at, or the {@code parent} a backup row protects. Its <b>live replicas</b> are the live
 * inventory rows (any role but backup) whose {@code service} is that name, plus the live row whose
 * {@code entity} is that name. Its <b>backups</b> are the backup rows whose {@code service} is that
 * name, or whose {@code parent} is that name when they name no service. {@code location} (hall,
 * building) never counts: halls of one campus on one power domain are one site.
 *
 * <pre>
 * $c : Placement( singleSite, site == $lost )
 * </pre>
 *
 * @param liveSites sites holding live replicas, sorted (empty when the inventory does not place it)
 * @param backupSites sites holding backups, sorted
 * @param item its first live inventory row (a {@code service} row first by entity name, numbers by value, then by
 *     file line, so the file's order does not choose; else the row named after it), or null when it has no live row
 * @param backup its first backup row, chosen alike, or null
 * @param component a service, a dependency target or a protected entity
 */
public record Placement(
    String component, List<String> liveSites, List<String> backupSites, InventoryItem item, InventoryItem backup)
    implements Fact {

  public Placement {
    liveSites = List.copyOf(liveSites);
    backupSites = List.copyOf(backupSites);
  }

  /** Every live replica shares one site: one fire or power cut takes them all. */
  public boolean singleSite() {
    return liveSites.size() == 1;
  }

  /** The one site of a single-site component, "" otherwise. */
  public String site() {
    return singleSite() ? liveSites.get(0) : "";
  }

  /** Every live copy and every backup sit in {@code site} (and there is a backup): losing it loses the data. */
  public boolean lostWith(String site) {
    return singleSite() && site().equals(site) && backupSites.equals(List.of(site));
  }

  @Override
  public SourceRef origin() {
    return item != null ? item.origin() : backup != null ? backup.origin() : null;
  }
}
