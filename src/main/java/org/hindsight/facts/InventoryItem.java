package org.hindsight.facts;

/**
 * A row of {@code inventory}: something that exists, and its failure domain ({@code site}).
 * {@code location} is only a display name: two halls of one campus share a site.
 */
public record InventoryItem(
    String entity,
    String type,
    String site,
    String service,
    String role,
    String platform,
    String location,
    String parent,
    Attributes attributes,
    SourceRef origin)
    implements Fact {

  /** A role that serves live traffic or control (backups are not live replicas). */
  public boolean live() {
    return !role.equalsIgnoreCase("backup");
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
