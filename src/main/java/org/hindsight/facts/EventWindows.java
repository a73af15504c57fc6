package org.hindsight.facts;

import java.util.List;

/**
 * The incident's events asked by time window, as one fact: a rule that collects or looks up events
 * near another fact reads them here with {@code from} instead of matching every event of a busy type
 * held in the session. The events are the bundle's (column-wise, made when read), so a type read only
 * this way costs the session nothing per event; the rule still says which events count and what
 * they mean. There is one {@code EventWindows} in every session.
 *
 * <pre>
 * $w : EventWindows()
 * $down : List() from collect( Event( type == "adjacency.down" ) from $w.ofType("adjacency.down", $leak.millis, $leak.millis + 1800000L) )
 * </pre>
 *
 * <p>Both bounds are inclusive; events come in time order, file order on ties (the order the session
 * replays them in).
 */
public interface EventWindows extends Fact {
  /** The events of {@code type} from {@code fromMillis} to {@code toMillis} (epoch milliseconds), in time order. */
  List<Event> ofType(String type, long fromMillis, long toMillis);

  /** Every event from {@code fromMillis} to {@code toMillis} (epoch milliseconds), in time order. */
  List<Event> between(long fromMillis, long toMillis);

  /** Null: it cites no single record. */
  @Override
  default SourceRef origin() {
    return null;
  }
}
