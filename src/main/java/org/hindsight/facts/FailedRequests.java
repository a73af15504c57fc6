package org.hindsight.facts;

/**
 * A spell in which the sampled requests one process served failed (a 5xx answer, a gateway's timeout)
 * with no successful answer for at least the recovery hold ({@code MetricThresholds.RECOVERY_HOLD}): the
 * process stopped answering, as its clients saw it. A lone failure among successes is no spell. Read by
 * {@code observe.RequestOutcomes}, the observation model's one reading of request outcomes; where no metric
 * series measures the process it is also the process's {@code errors} symptom. Times are epoch milliseconds
 * so DRL can compare them with event times.
 *
 * <pre>
 * FailedRequests( process == $proc, fromMillis &gt;= $t0 - 120000, fromMillis &lt;= $t0 + 300000 )
 * </pre>
 *
 * @param datacenter the data centre of the process
 * @param server the server of the process
 * @param process the process that answered with failures
 * @param fromMillis the first failed request
 * @param earliestMillis the last successful answer before it (the spell began after it), {@code fromMillis} when none
 * @param endMillis the first successful answer after it, -1 when none up to the end of the log
 * @param lastFailedMillis the last failed request of the spell
 * @param failed how many sampled requests of the spell failed
 * @param origin the first failed request's record
 * @param endRef the record of the answer that ended it, null when none
 */
public record FailedRequests(
    String datacenter,
    String server,
    String process,
    long fromMillis,
    long earliestMillis,
    long endMillis,
    long lastFailedMillis,
    long failed,
    SourceRef origin,
    SourceRef endRef)
    implements Fact {

  /** Whether the process answered successfully again within the log. */
  public boolean recovered() {
    return endMillis >= 0;
  }

  /** The end for comparisons: the end of time when it never answered again. */
  public long endOrNever() {
    return endMillis < 0 ? Long.MAX_VALUE : endMillis;
  }
}
