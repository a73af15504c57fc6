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

  /** Words of an action that looks at the working memory as a whole, where any fact may be seen. */
  private static final java.util.regex.Pattern READS_MEMORY = java.util.regex.Pattern.compile(
      "\\b(getObjects|getFactHandles?|getFactCount|getKieRuntime|getKnowledgeRuntime|getWorkingMemory|getEntryPoints?|kcontext)\\b");
  private final Map<Class<?>, Boolean> matchable = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Boolean actionsReadMemory;

  /**
   * Whether a fact of this class can take part in any match: some rule or query has a pattern on it
   * or on a supertype (Drools's object type nodes with conditions below them), or an action looks
   * at the working memory as a whole. A fact no pattern can match changes no result: the session
   * leaves it out (in a big bundle, e.g. CLI lines that only derived facts are read from).
   */
  public boolean matchable(Class<?> type) {
    if (actionsReadMemory == null) {
      boolean reads = false;
      for (String[] lines : sourceLines.values()) {
        for (String line : lines) reads |= READS_MEMORY.matcher(line).find();
      }
      actionsReadMemory = reads;
    }
    if (actionsReadMemory) return true;
    return matchable.computeIfAbsent(type, t -> {
      var rete = ((org.drools.kiesession.rulebase.InternalKnowledgeBase) kieBase).getRete();
      try {
        for (var node : List.copyOf(rete.getObjectTypeNodes(org.drools.base.rule.EntryPointId.DEFAULT).values())) {
          // a node Drools made for a class inserted earlier has nothing below it
          if (node.getObjectType().isAssignableFrom(t) && node.getObjectSinkPropagator().size() > 0) return true;
        }
      } catch (java.util.ConcurrentModificationException e) {
        return true; // another session adding a node for a new class: assume the worst
      }
      return false;
    });
  }

  /** The probes of which event types these rules read, when the build made them (see {@link #knownEventReads}). */
  interface EventReadsSource {
    RuleEventReads.Probes probes() throws java.io.IOException, ClassNotFoundException;
  }

  /** Set by the compiler for rules loaded whole as pre-compiled at build time; null otherwise. */
  volatile EventReadsSource eventReads;

  /** Whether {@link #knownEventReads} may answer (it still answers null when the build's probes are unusable). */
  public boolean mayKnowEventReads() {
    return eventReads != null;
  }

  /**
   * Which of {@code types} the rules read ({@link RuleEventReads.Reads}), when that is known without
   * compiling DRL: rules loaded as the build pre-compiled them, with no other folder. Null otherwise (a
   * user's folder, an edited rule file), and then only {@link RuleEventReads#reads} can say, at the cost
   * of a compile.
   */
  public RuleEventReads.Reads knownEventReads(java.util.Collection<String> types) {
    EventReadsSource source = eventReads;
    if (source == null) return null;
    try {
      RuleEventReads.Probes probes = source.probes();
      return probes == null ? null : RuleEventReads.reads(probes, types);
    } catch (java.io.IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      return null; // unusable: as if unknown (every event stays, or the run-time probe decides)
    }
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
