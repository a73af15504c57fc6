package org.hindsight.engine;

import java.time.Duration;

/**
 * How much work the rules may do before Hindsight stops them: a runaway rule must never make the
 * analyser hang the way the bug it diagnoses hung production.
 *
 * @param maxFirings rule firings allowed in one session
 * @param maxTime wall time allowed for one session
 */
public record Budget(long maxFirings, Duration maxTime) {
  public static Budget defaults(long facts) {
    return new Budget(2_000_000L + 20L * facts, Duration.ofSeconds(120));
  }
}
