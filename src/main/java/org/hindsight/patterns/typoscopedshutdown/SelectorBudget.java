package org.hindsight.patterns.typoscopedshutdown;

import java.time.Duration;
import org.hindsight.util.SafeRegex;

/**
 * What resolving the selectors of one {@code ops-commands} line may cost: glob and range matching
 * counts its steps here, regular expressions run under the core's {@link SafeRegex.Budget}. A
 * selector typed into a log line must never hold the analysis: when either runs out, resolution
 * stops with {@link Unresolved} and the command is reported as "selector not resolved".
 */
public final class SelectorBudget {
  /** Longer selectors are refused outright: nobody types them, and they cost to compile. */
  public static final int MAX_SELECTOR_CHARS = SafeRegex.MAX_PATTERN_CHARS;

  private final long maxSteps;
  private final long deadlineNanos;
  private final SafeRegex.Budget regex;
  private long steps;

  public SelectorBudget(long maxSteps, Duration maxTime) {
    this.maxSteps = maxSteps;
    this.deadlineNanos = System.nanoTime() + maxTime.toNanos();
    this.regex = new SafeRegex.Budget(maxSteps, maxTime);
  }

  /**
   * 400 million steps each for globs and regexes, 5 s: a million host names scanned several times
   * over on a loaded two-core machine (SelectorBench: under 2 s for the slowest selector at load 14),
   * and still seconds, not minutes, for a line that means harm.
   */
  public static SelectorBudget perLine() {
    return new SelectorBudget(400_000_000L, Duration.ofSeconds(5));
  }

  SafeRegex.Budget regex() {
    return regex;
  }

  /** Counts {@code n} steps; throws {@link Unresolved} once the budget is spent. */
  void spend(long n) throws Unresolved {
    long before = steps;
    steps += n;
    // The clock is read about every 64k steps, not per host.
    if (steps > maxSteps || ((before >>> 16) != (steps >>> 16) && System.nanoTime() > deadlineNanos)) {
      throw new Unresolved("matching it against the inventory ran out of its budget (" + maxSteps + " steps or "
          + "the time limit)");
    }
  }

  /** A selector that could not be resolved: too long, malformed, or too costly to match. */
  public static final class Unresolved extends Exception {
    public Unresolved(String reason) {
      super(reason, null, false, false);
    }
  }
}
