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
    SourceRef origin)
    implements Fact {

  public boolean hasTicket() {
    return !ticket.isEmpty();
  }
}
