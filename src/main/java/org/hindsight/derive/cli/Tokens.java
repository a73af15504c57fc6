package org.hindsight.derive.cli;

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

  /** Levenshtein distance, capped: enough to tell {@code route} from {@code router}. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The routing protocol a (possibly mistyped) word starts with: {@code bgp4766} → bgp. */
  static String protocolPrefix(String word) {
    String w = lower(word).replace("\"", "");
    for (String p : List.of("ospfv3", "ospf", "isis", "is-is", "bgp", "eigrp", "rip", "static")) {
      if (w.startsWith(p)) return Protocols.normalise(p);
    }
    return "";
  }

  static boolean number(String s) {
    return s.matches("\\d+(\\.\\d+)?");
  }
}
