package org.hindsight.facts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which CLI an {@code inventory.platform} value names. Inventories spell platforms many ways
 * ({@code ios}, {@code cisco_ios} in Netmiko, {@code cisco-ios-xe} as a NetBox slug,
 * {@code Cisco IOS XR 7.5.2}, {@code Juniper MX480 (Junos 21.4R3)}, {@code Nokia 7750 SR OS MD-CLI}),
 * so the value is read as words: an operating system's or vendor's name anywhere in it decides. One
 * reading for the importers (which write the contract's name) and the session replay (which picks
 * its dialect by it).
 */
public final class Platforms {
  private Platforms() {}

  // Vendor names count only when no operating system is named: "Cisco IOS XR" is XR, "Cisco" alone is IOS.
  private static final Set<String> JUNOS = Set.of("junos", "junosevo", "juniper");
  private static final Set<String> VRP = Set.of("vrp", "huawei");
  private static final Set<String> SROS = Set.of("sros", "timos", "nokia", "alcatel", "alu");
  private static final Set<String> EOS = Set.of("eos", "arista");
  private static final Set<String> IOS = Set.of("ios", "iosxe", "xe", "cisco");
  /** FRRouting and the systems whose routing CLI is FRR's vtysh (Quagga before it, Cumulus Linux, SONiC). */
  private static final Set<String> FRR = Set.of("frr", "frrouting", "quagga", "cumulus", "sonic", "vtysh");

  /**
   * The contract's name of the CLI the value names — {@code sros-md}, {@code iosxr}, {@code junos},
   * {@code vrp}, {@code sros}, {@code eos}, {@code nxos}, {@code frr}, {@code ios} — or "" when it names none.
   */
  public static String cli(String platform) {
    String lower = platform == null ? "" : platform.toLowerCase(Locale.ROOT);
    List<String> words = Arrays.stream(lower.split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
    String joined = String.join("", words);
    // Most specific first: MD-CLI before SR OS, XR before IOS, NX-OS before a bare "os".
    if (joined.contains("mdcli") || words.contains("md") && words.contains("sros")) return "sros-md";
    if (words.contains("xr") || joined.contains("iosxr")) return "iosxr";
    if (any(words, JUNOS) || joined.startsWith("junos")) return "junos";
    if (any(words, VRP)) return "vrp";
    if (joined.contains("sros") || any(words, SROS)) return "sros";
    if (any(words, FRR)) return "frr"; // before vendors: SONiC or Cumulus on a vendor's switch routes with FRR
    if (any(words, EOS) || joined.contains("aristaeos")) return "eos";
    if (words.contains("nxos") || joined.contains("nxos")) return "nxos";
    if (any(words, IOS) || joined.contains("iosxe")) return "ios";
    return "";
  }

  private static boolean any(List<String> words, Set<String> names) {
    for (String w : words) if (names.contains(w)) return true;
    return false;
  }
}
