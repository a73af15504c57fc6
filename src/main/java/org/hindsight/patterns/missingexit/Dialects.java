package org.hindsight.patterns.missingexit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The dialect for an {@code inventory.platform} value. Inventories spell platforms many ways
 * ({@code ios}, {@code cisco_ios} in Netmiko, {@code cisco-ios-xe} as a NetBox slug,
 * {@code Cisco IOS XR 7.5.2}, {@code Juniper MX480 Junos 21.4R3}, {@code Nokia 7750 SR OS MD-CLI}),
 * so the value is read as words: an operating system's or vendor's name anywhere in it decides.
 */
public final class Dialects {
  private Dialects() {}

  /** The CLI model chosen and whether it was assumed because the platform is unknown. */
  public record Choice(Dialect dialect, boolean assumed) {}

  // Vendor names count only when no operating system is named: "Cisco IOS XR" is XR, "Cisco" alone is IOS.
  private static final Set<String> JUNOS = Set.of("junos", "junosevo", "juniper");
  private static final Set<String> VRP = Set.of("vrp", "huawei");
  private static final Set<String> SROS = Set.of("sros", "timos", "nokia", "alcatel", "alu");
  private static final Set<String> EOS = Set.of("eos", "arista");
  private static final Set<String> IOS = Set.of("ios", "iosxe", "xe", "nxos", "cisco");

  public static Choice forPlatform(String platform) {
    String lower = platform == null ? "" : platform.toLowerCase(Locale.ROOT);
    List<String> words = Arrays.stream(lower.split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
    String joined = String.join("", words);
    // Most specific first: MD-CLI before SR OS, XR before IOS, NX-OS before a bare "os".
    if (joined.contains("mdcli") || words.contains("md") && words.contains("sros")) {
      return new Choice(new SrosDialect(true), false);
    }
    if (words.contains("xr") || joined.contains("iosxr")) return new Choice(new IosDialect("iosxr", true), false);
    if (any(words, JUNOS) || joined.startsWith("junos")) return new Choice(new JunosDialect(), false);
    if (any(words, VRP)) return new Choice(new VrpDialect(), false);
    if (joined.contains("sros") || any(words, SROS)) return new Choice(new SrosDialect(), false);
    // Arista EOS: IOS's mode stack and parent-mode retry, its own name in reports.
    if (any(words, EOS) || joined.contains("aristaeos")) return new Choice(new IosDialect("eos", false), false);
    if (any(words, IOS) || joined.contains("iosxe") || joined.contains("nxos")) {
      return new Choice(new IosDialect("ios", false), false);
    }
    // Unknown: IOS-like is the most common industry CLI and the most conservative model (it retries
    // lines in parent modes, so it blames the fewest lines on a stale context).
    return new Choice(new IosDialect("generic", false), true);
  }

  private static boolean any(List<String> words, Set<String> names) {
    for (String w : words) if (names.contains(w)) return true;
    return false;
  }
}
