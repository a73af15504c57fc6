package org.hindsight.patterns.missingexit;

import java.util.Locale;

/** The dialect for an {@code inventory.platform} value. */
public final class Dialects {
  private Dialects() {}

  /** The CLI model chosen and whether it was assumed because the platform is unknown. */
  public record Choice(Dialect dialect, boolean assumed) {}

  public static Choice forPlatform(String platform) {
    String p = platform == null ? "" : platform.toLowerCase(Locale.ROOT).replace("_", "-").replace(" ", "-");
    if (p.equals("iosxr") || p.equals("ios-xr") || p.equals("xr")) return new Choice(new IosDialect("iosxr", true), false);
    if (p.equals("ios") || p.equals("ios-xe") || p.equals("iosxe") || p.equals("nx-os") || p.equals("nxos")) {
      return new Choice(new IosDialect("ios", false), false);
    }
    // Arista EOS: IOS's mode stack and parent-mode retry, its own name in reports.
    if (p.equals("eos") || p.equals("arista") || p.equals("arista-eos")) return new Choice(new IosDialect("eos", false), false);
    if (p.equals("vrp") || p.equals("huawei") || p.equals("huawei-vrp")) return new Choice(new VrpDialect(), false);
    if (p.equals("sros-md") || p.equals("md-cli") || p.equals("mdcli") || p.equals("sros-mdcli")) {
      return new Choice(new SrosDialect(true), false);
    }
    if (p.equals("junos") || p.equals("junos-evo")) return new Choice(new JunosDialect(), false);
    if (p.equals("sros") || p.equals("sr-os") || p.equals("timos") || p.equals("sros-classic")) return new Choice(new SrosDialect(), false);
    // Unknown: IOS-like is the most common industry CLI and the most conservative model (it retries
    // lines in parent modes, so it blames the fewest lines on a stale context).
    return new Choice(new IosDialect("generic", false), true);
  }
}
