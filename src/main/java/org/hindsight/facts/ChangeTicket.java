package org.hindsight.facts;

import java.time.Instant;

/** A row of {@code changes}: an approved change — what was intended, where and when. */
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
