package org.hindsight.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hindsight.facts.SourceRef;

/** Which rules fired, how often, and on which records (the first few matches each), for explain. */
public final class FiringLog {
  static final int MATCHES_KEPT_PER_RULE = 50;

  /** One firing: the records of the facts it matched. */
  public record Match(List<SourceRef> records, List<String> facts) {}

  /** One rule's firings: how many, and the first matches. */
  private static final class OfRule {
    long count;
    final List<Match> kept = new ArrayList<>();
  }

  // Asked once per firing: hashed, not sorted (rule names share long prefixes, "change-correlation: …",
  // which a sorted map compared character by character at every step); sorted when read.
  private final Map<String, OfRule> byRule = new HashMap<>();
  private long total;

  /**
   * Counts a firing of {@code rule}; {@code match} is asked for only while the rule's first matches are
   * still being kept (a firing's records are read from its facts: most firings need none).
   */
  void fired(String rule, java.util.function.Supplier<Match> match) {
    OfRule r = byRule.computeIfAbsent(rule, k -> new OfRule());
    r.count++;
    total++;
    if (r.kept.size() < MATCHES_KEPT_PER_RULE) r.kept.add(match.get());
  }

  void fired(String rule, Match match) {
    fired(rule, () -> match);
  }

  public long count(String rule) {
    OfRule r = byRule.get(rule);
    return r == null ? 0 : r.count;
  }

  /** Firings per rule, by rule name. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    byRule.forEach((rule, r) -> out.put(rule, r.count));
    return java.util.Collections.unmodifiableMap(out);
  }

  public List<Match> matches(String rule) {
    OfRule r = byRule.get(rule);
    return r == null ? List.of() : java.util.Collections.unmodifiableList(r.kept);
  }

  public long total() {
    return total;
  }

  /** The rule that fired most: the suspect when the budget runs out (of equals, the first by name). */
  String busiest() {
    return counts().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("(none)");
  }
}
