package org.hindsight.engine;

import java.time.Duration;

/**
 * How much work the rules may do before Hindsight stops them: a runaway rule must never make the
 * analyser hang the way the bug it diagnoses hung production.
 *
 * @param maxFirings rule firings allowed in one session
 * @param maxTime wall time allowed for one session
 * @param sharedTotal the time budget the session shares with the derivers that ran before it
 *     ({@code --max-rule-seconds}), or zero when the session has {@code maxTime} to itself
 */
public record Budget(long maxFirings, Duration maxTime, Duration sharedTotal) {
  public Budget(long maxFirings, Duration maxTime) {
    this(maxFirings, maxTime, Duration.ZERO);
  }

  public static Budget defaults(long facts) {
    return new Budget(2_000_000L + 20L * facts, Duration.ofSeconds(120));
  }

  /** "the time budget of 120 s" (and what the derivers used of it), for messages. */
  public String describeTime() {
    if (sharedTotal.isZero()) return "the time budget of " + maxTime.toSeconds() + " s";
    Duration derivers = sharedTotal.minus(maxTime);
    return "the time budget of " + sharedTotal.toSeconds() + " s"
        + (derivers.toMillis() >= 1000 ? " (derivers used " + derivers.toSeconds() + " s of it)" : "");
  }
}
