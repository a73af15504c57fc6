package org.hindsight.patterns.missingexit;

/**
 * How a dialect reads one line in a context.
 *
 * @param kind what the line is
 * @param where the context it takes effect in (CONFIG) or was tried in
 * @param next the context after the line, if the device accepts it
 * @param opensMode the line opens a mode (or looks like an attempt to, when invalid)
 * @param topicHint the protocol a mode-opening line is about, when it can be told
 */
public record Interpretation(Kind kind, CliContext where, CliContext next, boolean opensMode, String topicHint) {
  public enum Kind {
    /** A configuration statement valid in {@code where}. */
    CONFIG,
    /** A configuration statement the dialect's grammar knows to be invalid in every context on the stack. */
    INVALID,
    /** A word the grammar does not know: assumed valid in the current context (conservative). */
    UNKNOWN,
    /** Moves around the tree without configuring anything ({@code exit}, {@code up}, {@code top}). */
    NAVIGATE,
    /** Puts pending changes in force (commit-based dialects). */
    COMMIT,
    /** Throws pending changes away ({@code abort}, {@code rollback}). */
    DISCARD,
    /** Not configuration at all ({@code show}, {@code do …}, comments). */
    PASS
  }

  public static Interpretation config(CliContext where, CliContext next, boolean opens, String topic) {
    return new Interpretation(Kind.CONFIG, where, next, opens, topic);
  }

  public static Interpretation of(Kind kind, CliContext at, CliContext next) {
    return new Interpretation(kind, at, next, false, "");
  }
}
