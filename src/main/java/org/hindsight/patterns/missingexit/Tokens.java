package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splitting CLI lines into words (double quotes keep a word together, as all dialects here do). */
final class Tokens {
  private Tokens() {}

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : line.trim().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (!cur.isEmpty()) out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.isEmpty()) out.add(cur.toString());
    return out;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static String normalise(String line) {
    return String.join(" ", split(line));
  }

  /** The routing protocol a (possibly mistyped) word starts with: {@code bgp4766} → bgp. */
  static String protocolPrefix(String word) {
    String w = lower(word).replace("\"", "");
    for (String p : List.of("ospfv3", "ospf", "isis", "is-is", "bgp", "eigrp", "rip", "static")) {
      if (w.startsWith(p)) return Protocols.normalise(p);
    }
    return "";
  }

  /** Compiled once: number() runs for every token of every config line. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?");

  static boolean number(String s) {
    return NUMBER.matcher(s).matches();
  }
}
