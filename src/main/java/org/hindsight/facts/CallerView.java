package org.hindsight.facts;

import java.time.Instant;

/**
 * One caller's view of one callee: the metric series of the callee that the caller measured
 * ({@code metrics} rows whose {@code measured_by} names the caller, e.g. the caller's timing of its calls),
 * and whether they left their learned baseline. A view is evidence about both ends: a callee slow as every
 * caller that times it sees it is slow itself; a callee slow as one caller sees it while another sees it as
 * usual points at that caller (a caller starved of CPU times its calls slow). One fact per (caller, callee)
 * pair with a measured series, anomalous or not.
 *
 * <pre>
 * CallerView( callee == $s, rising, $c : caller )
 * not CallerView( callee == $s, !rising )
 * </pre>
 *
 * @param callee the service measured (inventory {@code service} of the series' entity, else the entity)
 * @param caller the service that measured it
 * @param entity the entity of the view's series that rose first (the callee's entity)
 * @param rising whether a series of the view rose above its baseline (the calls got slower or failed more)
 * @param onset the first anomalous sample of its first rise, null when none rose
 * @param onsetEarliest the last normal sample before it, null when none rose
 * @param strength the largest robust score of its rises, 0 when none
 * @param detail the series of its first rise, "" when none
 * @param origin file:line of the record that shows its first rise, else of the view's first sample
 * @param underWay whether its first rise began before the baseline window ended (trouble of the lead-up)
 */
public record CallerView(
    String callee,
    String caller,
    String entity,
    boolean rising,
    Instant onset,
    Instant onsetEarliest,
    double strength,
    String detail,
    SourceRef origin,
    boolean underWay)
    implements Fact {

  /** Epoch milliseconds of the first rise's first anomalous sample, {@link Long#MAX_VALUE} when none rose. */
  public long onsetMillis() {
    return onset == null ? Long.MAX_VALUE : onset.toEpochMilli();
  }

  /** Epoch milliseconds of the last normal sample before the first rise, {@link Long#MAX_VALUE} when none rose. */
  public long onsetEarliestMillis() {
    return onsetEarliest == null ? Long.MAX_VALUE : onsetEarliest.toEpochMilli();
  }
}
