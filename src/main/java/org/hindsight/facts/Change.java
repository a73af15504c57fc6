package org.hindsight.facts;

import java.time.Instant;
import java.util.List;

/**
 * A change to the estate, whichever log recorded it: a CLI session ({@code config-session}), an ops
 * command ({@code ops-command}), a {@code changes} row with a time ({@code change-ticket}), or an
 * event whose type says a change ({@code event}, made by the change-correlation rules). Neutral:
 * when, where, how much of the estate it named, and its records; whether it caused anything is
 * for the rules and the replay.
 *
 * <pre>
 * $c : Change( entity != "", millis &lt;= $onset.millis, millis &gt;= $onset.millis - 7200000 )
 * </pre>
 *
 * @param time when it took effect (a session's first accepted line, the command, the row's time)
 * @param source {@code config-session}, {@code ops-command}, {@code change-ticket} or {@code event}
 * @param entity the entity it changed (the device, the service named, the event's entity); "" when
 *     the record names no known entity
 * @param touched every known entity or service it names, {@code entity} first
 * @param scope the share of the estate it touched: touched ÷ every known entity and service (0–1)
 * @param ticket the change ticket it cites ("" when none)
 * @param what the change in a few words, for reports
 * @param records every record it consists of (a session's lines), {@code origin} first
 * @param origin file:line of the record it comes from (cite it: .cause($fact) does)
 */
public record Change(
    Instant time,
    String source,
    String entity,
    List<String> touched,
    double scope,
    String ticket,
    String what,
    List<SourceRef> records,
    SourceRef origin)
    implements TimedFact {

  public Change {
    touched = List.copyOf(touched);
    records = List.copyOf(records);
  }

  /** The change an event records, on its entity, touching that one entity of an estate of {@code estate}. */
  public static Change ofEvent(Event e, int estate) {
    return new Change(e.time(), "event", e.entity(), e.entity().isEmpty() ? List.of() : List.of(e.entity()),
        estate <= 0 ? 0 : 1.0 / estate, e.attr("ticket"), e.type() + (e.entity().isEmpty() ? "" : " " + e.entity()),
        List.of(e.origin()), e.origin());
  }

  /** Whether {@code ref} is one of its records (a pattern rule may already blame one of them). */
  public boolean covers(SourceRef ref) {
    return ref != null && records.contains(ref);
  }
}
