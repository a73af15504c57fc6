package org.hindsight.patterns.missingexit;

import org.hindsight.facts.Platforms;

/** The dialect for an {@code inventory.platform} value, however the inventory spells it ({@link Platforms}). */
public final class Dialects {
  private Dialects() {}

  /** The CLI model chosen and whether it was assumed because the platform is unknown. */
  public record Choice(Dialect dialect, boolean assumed) {}

  public static Choice forPlatform(String platform) {
    return switch (Platforms.cli(platform)) {
      case "sros-md" -> new Choice(new SrosDialect(true), false);
      case "iosxr" -> new Choice(new IosDialect("iosxr", true), false);
      case "junos" -> new Choice(new JunosDialect(), false);
      case "vrp" -> new Choice(new VrpDialect(), false);
      case "sros" -> new Choice(new SrosDialect(), false);
      // Arista EOS: IOS's mode stack and parent-mode retry, its own name in reports.
      case "eos" -> new Choice(new IosDialect("eos", false), false);
      case "nxos" -> new Choice(new IosDialect("nxos", false), false);
      // FRRouting's vtysh: IOS's mode stack and parent-node retry, with FRR's own spellings (IosDialect).
      case "frr" -> new Choice(new IosDialect("frr", false), false);
      case "ios" -> new Choice(new IosDialect("ios", false), false);
      // Unknown: IOS-like is the most common industry CLI and the most conservative model (it retries
      // lines in parent modes, so it blames the fewest lines on a stale context).
      default -> new Choice(new IosDialect("generic", false), true);
    };
  }
}
