package org.hindsight.facts;

import java.util.Collection;
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

  /**
   * Every event type the logs hold, in order of first appearance: a rule picks the ones that say
   * something (a failure, a change) with its own words, {@code String( saysFailed(this) ) from $w.types()}.
   */
  List<String> types();

  /**
   * The first events of any of {@code entities} whose type is one of {@code types}, from {@code fromMillis} to
   * {@code toMillis}: every such event of that first moment (several entities may fail at once), in time
   * order, file order on ties; empty when there is none. Each entity's events are searched from the start
   * of the window up to its first such event, so the first failure of a busy fleet is found without a fact
   * per failing event.
   */
  List<Event> firstOf(Collection<?> entities, Collection<?> types, long fromMillis, long toMillis);

  /**
   * {@link #firstOf} over the items of {@code services}: the entities whose inventory row names one of them
   * as its service (the hosts of a service, when the logs report hosts rather than the service).
   */
  List<Event> firstOfItems(Collection<?> services, Collection<?> types, long fromMillis, long toMillis);

  /**
   * The {@link MetricExcursion}s of {@code metric} that start from {@code fromMillis} to {@code toMillis}, in
   * time order: an excursion is an event at its start, so a rule that looks for the first sign of trouble
   * after a fact can weigh events and excursions alike, both whole, whatever the session's clock.
   */
  List<MetricExcursion> excursions(String metric, long fromMillis, long toMillis);

  /** Null: it cites no single record. */
  @Override
  default SourceRef origin() {
    return null;
  }
}
