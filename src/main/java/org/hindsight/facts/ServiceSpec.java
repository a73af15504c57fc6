package org.hindsight.facts;

/**
 * A row of {@code services}: what one service needs. Absent numbers are -1 so DRL can test
 * {@code minHosts > 0} without null checks.
 *
 * <pre>
 * ServiceSpec( service == $service, minHosts &gt; 0, $min : minHosts )
 * </pre>
 *
 * @param service the service's name
 * @param minHosts fewest hosts with which it still works, -1 when absent
 * @param critical whether it is critical (false when absent)
 * @param restartMinutes minutes to restart it from cold, -1 when absent
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
public record ServiceSpec(
    String service,
    int minHosts,
    boolean critical,
    int restartMinutes,
    Attributes attributes,
    SourceRef origin)
    implements Fact {

  public boolean hasMinHosts() {
    return minHosts >= 0;
  }

  public boolean hasRestartMinutes() {
    return restartMinutes >= 0;
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
