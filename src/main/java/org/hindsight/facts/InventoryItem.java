package org.hindsight.facts;

/**
 * A row of {@code inventory}: something that exists, and its failure domain ({@code site}).
 * {@code location} is only a display name: two halls of one campus share a site.
 *
 * <pre>
 * $item : InventoryItem( service == "billing", role == "primary", $site : site )
 * </pre>
 *
 * @param entity its name, as events and metrics name it
 * @param type router, host, server, process, component, backup, … (lower case)
 * @param site the failure domain: what one fire or power cut takes down
 * @param service the service or subsystem it serves ("" when none)
 * @param role primary, replica, standby, control, backup, … (lower case)
 * @param platform for routers the CLI dialect: ios, iosxr, junos, sros, sros-md, eos, vrp; read as words, so vendor spellings such as `cisco_xr` or `Juniper MX480 Junos 21.4` work
 * @param location building, hall or data-centre name, for display only
 * @param parent the server a process runs on, the data centre a server is in ("" when none)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
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
