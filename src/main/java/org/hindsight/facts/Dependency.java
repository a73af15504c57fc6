package org.hindsight.facts;

/**
 * A row of {@code dependencies}: {@code service} needs {@code dependsOn}; hard unless "soft".
 *
 * <pre>
 * Dependency( dependsOn == $failed, hard(), $dependent : service )
 * </pre>
 *
 * @param service the service that needs something
 * @param dependsOn what it needs
 * @param kind hard (fails without it, the default) or soft
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
public record Dependency(
    String service, String dependsOn, String kind, Attributes attributes, SourceRef origin)
    implements Fact {

  public boolean hard() {
    return !kind.equalsIgnoreCase("soft");
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
