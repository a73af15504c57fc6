package org.hindsight.facts;

import java.time.Instant;

/**
 * The sampled requests one process served for one mitigation rule, summarised (rules never see
 * single requests: there can be millions). {@code mixed} counts requests carrying valid and invalid
 * cookies together, the trigger of a key generator that re-validates cookies differently from its
 * rule. Times are epoch milliseconds ({@code -1} when there is no such request) so DRL can compare
 * them with event times.
 *
 * <pre>
 * RequestSummary( rule == $rule, mixed &gt; 0, $t : firstMixedMillis )
 * </pre>
 *
 * @param datacenter the data centre that served the requests
 * @param server the server
 * @param process the process
 * @param rule the mitigation rule that matched ("" for requests no rule matched)
 * @param requests how many sampled requests
 * @param mixed how many carried valid and invalid cookies together
 * @param serverErrors how many got a 5xx answer
 * @param firstMillis time of the first request
 * @param lastMillis time of the last request
 * @param firstMixedMillis time of the first mixed-cookie request, -1 when none
 * @param firstMixedRef the first mixed-cookie request's record, or null
 * @param origin the first request's record
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
