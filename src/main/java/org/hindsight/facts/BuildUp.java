package org.hindsight.facts;

import java.time.Instant;

/**
 * The series whose excursion is the incident's first symptom had been climbing since {@code since}, through any
 * resets: a leak or a filling that restarts and deploys only set back (Honeycomb 2019-11-06: every ingest host's
 * memory climbing from a library upgrade on, each later deploy restarting the processes). {@code since} is the first
 * sample clearly above the level of the last stretch, before the first symptom, in which the series held level
 * ({@code observe.BuildUps}); a change after it did not start the climb, it only met it. No fact when the series never
 * held level before the first symptom (the climb began before the logs: when is not known).
 *
 * <pre>
 * BuildUp( sinceMillis &lt; $c.millis )
 * </pre>
 *
 * @param entity the entity of the first symptom
 * @param metric the series that climbed
 * @param since when the climb showed first
 * @param origin file:line of the sample at {@code since}
 */
public record BuildUp(String entity, String metric, Instant since, SourceRef origin) implements Fact {
  public long sinceMillis() {
    return since.toEpochMilli();
  }
}
