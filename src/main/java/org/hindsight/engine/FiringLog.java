package org.hindsight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hindsight.facts.SourceRef;

/** Which rules fired, how often, and on which records (the first few matches each), for explain. */
public final class FiringLog {
  static final int MATCHES_KEPT_PER_RULE = 50;

  /** One firing: the records of the facts it matched. */
  public record Match(List<SourceRef> records, List<String> facts) {}

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<Match>> matches = new TreeMap<>();

  void fired(String rule, Match match) {
    counts.merge(rule, 1L, Long::sum);
    List<Match> kept = matches.computeIfAbsent(rule, k -> new ArrayList<>());
    if (kept.size() < MATCHES_KEPT_PER_RULE) kept.add(match);
  }

  public long count(String rule) {
    return counts.getOrDefault(rule, 0L);
  }

  public Map<String, Long> counts() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  public List<Match> matches(String rule) {
    return matches.getOrDefault(rule, List.of());
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The rule that fired most: the suspect when the budget runs out. */
  String busiest() {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("(none)");
  }
}
