package org.hindsight.facts;

/**
 * A mitigation rule of the edge (a DDoS/WAF/rate-limit rule named in {@code requests.rule},
 * {@code key-generators.rule} and {@code rule.deploy}/{@code rule.disable} events) and when it was
 * live. Summarised before the rules run so reachability questions are structural: a rule is live
 * from its first {@code rule.deploy} event, or, when no deployment was logged, from the first
 * sampled request it matched. Times are epoch milliseconds; {@code -1} = not logged.
 *
 * <pre>
 * $mr : MitigationRule( name == $rule, $from : deployedMillis )
 * </pre>
 *
 * @param name the rule's name as the logs give it
 * @param deployedMillis when it went live (first deploy event or matching request), -1 when never
 * @param disabledMillis when it was disabled after deployment, -1 when never
 * @param deployRef the first deploy event (or first matching request), the record to cite
 * @param disableRef the first {@code rule.disable} after deployment, or null
 * @param deployLogged whether a {@code rule.deploy} event gives the time; false when the logs hold none
 *     (no events file, or deploys not collected) and the time is the rule's first sampled request: it
 *     went live then or at some earlier time the logs do not say
 */
public record MitigationRule(
    String name, long deployedMillis, long disabledMillis, SourceRef deployRef, SourceRef disableRef,
    boolean deployLogged)
    implements Fact {

  public boolean disabled() {
    return disabledMillis >= 0;
  }

  /** Whether the rule was live at {@code millis}. */
  public boolean liveAt(long millis) {
    return millis >= deployedMillis && (disabledMillis < 0 || millis < disabledMillis);
  }

  @Override
  public SourceRef origin() {
    return deployRef;
  }
}
