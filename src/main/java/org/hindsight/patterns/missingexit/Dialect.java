package org.hindsight.patterns.missingexit;

import java.util.List;

/**
 * One vendor's CLI, reduced to what matters for "where did this line land": the mode/context
 * stack, which lines are valid where, navigation, and when changes take effect. Everything past a
 * dialect is vendor-independent ({@link SessionModel}, {@link org.hindsight.facts.CommandEffect}).
 */
public interface Dialect {
  /** {@code ios}, {@code iosxr}, {@code junos}, {@code sros}, {@code generic}. */
  String name();

  /** True when configuration takes effect at {@code commit}, not when typed. */
  boolean commitBased();

  /**
   * True when {@code line} opens a session whose changes wait for a {@code commit} in a dialect that
   * otherwise applies lines as typed (Arista EOS {@code configure session NAME}).
   */
  default boolean startsStaging(String line) {
    return false;
  }

  /**
   * True when the whole session shows it staged its changes for a {@code commit} in a dialect whose
   * releases differ (Huawei VRP8's two-stage mode: its sessions commit; VRP5's never do).
   */
  default boolean stagesSession(List<String> lines) {
    return false;
  }

  /** The context a session starts in (the top of configuration). */
  default CliContext start() {
    return CliContext.TOP;
  }

  /** Reads {@code line} typed in {@code ctx}. {@code seq} is its position, recorded on frames it opens. */
  Interpretation interpret(CliContext ctx, String line, int seq);

  /** What the line is about once it is known to sit in {@code where}. */
  LineMeaning meaning(CliContext where, String line, PolicyBook policies);

  /** The lines an operator types to get from {@code ctx} back to the top of configuration. */
  List<String> exitsToTop(CliContext ctx);

  /**
   * True when the line names its whole context path from the top ({@code configure router isis export …},
   * MD-CLI {@code /configure …}, Junos {@code top set …} or a {@code set} typed at the top), so where it
   * lands does not depend on where the session was: a typed-on-purpose path, never a stale context.
   */
  default boolean explicitPath(CliContext typedIn, String line) {
    return false;
  }

  /** Learns routing policies from a line (Junos policy-statements, SR OS policies, XR route-policies). */
  default void learn(CliContext where, String line, PolicyBook policies) {}
}
