package org.hindsight.facts;

import java.time.Instant;

/**
 * A service (or an entity outside any service) leaving its learned baseline: the first
 * {@code anomaly} episode of the observation model on it (metrics, span latency or failures,
 * error-log templates; see {@code org.hindsight.observe.LearnedBaselines}), one fact per service.
 * Fault-localisation rules compare onsets along dependencies to find where trouble began.
 *
 * <pre>
 * $root : Anomaly( $s : service, $t : onsetMillis )
 * not ( Dependency( service == $s, $d : dependsOn ) and Anomaly( service == $d, onsetMillis &lt;= $t ) )
 * </pre>
 *
 * @param service the service of the anomalous entity (inventory {@code service}), else the entity itself
 * @param entity the entity whose series showed the first anomaly
 * @param onset when the first anomalous sample was taken
 * @param onsetEarliest the last normal sample before it: the anomaly began in (onsetEarliest, onset]
 * @param strength the largest robust score (deviations from the baseline median) of its episodes
 * @param signals how many distinct series of the service left their baseline
 * @param detail the series of the first anomaly (a metric, {@code <metric>, as measured by <caller>} when a
 *     caller's view joined it, {@code spans.duration_p90}, {@code spans.shape …}: requests
 *     served in a shape of calls they did not have before, {@code spans.served …}: an operation no longer called
 *     (a fall), {@code error log: …})
 * @param origin file:line of the record that shows the first anomaly (cite it: .cause($fact) does)
 * @param rising whether a series of the service rose above its baseline (latency, load, errors up);
 *     false when every one fell below it — what a callee shows when its callers send it less work.
 *     Onset, strength and origin are those of the rises when there are any.
 * @param fellAt the first anomalous sample of its first fall below a baseline when that fall came before
 *     any rise, else null: a callee starved by a caller in trouble falls first and may rise later (its
 *     own timeouts), and the fall still shows when the caller's trouble reached it; a service that rose
 *     first is in trouble of its own, and a later fall is its aftermath
 * @param resourceRise whether a series of its own load or resources (CPU, memory, I/O, traffic) or of the shape of
 *     its own calls rose in the sampling round of its first rise or the next (a usage rate often shows a fault a
 *     sample after the latency it causes), not only latency or errors: a callee's trouble raises its callers'
 *     latency and errors, never their own resources, so a rise of those is trouble that began here
 * @param underWay whether it began before the baseline window ended (its episode was under way there and keeps
 *     the onset of its run): trouble of the lead-up, next to which an anomaly that began after the window is fresh
 * @param measuredBy "" when made of its own series only; else the callers whose views of it were added
 *     (comma-separated): a callee slow as every caller that times it sees it ({@link CallerView}), which the
 *     fault-localisation rules make its anomaly (a series another entity measured is not the entity's own).
 *     Onset, detail and origin are then those of the first rise, its own or a view
 */
public record Anomaly(
    String service,
    String entity,
    Instant onset,
    Instant onsetEarliest,
    double strength,
    int signals,
    String detail,
    SourceRef origin,
    boolean rising,
    Instant fellAt,
    boolean resourceRise,
    boolean underWay,
    String measuredBy)
    implements Fact {

  /** From its own series only. */
  public Anomaly(String service, String entity, Instant onset, Instant onsetEarliest, double strength, int signals,
      String detail, SourceRef origin, boolean rising, Instant fellAt, boolean resourceRise, boolean underWay) {
    this(service, entity, onset, onsetEarliest, strength, signals, detail, origin, rising, fellAt, resourceRise, underWay, "");
  }

  /**
   * A callee's anomaly with its callers' views of it added (its own anomaly, or null when none of its own
   * series left its baseline): the earlier first rise, the stronger score. Views are latency as callers
   * time it, never its own resources.
   */
  public static Anomaly withViews(Anomaly own, String service, java.util.List<CallerView> views) {
    CallerView first = null;
    double strongest = 0;
    java.util.Set<String> callers = new java.util.TreeSet<>();
    for (CallerView v : views) {
      if (!v.rising()) continue;
      callers.add(v.caller());
      strongest = Math.max(strongest, v.strength());
      if (first == null || v.onsetMillis() < first.onsetMillis()) first = v;
    }
    if (first == null) return own;
    boolean viewFirst = own == null || !own.rising() || first.onsetMillis() < own.onsetMillis();
    double strength = own == null || !own.rising() ? strongest : Math.max(own.strength(), strongest);
    int signals = (own == null ? 0 : own.signals()) + callers.size();
    if (!viewFirst) {
      return new Anomaly(own.service(), own.entity(), own.onset(), own.onsetEarliest(), strength, signals, own.detail(),
          own.origin(), true, own.fellAt(), own.resourceRise(), own.underWay(), String.join(",", callers));
    }
    return new Anomaly(service, first.entity(), first.onset(), first.onsetEarliest(), strength, signals, first.detail(),
        first.origin(), true, own == null ? null : own.fellAt(), own != null && own.resourceRise(), first.underWay(),
        String.join(",", callers));
  }

  /** A service whose series only fell (when it rose, no fall time is known: callers that test {@link #fell()} see none). */
  public Anomaly(String service, String entity, Instant onset, Instant onsetEarliest, double strength, int signals,
      String detail, SourceRef origin, boolean rising) {
    this(service, entity, onset, onsetEarliest, strength, signals, detail, origin, rising, rising ? null : onset, false, false);
  }

  /** With a fall time and no rise of its own resources known. */
  public Anomaly(String service, String entity, Instant onset, Instant onsetEarliest, double strength, int signals,
      String detail, SourceRef origin, boolean rising, Instant fellAt) {
    this(service, entity, onset, onsetEarliest, strength, signals, detail, origin, rising, fellAt, false, false);
  }

  /** Begun after the baseline window ended. */
  public Anomaly(String service, String entity, Instant onset, Instant onsetEarliest, double strength, int signals,
      String detail, SourceRef origin, boolean rising, Instant fellAt, boolean resourceRise) {
    this(service, entity, onset, onsetEarliest, strength, signals, detail, origin, rising, fellAt, resourceRise, false);
  }

  /** Whether a series of the service fell below its baseline before any rose (it was starved first). */
  public boolean fell() {
    return fellAt != null;
  }

  /** Epoch milliseconds of the first fall's first anomalous sample, {@link Long#MAX_VALUE} when none fell. */
  public long fallOnsetMillis() {
    return fellAt == null ? Long.MAX_VALUE : fellAt.toEpochMilli();
  }

  /** Epoch milliseconds of the onset, for comparisons in DRL. */
  public long onsetMillis() {
    return onset.toEpochMilli();
  }

  /** Epoch milliseconds of the last normal sample: another anomaly whose onset is before this began strictly earlier. */
  public long onsetEarliestMillis() {
    return onsetEarliest.toEpochMilli();
  }
}
