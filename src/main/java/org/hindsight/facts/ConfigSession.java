package org.hindsight.facts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One CLI session on one device ({@code config-commands} rows sharing device and session), with the
 * change ticket it was matched to. Matching, in order: a {@code ticket} column on the session's rows;
 * a ticket whose {@code scope} names the device; a ticket whose summary names the device. The
 * first rule that yields exactly one ticket wins; {@code ticketMatch} says which ({@code column},
 * {@code scope}, {@code summary}) or is "" when none did. Read it from {@link CliLines} when the rule
 * knows the session ({@code from $cli.session($dev, $ses)}): a session fact per CLI session is only
 * made when a rule matches it in the session.
 *
 * <pre>
 * $s : ConfigSession( device == $dev, session == $ses, ticket != "", $start : start )
 * </pre>
 *
 * @param device the device
 * @param session the CLI session id
 * @param user who typed the session
 * @param platform the device's {@code inventory.platform} ("" when unknown)
 * @param dialect the CLI model used; {@code dialectAssumed} when the platform was unknown
 * @param dialectAssumed true when the platform was unknown and the dialect a guess
 * @param start time of the session's first line
 * @param end time of its last line
 * @param lines how many lines were typed
 * @param rejectedLines how many of them the device rejected
 * @param ticket the matched change ticket ("" when none)
 * @param ticketMatch how the ticket was matched: {@code column}, {@code scope}, {@code summary}, or "" when none was
 * @param zone the report's time zone, so rules can word times as the reader expects ({@link #local})
 * @param origin the session's first {@code config-commands} row
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

  /** Parsed once: rules' consequences format a session's times on every firing. */
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  /** {@code t} in the report's zone, e.g. {@code 2021-10-25 10:41:12 +09:00}. */
  public String local(Instant t) {
    return t == null ? "" : LOCAL.format(t.atZone(zone));
  }

  public boolean hasTicket() {
    return !ticket.isEmpty();
  }
}
