package org.hindsight.facts;

import java.time.Instant;

/**
 * One CLI session on one device ({@code config-commands} rows sharing device and session), with the
 * change ticket it was matched to. Matching, in order: a {@code ticket} column on the session's rows;
 * a ticket whose {@code scope} names the device; a ticket whose summary names the device. The
 * first rule that yields exactly one ticket wins; {@code ticketMatch} says which ({@code column},
 * {@code scope}, {@code summary}) or is "" when none did.
 *
 * @param dialect the CLI model used; {@code dialectAssumed} when the platform was unknown
 * @param zone the report's time zone, so rules can word times as the reader expects ({@link #local})
 */
public record ConfigSession(
    String device,
    String session,
    String user,
    String platform,
    String dialect,
    boolean dialectAssumed,
    Instant start,
    Instant end,
    int lines,
    int rejectedLines,
    String ticket,
    String ticketMatch,
    java.time.ZoneId zone,
    SourceRef origin)
    implements Fact {

  /** {@code t} in the report's zone, e.g. {@code 2021-10-25 10:41:12 +09:00}. */
  public String local(Instant t) {
    return t == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").format(t.atZone(zone));
  }

  public boolean hasTicket() {
    return !ticket.isEmpty();
  }
}
