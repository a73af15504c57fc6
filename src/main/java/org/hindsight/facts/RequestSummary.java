package org.hindsight.facts;

import java.time.Instant;

/**
 * The sampled requests one process served for one mitigation rule, summarised (rules never see
 * single requests: there can be millions). {@code mixed} counts requests carrying valid and invalid
 * cookies together, the trigger of a key generator that re-validates cookies differently from its
 * rule. Times are epoch milliseconds ({@code -1} when there is no such request) so DRL can compare
 * them with event times.
 *
 * @param rule the mitigation rule that matched ("" for requests no rule matched)
 * @param firstMixedRef the first mixed-cookie request's record, or null
 */
public record RequestSummary(
    String datacenter,
    String server,
    String process,
    String rule,
    long requests,
    long mixed,
    long serverErrors,
    long firstMillis,
    long lastMillis,
    long firstMixedMillis,
    SourceRef firstMixedRef,
    SourceRef origin)
    implements Fact {

  public boolean hasMixed() {
    return mixed > 0;
  }

  public Instant firstMixed() {
    return firstMixedMillis < 0 ? null : Instant.ofEpochMilli(firstMixedMillis);
  }
}
