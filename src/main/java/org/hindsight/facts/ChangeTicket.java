package org.hindsight.facts;

import java.time.Instant;

/**
 * A row of {@code changes}: an approved change — what was intended, where and when.
 *
 * <pre>
 * $t : ChangeTicket( ticket == $op.ticket(), hasMaxHosts(), $max : maxHosts )
 * </pre>
 *
 * @param ticket the ticket id
 * @param summary what the change is for
 * @param service the service it touches ("" when absent)
 * @param scope the intended target selector ("" when absent)
 * @param maxHosts most hosts it may touch, -1 when absent
 * @param windowStart start of the approved window, null when absent (test with hasWindow())
 * @param windowEnd end of the approved window, null when absent
 * @param approvedBy who approved it ("" when absent)
 * @param attributes columns beyond the contract, as strings; read one with attr("column") ("" when absent)
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
public record ChangeTicket(
    String ticket,
    String summary,
    String service,
    String scope,
    int maxHosts,
    Instant windowStart,
    Instant windowEnd,
    String approvedBy,
    Attributes attributes,
    SourceRef origin)
    implements Fact {

  public boolean hasWindow() {
    return windowStart != null && windowEnd != null;
  }

  /** Whether {@code t} falls inside the approved window (false when there is no window). */
  public boolean inWindow(Instant t) {
    return hasWindow() && !t.isBefore(windowStart) && !t.isAfter(windowEnd);
  }

  public boolean hasMaxHosts() {
    return maxHosts >= 0;
  }

  public String attr(String name) {
    return attributes.get(name);
  }
}
