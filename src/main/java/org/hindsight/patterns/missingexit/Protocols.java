package org.hindsight.patterns.missingexit;

import java.util.Locale;
import java.util.Set;

/** Routing protocol names, one spelling each. */
public final class Protocols {
  private Protocols() {}

  public static final Set<String> IGPS = Set.of("isis", "ospf", "ospfv3", "eigrp", "rip");

  public static boolean igp(String protocol) {
    return IGPS.contains(protocol);
  }

  /** {@code is-is} → isis, {@code ospf3} → ospfv3, {@code direct}/{@code local} → connected, … */
  public static String normalise(String word) {
    String w = word.toLowerCase(Locale.ROOT).replace("\"", "");
    return switch (w) {
      case "is-is", "isis" -> "isis";
      case "ospf", "ospfv2" -> "ospf";
      case "ospf3", "ospfv3" -> "ospfv3";
      case "direct", "connected", "local", "interface" -> "connected";
      case "static", "static-route", "aggregate" -> "static";
      case "bgp", "bgp-vpn", "mp-bgp" -> "bgp";
      default -> w;
    };
  }

  /** A redistributable source protocol name (so {@code redistribute maximum-prefix} is not one). */
  public static boolean source(String word) {
    return Set.of("bgp", "isis", "ospf", "ospfv3", "eigrp", "rip", "static", "connected", "lisp", "application")
        .contains(normalise(word));
  }
}
