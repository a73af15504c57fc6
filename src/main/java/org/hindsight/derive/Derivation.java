package org.hindsight.derive;

import org.hindsight.facts.SourceRef;

/**
 * The record a deriver is working on, so that a deriver stopped by the budget is reported at the
 * input line that held it ({@code ops-commands.csv:17: deriver "ops-commands" was stopped…}).
 * A deriver calls {@link #at} per record it interprets; it is a plain volatile store.
 */
public final class Derivation {
  private static volatile SourceRef current;

  private Derivation() {}

  public static void at(SourceRef record) {
    current = record;
  }

  /** The last record named since {@link #reset}, or null. */
  public static SourceRef current() {
    return current;
  }

  public static void reset() {
    current = null;
  }
}
