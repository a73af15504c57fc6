package org.hindsight.patterns.typoscopedshutdown;

import org.hindsight.util.EditDistance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.simulate.SimulationBudget;

/**
 * Selectors a small slip away from what was typed: one character deleted, inserted, replaced or
 * swapped ({@code --count 40} → {@code --count 4}), two characters deleted, a lost pair of range
 * brackets ({@code bill-01-04} ↔ {@code bill-[01-04]}), or a whole name segment lost before a
 * wildcard ({@code img-*} → {@code img-thumb-*}). Each comes with its cost (1 per slip).
 */
public final class NearbySelectors {
  /** Beyond this many candidates the search stops (each one is parsed and resolved). */
  public static final int MAX_CANDIDATES = 20_000;

  /** A bare range ({@code 01-04}): compiled once, not by {@code String.matches} for every substring of every typed selector. */
  private static final java.util.regex.Pattern DIGIT_RANGE = java.util.regex.Pattern.compile("\\d+-\\d+");

  private NearbySelectors() {}

  /**
   * @param typed the selector as typed
   * @param segments name segments seen in the inventory near the typed selector ({@code thumb-})
   * @return candidate → cost, cheapest first
   */
  public static Map<String, Integer> candidates(String typed, Set<String> segments, SimulationBudget budget) {
    Map<String, Integer> out = new LinkedHashMap<>();
    int n = typed.length();
    Set<Character> alphabet = new LinkedHashSet<>();
    for (char c = '0'; c <= '9'; c++) alphabet.add(c);
    for (char c : "[]-*".toCharArray()) alphabet.add(c);
    for (char c : typed.toCharArray()) if (!Character.isWhitespace(c)) alphabet.add(c);
    // Cost 1: a lost name segment before a wildcard (first: the likeliest reading of a wide glob).
    for (int i = typed.indexOf('*'); i >= 0 && budget.step(); i = typed.indexOf('*', i + 1)) {
      for (String seg : segments) add(out, typed.substring(0, i) + seg + typed.substring(i), 1);
    }
    // Cost 1: one character.
    for (int i = 0; i < n && budget.step(); i++) add(out, typed.substring(0, i) + typed.substring(i + 1), 1);
    for (int i = 0; i + 1 < n && budget.step(); i++) {
      add(out, typed.substring(0, i) + typed.charAt(i + 1) + typed.charAt(i) + typed.substring(i + 2), 1);
    }
    for (int i = 0; i <= n && budget.step(); i++) {
      for (char c : alphabet) {
        add(out, typed.substring(0, i) + c + typed.substring(i), 1);
        if (i < n && c != typed.charAt(i)) add(out, typed.substring(0, i) + c + typed.substring(i + 1), 1);
      }
    }
    // Cost 1: a lost pair of range brackets.
    for (int i = 0; i < n && out.size() < MAX_CANDIDATES; i++) {
      if (!Character.isDigit(typed.charAt(i))) continue;
      for (int j = i + 1; j <= n && budget.step(); j++) {
        String inside = typed.substring(i, j);
        if (DIGIT_RANGE.matcher(inside).matches()) add(out, typed.substring(0, i) + "[" + inside + "]" + typed.substring(j), 1);
      }
    }
    // Cost 2: two characters deleted.
    for (int i = 0; i < n && out.size() < MAX_CANDIDATES; i++) {
      for (int j = i + 1; j < n && budget.step(); j++) {
        add(out, typed.substring(0, i) + typed.substring(i + 1, j) + typed.substring(j + 1), 2);
      }
    }
    out.remove(typed);
    return out;
  }

  private static void add(Map<String, Integer> out, String candidate, int cost) {
    if (out.size() >= MAX_CANDIDATES || candidate.isBlank()) return;
    out.merge(candidate, cost, Math::min);
  }

  /** The name segments ({@code thumb-}) that follow {@code prefix} in the given names. */
  public static Set<String> segmentsAfter(String prefix, List<String> names, int limit) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (!name.startsWith(prefix)) continue;
      int from = prefix.length();
      int k = from;
      while (k < name.length() && "-._".indexOf(name.charAt(k)) < 0) k++;
      if (k < name.length() && k > from) out.add(name.substring(from, k + 1));
      if (out.size() >= limit) break;
    }
    return out;
  }

  /**
   * Whether {@code b} is a small slip from {@code a}: Damerau–Levenshtein distance ≤ 2, or one
   * contiguous block of at most 16 characters inserted or deleted (a lost word).
   */
  public static boolean smallSlip(String a, String b) {
    if (EditDistance.optimalStringAlignment(a, b) <= 2) return true;
    String longer = a.length() >= b.length() ? a : b;
    String shorter = longer == a ? b : a;
    int gap = longer.length() - shorter.length();
    if (gap == 0 || gap > 16) return false;
    int p = 0;
    while (p < shorter.length() && shorter.charAt(p) == longer.charAt(p)) p++;
    return longer.substring(p + gap).equals(shorter.substring(p));
  }

  static List<String> sortedByCost(Map<String, Integer> candidates) {
    List<String> out = new ArrayList<>(candidates.keySet());
    out.sort(java.util.Comparator.comparingInt(candidates::get));
    return out;
  }
}
