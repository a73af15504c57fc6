package org.hindsight.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.KieBase;

/** Compiled rules, ready for sessions, with each rule's source location and metadata. */
public final class RuleBase {
  private final KieBase kieBase;
  private final Map<String, RuleInfo> rulesByName;
  private final List<RuleProblem> warnings;
  private final java.time.Duration retention;
  private final Map<String, String[]> sourceLines;
  private final Map<String, QueryInfo> queries;
  private final String origin;

  RuleBase(KieBase kieBase, Map<String, RuleInfo> rulesByName, List<RuleProblem> warnings, java.time.Duration retention,
      Map<String, String[]> sourceLines, Map<String, QueryInfo> queries, String origin) {
    this.queries = Map.copyOf(queries);
    this.kieBase = kieBase;
    this.rulesByName = rulesByName;
    this.warnings = warnings;
    this.retention = retention;
    this.sourceLines = sourceLines;
    this.origin = origin;
  }

  /** How the rules were loaded: pre-compiled at build time, compiled now, or both (for benchmarks and tests). */
  public String origin() {
    return origin;
  }

  /** A place in the DRL sources: the rule around it and the line. */
  record Place(RuleInfo rule, int line) {}

  /**
   * Where a piece of DRL text is written, for errors Drools reports by expression only (a
   * condition failing at run time names no rule). Null when not found.
   */
  Place locate(String text) {
    for (RuleInfo r : rules()) {
      String[] lines = sourceLines.get(r.file());
      if (lines == null) continue;
      for (int i = Math.max(0, r.line() - 1); i < lines.length; i++) {
        if (i > r.line() - 1 && lines[i].trim().matches("(rule|end)\\b.*")) break;
        if (lines[i].contains(text)) return new Place(r, i + 1);
      }
    }
    return null;
  }

  /** How long an event stays in a session after its timestamp. */
  public java.time.Duration retention() {
    return retention;
  }

  KieBase kieBase() {
    return kieBase;
  }

  /** Every rule, ordered by file and line. */
  public List<RuleInfo> rules() {
    return rulesByName.values().stream()
        .sorted(java.util.Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line))
        .toList();
  }

  public Optional<RuleInfo> rule(String name) {
    return Optional.ofNullable(rulesByName.get(name));
  }

  /** Finds a rule by its {@code @id} or its name. */
  public Optional<RuleInfo> byIdOrName(String key) {
    return rules().stream().filter(r -> r.id().equals(key) || r.name().equals(key)).findFirst();
  }

  /** Every DRL query, in declaration order. */
  public List<QueryInfo> queries() {
    return queries.values().stream()
        .sorted(java.util.Comparator.comparing((QueryInfo q) -> q.at().file()).thenComparingInt(q -> q.at().line()))
        .toList();
  }

  /** Compiler warnings (not errors), cleaned up like errors. */
  public List<RuleProblem> warnings() {
    return warnings;
  }
}
