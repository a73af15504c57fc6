package org.hindsight.facts;

import java.time.Instant;

/**
 * The end of the logs: an event one millisecond after the last timestamped record, so a rule that
 * must weigh the whole incident (every other rule's hypotheses included) can wait for it.
 *
 * <pre>
 * LogsEnd()
 * </pre>
 *
 * @param time one millisecond after the last record
 * @param origin file:line of the record it comes from (null: none)
 */
public record LogsEnd(Instant time, SourceRef origin) implements TimedFact {}
