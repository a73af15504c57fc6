package org.hindsight.facts;

import java.time.Instant;

/**
 * A fact that happened at an instant. Timed facts are replayed into the rule session in time order
 * under a pseudo clock, so DRL can use CEP operators ({@code after}, {@code before}, windows) on
 * them. Implementations carry {@code @Role(EVENT) @Timestamp("millis")}; expiry is set by the
 * engine for every event type (see {@code RuleSession}).
 */
public interface TimedFact extends Fact {
  /** When it happened. */
  Instant time();

  /** Epoch milliseconds, the field Drools reads as the event timestamp. */
  default long millis() {
    return time().toEpochMilli();
  }
}
