package org.hindsight.simulate;

import java.time.Duration;

/**
 * Bounds on one replay. Simulators count their steps with {@link #step()} and stop, reporting it,
 * when the budget runs out: a replay of a loop must not loop.
 */
public final class SimulationBudget {
  private final long maxSteps;
  private final long deadlineNanos;
  private long steps;
  private boolean refused;

  public SimulationBudget(long maxSteps, Duration maxTime) {
    this.maxSteps = maxSteps;
    this.deadlineNanos = System.nanoTime() + maxTime.toNanos();
  }

  public static SimulationBudget defaults() {
    return new SimulationBudget(200_000_000L, Duration.ofSeconds(30));
  }

  /** Counts one step; false once the budget is spent. Checks the clock every 4096 steps. */
  public boolean step() {
    steps++;
    if (steps > maxSteps || ((steps & 0xFFF) == 0 && System.nanoTime() >= deadlineNanos)) refused = true;
    return !refused;
  }

  /** True once {@link #step()} has refused a step. */
  public boolean exhausted() {
    return refused;
  }

  public long steps() {
    return steps;
  }

  public String describe() {
    return "step budget of " + maxSteps + " steps or time limit reached after " + steps + " steps";
  }
}
