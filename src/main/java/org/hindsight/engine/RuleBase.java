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

  RuleBase(KieBase kieBase, Map<String, RuleInfo> rulesByName, List<RuleProblem> warnings, java.time.Duration retention) {
    this.kieBase = kieBase;
    this.rulesByName = rulesByName;
    this.warnings = warnings;
    this.retention = retention;
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

  /** Compiler warnings (not errors), cleaned up like errors. */
  public List<RuleProblem> warnings() {
    return warnings;
  }
}
